/**
 * The simulator's data must be exactly what the CMS grouper and CMS FY2027 Table 5 gave, as restated
 * in the repo's facts: modules/facts/drg-grouping.yaml (grouping examples run through the grouper,
 * secondary-diagnosis severities) and modules/facts/drg-weights.yaml (FY2027 relative weights).
 * A changed fact or a typo in the exercise's YAML fails here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { loadCourse, type Fact } from '../../content/loader';
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
const { facts } = loadCourse({ root: repoRoot });
const dataFile = `${repoRoot}modules/04-drgs-and-reimbursement/exercises/drg-grouper.yaml`;
const raw: unknown = parse(readFileSync(dataFile, 'utf8'));
const data: DrgGrouperData = v.parse(schema, raw);

const ofKind = (kind: string) => facts.filter((f): f is Fact & { data: NonNullable<Fact['data']> } => f.data?.kind === kind);

interface FactsCase {
  principal: string;
  secondary: string[];
  procedure: string | undefined;
  discharge: string;
  mdc: number;
  drg: number;
  row: string;
}

/** Grouping examples (data.kind: grouping) of modules/facts/drg-grouping.yaml. */
const factsCases: FactsCase[] = ofKind('grouping').map((f) => ({
  principal: String(f.data.principal),
  secondary: (f.data.secondary as string[]) ?? [],
  procedure: typeof f.data.procedure === 'string' ? f.data.procedure : undefined,
  discharge: String(f.data.discharge),
  mdc: Number(f.data.mdc),
  drg: Number(f.data.drg),
  row: `${f.file} ${f.id}`
}));

/** Severity as a secondary diagnosis (data.kind: severity): code -> mcc | cc | none. */
const factsSeverity = new Map(ofKind('severity').map((f) => [String(f.data.code), String(f.data.severity)]));

interface FactsWeight {
  weight: number;
  title?: string;
  mdc?: number;
  type?: 'medical' | 'surgical';
}

/** FY2027 weights (data.kind: weight) of modules/facts/drg-weights.yaml. */
const factsWeights = new Map<number, FactsWeight>(
  ofKind('weight').map((f) => [
    Number(f.data.drg),
    {
      weight: Number(f.data.weight),
      ...(typeof f.data.title === 'string' ? { title: f.data.title } : {}),
      ...(typeof f.data.mdc === 'number' ? { mdc: f.data.mdc } : {}),
      ...(f.data.type === 'medical' || f.data.type === 'surgical' ? { type: f.data.type } : {})
    }
  ])
);

const key = (c: { principal: string; secondary: string[]; procedure?: string; discharge: string }) =>
  [c.principal, [...c.secondary].sort().join('+'), c.procedure ?? '-', c.discharge].join(' | ');

describe('the DRG facts (guards the tests below)', () => {
  it('holds the verified grouping examples, the severities and the weights', () => {
    expect(factsCases.length).toBeGreaterThanOrEqual(31);
    expect(factsWeights.get(291)).toEqual({ title: 'Heart Failure and Shock with MCC', mdc: 5, type: 'medical', weight: 1.2685 });
    expect(factsWeights.get(285)?.weight).toBe(0.539);
    expect(factsSeverity.get('I50.23')).toBe('mcc');
    expect(factsSeverity.get('E86.0')).toBe('none');
  });
});

describe('drg-grouper data matches the DRG facts exactly', () => {
  it('passes its own schema, including cross-references', () => {
    expect(crossReferenceProblems(data)).toEqual([]);
  });

  it.each(data.cases.map((c) => [c.id, c] as const))('case %s is a verified grouping example with the same MDC and DRG', (_id, c) => {
    const match = factsCases.filter((f) => key(f) === key(c));
    expect(match, `no grouping fact in modules/facts/ for ${key(c)}`).toHaveLength(1);
    expect(c.mdc).toBe(match[0]?.mdc);
    expect(c.drg).toBe(match[0]?.drg);
    // An operating-room procedure is what made these cases surgical (§2.2 step 4).
    expect(c.partition).toBe(c.procedure ? 'surgical' : 'medical');
  });

  it('offers every verified grouping example the facts hold (they restate only what the course uses)', () => {
    const inData = new Set(data.cases.map(key));
    expect(factsCases.filter((f) => !inData.has(key(f))).map((f) => f.row)).toEqual([]);
    for (const f of factsCases) expect(factsWeights.has(f.drg), `no FY2027 weight for the DRG of ${f.row}`).toBe(true);
  });

  it.each(data.drgs.map((d) => [d.drg, d] as const))('DRG %i has the FY2027 weight (and title, MDC, type where given) of the weight facts', (_drg, d) => {
    const facts = factsWeights.get(d.drg);
    expect(facts, `DRG ${d.drg} has no FY2027 weight in modules/facts/drg-weights.yaml`).toBeDefined();
    expect(d.weight).toBe(facts!.weight);
    if (facts!.title) expect(d.title).toBe(facts!.title);
    if (facts!.mdc !== undefined) expect(d.mdc).toBe(facts!.mdc);
    if (facts!.type) expect(d.type).toBe(facts!.type);
  });

  it('gives every diagnosis the severity the facts list for it as a secondary diagnosis', () => {
    for (const d of data.diagnoses) {
      if (d.severity === undefined) continue;
      expect(factsSeverity.get(d.code), `${d.code} has no severity fact`).toBe(d.severity);
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
