/**
 * Pure logic of the DRG grouper simulator: which verified cases a principal diagnosis offers, the
 * answer options of each step, checking an answer, and the example payment. No DOM, no Svelte.
 * The grouping itself is never computed here: every answer is read from a case that the CMS grouper
 * produced (modules/facts/drg-grouping.yaml), so the simulator cannot invent a DRG for an untested combination.
 */
import type { DrgGrouperData, GroupingCase, Partition, Severity } from './schema';

export type StepId = 'mdc' | 'partition' | 'severity' | 'drg';
export const STEP_ORDER: readonly StepId[] = ['mdc', 'partition', 'severity', 'drg'];

export interface StepOption {
  value: string;
  label: string;
}

/** Principal diagnoses that have at least one verified case, in the order the data lists them. */
export function principalDiagnoses(data: DrgGrouperData): DrgGrouperData['diagnoses'] {
  const used = new Set(data.cases.map((c) => c.principal));
  return data.diagnoses.filter((d) => used.has(d.code));
}

/** The verified cases for one principal diagnosis: the only combinations the learner can pick. */
export function casesFor(data: DrgGrouperData, principal: string): GroupingCase[] {
  return data.cases.filter((c) => c.principal === principal);
}

export function diagnosisTitle(data: DrgGrouperData, code: string): string {
  return data.diagnoses.find((d) => d.code === code)?.title ?? code;
}

/** One line that tells verified cases of the same principal diagnosis apart. */
export function describeCase(data: DrgGrouperData, c: GroupingCase): string {
  const none = data.labels.none;
  const secondary = c.secondary.length ? c.secondary.map((code) => `${code} ${diagnosisTitle(data, code)}`).join('; ') : none;
  const procedure = c.procedure ? `${c.procedure} ${data.procedures.find((p) => p.code === c.procedure)?.title ?? ''}`.trim() : none;
  const status = data.dischargeStatuses.find((s) => s.code === c.discharge);
  return `Secondary: ${secondary} · Procedure: ${procedure} · Discharge: ${c.discharge} ${status?.title ?? ''}`.trim();
}

export function drgOf(data: DrgGrouperData, drg: number): DrgGrouperData['drgs'][number] | undefined {
  return data.drgs.find((d) => d.drg === drg);
}

export function familyOf(data: DrgGrouperData, drg: number): DrgGrouperData['families'][number] | undefined {
  return data.families.find((f) => f.drgs.includes(drg));
}

/** Answer options of a step. The MS-DRG step offers the whole family of the right answer. */
export function optionsFor(data: DrgGrouperData, c: GroupingCase, step: StepId): StepOption[] {
  switch (step) {
    case 'mdc':
      return data.mdcs.map((m) => ({ value: String(m.number), label: `MDC ${m.number} ${m.title}` }));
    case 'partition':
      return (['surgical', 'medical'] as Partition[]).map((p) => ({ value: p, label: data.labels.partition[p] }));
    case 'severity':
      return (['mcc', 'cc', 'none'] as Severity[]).map((s) => ({ value: s, label: data.labels.severity[s] }));
    case 'drg':
      return (familyOf(data, c.drg)?.drgs ?? [c.drg]).map((n) => ({ value: String(n), label: `${n} ${drgOf(data, n)?.title ?? ''}`.trim() }));
  }
}

/** The right answer of a step, as the option value the view submits. */
export function answerFor(c: GroupingCase, step: StepId): string {
  switch (step) {
    case 'mdc':
      return String(c.mdc);
    case 'partition':
      return c.partition;
    case 'severity':
      return c.severity;
    case 'drg':
      return String(c.drg);
  }
}

export function isCorrect(c: GroupingCase, step: StepId, value: string): boolean {
  return answerFor(c, step) === value;
}

/** Why the right answer is right, built only from the case and the data's own text. */
export function explanationFor(data: DrgGrouperData, c: GroupingCase, step: StepId): string {
  switch (step) {
    case 'mdc': {
      const mdc = data.mdcs.find((m) => m.number === c.mdc);
      return `${c.principal} ${diagnosisTitle(data, c.principal)} → MDC ${c.mdc} ${mdc?.title ?? ''}.`.replace(' .', '.');
    }
    case 'partition': {
      const why = data.labels.partitionWhy[c.partition];
      return c.procedure ? `${why} (${c.procedure})` : why;
    }
    case 'severity': {
      const each = c.secondary.map((code) => {
        const severity = data.diagnoses.find((d) => d.code === code)?.severity ?? 'none';
        return fill(data.labels.codeSeverity, { code, severity: data.labels.severity[severity] });
      });
      return [c.why, ...(each.length ? [each.join('; ') + '.'] : [])].join(' ');
    }
    case 'drg': {
      const family = familyOf(data, c.drg);
      const drg = drgOf(data, c.drg);
      return `${family?.split ?? ''} → MS-DRG ${c.drg} ${drg?.title ?? ''}.`.trim();
    }
  }
}

/** Payment = example base rate × relative weight (MedPAC, Payment Basics: IPPS), rounded to cents. */
export function examplePayment(weight: number, baseRate: number): number {
  return Math.round(weight * baseRate * 100) / 100;
}

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const wholeDollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export function formatDollars(amount: number): string {
  return dollars.format(amount);
}

export function formatBaseRate(amount: number): string {
  return Number.isInteger(amount) ? wholeDollars.format(amount) : dollars.format(amount);
}

/** Weights are shown exactly as CMS Table 5 prints them: four decimals. */
export function formatWeight(weight: number): string {
  return weight.toFixed(4);
}

// Saved state: the ids of the cases the learner has finished, comma-joined. The session allows
// at most 200 characters per exercise (lms/types.ts saveExercise), so ids that would overflow are
// dropped rather than failing the save.
export const SAVE_LIMIT = 200;

export function encodeFinished(ids: Iterable<string>): string {
  let out = '';
  for (const id of new Set(ids)) {
    const next = out ? `${out},${id}` : id;
    if (next.length > SAVE_LIMIT) break;
    out = next;
  }
  return out;
}

export function decodeFinished(saved: string | undefined, data: DrgGrouperData): Set<string> {
  const known = new Set(data.cases.map((c) => c.id));
  return new Set((saved ?? '').split(',').filter((id) => known.has(id)));
}

/** Fills `{name}` placeholders of a label from the data file. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
