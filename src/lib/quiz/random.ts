/**
 * A small seeded pseudo-random generator, so that a graded quiz's draw and option order can be
 * rebuilt from one saved number (QuizProgress.seed) when a learner leaves and comes back.
 *
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state advanced by a Weyl increment
 * (0x6D2B79F5) and mixed with two multiply-xorshift rounds. It passes gjrand/PractRand for the
 * short sequences a quiz needs and is a handful of lines, unlike a crypto generator (overkill here:
 * nothing depends on the draw being unpredictable, only on it being repeatable).
 */

/** A function returning a float in [0, 1), like Math.random, but repeatable from its seed. */
export type Random = () => number;

/** Creates a generator whose sequence depends only on `seed` (any integer; taken modulo 2^32). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh seed for a new attempt: an unsigned 32-bit integer (fits suspend_data compactly). */
export function newSeed(source: Random = Math.random): number {
  return Math.floor(source() * 4294967296) >>> 0;
}

/** Returns a shuffled copy (Fisher-Yates, so every order is equally likely); `items` is untouched. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = held;
  }
  return copy;
}
