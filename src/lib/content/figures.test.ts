/**
 * "Every figure shown to a student carries its source and year. Never invent a number."
 *
 * 1. Every figure in a module's text is listed in that module's figures.yaml with a source and a
 *    year: money, percentages, counts with thousands separators, counts of a unit or a counted
 *    thing ("30 calendar days", "18 kinds", "about 770 MS-DRGs"), DRG weights ("1.9563"), years
 *    (unless a source cited in the same file is dated that year, as in "(BLS OOH, 2019)") and the
 *    answer of every numeric question. Lessons, checks, quiz, glossary, exercise data and the
 *    lesson blocks' data folders (diagrams/, sorts/, scenarios/, processes/, timelines/) alike;
 *    chart data has its own test against the archived texts (src/lib/charts/data.test.ts).
 * 3. Every listed figure's year is one its source gives (the source's year in sources.yaml, or the
 *    years of that source's facts in modules/facts/).
 * 2. Every listed figure is found in what the repo holds of its source: the archived text
 *    (modules/sources/<id>.txt) or, for a source the repo does not archive, the values and statements
 *    of its facts in modules/facts/. A listed value may be descriptive ("more than 42,000",
 *    "October 1, 2015"): its figures, or failing those its numbers, are what must appear. Arithmetic on
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
 * Years shown to a student (1996, "May 2018"); not part of a longer number, a code or a range end
 * ("2018-28" is read as 2018).
 */
const YEAR = /(?<![\w.,$/-])(?:19|20)\d\d(?![\w,]|\.\d)/g;

export function yearsIn(text: string): string[] {
  return [...text.matchAll(YEAR)].map((m) => m[0]);
}

/** A MS-DRG relative weight as CMS Table 5 prints it: one digit, four decimals ("1.9563"). */
const WEIGHT = /(?<![\w.])\d\.\d{4}(?![\d])/g;

export function weightsIn(text: string): string[] {
  return [...text.matchAll(WEIGHT)].map((m) => m[0]);
}

/**
 * Counts with a unit of time or size ("30 calendar days", "18 weeks", "2-year", "7 characters"),
 * which the money/percent pattern above misses; an age such as "40-year-old" is not a figure.
 */
const UNIT_FIGURE =
  /\b\d+(?:,\d{3})*(?:\.\d+)?(?:-|\s)(?:calendar\s|more\s|college\s|continuing education\s|CE\s)?(?:days?|weeks?|months?|years?|hours?|characters?|CEUs?|units?|credits?|semesters?|minutes?|digits?|kinds?|identifiers?|MS-DRGs|DRGs|MDCs|jobs|categories|elements?|counties|states)\b(?!-old)/gi;

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

/**
 * The data folders a student reads from: exercises and the lesson blocks (every folder of a module
 * except charts/, whose numbers src/lib/charts/data.test.ts checks against the archived texts).
 * A new block folder is read as soon as it exists.
 */
export function dataFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'charts')
    .map((d) => d.name);
}

/** Everything in a module a student reads: lessons, overview, checks, quiz, glossary, data folders. */
function moduleText(dir: string): { file: string; text: string; raw: string }[] {
  const read = /^\d{2}-.*\.md$|^(index\.md|quiz\.yaml|checks\.yaml|glossary\.yaml)$/;
  const files = readdirSync(dir).filter((f) => read.test(f));
  const data = dataFolders(dir).flatMap((folder) =>
    readdirSync(join(dir, folder))
      .filter((f) => /\.(ya?ml|md)$/.test(f))
      .map((f) => join(folder, f))
  );
  // Citations, comments and ids ("work-q-2002-week") are not text a student reads as a figure.
  return [...files, ...data].map((f) => {
    const raw = readFileSync(join(dir, f), 'utf8');
    return {
      file: f,
      raw,
      text: raw
        .replace(/\{\{src:[^}]+\}\}/g, '')
        .replace(/^\s*-?\s*(?:id|lesson|objective|slug|group|target|answer|tolerance|difficulty|minutes|draw):.*$/gm, '')
        .replace(/^\s*#.*$/gm, '')
        // A fictional patient's dates (the chart audit's birth, admission and signature dates).
        .replace(/^\s*(?:dateOfBirth|admitted|discharged|date):.*$/gm, '')
        .replace(/signed: [^"\n]*?(?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2},) \d{4}/g, '')
        .replace(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g, (slug) => (/[a-z]/.test(slug) && /-[a-z]/.test(slug) ? '' : slug))
    };
  });
}

const sourcesById = new Map(course.sources.map((s) => [s.id, s]));

/** Sources a file cites: {{src:id}}, `source: id`, or a source's short name written out. */
function citedIn(raw: string): typeof course.sources {
  const flat = raw.replace(/\s+/g, ' ');
  const ids = new Set([...flat.matchAll(/\{\{src:([a-z0-9-]+)\}\}|\bsource[=:]\s*"?([a-z0-9-]+)/g)].map((m) => m[1] ?? m[2]!));
  return course.sources.filter((s) => ids.has(s.id) || flat.includes(s.short));
}

/** Years written in a source's dating: "FY2026" is 2026, "2018-28" is 2018 and 2028. */
function expandYears(text: string): string {
  return text.replace(/FY(\d{4})/g, ' $1 ').replace(/\b(\d{2})(\d{2})-(\d{2})\b/g, '$1$2 $1$3');
}

/** The numeric answers of a quiz or check file (type: numeric), as "34" or "11737.8". */
function numericAnswers(file: string, raw: string): string[] {
  if (!/^(quiz|checks)\.yaml$/.test(file)) return [];
  const doc = parse(raw) as unknown;
  const items: unknown[] = Array.isArray(doc) ? doc : ((doc as { items?: unknown[] })?.items ?? []);
  return items.flatMap((item) => {
    const it = item as { type?: string; answer?: unknown };
    return it?.type === 'numeric' && typeof it.answer === 'number' ? [String(it.answer)] : [];
  });
}

/** Every number written in a listed value, as a plain number ("$11,737.80" -> "11737.8"). */
function plainNumbers(values: string[]): Set<string> {
  return new Set(values.flatMap((v) => (v.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => String(Number(n.replace(/,/g, ''))))));
}

/** The years a source gives: its year in sources.yaml and the years of its facts. */
function sourceYears(id: string): string {
  const source = sourcesById.get(id);
  return expandYears([source?.year ?? '', source?.short ?? '', source?.title ?? '', ...course.facts.filter((f) => f.source === id).map((f) => (f as { year?: string }).year ?? '')].join(' '));
}

const moduleDirs = readdirSync(join(root, 'modules')).filter((d) => /^\d{2}-/.test(d));

describe.each(moduleDirs)('figures in %s', (dir) => {
  const path = join(root, 'modules', dir);
  const listedRows = existsSync(join(path, 'figures.yaml'))
    ? (parse(readFileSync(join(path, 'figures.yaml'), 'utf8')) as { value: string; source: string; year: string; where?: string }[])
    : [];
  const listed = new Set(listedRows.flatMap((r) => [normalise(r.value), ...figuresIn(r.value)]));
  const listedText = listedRows.map((r) => r.value.toLowerCase()).join(' | ');

  const listedYears = new Set(listedRows.flatMap((r) => yearsIn(r.value)));
  const texts = moduleText(path);
  // Years are checked against every source the module cites (its quiz and checks write citations
  // out in words, "the BLS handbook (2019)"), so a year no source of the module gives fails.
  const moduleYears = [...new Set(texts.flatMap(({ raw }) => citedIn(raw).map((s) => s.id)))].map(sourceYears).join(' ');
  // A numeric answer read off a chart is checked with the chart's data (src/lib/charts/data.test.ts).
  const chartDir = join(path, 'charts');
  const chartNumbers = existsSync(chartDir) ? readdirSync(chartDir).map((f) => readFileSync(join(chartDir, f), 'utf8')).join('\n') : '';
  const answerSources = plainNumbers([...listedRows.map((r) => r.value), ...(chartNumbers.match(/(?<=: |\[|, )\d+(?:\.\d+)?(?=[,\]\s}])/g) ?? [])]);
  /** A number written with its unit ("18 kinds") counts as listed when the number is a listed figure. */
  const listedAsNumber = (unitFigure: string) => {
    const n = /^[\d,.]+/.exec(unitFigure)?.[0] ?? '';
    return listedRows.some((r) => new RegExp(`(?<![\\d.,])${n.replace(/[.]/g, '\\.')}(?![\\d]|[.,]\\d)`).test(r.value));
  };

  it('every figure in the text is listed in figures.yaml with its source and year', () => {
    const missing = texts.flatMap(({ file, text, raw }) => {
      const cited = citedIn(raw);
      const citedEvidence = cited.map((s) => evidence.get(s.id) ?? '').join('\n');
      return [
        ...figuresIn(text).filter((f) => !listed.has(f)),
        ...unitFiguresIn(text).filter((f) => !listedText.includes(f) && !listedAsNumber(f)),
        ...weightsIn(text).filter((w) => !listedText.includes(w) && !citedEvidence.includes(w)),
        ...yearsIn(text).filter((y) => !listedYears.has(y) && !moduleYears.includes(y)).map((y) => `${y} (a year no source of this module gives)`),
        ...numericAnswers(file, raw).filter((a) => !answerSources.has(String(Number(a)))).map((a) => `answer: ${a} (not a listed figure)`)
      ].map((f) => `${file}: ${f}`);
    });
    expect([...new Set(missing)]).toEqual([]);
  });

  it("every listed figure's year is one its source gives", () => {
    const wrong = listedRows
      .filter((row) => !row.source.startsWith('course-'))
      .filter((row) => yearsIn(expandYears(row.year)).some((y) => !sourceYears(row.source).includes(y)))
      .map((row) => `${row.value} (${row.source}): year "${row.year}" is not one the source gives ("${sourcesById.get(row.source)?.year}")`);
    expect(wrong).toEqual([]);
  });

  it('every listed figure is found in its archived source text or in its source\'s facts', () => {
    const unfound = listedRows
      .filter((row) => !/^derived/i.test(row.where ?? '') && !row.source.startsWith('course-'))
      .filter((row) => !isFound(row.value, evidence.get(row.source) ?? ''))
      .map((row) => `${row.value} (${row.source})`);
    expect(unfound).toEqual([]);
  });
});

/** One spelling of a count with its unit: "2-hour" and "2 hours" read as "2 hour"; CEUs spelled out. */
function sameUnit(text: string): string {
  return text
    .toLowerCase()
    .replace(/continuing education units?/g, 'ceu')
    .replace(/(\d)-(?=[a-z])/g, '$1 ')
    .replace(/\s+/g, ' ')
    .replace(/\b([a-z]+?)s\b/g, '$1');
}

/**
 * True when every figure of `value` (or, when it has none, every number) appears in `text`, and every
 * count with its unit ("30 calendar days") appears with that unit; a value with no digits at all
 * ("one third", "six sections") must appear itself, ignoring case.
 */
export function isFound(value: string, text: string): boolean {
  // "30 calendar days" must appear with its unit: a bare 30 elsewhere in the source is not it.
  const units = unitFiguresIn(value).map(sameUnit);
  if (units.length) {
    const flat = sameUnit(text);
    if (!units.every((u) => flat.includes(u))) return false;
  }
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

  it('needs a count with its unit, not the bare number used for something else', () => {
    expect(isFound('30 calendar days', 'one extension of up to 30 more days')).toBe(false);
    expect(isFound('2-hour', 'the exam lasts 2 hours')).toBe(true);
    expect(isFound('20 continuing education units every 2 years', '20 CEUs on a 2-year cycle')).toBe(true);
  });
});

describe('yearsIn and weightsIn', () => {
  it.each([
    ['HIPAA passed in 1996; projections 2018-28; code I50.9; 45 CFR 164.514; MRN 00417825', ['1996', '2018']],
    ['DRG 291 weighs 1.2685 in FY2027', []]
  ])('years in %s', (text, expected) => expect(yearsIn(text)).toEqual(expected));
  it('weights', () => expect(weightsIn('DRG 291 weighs 1.2685; code I50.9; 42 CFR 482.24')).toEqual(['1.2685']));
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
