/**
 * Data schema of the training-path builder (modules/08-training-path/exercises/path-builder.yaml).
 * Runs in Node at build time: no Svelte or DOM imports. Besides the shape, it checks that every
 * rule names only steps defined in the same file, so the view can never evaluate a rule that points
 * nowhere. Fields ending in `Md` are Markdown: the loader compiles them (with citation checks) to
 * the same name ending in `Html`, which is what the view receives (see `PathBuilderData` in logic.ts).
 */
import * as v from 'valibot';

const text = (what: string) => v.pipe(v.string(`expected ${what}`), v.trim(), v.nonEmpty(`expected ${what}`));
const id = v.pipe(
  v.string('expected a step id'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an id of a-z, 0-9 and single dashes'),
  v.maxLength(32, 'expected an id of at most 32 characters')
);
const ids = (what: string) => v.array(id, `expected a list of ${what}`);

const routeSchema = v.strictObject({
  /** Name of the route, e.g. "CTR Route B" (NCRA eligibility routes). */
  label: text('a route label'),
  /** Every one of these steps must come earlier in the path for this route to count. */
  allOf: v.pipe(ids('step ids that must come earlier'), v.minLength(1, 'expected at least one step id'))
});

const stepSchema = v.strictObject({
  id,
  group: id,
  label: text('the step name shown to the learner'),
  durationMd: text('how long the step takes, or "varies", with its source cited'),
  detailMd: text('what the step involves and requires, with its source cited'),
  /** Ways to qualify for this step; empty or absent = no stated prerequisite. One must be met. */
  routes: v.optional(v.array(routeSchema, 'expected a list of routes (label, allOf)')),
  /** Why the step is out of order when no route is met; required when there are routes. */
  missingMd: v.optional(text('why the step needs an earlier step, with its source cited')),
  /** Steps this one must come before when both are in the path (e.g. high school classes before the diploma). */
  comesBefore: v.optional(ids('step ids this step must precede')),
  orderMd: v.optional(text('why the step must come before the others, with its source cited'))
});

const dataSchema = v.strictObject({
  title: text('a title'),
  instructionsMd: text('instructions for the learner'),
  groups: v.pipe(
    v.array(v.strictObject({ id, label: text('a group heading') }), 'expected a list of step groups (id, label)'),
    v.minLength(1, 'expected at least one group')
  ),
  steps: v.pipe(v.array(stepSchema, 'expected a list of steps'), v.minLength(2, 'expected at least two steps'), v.maxLength(36, 'expected at most 36 steps (one save character each)')),
  examples: v.optional(
    v.array(v.strictObject({ id, label: text('an example path name'), steps: v.pipe(ids('step ids in order'), v.minLength(1, 'expected at least one step')) }))
  ),
  labels: v.strictObject({
    available: text('the heading of the list of steps'),
    path: text('the heading of the learner\'s path'),
    empty: text('what to say when the path is empty'),
    add: text('the add button text'),
    added: text('the text shown for a step already in the path'),
    moveUp: text('the move-up button text'),
    moveDown: text('the move-down button text'),
    remove: text('the remove button text'),
    clear: text('the clear button text'),
    duration: text('the duration label'),
    ok: text('the text for a step in a valid place'),
    problem: text('the text for a step in an invalid place'),
    needs: text('the words before a list of missing steps (a colon follows)'),
    before: text('the words before the steps a misplaced step must precede (a colon follows)'),
    later: text('the words for a step that is in the path but comes too late'),
    notInPath: text('the words for a step that is not in the path'),
    allValid: text('the summary for a valid path'),
    problems: text('the summary for a path with problems; {n} is the number'),
    example: text('the words before the example buttons'),
    announceAdded: text('what is announced when a step is added; {step} and {n} are filled in'),
    announceMoved: text('what is announced when a step is moved; {step} and {n} are filled in'),
    announceRemoved: text('what is announced when a step is removed; {step} is filled in'),
    announceLoaded: text('what is announced when an example is loaded; {example} is filled in'),
    announceCleared: text('what is announced when the path is cleared')
  })
});

/** Every id a rule or example names must be a step; step and group ids must be unique. */
export const schema = v.pipe(
  dataSchema,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const data = dataset.value;
    const stepIds = new Set<string>();
    const groupIds = new Set(data.groups.map((g) => g.id));
    const issue = (message: string) => addIssue({ message: `expected ${message}` });
    data.steps.forEach((step) => {
      if (stepIds.has(step.id)) issue(`unique step ids, got "${step.id}" twice`);
      stepIds.add(step.id);
      if (!groupIds.has(step.group)) issue(`a group listed in groups for step "${step.id}", got "${step.group}"`);
    });
    for (const step of data.steps) {
      const named = [...(step.routes ?? []).flatMap((r) => r.allOf), ...(step.comesBefore ?? [])];
      for (const ref of named) {
        if (!stepIds.has(ref)) issue(`a defined step id in the rules of "${step.id}", got "${ref}"`);
        if (ref === step.id) issue(`step "${step.id}" not to refer to itself`);
      }
      if (step.routes?.length && !step.missingMd) issue(`missingMd for step "${step.id}", which has routes`);
      if (step.comesBefore?.length && !step.orderMd) issue(`orderMd for step "${step.id}", which has comesBefore`);
    }
    for (const example of data.examples ?? []) {
      for (const ref of example.steps) if (!stepIds.has(ref)) issue(`a defined step id in example "${example.id}", got "${ref}"`);
    }
  })
);

export type PathBuilderSource = v.InferOutput<typeof schema>;
