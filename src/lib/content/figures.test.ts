/**
 * "Every figure shown to a student carries its source and year. Never invent a number."
 *
 * 1. Every figure in a module's text (money, percentages, counts with thousands separators) is
 *    listed in that module's figures.yaml with a source and a year: lessons, checks, quiz, glossary
 *    and exercise data alike (chart data has its own test against the archived texts in src/lib/charts).
 * 2. Every listed figure is found in what the repo holds of its source: the archived text
 *    (modules/sources/<id>.txt) or, for a source the repo does not archive, the values and statements
 *    of its facts in modules/facts/. A listed value may be descriptive ("more than 42,000",
 *    "1 October 2015"): its figures, or failing those its numbers, are what must appear. Arithmetic on
 *    sourced numbers (a weight difference, weight x the example base rate) is allowed when the row's
 *    `where` starts with `derived`; the course's own labelled examples have source ids starting with
 *    `course-`. Nothing outside the repository is read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCourse } from './loader';
import { sourceEvidence } from './source-archive';

const root = resolve(import.meta.dirname, '../../..');
const course = loadCourse({ root });
const evidence = new Map(course.sources.map((s) => [s.id, sourceEvidence(root, course.sources, course.facts, s.id)]));

/** Money ($40,350 / $19.40), percentages (19.4%, 11 percent) and counts with separators (215,500). */
const FIGURE = /\$\d{1,3}(?:,\d{3})+(?:\.\d+)?|\$\d+(?:\.\d+)?|\b\d+(?:\.\d+)?(?:\s?%|\s?percent\b)|\b\d{1,3}(?:,\d{3})+\b/g;

export function figuresIn(text: string): string[] {
  return [...text.matchAll(FIGURE)].map((m) => normalise(m[0]));
}

/**
 * Counts with a unit of time or size ("30 calendar days", "18 weeks", "2-year", "7 characters"),
 * which the money/percent pattern above misses; an age such as "40-year-old" is not a figure.
 */
const UNIT_FIGURE =
  /\b\d+(?:,\d{3})*(?:\.\d+)?(?:-|\s)(?:calendar\s|more\s|college\s|continuing education\s|CE\s)?(?:days?|weeks?|months?|years?|hours?|characters?|CEUs?|units?|credits?|semesters?|minutes?|digits?)\b(?!-old)/gi;

export function unitFiguresIn(text: string): string[] {
  return [...text.matchAll(UNIT_FIGURE)].map((m) => m[0].replace(/\s+/g, ' ').toLowerCase());
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
  // Citations and ids ("work-q-2002-week") are not text a student reads as a figure.
  return [...files, ...exercises].map((f) => ({
    file: f,
    text: readFileSync(join(dir, f), 'utf8')
      .replace(/\{\{src:[^}]+\}\}/g, '')
      .replace(/^\s*-?\s*id: .*$/gm, '')
  }));
}

const moduleDirs = readdirSync(join(root, 'modules')).filter((d) => /^\d{2}-/.test(d));

describe.each(moduleDirs)('figures in %s', (dir) => {
  const path = join(root, 'modules', dir);
  const listedRows = existsSync(join(path, 'figures.yaml'))
    ? (parse(readFileSync(join(path, 'figures.yaml'), 'utf8')) as { value: string; source: string; year: string; where?: string }[])
    : [];
  const listed = new Set(listedRows.flatMap((r) => [normalise(r.value), ...figuresIn(r.value)]));
  const listedText = listedRows.map((r) => r.value.toLowerCase()).join(' | ');

  it('every figure in the text is listed in figures.yaml with its source and year', () => {
    const missing = moduleText(path).flatMap(({ file, text }) => [
      ...figuresIn(text).filter((f) => !listed.has(f)),
      ...unitFiguresIn(text).filter((f) => !listedText.includes(f))
    ].map((f) => `${file}: ${f}`));
    expect([...new Set(missing)]).toEqual([]);
  });

  it('every listed figure is found in its archived source text or in its source\'s facts', () => {
    const unfound = listedRows
      .filter((row) => !/^derived/i.test(row.where ?? '') && !row.source.startsWith('course-'))
      .filter((row) => !isFound(row.value, evidence.get(row.source) ?? ''))
      .map((row) => `${row.value} (${row.source})`);
    expect(unfound).toEqual([]);
  });
});

/**
 * True when every figure of `value` (or, when it has none, every number) appears in `text`; a value
 * with no digits at all ("one third", "six sections") must appear itself, ignoring case.
 */
export function isFound(value: string, text: string): boolean {
  const figures = figuresIn(value);
  const needed = figures.length ? figures : (value.match(/\d+(?:\.\d+)?/g) ?? []);
  if (!needed.length) return text.toLowerCase().includes(value.toLowerCase());
  return needed.every((f) => spellings(f).some((s) => text.includes(s)));
}

describe('isFound (the check above fails on an invented figure)', () => {
  it.each([
    ['$40,350', true],
    ['$40,351', false],
    ['11%', true],
    ['12%', false],
    ['215,500', true],
    ['about 300,000', false],
    ['one third', false],
    ['much faster than the average', true]
  ])('%s in the BLS 2019 archive -> %s', (value, expected) => expect(isFound(value, evidence.get('bls-ooh-2019')!)).toBe(expected));

  it('reads a fact-backed source from modules/facts/ only', () => {
    expect(isFound('30 calendar days', evidence.get('hhs-ocr-access')!)).toBe(true);
    expect(isFound('45 calendar days', evidence.get('hhs-ocr-access')!)).toBe(false);
    // A figure restated for one source does not vouch for another.
    expect(isFound('1,950 hours', evidence.get('ahima-rhit')!)).toBe(false);
    expect(isFound('1,950 hours', evidence.get('ncra-ctr')!)).toBe(true);
  });
});

describe('unitFiguresIn', () => {
  it.each([
    ['Act within 30 calendar days, or 30 more days.', ['30 calendar days', '30 more days']],
    ['Training lasts 6 to 18 weeks; a 2-year cycle of 20 CEUs.', ['18 weeks', '2-year', '20 ceus']],
    ['The year of birth of a 40-year-old patient, code I50.9, 2018.', []]
  ])('%s', (text, expected) => expect(unitFiguresIn(text)).toEqual(expected));
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
