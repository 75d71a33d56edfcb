/**
 * `::: scenario id="..."` (README "Components inside Markdown"): a short branching case. Each step
 * describes a situation and offers two to four choices; each choice has an outcome (what happens
 * next), an explanation (why, with the rule and its source) and a rating said in words, and either
 * leads to another step (`next`) or ends the case. The first step is where the case starts.
 * Data: the YAML body, or `modules/NN-slug/scenarios/<id>.yaml`.
 *
 * Checked besides the shape: step ids unique, every `next` names a step, every step can be reached
 * from the first, no path loops back (so every path ends), and every step has a best choice.
 * Not reported to the LMS: see src/lib/components/lesson/scenario/machine.ts. Build time only.
 */
import * as v from 'valibot';
import { blockId, checkUniqueIds, listOf, parseBlock, Problems, text, type BlockContext } from '../block-schema';

export const RATINGS = ['best', 'acceptable', 'poor'] as const;
export type Rating = (typeof RATINGS)[number];

const schema = v.strictObject({
  title: text('a title'),
  intro: v.optional(text('an introduction in Markdown')),
  steps: listOf(
    v.strictObject({
      id: blockId,
      situation: text('the situation, in Markdown'),
      choices: listOf(
        v.strictObject({
          text: text('the choice as the learner reads it'),
          rating: v.picklist(RATINGS, `expected one of: ${RATINGS.join(', ')}`),
          outcome: text('what happens after this choice, in Markdown'),
          why: text('why, in Markdown (the rule and its source)'),
          next: v.optional(blockId)
        }),
        'choices',
        2,
        4
      )
    }),
    'steps',
    1,
    8
  )
});

export interface ScenarioChoice {
  html: string;
  rating: Rating;
  outcomeHtml: string;
  whyHtml: string;
  /** Index of the step it leads to, or null when the case ends with it. */
  next: number | null;
}

export interface ScenarioStep {
  id: string;
  situationHtml: string;
  choices: ScenarioChoice[];
}

export interface ScenarioData {
  title: string;
  introHtml: string | null;
  /** steps[0] is where the case starts. */
  steps: ScenarioStep[];
}

export function compileScenario(raw: unknown, ctx: BlockContext, prefix: string): ScenarioData {
  const data = parseBlock(schema, raw, ctx, prefix);
  const problems = new Problems(ctx, prefix);
  checkUniqueIds(data.steps, 'steps', problems);
  const index = new Map(data.steps.map((s, i) => [s.id, i]));
  data.steps.forEach((step, i) => {
    step.choices.forEach((c, k) => {
      if (c.next !== undefined && !index.has(c.next)) {
        problems.add(`steps[${i}].choices[${k}].next`, `expected a step id (${[...index.keys()].join(', ')}), got "${c.next}"`);
      }
    });
    if (!step.choices.some((c) => c.rating === 'best')) problems.add(`steps[${i}].choices`, 'expected at least one choice rated best');
  });
  problems.throwIfAny();

  // Reachable from the first step, and no path comes back to a step it has passed (depth-first).
  const reached = new Set<number>();
  const visit = (i: number, onPath: number[]) => {
    reached.add(i);
    data.steps[i]!.choices.forEach((c, k) => {
      if (c.next === undefined) return;
      const to = index.get(c.next)!;
      if (onPath.includes(to)) problems.add(`steps[${i}].choices[${k}].next`, `expected every path to end, got a loop back to "${c.next}"`);
      else visit(to, [...onPath, to]);
    });
  };
  visit(0, [0]);
  data.steps.forEach((s, i) => {
    if (!reached.has(i)) problems.add(`steps[${i}]`, `expected a step some choice leads to, got "${s.id}" that no path reaches`);
  });
  problems.throwIfAny();

  return {
    title: data.title,
    introHtml: data.intro ? ctx.markdown(data.intro, problems.field('intro')) : null,
    steps: data.steps.map((s, i) => ({
      id: s.id,
      situationHtml: ctx.markdown(s.situation, problems.field(`steps[${i}].situation`)),
      choices: s.choices.map((c, k) => {
        const field = problems.field(`steps[${i}].choices[${k}]`);
        return {
          html: ctx.markdownInline(c.text, field),
          rating: c.rating,
          outcomeHtml: ctx.markdown(c.outcome, `${field}.outcome`),
          whyHtml: ctx.markdown(c.why, `${field}.why`),
          next: c.next === undefined ? null : index.get(c.next)!
        };
      })
    }))
  };
}
