/**
 * Every glossary entry is reached from the lessons: a term a student can look up is a term a lesson
 * uses and links ([[term]] or [text](glossary:id)), so no entry sits in the glossary unexplained.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from './loader';

const course = loadCourse({ root: resolve(import.meta.dirname, '../../..') });

/** Glossary ids linked from a piece of compiled HTML (links are written as #/glossary/<id>). */
export function linkedGlossaryIds(html: string): string[] {
  return [...html.matchAll(/href="#\/glossary\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
}

describe('glossary links', () => {
  it('reads glossary links from compiled HTML', () => {
    expect(linkedGlossaryIds('<a class="term" href="#/glossary/drg">DRG</a> and <a href="#/glossary/mdc">MDC</a>')).toEqual(['drg', 'mdc']);
  });

  it('links every glossary entry from at least one lesson or module overview', () => {
    const lessonHtml = Object.values(course.modules)
      .flatMap((m) => [m.overviewHtml, ...m.lessons.flatMap((l) => l.blocks.map((b) => JSON.stringify(b)))])
      .join('\n')
      .replace(/\\"/g, '"');
    const linked = new Set(linkedGlossaryIds(lessonHtml));
    expect(course.glossary.map((g) => g.id).filter((id) => !linked.has(id))).toEqual([]);
  });
});
