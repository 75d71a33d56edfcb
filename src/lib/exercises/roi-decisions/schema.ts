/**
 * Data schema of the release-of-information decisions exercise
 * (modules/05-privacy-and-release/exercises/roi-decisions.yaml). Runs in Node at build time: no
 * Svelte or DOM imports. Besides the shape, it checks that every request names one of the listed
 * decisions as correct and gives feedback for every decision, so no choice is left unexplained.
 */
import * as v from 'valibot';

const text = (what: string) => v.pipe(v.string(`expected ${what}`), v.trim(), v.nonEmpty(`expected ${what}`));
const id = v.pipe(v.string('expected an id'), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an id of a-z, 0-9 and single dashes'));

/** The kinds of request the exercise must cover (content brief, module 05, plus two that balance the pile). */
export const REQUEST_KINDS = [
  'patient-access',
  'insurer',
  'attorney-with-authorization',
  'attorney-without-valid-authorization',
  'court-order',
  'agency',
  'family-member',
  'part-2',
  'psychotherapy-notes',
  'internal-use',
  'third-party-with-authorization'
] as const;

const dataSchema = v.strictObject({
  title: text('a title'),
  intro: text('instructions for the learner'),
  labels: v.strictObject({
    decision: text('the legend of the decision choices'),
    check: text('the label of the check button'),
    next: text('the label of the next-request button'),
    again: text('the label of the start-again button'),
    correct: text('the word shown for a right answer'),
    incorrect: text('the words shown for a wrong answer'),
    bestAnswer: text('the words introducing the best answer'),
    rule: text('the label before the rule cited'),
    progress: text('the progress line, with {current} and {total}'),
    score: text('the score line, with {right} and {total}')
  }),
  decisions: v.pipe(
    v.array(v.strictObject({ id, label: text('the decision as the learner reads it') })),
    v.minLength(2, 'expected at least two decisions')
  ),
  requests: v.pipe(
    v.array(
      v.strictObject({
        id,
        kind: v.picklist(REQUEST_KINDS, `expected one of: ${REQUEST_KINDS.join(', ')}`),
        title: text('a short title of the request'),
        documents: v.pipe(
          v.array(v.strictObject({ label: text('what the document is'), text: text('what the document says') })),
          v.minLength(1, 'expected at least one document')
        ),
        correct: id,
        feedback: v.record(id, text('feedback for this decision')),
        explanation: text('why the best decision is right'),
        rule: text('the rule behind the decision, with its source')
      })
    ),
    v.minLength(1, 'expected at least one request')
  )
});

export type RoiDecisionsData = v.InferOutput<typeof dataSchema>;
export type RoiRequest = RoiDecisionsData['requests'][number];

export const schema = v.pipe(
  dataSchema,
  v.rawCheck<RoiDecisionsData>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const problem of crossReferenceProblems(dataset.value)) addIssue({ message: problem });
  })
);

/** Every request must point at listed decisions and explain each of them; returns problems in plain words. */
export function crossReferenceProblems(data: RoiDecisionsData): string[] {
  const problems: string[] = [];
  const decisions = new Set(data.decisions.map((d) => d.id));
  const seen = new Set<string>();
  for (const r of data.requests) {
    if (seen.has(r.id)) problems.push(`expected unique request ids, got ${r.id} twice`);
    seen.add(r.id);
    if (!decisions.has(r.correct)) problems.push(`expected requests.${r.id}.correct to be a decision id, got ${r.correct}`);
    for (const d of decisions) if (!(d in r.feedback)) problems.push(`expected requests.${r.id}.feedback to explain decision ${d}`);
    for (const key of Object.keys(r.feedback)) if (!decisions.has(key)) problems.push(`expected requests.${r.id}.feedback keys to be decision ids, got ${key}`);
  }
  return problems;
}
