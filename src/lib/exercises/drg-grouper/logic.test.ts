/**
 * The simulator's data must be exactly what the CMS grouper and CMS FY2027 Table 5 gave, as recorded
 * in ../shared/reference/FACTS.md §2.3 (grouping examples, secondary-diagnosis severities) and §2.4
 * (relative weights). These tests read FACTS.md itself, so a changed fact or a typo in the YAML
 * fails here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { crossReferenceProblems, schema, type DrgGrouperData } from './schema';
import {
  answerFor,
  casesFor,
  decodeFinished,
  encodeFinished,
  examplePayment,
  explanationFor,
  formatDollars,
  isCorrect,
  optionsFor,
  principalDiagnoses,
  STEP_ORDER
} from './logic';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const factsText = readFileSync(`${repoRoot}../shared/reference/FACTS.md`, 'utf8');
const dataFile = `${repoRoot}modules/04-drgs-and-reimbursement/exercises/drg-grouper.yaml`;
const raw: unknown = parse(readFileSync(dataFile, 'utf8'));
const data: DrgGrouperData = v.parse(schema, raw);

function section(start: string, end: string): string {
  const from = factsText.indexOf(start);
  const to = factsText.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new Error(`FACTS.md: section "${start}" not found`);
  return factsText.slice(from, to);
}

const diagnosisCode = /\b[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?\b/g;

interface FactsCase {
  principal: string;
  secondary: string[];
  procedure: string | undefined;
  discharge: string;
  mdc: number;
  drg: number;
  row: string;
}

/** Rows of the §2.3 table: principal | secondary | procedure | MDC / DRG | why. */
const factsCases: FactsCase[] = section('### 2.3 Verified grouping examples', '**Severity of secondary diagnoses**')
  .split('\n')
  .filter((line) => /^\| [A-Z]\d/.test(line))
  .map((row) => {
    const [principalCell = '', secondaryCell = '', procedureCell = '', resultCell = ''] = row.split('|').slice(1).map((c) => c.trim());
    const result = /^(\d+) \/ \*\*(\d+)\*\*/.exec(resultCell);
    if (!result) throw new Error(`FACTS.md §2.3: cannot read MDC / DRG in row ${row}`);
    return {
      principal: principalCell.match(diagnosisCode)![0],
      secondary: secondaryCell.match(diagnosisCode) ?? [],
      procedure: procedureCell.match(/\b[0-9A-Z]{7}\b/)?.[0],
      // The table's heading says "discharged home unless stated"; status 01 is home.
      discharge: /discharge status \**(\d{2})/.exec(secondaryCell)?.[1] ?? '01',
      mdc: Number(result[1]),
      drg: Number(result[2]),
      row
    };
  });

/** Severity lists of §2.3: code -> mcc | cc | none. */
const factsSeverity = new Map<string, string>();
{
  const text = section('**Severity of secondary diagnoses**', '### 2.4');
  for (const [label, severity] of [['**MCC**', 'mcc'], ['**CC**', 'cc'], ['**Neither**', 'none']] as const) {
    const line = text.split('\n').find((l) => l.startsWith(`- ${label}:`));
    if (!line) throw new Error(`FACTS.md §2.3: severity list ${label} not found`);
    for (const code of line.replace(/\([^)]*\)/g, '').match(diagnosisCode) ?? []) factsSeverity.set(code, severity);
  }
}

interface FactsWeight {
  weight: number;
  title?: string;
  mdc?: number;
  type?: 'medical' | 'surgical';
}

/** FY2027 weights of §2.4: the main table and the "More FY2027 weights" line. */
const factsWeights = new Map<number, FactsWeight>();
{
  const text = section('### 2.4 Relative weights', 'For comparison, **FY2026**');
  for (const line of text.split('\n')) {
    const row = /^\| (\d{3}) \| ([^|]+) \| (\d{2}) (MED|SURG) \| \**([\d.]+)\**/.exec(line);
    if (row) {
      const [, drg, title = '', mdc, type, weight] = row;
      factsWeights.set(Number(drg), { title: title.trim(), mdc: Number(mdc), type: type === 'SURG' ? 'surgical' : 'medical', weight: Number(weight) });
    }
  }
  const more = text.split('\n').find((l) => l.startsWith('More FY2027 weights'));
  if (!more) throw new Error('FACTS.md §2.4: "More FY2027 weights" line not found');
  for (const part of more.split('·')) {
    const m = /(\d{3}(?:\/\d{3})*)\D+?(\d\.\d{4}(?:\/\d\.\d{4})*)\s*$/.exec(part.trim());
    if (!m) continue;
    const drgs = (m[1] ?? '').split('/').map(Number);
    const weights = (m[2] ?? '').split('/').map(Number);
    drgs.forEach((drg, i) => factsWeights.set(drg, { weight: weights[i] ?? Number.NaN }));
  }
}

const key = (c: { principal: string; secondary: string[]; procedure?: string; discharge: string }) =>
  [c.principal, [...c.secondary].sort().join('+'), c.procedure ?? '-', c.discharge].join(' | ');

describe('FACTS.md parsing (guards the tests below)', () => {
  it('reads every verified grouping row and the weight table', () => {
    expect(factsCases.length).toBeGreaterThanOrEqual(33);
    expect(factsWeights.get(291)).toEqual({ title: 'Heart Failure and Shock with MCC', mdc: 5, type: 'medical', weight: 1.2685 });
    expect(factsWeights.get(285)?.weight).toBe(0.539);
    expect(factsSeverity.get('I50.23')).toBe('mcc');
    expect(factsSeverity.get('E86.0')).toBe('none');
  });
});

describe('drg-grouper data matches FACTS.md exactly', () => {
  it('passes its own schema, including cross-references', () => {
    expect(crossReferenceProblems(data)).toEqual([]);
  });

  it.each(data.cases.map((c) => [c.id, c] as const))('case %s is a verified FACTS.md §2.3 row with the same MDC and DRG', (_id, c) => {
    const match = factsCases.filter((f) => key(f) === key(c));
    expect(match, `no FACTS.md §2.3 row for ${key(c)}`).toHaveLength(1);
    expect(c.mdc).toBe(match[0]?.mdc);
    expect(c.drg).toBe(match[0]?.drg);
    // An operating-room procedure is what made these cases surgical (§2.2 step 4).
    expect(c.partition).toBe(c.procedure ? 'surgical' : 'medical');
  });

  it('leaves out only the verified cases whose DRG has no FY2027 weight in FACTS.md', () => {
    const inData = new Set(data.cases.map(key));
    const missing = factsCases.filter((f) => !inData.has(key(f)));
    for (const f of missing) expect(factsWeights.has(f.drg), `case left out although weighted: ${f.row}`).toBe(false);
  });

  it.each(data.drgs.map((d) => [d.drg, d] as const))('DRG %i has the FY2027 weight (and title, MDC, type where given) of FACTS.md §2.4', (_drg, d) => {
    const facts = factsWeights.get(d.drg);
    expect(facts, `DRG ${d.drg} has no FY2027 weight in FACTS.md §2.4`).toBeDefined();
    expect(d.weight).toBe(facts!.weight);
    if (facts!.title) expect(d.title).toBe(facts!.title);
    if (facts!.mdc !== undefined) expect(d.mdc).toBe(facts!.mdc);
    if (facts!.type) expect(d.type).toBe(facts!.type);
  });

  it('gives every diagnosis the severity FACTS.md lists for it as a secondary diagnosis', () => {
    for (const d of data.diagnoses) {
      if (d.severity === undefined) continue;
      expect(factsSeverity.get(d.code), `${d.code} is not in the FACTS.md severity lists`).toBe(d.severity);
    }
  });

  it('marks a case "none" only when no secondary counts or a CC exclusion is named', () => {
    for (const c of data.cases) {
      const listed = c.secondary.map((code) => factsSeverity.get(code));
      const highest = listed.includes('mcc') ? 'mcc' : listed.includes('cc') ? 'cc' : 'none';
      if (highest !== c.severity) expect(c.why, `case ${c.id} must explain why ${highest} does not count`).toMatch(/exclusion/);
    }
  });
});

describe('simulator logic', () => {
  const hf = data.cases.find((c) => c.id === 'hf5')!;

  it('offers only verified cases for a principal diagnosis', () => {
    const codes = principalDiagnoses(data).map((d) => d.code);
    expect(new Set(codes)).toEqual(new Set(data.cases.map((c) => c.principal)));
    expect(casesFor(data, 'I50.9').map((c) => c.id)).toEqual(['hf1', 'hf2', 'hf3', 'hf4', 'hf5', 'hf6']);
  });

  it('includes the right answer among the options of every step of every case', () => {
    for (const c of data.cases) {
      for (const step of STEP_ORDER) {
        const values = optionsFor(data, c, step).map((o) => o.value);
        expect(values, `${c.id} ${step}`).toContain(answerFor(c, step));
        expect(new Set(values).size).toBe(values.length);
      }
    }
  });

  it('checks answers: the CC exclusion case is "none" and DRG 293, not 291', () => {
    expect(isCorrect(hf, 'severity', 'none')).toBe(true);
    expect(isCorrect(hf, 'severity', 'mcc')).toBe(false);
    expect(isCorrect(hf, 'drg', '293')).toBe(true);
    expect(isCorrect(hf, 'drg', '291')).toBe(false);
    expect(explanationFor(data, hf, 'severity')).toContain('CC exclusion');
  });

  it('offers both AMI families so the discharge status decides', () => {
    const mi2 = data.cases.find((c) => c.id === 'mi2')!;
    expect(optionsFor(data, mi2, 'drg').map((o) => o.value)).toEqual(['280', '281', '282', '283', '284', '285']);
  });

  it('computes the example payment as base rate × weight, to the cent', () => {
    expect(data.exampleBaseRate.amount).toBe(6000);
    expect(examplePayment(0.5462, 6000)).toBe(3277.2);
    expect(examplePayment(1.2685, 6000)).toBe(7611);
    expect(formatDollars(examplePayment(1.9563, 6000))).toBe('$11,737.80');
  });

  it('labels the base rate as an example, not Medicare\'s rate', () => {
    expect(data.exampleBaseRate.label).toMatch(/example/i);
    expect(data.exampleBaseRate.label).toMatch(/not Medicare's rate/);
  });

  it('saves finished cases within the 200-character limit and ignores unknown ids on restore', () => {
    const all = encodeFinished(data.cases.map((c) => c.id));
    expect(all.length).toBeLessThanOrEqual(200);
    expect(decodeFinished(all, data).size).toBe(data.cases.length);
    expect([...decodeFinished('hf1,zz9,,hf2', data)]).toEqual(['hf1', 'hf2']);
    expect(encodeFinished(Array.from({ length: 100 }, (_, i) => `case-${i}`)).length).toBeLessThanOrEqual(200);
  });

  it('rejects data whose case names a DRG outside its file', () => {
    const broken = structuredClone(raw) as { cases: { drg: number }[] };
    broken.cases[0]!.drg = 999;
    const result = v.safeParse(schema, broken);
    expect(result.success).toBe(false);
    expect(result.issues?.map((i) => i.message).join('\n')).toMatch(/cases\.hf1\.drg to be listed in drgs, got 999/);
  });
});
