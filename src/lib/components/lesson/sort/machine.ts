/**
 * The sorting activity (`::: sort`): one card at a time, the learner puts it into a group and is
 * told at once whether it belongs there and why; after the last card, a summary of every card in
 * its right group and how many were placed right. No DOM, no LMS: the activity is ungraded practice
 * and saves nothing (suspend_data is kept for graded progress; see codec.ts's budget).
 *
 *   sorting ──place──> feedback ──next──┬─> sorting   (cards left)
 *      ^                                └─> done      (last card)
 *      └──────────────restart (from any state)────────────┘
 */
import { assertEvent, assign, setup } from 'xstate';

export interface SortInput {
  /** Group ids, in the order shown. */
  groups: string[];
  /** The group each card belongs in, in the order the cards are dealt. */
  answers: string[];
}

export interface SortContext {
  groups: string[];
  answers: string[];
  /** Card on the table (the last one stays current in `done`). */
  current: number;
  /** The group the learner chose for each card, null until placed. */
  placed: (string | null)[];
}

export type SortEvent = { type: 'sort.place'; group: string } | { type: 'sort.next' } | { type: 'sort.restart' };

/** Cards placed in their own group so far. */
export function rightCount(context: Pick<SortContext, 'answers' | 'placed'>): number {
  return context.placed.filter((g, i) => g !== null && g === context.answers[i]).length;
}

/** Whether the card on the table went into its own group (null before it is placed). */
export function currentIsRight(context: SortContext): boolean | null {
  const chosen = context.placed[context.current];
  return chosen == null ? null : chosen === context.answers[context.current];
}

/** What each group holds now: placed cards by the group the learner chose. */
export function pileOf(context: Pick<SortContext, 'placed'>, group: string): number[] {
  return context.placed.flatMap((g, i) => (g === group ? [i] : []));
}

const fresh = (input: SortInput): SortContext => ({
  groups: input.groups,
  answers: input.answers,
  current: 0,
  placed: input.answers.map(() => null)
});

export const sortMachine = setup({
  types: { input: {} as SortInput, context: {} as SortContext, events: {} as SortEvent },
  guards: {
    knownGroup: ({ context, event }) => {
      assertEvent(event, 'sort.place');
      return context.groups.includes(event.group);
    },
    isLastCard: ({ context }) => context.current >= context.answers.length - 1
  },
  actions: {
    place: assign({
      placed: ({ context, event }) => {
        assertEvent(event, 'sort.place');
        return context.placed.map((g, i) => (i === context.current ? event.group : g));
      }
    }),
    nextCard: assign({ current: ({ context }) => context.current + 1 }),
    reset: assign(({ context }) => fresh(context))
  }
}).createMachine({
  id: 'sort',
  context: ({ input }) => fresh(input),
  initial: 'sorting',
  on: { 'sort.restart': { target: '.sorting', actions: 'reset' } },
  states: {
    sorting: {
      on: { 'sort.place': { guard: 'knownGroup', target: 'feedback', actions: 'place' } }
    },
    feedback: {
      on: {
        'sort.next': [{ guard: 'isLastCard', target: 'done' }, { target: 'sorting', actions: 'nextCard' }]
      }
    },
    done: {}
  }
});
