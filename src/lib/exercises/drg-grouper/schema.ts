/**
 * Data schema of the DRG grouper simulator (modules/04-drgs-and-reimbursement/exercises/drg-grouper.yaml).
 * Runs in Node at build time: no Svelte or DOM imports. Besides the shape, it checks that every case
 * refers only to diagnoses, procedures, MDCs, DRGs and families listed in the same file, so the view
 * can never offer a combination the data does not define (the cases themselves are checked against
 * modules/facts/drg-grouping.yaml and drg-weights.yaml by logic.test.ts).
 */
import * as v from 'valibot';

const text = (what: string) => v.pipe(v.string(`expected ${what}`), v.trim(), v.nonEmpty(`expected ${what}`));
const id = v.pipe(v.string('expected an id'), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an id of a-z, 0-9 and single dashes'));
const wholeNumber = (what: string) => v.pipe(v.number(`expected ${what}`), v.integer(`expected ${what}`), v.minValue(0, `expected ${what}`));
const severity = v.picklist(['mcc', 'cc', 'none'], 'expected one of: mcc, cc, none');
const partition = v.picklist(['medical', 'surgical'], 'expected one of: medical, surgical');
const code = text('a code such as I50.9');

const caseSchema = v.strictObject({
  id,
  principal: code,
  secondary: v.array(code, 'expected a list of secondary diagnosis codes (may be empty)'),
  procedure: v.optional(code),
  /** UB-04 patient discharge status, e.g. "01" home, "20" expired. */
  discharge: v.pipe(v.string('expected a two-digit discharge status'), v.regex(/^\d{2}$/, 'expected a two-digit discharge status such as "01"')),
  mdc: wholeNumber('the MDC number'),
  partition,
  /** The severity that counts for the DRG after CC exclusions. */
  severity,
  drg: wholeNumber('the MS-DRG number'),
  why: text('why the case groups as it does')
});

const dataSchema = v.strictObject({
    title: text('a title'),
    intro: text('instructions for the learner'),
    groupingSource: text('where the groupings come from, with the grouper version and year'),
    weightSource: text('where the weights come from, with the fiscal year'),
    exampleBaseRate: v.strictObject({
      amount: v.pipe(v.number('expected a dollar amount'), v.minValue(1, 'expected a positive dollar amount')),
      label: text('a label saying the base rate is an example, not Medicare\'s rate')
    }),
    labels: v.strictObject({
      principal: text('a label for the principal diagnosis picker'),
      variant: text('a label for the list of verified cases'),
      correct: text('the word shown for a right answer'),
      incorrect: text('the words shown for a wrong answer'),
      none: text('the word for "no code"'),
      check: text('the label of the check button'),
      next: text('the label of the next-step button'),
      again: text('the label of the try-another-case button'),
      path: text('the accessible name of the grouping path list'),
      progress: text('the finished-cases line, with {done} and {total}'),
      score: text('the score line, with {right} and {total}'),
      drg: text('the label of the MS-DRG in the result'),
      weight: text('the label of the FY2027 weight in the result'),
      payment: text('the label of the example payment in the result'),
      codeSeverity: text('how one secondary code counts on its own, with {code} and {severity}'),
      severity: v.strictObject({ mcc: text('a label'), cc: text('a label'), none: text('a label') }),
      partition: v.strictObject({ medical: text('a label'), surgical: text('a label') }),
      partitionWhy: v.strictObject({ medical: text('why a case without an OR procedure is medical'), surgical: text('why an OR procedure makes a case surgical') })
    }),
    steps: v.strictObject({
      mdc: text('the MDC question'),
      partition: text('the surgical-or-medical question'),
      severity: text('the severity question'),
      drg: text('the MS-DRG question'),
      result: text('the heading of the result')
    }),
    mdcs: v.array(v.strictObject({ number: wholeNumber('the MDC number'), title: text('the MDC title') })),
    diagnoses: v.array(
      v.strictObject({
        code,
        title: text('the diagnosis title'),
        /** How the grouper counts the code as a secondary diagnosis (CMS grouper CC/MCC lists), when used as one. */
        severity: v.optional(severity)
      })
    ),
    procedures: v.array(v.strictObject({ code, title: text('the procedure title'), operatingRoom: v.boolean('expected true or false') })),
    dischargeStatuses: v.array(v.strictObject({ code: v.pipe(v.string(), v.regex(/^\d{2}$/, 'expected a two-digit status')), title: text('the status title') })),
    drgs: v.array(
      v.strictObject({
        drg: wholeNumber('the MS-DRG number'),
        title: text('the MS-DRG title'),
        mdc: wholeNumber('the MDC number'),
        type: partition,
        weight: v.pipe(v.number('expected the FY2027 relative weight'), v.minValue(0.0001, 'expected a positive weight'))
      })
    ),
    families: v.array(v.strictObject({ id, title: text('the family title'), split: text('how the family splits'), drgs: v.pipe(v.array(wholeNumber('an MS-DRG number')), v.minLength(1, 'expected at least one MS-DRG')) })),
    cases: v.pipe(v.array(caseSchema), v.minLength(1, 'expected at least one verified case'))
  });

export type DrgGrouperData = v.InferOutput<typeof dataSchema>;

export const schema = v.pipe(
  dataSchema,
  v.rawCheck<DrgGrouperData>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const problem of crossReferenceProblems(dataset.value)) addIssue({ message: problem });
  })
);
export type GroupingCase = DrgGrouperData['cases'][number];
export type Severity = GroupingCase['severity'];
export type Partition = GroupingCase['partition'];

/** Every reference a case makes must resolve inside the file; returns problems in plain words. */
export function crossReferenceProblems(data: DrgGrouperData): string[] {
  const problems: string[] = [];
  const diagnoses = new Set(data.diagnoses.map((d) => d.code));
  const procedures = new Set(data.procedures.map((p) => p.code));
  const statuses = new Set(data.dischargeStatuses.map((s) => s.code));
  const mdcs = new Set(data.mdcs.map((m) => m.number));
  const drgs = new Map(data.drgs.map((d) => [d.drg, d]));
  const seen = new Set<string>();
  for (const family of data.families) {
    for (const drg of family.drgs) if (!drgs.has(drg)) problems.push(`expected family ${family.id} to list only MS-DRGs in drgs, got ${drg}`);
  }
  for (const c of data.cases) {
    const where = `cases.${c.id}`;
    if (seen.has(c.id)) problems.push(`expected unique case ids, got ${c.id} twice`);
    seen.add(c.id);
    for (const dx of [c.principal, ...c.secondary]) if (!diagnoses.has(dx)) problems.push(`expected ${where} to use diagnoses listed in diagnoses, got ${dx}`);
    for (const dx of c.secondary) {
      if (!data.diagnoses.find((d) => d.code === dx)?.severity) problems.push(`expected diagnoses.${dx} to have a severity, since ${where} uses it as a secondary diagnosis`);
    }
    if (c.procedure !== undefined && !procedures.has(c.procedure)) problems.push(`expected ${where}.procedure to be listed in procedures, got ${c.procedure}`);
    if (!statuses.has(c.discharge)) problems.push(`expected ${where}.discharge to be listed in dischargeStatuses, got ${c.discharge}`);
    if (!mdcs.has(c.mdc)) problems.push(`expected ${where}.mdc to be listed in mdcs, got ${c.mdc}`);
    const drg = drgs.get(c.drg);
    if (!drg) problems.push(`expected ${where}.drg to be listed in drgs, got ${c.drg}`);
    else {
      if (drg.mdc !== c.mdc) problems.push(`expected ${where}.mdc to equal the MDC of DRG ${c.drg} (${drg.mdc}), got ${c.mdc}`);
      if (drg.type !== c.partition) problems.push(`expected ${where}.partition to equal the type of DRG ${c.drg} (${drg.type}), got ${c.partition}`);
    }
    if (!data.families.some((f) => f.drgs.includes(c.drg))) problems.push(`expected ${where}.drg (${c.drg}) to belong to a family in families`);
  }
  return problems;
}
