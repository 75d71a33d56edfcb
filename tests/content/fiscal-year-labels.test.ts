/**
 * Medicare's DRG figures belong to a fiscal year (FY N runs from October 1 of year N-1), and the
 * course mixes two: the relative weights are FY2027's (CMS IPPS final rule CMS-1849-F, Table 5),
 * while the groupings and CC/MCC severities were checked with the FY2025 and FY2026 groupers
 * (versions 42.0 and 43.1). A "FY2026 weight" or a "FY2027 grouper" would be a wrong fact, and a
 * weight with no year would be a figure without its date. The truth comes from modules/facts/, not
 * from this file: the weight facts' year, the grouping and severity facts' years, the version to
 * fiscal-year table restated in `ms-drg-count` and `ms-drg-fiscal-year`, and the IPPS start dates
 * (`ms-drg-start`, `fy2027-effective`).
 *
 * Rules, over every text a student reads in modules/ (lessons, checks, quiz, glossary and every data
 * folder, charts included; YAML comments and modules/facts, modules/sources, figures.yaml are not
 * shown and not read):
 *  1. an FY label bound to weights ("FY2027 weight", "Weight (FY2027)", "FY2027 Table 5") is a
 *     weight fact's year;
 *  2. a weight value of the facts in a paragraph (a table with its caption, a YAML string; a data
 *     file as a whole) has such a label there (a citation counts as its short name, which is shown);
 *  3. in a sentence about the grouper, an FY label (not negated: "not FY2027's") is a year the
 *     groupings and severities were checked for, and one naming a grouper version ("Version 42",
 *     "v43.1", "versions 42.0 and 43.1") gives that version's fiscal year;
 *  4. a claim that something was checked with the CMS grouper says which (FY or version);
 *  5. an IPPS start date of the facts ("October 1, 2026") has its fiscal year beside it (FY2027).
 * The mutation cases at the end show each rule failing on a one-label slip in a copy of the text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const modulesDir = join(root, 'modules');

type Fact = { id: string; value: string; statement: string; year: string; source: string; data?: Record<string, unknown> };
const facts: Fact[] = readdirSync(join(modulesDir, 'facts'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parse(readFileSync(join(modulesDir, 'facts', f), 'utf8')) as Fact[]);
const fact = (id: string) => {
  const found = facts.find((f) => f.id === id);
  if (!found) throw new Error(`modules/facts has no fact ${id}`);
  return found;
};

/** "FY2025-FY2026" -> 2025, 2026; "FY2027" -> 2027. */
function fyRange(text: string): number[] {
  const range = text.match(/FY(\d{4})-FY(\d{4})/);
  if (range) {
    const out: number[] = [];
    for (let y = Number(range[1]); y <= Number(range[2]); y++) out.push(y);
    return out;
  }
  return [...text.matchAll(/FY(\d{4})/g)].map((m) => Number(m[1]));
}

const weightFacts = facts.filter((f) => f.data?.kind === 'weight');
const WEIGHT_YEARS = new Set(weightFacts.flatMap((f) => fyRange(f.year)));
const WEIGHT_VALUES = new Set(weightFacts.map((f) => f.value));
const GROUPER_YEARS = new Set(
  facts.filter((f) => f.data?.kind === 'grouping' || f.data?.kind === 'severity').flatMap((f) => fyRange(f.year)),
);
/** Grouper version -> fiscal year, as the facts restate it ("41.0 (FY2024)", "42.0 for FY2025"). */
const VERSION_FY = new Map<number, number>();
for (const m of fact('ms-drg-count').statement.matchAll(/\b(4\d)\.0(?: and \d\d\.\d)? \(FY(\d{4})\)/g)) VERSION_FY.set(Number(m[1]), Number(m[2]));
for (const m of fact('ms-drg-fiscal-year').statement.matchAll(/\b(4\d)(?:\.0)? for FY(\d{4})/g)) VERSION_FY.set(Number(m[1]), Number(m[2]));
/** IPPS start dates the facts give, with the fiscal year each begins (FY N starts October 1 of N-1). */
const IPPS_DATES = [fact('ms-drg-start'), fact('fy2027-effective')].map((f) => {
  const m = f.value.match(/^October 1, (\d{4})$/);
  if (!m) throw new Error(`${f.id}: expected "October 1, YYYY", got ${f.value}`);
  return { date: f.value, fy: Number(m[1]) + 1 };
});

const sources = parse(readFileSync(join(modulesDir, 'sources.yaml'), 'utf8')) as { id: string; short: string }[];
const SHORT = new Map(sources.map((s) => [s.id, s.short]));
const CITATION = /\{\{src:([a-z0-9-]+)\}\}/g;
const withCitations = (t: string) => t.replace(CITATION, (_m, id: string) => `(${SHORT.get(id) ?? id})`);
const withoutCitations = (t: string) => t.replace(CITATION, '');

/** "fiscal years 2025 and 2026" / "fiscal year 2008" / "FY 2027" -> FY2025 and FY2026 ... */
const normalize = (t: string) =>
  t
    .replace(/\bfiscal years? (\d{4})(?: and (\d{4}))?/gi, (_m, a: string, b?: string) => (b ? `FY${a} and FY${b}` : `FY${a}`))
    .replace(/\bFY (\d{4})/g, 'FY$1');

const WEIGHT_LABEL = [
  /\bFY(\d{4})(?:'s)?\s+(?:MS-DRG\s+)?(?:relative\s+)?weights?\b/gi,
  /\bweights?\s*\((?:CMS\s+)?FY(\d{4})\)/gi,
  /\bFY(\d{4})\s+(?:IPPS\s+final\s+rule,\s+)?Table\s+5\b/gi,
];
const weightLabels = (t: string) => WEIGHT_LABEL.flatMap((re) => [...t.matchAll(re)].map((m) => ({ fy: Number(m[1]), at: m.index, end: m.index + m[0].length })));
const VERSION = /\b(?:grouper\s+)?(?:versions?|v)\s?(4\d)(?:\.\d)?((?:\s*(?:,|and|to)\s*(?:v\s?)?4\d(?:\.\d)?)*)/gi;
const NEGATED = /\bnot\s+(?:checked\s+(?:against|for)\s+)?(?:the\s+)?$/i;

export type Finding = { file: string; rule: number; text: string; message: string };

/** A paragraph of Markdown: blank-line separated; tables keep their caption line and header. */
const paragraphs = (t: string) => t.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
/** Sentences and clauses of a paragraph, list items and table rows apart. */
const clauses = (p: string) =>
  p
    .split(/\n(?=\s*(?:[-*] |\d+\. |\|))|;\s+|(?<=[.!?])\s+(?=[A-Z`*([$])/)
    .map((c) => c.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

function checkText(file: string, text: string, out: Finding[], dataFileHasWeights = false) {
  for (const para of paragraphs(text)) {
    const shown = normalize(withCitations(para));
    const plain = normalize(withoutCitations(para));
    const flat = para.replace(/\s+/g, ' ').slice(0, 160);
    // Rule 2: a weight value is labelled with its fiscal year in its paragraph.
    const values = [...para.matchAll(/\b\d\.\d{4}\b/g)].map((m) => m[0]).filter((v) => WEIGHT_VALUES.has(v));
    if (values.length && !dataFileHasWeights && !weightLabels(shown).some((l) => WEIGHT_YEARS.has(l.fy)))
      out.push({ file, rule: 2, text: flat, message: `weight ${values.join(', ')} without "FY${[...WEIGHT_YEARS].join('/')}" beside it` });
    // Rule 4: a grouper check says which grouper.
    if (/\bchecked\s+(?:with|by|against)\s+the\s+(?:official\s+)?CMS\s+grouper|\(CMS grouper\b/i.test(plain) && !/\bFY\d{4}\b|\bversions?\s+4\d|\bv4\d/i.test(plain))
      out.push({ file, rule: 4, text: flat, message: 'a grouper check without the grouper\'s fiscal year or version' });
    // Rule 5: an IPPS start date carries the fiscal year it begins.
    for (const { date, fy } of IPPS_DATES)
      if (para.includes(date) && !new RegExp(`\\bFY${fy}\\b`).test(plain))
        out.push({ file, rule: 5, text: flat, message: `${date} without FY${fy} (the fiscal year it begins)` });
    for (const clause of clauses(plain)) {
      // Rule 1: FY labels bound to weights.
      const wl = weightLabels(clause);
      for (const l of wl)
        if (!WEIGHT_YEARS.has(l.fy))
          out.push({ file, rule: 1, text: clause, message: `FY${l.fy} weights: the weights are FY${[...WEIGHT_YEARS].join('/')}` });
      // Rule 3: FY labels in a sentence about the grouper.
      const versions = [...clause.matchAll(VERSION)].flatMap((m) => [Number(m[1]), ...[...(m[2] ?? '').matchAll(/4\d/g)].map((v) => Number(v[0]))]);
      if (!/grouper/i.test(clause) && !versions.length) continue;
      const labels = [...clause.matchAll(/\bFY(\d{4})\b/g)]
        .filter((m) => !NEGATED.test(clause.slice(0, m.index)))
        .filter((m) => !wl.some((l) => m.index >= l.at && m.index < l.end))
        .map((m) => Number(m[1]));
      if (!labels.length) continue;
      if (versions.length) {
        const allowed = new Set(versions.map((v) => VERSION_FY.get(v)));
        for (const v of versions) if (!VERSION_FY.has(v)) out.push({ file, rule: 3, text: clause, message: `grouper version ${v} is not in the facts' version table` });
        for (const fy of labels)
          if (!allowed.has(fy)) out.push({ file, rule: 3, text: clause, message: `FY${fy} beside grouper version ${versions.join(', ')} (= ${[...allowed].map((y) => `FY${y}`).join(', ')})` });
      } else {
        for (const fy of labels)
          if (!GROUPER_YEARS.has(fy))
            out.push({ file, rule: 3, text: clause, message: `FY${fy} grouper: the groupings were checked for ${[...GROUPER_YEARS].map((y) => `FY${y}`).join(' and ')}` });
      }
    }
  }
}

/** The strings of a YAML value: each object's own strings form one text (an option's text with its feedback). */
function yamlTexts(value: unknown, out: string[]) {
  if (Array.isArray(value)) for (const v of value) yamlTexts(v, out);
  else if (value && typeof value === 'object') {
    const own = Object.values(value).filter((v): v is string => typeof v === 'string');
    if (own.length) out.push(own.join('\n'));
    for (const v of Object.values(value)) if (typeof v === 'object') yamlTexts(v, out);
  } else if (typeof value === 'string') out.push(value);
}

function hasWeightNumbers(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasWeightNumbers);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => (k === 'weight' && typeof v === 'number') || hasWeightNumbers(v));
  return false;
}

const DATA_DIRS = new Set(['exercises', 'charts', 'diagrams', 'sorts', 'scenarios']);

/** Every file a student reads, path relative to the repo -> text. */
export function courseFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(root, path);
      if (statSync(path).isDirectory()) {
        if (!['facts', 'sources'].includes(name) || dir !== modulesDir) walk(path);
      } else if (/\.(md|ya?ml)$/.test(name) && name !== 'figures.yaml' && dir !== modulesDir) files.set(rel, readFileSync(path, 'utf8'));
    }
  };
  walk(modulesDir);
  return files;
}

export function fiscalYearFindings(files: Map<string, string>): Finding[] {
  const out: Finding[] = [];
  for (const [file, raw] of files) {
    if (file.endsWith('.md')) {
      checkText(file, raw.replace(/^---\n[\s\S]*?\n---\n/, (fm) => fm.replace(/^---$/gm, '')), out);
      continue;
    }
    const data = parse(raw) as unknown;
    const texts: string[] = [];
    yamlTexts(data, texts);
    const isData = DATA_DIRS.has(file.split('/').at(-2) ?? '');
    // A data file is shown as one exercise or chart: its weights need a label somewhere in it.
    const whole = texts.join('\n\n');
    const numericWeights = isData && hasWeightNumbers(data);
    if (numericWeights && !weightLabels(normalize(withCitations(whole))).some((l) => WEIGHT_YEARS.has(l.fy)))
      out.push({ file, rule: 2, text: '(data file)', message: 'weights in the data without a fiscal-year label anywhere in the file' });
    for (const t of texts) checkText(file, t, out, numericWeights);
  }
  return out;
}

const files = courseFiles();

describe('fiscal-year labels of DRG weights, groupers and IPPS dates', () => {
  it('reads the truth from modules/facts', () => {
    expect([...WEIGHT_YEARS]).toEqual([2027]);
    expect([...GROUPER_YEARS].sort()).toEqual([2025, 2026]);
    expect(Object.fromEntries(VERSION_FY)).toEqual({ 40: 2023, 41: 2024, 42: 2025, 43: 2026, 44: 2027 });
    expect(IPPS_DATES).toEqual([{ date: 'October 1, 2007', fy: 2008 }, { date: 'October 1, 2026', fy: 2027 }]);
    expect(files.size).toBeGreaterThan(50);
  });

  it('every weight, grouper and IPPS date in the course carries the fiscal year the facts give', () => {
    const found = fiscalYearFindings(files);
    expect(found.map((f) => `${f.file} (rule ${f.rule}): ${f.message}: "${f.text}"`)).toEqual([]);
  });

  // Each slip below is one edit to a copy of the real text; the rules must catch it.
  const mutations: [string, string, string | RegExp, string, number][] = [
    ['a weight labeled with the wrong year', 'modules/04-drgs-and-reimbursement/04-documentation-and-accuracy.md', 'FY2027 weight', 'FY2026 weight', 1],
    ['a table header with the wrong year', 'modules/04-drgs-and-reimbursement/03-weights-and-payment.md', 'Relative weight (FY2027)', 'Relative weight (FY2026)', 1],
    ['a weight whose label is dropped', 'modules/04-drgs-and-reimbursement/quiz.yaml', 'Difference in FY2027 weight', 'Difference in weight', 2],
    ['a weight table without its year', 'modules/04-drgs-and-reimbursement/03-weights-and-payment.md', /\(FY2027\)/g, '', 2],
    ['the data file\'s weight label dropped', 'modules/04-drgs-and-reimbursement/exercises/drg-grouper.yaml', /FY2027 (IPPS final rule|relative weight)/g, '$1', 2],
    ['a grouping said checked with the FY2027 grouper', 'modules/04-drgs-and-reimbursement/quiz.yaml', 'Checked with the CMS grouper (FY2025 and FY2026 versions)', 'Checked with the CMS grouper (FY2026 and FY2027 versions)', 3],
    ['a grouper version given the wrong year', 'modules/04-drgs-and-reimbursement/01-what-is-a-drg.md', '- FY2023 :: Grouper version 40', '- FY2024 :: Grouper version 40', 3],
    ['the exercise\'s grouper versions given the wrong years', 'modules/04-drgs-and-reimbursement/exercises/drg-grouper.yaml', '(fiscal years 2025 and 2026)', '(fiscal years 2026 and 2027)', 3],
    ['a grouper check without its years', 'modules/04-drgs-and-reimbursement/checks.yaml', /\(FY2025 and FY2026\s+versions\)/, '', 4],
    ['an IPPS date with the wrong fiscal year', 'modules/04-drgs-and-reimbursement/01-what-is-a-drg.md', 'fiscal year 2008 payment rule', 'fiscal year 2007 payment rule', 5],
  ];
  it.each(mutations)('fails on %s', (_name, file, from, to, rule) => {
    const text = files.get(file);
    expect(text, file).toBeDefined();
    const mutated = text!.replace(from, to);
    expect(mutated, 'the mutation changes the text').not.toBe(text);
    const copy = new Map(files).set(file, mutated);
    expect(fiscalYearFindings(copy).filter((f) => f.file === file).map((f) => f.rule)).toContain(rule);
  });
});
