/**
 * A knowledge check inside a lesson: ungraded, instant explained feedback, unlimited tries.
 *
 *   answering ──check (complete answer)──> correct   (emits `check.passed`)
 *       ^                              └─> incorrect
 *       └──── answer changed / tryAgain ──────┘
 *
 * Nothing is reported as an interaction (only graded answers are); the lesson page tells the LMS
 * the check was passed (session.checkPassed) when `check.passed` is emitted.
 */
import { assertEvent, assign, emit, setup } from 'xstate';
import type { QuizItem } from '$lib/content/types';
import { displayOrder } from './draw';
import { mulberry32 } from './random';
import type { LearnerResponse } from './response-codec';
import { isComplete, isCorrect } from './scoring';

export interface KnowledgeCheckInput {
  item: QuizItem;
}

export interface KnowledgeCheckContext {
  item: QuizItem;
  /** Display order of options / targets / steps (see draw.ts). */
  order: string[];
  response: LearnerResponse | null;
  /** Checks made so far; feedback wording may change after the first. */
  tries: number;
}

export type KnowledgeCheckEvent =
  | { type: 'check.answer'; response: LearnerResponse | null }
  | { type: 'check.submit' }
  | { type: 'check.tryAgain' };

export type KnowledgeCheckEmitted = { type: 'check.passed'; itemId: string };

/** A stable seed from the item id, so a check looks the same on every visit. */
function seedOf(id: string): number {
  let hash = 2166136261; // FNV-1a, 32-bit
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}

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
  context: ({ input }) => {
    const order = displayOrder(input.item, mulberry32(seedOf(input.item.id)), false);
    return {
      item: input.item,
      order,
      // Ordering starts as shown: a learner may check that order as it is.
      response: input.item.type === 'ordering' ? { kind: 'ordering', ids: [...order] } : null,
      tries: 0
    };
  },
  initial: 'answering',
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
