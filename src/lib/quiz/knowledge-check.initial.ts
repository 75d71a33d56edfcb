/**
 * What a knowledge check shows before anyone touches it, without XState: the machine's state
 * name and the context it starts from, computed from its input. The machine
 * (knowledge-check.machine.ts) builds its context with this same function, so the view a lesson
 * paints before the quiz engine loads is the machine's first snapshot by construction (issue 15:
 * XState loads only once the learner points at, focuses or answers the check).
 */
import type { QuizItem } from '$lib/content/types';
import { displayOrder } from './draw';
import { mulberry32 } from './random';
import type { LearnerResponse } from './response-codec';

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

/** The machine's initial state. */
export const CHECK_INITIAL_STATE = 'answering' as const;

/** A stable seed from the item id, so a check looks the same on every visit. */
export function seedOf(id: string): number {
  let hash = 2166136261; // FNV-1a, 32-bit
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}

/** The machine's initial context for an input (a pure function: the same item gives the same context). */
export function initialCheckContext(input: KnowledgeCheckInput): KnowledgeCheckContext {
  const order = displayOrder(input.item, mulberry32(seedOf(input.item.id)), false);
  return {
    item: input.item,
    order,
    // Ordering starts as shown: a learner may check that order as it is.
    response: input.item.type === 'ordering' ? { kind: 'ordering', ids: [...order] } : null,
    tries: 0
  };
}

/** The machine's first snapshot as the view reads it (value and context), for the view before XState loads. */
export function initialCheckSnapshot(input: KnowledgeCheckInput): { value: typeof CHECK_INITIAL_STATE; context: KnowledgeCheckContext } {
  return { value: CHECK_INITIAL_STATE, context: initialCheckContext(input) };
}
