/**
 * Which items an attempt shows, and in what order their options, targets and steps appear: a pure
 * function of the pool, the saved seed and the attempt number, so a resumed quiz rebuilds exactly
 * what the learner saw (QuizProgress keeps only the seed and the answers).
 */
import type { QuizItem } from '$lib/content/types';
import { mulberry32, shuffled, type Random } from './random';

export interface DrawnItem {
  item: QuizItem;
  /**
   * Display order of the ids the learner picks from: options (single, multiple), targets
   * (matching, the choices in each select) or steps (ordering, the starting order). Empty otherwise.
   */
  order: string[];
}

export interface DrawSettings {
  /** Items per attempt; clamped to the pool size. */
  count: number;
  /** course.yaml `randomise`: shuffle the draw and the options. Off: authored order. */
  randomise: boolean;
}

/** Steps shown in their correct order would give the answer away: start from any other order. */
function startingOrder(ids: string[], random: Random): string[] {
  if (ids.length < 2) return ids;
  const order = shuffled(ids, random);
  return order.every((id, i) => id === ids[i]) ? [...ids.slice(1), ids[0] as string] : order;
}

/** Display order for one item. Ordering items are always scrambled, whatever `randomise` says. */
export function displayOrder(item: QuizItem, random: Random, randomise: boolean): string[] {
  switch (item.type) {
    case 'single':
    case 'multiple': {
      const ids = item.options.map((o) => o.id);
      return randomise ? shuffled(ids, random) : ids;
    }
    case 'matching': {
      const ids = item.targets.map((t) => t.id);
      return randomise ? shuffled(ids, random) : ids;
    }
    case 'ordering':
      return startingOrder(item.steps.map((s) => s.id), random);
    default:
      return [];
  }
}

/**
 * Draws `count` items for attempt number `attempt` (1-based). Items from several modules (the final
 * assessment) are taken in turn from each module, so every module is represented; within a module
 * the order is shuffled by the seed, or, when `randomise` is off, authored order moved on by one
 * draw's worth per attempt so a retry still meets other questions.
 */
export function drawAttempt(pool: readonly QuizItem[], settings: DrawSettings, seed: number, attempt: number): DrawnItem[] {
  const random = mulberry32(seed);
  const count = Math.min(settings.count, pool.length);
  const byModule = new Map<string, QuizItem[]>();
  for (const item of pool) byModule.set(item.module, [...(byModule.get(item.module) ?? []), item]);
  const perModule = Math.ceil(count / byModule.size);
  const queues = [...byModule.values()].map((items) => {
    if (settings.randomise) return shuffled(items, random);
    const start = ((attempt - 1) * perModule) % items.length;
    return [...items.slice(start), ...items.slice(0, start)];
  });
  const picked: QuizItem[] = [];
  for (let round = 0; picked.length < count; round++) {
    for (const queue of queues) {
      const item = queue[round];
      if (item && picked.length < count) picked.push(item);
    }
  }
  const items = settings.randomise && byModule.size > 1 ? shuffled(picked, random) : picked;
  return items.map((item) => ({ item, order: displayOrder(item, random, settings.randomise) }));
}

/**
 * What another attempt brings, in words that are true: when the pool holds no more questions than
 * one attempt draws, every attempt has the same questions (in a new order when randomised).
 */
export function retryQuestions(poolSize: number, drawCount: number, randomise: boolean): { same: boolean; each: string } {
  const same = poolSize <= drawCount;
  return {
    same,
    each: same ? (randomise ? 'the same questions in a new order' : 'the same questions') : 'a new draw of questions from the pool'
  };
}
