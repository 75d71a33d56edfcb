/**
 * A branching case (`::: scenario`): the learner reads a situation, makes a choice, sees what
 * happens and why, and goes on to the step the choice leads to, until a choice ends the case.
 * The path taken is kept so the learner can read back every decision. No DOM.
 *
 *   choosing ──choose──┬─> outcome ──continue──> choosing (the step the choice leads to)
 *                      └─> ended   (the choice ends the case)
 *   restart (from any state) ──> choosing at the first step, path emptied
 *
 * Not reported to the LMS, on purpose: an ungraded interaction per choice would share SCORM's
 * interaction records (2004 RTE 4.2.9: an LMS need keep only 250) with the graded answers that
 * the gradebook and the coordinators' reports depend on, and a course run at default settings
 * can already reach that limit with graded answers alone. Nothing is saved in suspend_data either.
 */
import { and, assertEvent, assign, setup } from 'xstate';

export interface ScenarioInput {
  /** Per step, where each choice leads: a step index, or null when it ends the case. */
  steps: { choices: { next: number | null }[] }[];
}

export interface Decision {
  step: number;
  choice: number;
}

export interface ScenarioContext {
  steps: ScenarioInput['steps'];
  /** Step on screen. */
  step: number;
  /** Every decision so far, in order; the last is the one whose outcome is on screen. */
  path: Decision[];
}

export type ScenarioEvent = { type: 'scenario.choose'; choice: number } | { type: 'scenario.continue' } | { type: 'scenario.restart' };

/** The decision whose outcome is on screen, or null while choosing. */
export function lastDecision(context: ScenarioContext): Decision | null {
  return context.path.at(-1) ?? null;
}

const nextOf = (context: ScenarioContext, d: Decision | null) => (d ? (context.steps[d.step]?.choices[d.choice]?.next ?? null) : null);

export const scenarioMachine = setup({
  types: { input: {} as ScenarioInput, context: {} as ScenarioContext, events: {} as ScenarioEvent },
  guards: {
    validChoice: ({ context, event }) => {
      assertEvent(event, 'scenario.choose');
      return Number.isInteger(event.choice) && event.choice >= 0 && event.choice < (context.steps[context.step]?.choices.length ?? 0);
    },
    endsTheCase: ({ context, event }) => {
      assertEvent(event, 'scenario.choose');
      return context.steps[context.step]!.choices[event.choice]!.next === null;
    }
  },
  actions: {
    record: assign({
      path: ({ context, event }) => {
        assertEvent(event, 'scenario.choose');
        return [...context.path, { step: context.step, choice: event.choice }];
      }
    }),
    goOn: assign({ step: ({ context }) => nextOf(context, lastDecision(context)) ?? context.step }),
    reset: assign({ step: 0, path: [] })
  }
}).createMachine({
  id: 'scenario',
  context: ({ input }) => ({ steps: input.steps, step: 0, path: [] }),
  initial: 'choosing',
  on: { 'scenario.restart': { target: '.choosing', actions: 'reset' } },
  states: {
    choosing: {
      on: {
        'scenario.choose': [
          { guard: and(['validChoice', 'endsTheCase']), target: 'ended', actions: 'record' },
          { guard: 'validChoice', target: 'outcome', actions: 'record' }
        ]
      }
    },
    outcome: {
      on: { 'scenario.continue': { target: 'choosing', actions: 'goOn' } }
    },
    ended: {}
  }
});
