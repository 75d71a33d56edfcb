/**
 * A knowledge check inside a lesson: ungraded, instant explained feedback, unlimited tries.
 *
 *   answering ──check (complete answer)──> correct   (emits `check.passed`)
 *       ^                              └─> incorrect
 *       └──── answer changed / tryAgain ──────┘
 *
 * Nothing is reported as an interaction (only graded answers are); the lesson page tells the LMS
 * the check was passed (session.checkPassed) when `check.passed` is emitted.
 *
 * This module brings XState, so a lesson loads it only when the learner points at, focuses or
 * answers a check (KnowledgeCheck.svelte, use-lazy-actor.svelte.ts); until then the check shows
 * `initialCheckSnapshot` (knowledge-check.initial.ts), built by the same function as `context` here.
 */
import { assertEvent, assign, emit, setup } from 'xstate';
import { createActor } from './use-actor.svelte';
import { CHECK_INITIAL_STATE, initialCheckContext, type KnowledgeCheckContext, type KnowledgeCheckInput } from './knowledge-check.initial';
import type { LearnerResponse } from './response-codec';
import { isComplete, isCorrect } from './scoring';

export type { KnowledgeCheckContext, KnowledgeCheckInput };

export type KnowledgeCheckEvent =
  | { type: 'check.answer'; response: LearnerResponse | null }
  | { type: 'check.submit' }
  | { type: 'check.tryAgain' };

export type KnowledgeCheckEmitted = { type: 'check.passed'; itemId: string };

export const knowledgeCheckMachine = setup({
  types: {
    input: {} as KnowledgeCheckInput,
    context: {} as KnowledgeCheckContext,
    events: {} as KnowledgeCheckEvent,
    emitted: {} as KnowledgeCheckEmitted
  },
  guards: {
    isComplete: ({ context }) => isComplete(context.item, context.response),
    isCorrect: ({ context }) => isCorrect(context.item, context.response)
  },
  actions: {
    setResponse: assign({
      response: ({ event }) => {
        assertEvent(event, 'check.answer');
        return event.response;
      }
    }),
    countTry: assign({ tries: ({ context }) => context.tries + 1 }),
    clearResponse: assign({
      response: ({ context }) => (context.item.type === 'ordering' ? { kind: 'ordering', ids: [...context.order] } : null)
    }),
    announcePassed: emit(({ context }): KnowledgeCheckEmitted => ({ type: 'check.passed', itemId: context.item.id }))
  }
}).createMachine({
  id: 'knowledgeCheck',
  // The same function gives the view before XState loads (knowledge-check.initial.ts).
  context: ({ input }) => initialCheckContext(input),
  initial: CHECK_INITIAL_STATE,
  states: {
    answering: {
      on: {
        'check.answer': { actions: 'setResponse' },
        'check.submit': [
          { guard: 'isCorrect', target: 'correct', actions: ['countTry', 'announcePassed'] },
          { guard: 'isComplete', target: 'incorrect', actions: 'countTry' }
        ]
      }
    },
    correct: {
      on: {
        'check.tryAgain': { target: 'answering', actions: 'clearResponse' }
      }
    },
    incorrect: {
      on: {
        // Changing the answer after feedback starts the next try straight away.
        'check.answer': { target: 'answering', actions: 'setResponse' },
        'check.tryAgain': { target: 'answering', actions: 'clearResponse' }
      }
    }
  }
});

/** A check's actor, not started (for useLazyActor, which loads this module on demand). */
export const createKnowledgeCheckActor = (input: KnowledgeCheckInput) => createActor(knowledgeCheckMachine, { input });
