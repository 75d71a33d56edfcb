/**
 * "Every figure shown to a student carries its source and year. Never invent a number."
 *
 * 1. Every figure in a module's text (money, percentages, counts with thousands separators) is
 *    listed in that module's figures.yaml with a source and a year: lessons, checks, quiz, glossary
 *    and exercise data alike (chart data has its own test against the seeds in src/lib/charts).
 * 2. Every listed figure whose source is a seed appears in that seed's text; figures from the
 *    other sources appear in ../shared/reference/FACTS.md, where those facts were gathered.
 *    A listed value may be descriptive ("more than 42,000", "1 October 2015"): its figures, or
 *    failing those its numbers, are what must appear. Arithmetic on sourced numbers (a weight
 *    difference, weight x the example base rate) is allowed when the row's `where` starts with
 *    `derived`; the course's own labelled examples have source ids starting with `course-`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCourse } from './loader';

const root = resolve(import.meta.dirname, '../../..');
const shared = resolve(root, '../shared');
const course = loadCourse({ root });
const sources = new Map(course.sources.map((s) => [s.id, s]));
const facts = existsSync(join(shared, 'reference/FACTS.md')) ? readFileSync(join(shared, 'reference/FACTS.md'), 'utf8') : '';

/** Money ($40,350 / $19.40), percentages (19.4%, 11 percent) and counts with separators (215,500). */
const FIGURE = /\$\d{1,3}(?:,\d{3})+(?:\.\d+)?|\$\d+(?:\.\d+)?|\b\d+(?:\.\d+)?(?:\s?%|\s?percent\b)|\b\d{1,3}(?:,\d{3})+\b/g;

export function figuresIn(text: string): string[] {
  return [...text.matchAll(FIGURE)].map((m) => normalise(m[0]));
}

/** One spelling per figure: "11 percent" and "11 %" read as "11%". */
function normalise(figure: string): string {
  return figure.replace(/\s?percent$/, '%').replace(/\s%$/, '%');
}

/** The text of a figure as a seed may write it: "$40,350", "40,350", "19.4%", "19.4 percent". */
function spellings(value: string): string[] {
  const bare = value.replace(/^\$/, '').replace(/%$/, '');
  return [value, bare, `${bare} percent`, `${bare}%`, `$${bare}`];
}

/** Everything in a module a student reads: lessons, overview, checks, quiz, glossary, exercise data. */
function moduleText(dir: string): { file: string; text: string }[] {
  const read = /^\d{2}-.*\.md$|^(index\.md|quiz\.yaml|checks\.yaml|glossary\.yaml)$/;
  const files = readdirSync(dir).filter((f) => read.test(f));
  const exercises = existsSync(join(dir, 'exercises')) ? readdirSync(join(dir, 'exercises')).map((f) => join('exercises', f)) : [];
  return [...files, ...exercises].map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8').replace(/\{\{src:[^}]+\}\}/g, '') }));
}

const moduleDirs = readdirSync(join(root, 'modules')).filter((d) => /^\d{2}-/.test(d));

describe.each(moduleDirs)('figures in %s', (dir) => {
  const path = join(root, 'modules', dir);
  const listedRows = existsSync(join(path, 'figures.yaml'))
    ? (parse(readFileSync(join(path, 'figures.yaml'), 'utf8')) as { value: string; source: string; year: string; where?: string }[])
    : [];
  const listed = new Set(listedRows.flatMap((r) => [normalise(r.value), ...figuresIn(r.value)]));

  it('every figure in the text is listed in figures.yaml with its source and year', () => {
    const missing = moduleText(path).flatMap(({ file, text }) => figuresIn(text).filter((f) => !listed.has(f)).map((f) => `${file}: ${f}`));
    expect([...new Set(missing)]).toEqual([]);
  });

  it('every listed figure is found in its source text', () => {
    const unfound = listedRows
      .filter((row) => !/^derived/i.test(row.where ?? '') && !row.source.startsWith('course-'))
      .filter((row) => {
        const source = sources.get(row.source);
        const text = source?.seed ? readFileSync(join(shared, 'seeds', source.seed), 'utf8') : facts;
        const figures = figuresIn(row.value);
        const needed = figures.length ? figures : (row.value.match(/\d+(?:\.\d+)?/g) ?? []);
        return !needed.every((f) => spellings(f).some((s) => text.includes(s)));
      })
      .map((row) => `${row.value} (${row.source})`);
    expect(unfound).toEqual([]);
  });
});

describe('figuresIn', () => {
  it.each([
    ['Median pay was $40,350 in May 2018.', ['$40,350']],
    ['It grew 11 percent, or 19.4% in Washington.', ['11%', '19.4%']],
    ['About 215,500 jobs; $19.40 an hour.', ['215,500', '$19.40']],
    ['Code I50.9 and DRG 291 in 2018.', []],
    ['A rate of $6,000, times 1.2685.', ['$6,000']]
  ])('%s', (text, expected) => {
    expect(figuresIn(text)).toEqual(expected);
  });
});
