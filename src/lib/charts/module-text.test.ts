/**
 * Module 9's prose against its sources: every number a lesson paragraph, knowledge check or quiz
 * item shows must be found in what the repo holds of a source that paragraph or item cites: the
 * archived text (modules/sources/<id>.txt) or the source's facts in modules/facts/. Ordinals (25th)
 * and years are not figures. This keeps the lesson text as honest as the chart data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/loader';
import { sourceEvidence } from '../content/source-archive';
import { seedHasFigure } from './seed-match';

const repo = resolve(import.meta.dirname, '../../..');
const moduleDir = join(repo, 'modules/09-pay-and-outlook');
const course = loadCourse({ root: repo });
const evidence = new Map(course.sources.map((s) => [s.id, sourceEvidence(repo, course.sources, course.facts, s.id)]));

function sourceText(id: string): string {
  const text = evidence.get(id);
  if (text === undefined) throw new Error(`unknown source ${id}`);
  return text;
}

const citation = /\{\{src:([a-z0-9-]+)\}\}/g;
const figure = /\$?\d+(?:,\d{3})*(?:\.\d+)?%?/g;

/** Figures in `text` that none of its cited sources contain. Ordinals and years are skipped. */
export function unsupportedFigures(text: string): string[] {
  const cited = [...text.matchAll(citation)].map((m) => m[1]!);
  const plain = text.replace(citation, ' ');
  const bad: string[] = [];
  for (const m of plain.matchAll(figure)) {
    const token = m[0];
    const after = plain.slice(m.index! + token.length, m.index! + token.length + 2);
    if (/^(st|nd|rd|th)/.test(after)) continue; // 25th percentile
    if (/^(19|20)\d\d$/.test(token)) continue; // a year
    if (/^-\d\d/.test(plain.slice(m.index! + token.length)) || /\d{4}-$/.test(plain.slice(0, m.index!))) continue; // 2018-28
    if (!cited.some((id) => seedHasFigure(sourceText(id), token))) bad.push(`${token}${cited.length ? ` (cites ${cited.join(', ')})` : ' (no citation)'}`);
  }
  return bad;
}

describe('unsupportedFigures', () => {
  it.each([
    ['Hospitals paid $43,470 {{src:bls-ooh-2019}}.', []],
    ['Hospitals paid $43,470.', ['$43,470 (no citation)']],
    ['Hospitals paid $43,471 {{src:bls-ooh-2019}}.', ['$43,471 (cites bls-ooh-2019)']],
    ['The 25th percentile in 2018-28 and 2002 {{src:bls-ooh-2019}}.', []],
    ['A median of $50,250 in May 2024 {{src:bls-ooh-2024-specialists}}.', []]
  ] as const)('%s', (text, expected) => expect(unsupportedFigures(text)).toEqual(expected));
});

const lessonFiles = readdirSync(moduleDir).filter((f) => f.endsWith('.md'));

describe.each(lessonFiles)('modules/09-pay-and-outlook/%s', (file) => {
  const body = readFileSync(join(moduleDir, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  // A paragraph (or a list item, or a callout) is the unit a citation covers.
  const paragraphs = body.split(/\n\s*\n|\n(?=- )/).filter((p) => p.trim() && !p.trim().startsWith(':::') || /^::: callout/.test(p.trim()));
  it('cites a source holding every figure of each paragraph', () => {
    // Guard against a split that silently drops the text: each lesson quotes figures.
    if (file !== 'index.md') expect(paragraphs.join('\n').replace(citation, ' ').match(figure)?.length ?? 0).toBeGreaterThan(3);
    expect(paragraphs.flatMap((p) => unsupportedFigures(p).map((f) => `${f} in: ${p.trim().slice(0, 60)}...`))).toEqual([]);
  });
});

/** Text a student reads in an entry; ids, objective and lesson references are not shown. */
const HIDDEN_KEYS = new Set(['id', 'type', 'objective', 'lesson', 'target', 'source']);
const strings = (node: unknown): string[] =>
  typeof node === 'string'
    ? [node]
    : Array.isArray(node)
      ? node.flatMap(strings)
      : node && typeof node === 'object'
        ? Object.entries(node).flatMap(([k, v]) => (HIDDEN_KEYS.has(k) ? [] : strings(v)))
        : [];

describe.each(['checks.yaml', 'quiz.yaml', 'glossary.yaml'])('modules/09-pay-and-outlook/%s', (file) => {
  const raw = parse(readFileSync(join(moduleDir, file), 'utf8')) as { items?: Record<string, unknown>[] } | Record<string, unknown>[];
  const entries = Array.isArray(raw) ? raw : (raw.items ?? []);
  it.each(entries.map((e) => [String(e.id), e] as const))('%s: every figure is in a source the entry cites', (_id, entry) => {
    const text = strings(entry).join('\n') + (typeof entry.source === 'string' ? ` {{src:${entry.source}}}` : '');
    // A numeric answer is a figure too, written as the sources write numbers (58,380; 14.05).
    const answer = typeof entry.answer === 'number' ? ` ${entry.answer.toLocaleString('en-US', { maximumFractionDigits: 2 })}` : '';
    expect(unsupportedFigures(text + answer)).toEqual([]);
  });
});
