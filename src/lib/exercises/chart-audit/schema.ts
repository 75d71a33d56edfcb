/**
 * Data schema of the chart-audit exercise (modules/02-the-health-record/exercises/chart-audit.yaml).
 * The learner reads a mock chart of a fictional patient, gives each document a finding, and ticks
 * the required documents that are missing: a practice run of deficiency analysis (the contents of a complete
 * record, 42 CFR 482.24(c), restated in modules/facts/records.yaml). Runs in Node at build time:
 * no Svelte or DOM imports here.
 */
import * as v from 'valibot';

const text = (what: string) => v.pipe(v.string(`expected ${what}`), v.trim(), v.nonEmpty(`expected ${what}`));
const id = v.pipe(
  v.string('expected an id (a-z, 0-9 and -)'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an id of a-z, 0-9 and single dashes'),
  v.maxLength(32, 'expected an id of at most 32 characters')
);

const hasUniqueIds = (items: readonly { id: string }[]) => new Set(items.map((i) => i.id)).size === items.length;

const findingSchema = v.strictObject({
  id,
  label: text('a label for the finding, e.g. "Missing signature"')
});

const chartDocumentSchema = v.strictObject({
  id,
  title: text('the document title, e.g. "Operative report"'),
  /** Name and MRN exactly as printed on this document, which may differ from the face sheet. */
  header: text('the patient name and MRN as printed on the document'),
  date: text('the date written on the document'),
  body: text('the document text'),
  /** The signature line as it appears, e.g. "Electronically signed: Dr. A. Yusuf" or "Not signed". */
  signature: text('the signature line, or "Not signed"'),
  /** The finding id a careful reviewer would choose for this document. */
  answer: id,
  feedbackMd: text('feedback explaining the right finding')
});

const requiredDocumentSchema = v.strictObject({
  id,
  label: text('the name of a required document'),
  /** Whether the chart contains it: the learner should tick exactly the ones that are absent. */
  present: v.boolean('expected true or false: is this document in the chart?'),
  feedbackMd: text('feedback for this required document')
});

const caseSchema = v.strictObject({
  id,
  title: text('a short title for the chart'),
  patient: v.strictObject({
    name: text('the patient name (fictional)'),
    mrn: text('the medical record number (fictional)'),
    dateOfBirth: text('a date of birth'),
    admitted: text('the admission date'),
    discharged: text('the discharge date'),
    attending: text('the attending doctor')
  }),
  documents: v.pipe(
    v.array(chartDocumentSchema, 'expected a list of chart documents'),
    v.minLength(2, 'expected at least 2 documents'),
    v.check((items) => hasUniqueIds(items), 'expected documents with unique ids')
  ),
  required: v.pipe(
    v.array(requiredDocumentSchema, 'expected a list of required documents'),
    v.minLength(2, 'expected at least 2 required documents'),
    v.check((items) => hasUniqueIds(items), 'expected required documents with unique ids')
  )
});

export const schema = v.pipe(
  v.strictObject({
    title: text('a title'),
    introMd: text('instructions for the learner'),
    findings: v.pipe(
      v.array(findingSchema, 'expected a list of findings the learner can choose'),
      v.minLength(2, 'expected at least 2 findings'),
      v.check((items) => hasUniqueIds(items), 'expected findings with unique ids')
    ),
    missingPrompt: text('the question above the missing-documents checklist'),
    cases: v.pipe(
      v.array(caseSchema, 'expected a list of charts'),
      v.minLength(1, 'expected at least one chart'),
      v.check((items) => hasUniqueIds(items), 'expected charts with unique ids')
    )
  }),
  // Every document's answer must be one of the findings offered, or nobody could get it right.
  v.forward(
    v.check(
      (data) => data.cases.every((c) => c.documents.every((d) => data.findings.some((f) => f.id === d.answer))),
      'expected every document answer to be the id of one of the findings'
    ),
    ['cases']
  )
);

export type ChartAuditSource = v.InferOutput<typeof schema>;

/** The loader compiles each `...Md` field to `...Html` (see compileDataText in loader.ts). */
type Compiled<T> = T extends (infer U)[]
  ? Compiled<U>[]
  : T extends object
    ? { [K in keyof T as K extends `${infer Base}Md` ? `${Base}Html` : K]: Compiled<T[K]> }
    : T;

/** The data the view receives. */
export type ChartAuditData = Compiled<ChartAuditSource>;
export type ChartAuditCase = ChartAuditData['cases'][number];
