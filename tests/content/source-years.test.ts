/**
 * "Every figure shown to a student carries its source and year" (GUIDE): a citation shows a
 * source's `short` name, so the short states the source's date (a year, "FY2026", or "current
 * page" / "undated" for pages that give none), and the year sources.yaml gives an archived source
 * is one its archived text states, unless the entry says what it was inferred from ("matches").
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lib/content/loader';
import { archivedText } from '../../src/lib/content/source-archive';

const root = resolve(import.meta.dirname, '../..');
const course = loadCourse({ root });

const yearsOf = (text: string) => text.match(/(?:FY)?(?:19|20)\d\d/g) ?? [];
const UNDATED = /\b(current|undated|archived|since)\b/;

describe('sources show their year', () => {
  it.each(course.sources.map((s) => [s.id, s] as const))('%s: its citation shows its date', (_id, source) => {
    const years = yearsOf(source.year);
    const shown = years.some((y) => source.short.includes(y)) || UNDATED.test(source.short);
    expect(shown, `short "${source.short}" does not show the year "${source.year}"`).toBe(true);
  });

  it.each(course.sources.filter((s) => s.archive).map((s) => [s.id, s] as const))('%s: its year is one its archived text gives', (_id, source) => {
    const text = archivedText(root, source);
    const missing = yearsOf(source.year)
      .map((y) => y.replace(/^FY/, ''))
      .filter((y) => !text.includes(y));
    if (missing.length) expect(source.year, `years ${missing.join(', ')} are not in modules/${source.archive}; say what they were inferred from`).toMatch(/matches/);
  });
});
