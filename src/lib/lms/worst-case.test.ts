/**
 * The budget proof on the real course: the largest suspend_data this course can produce (every
 * lesson seen, every quiz on its last attempt with every drawn item answered with the longest
 * response its item allows, every knowledge check passed, every exercise saved at its cap) fits
 * SCORM 1.2's 4,096 characters with room to spare.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '$lib/content/loader';
import type { QuizItem } from '$lib/content/types';
import { FILL_IN_MAX_CHARS } from '$lib/quiz/response-codec';
import { decodeState, encodeState, FINAL_QUIZ_ID, WORST_CASE_BUDGET_12, worstCaseState, worstCaseSuspendData } from './codec';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Longest string the quiz engine's encodeResponse can write for `item` (response-codec.ts). */
function longestResponse(item: QuizItem): number {
  switch (item.type) {
    case 'single':
    case 'true-false':
      return 1;
    case 'multiple':
      return item.options.length;
    case 'matching':
      return 2 * item.pairs.length;
    case 'ordering':
      return item.steps.length;
    case 'numeric':
      // A typed number: sign, digits, point; 12 covers anything a learner means (-123456.7890).
      return 12;
    case 'fill-in':
      return FILL_IN_MAX_CHARS;
  }
}

describe('worst-case suspend_data of the real course', () => {
  const loaded = loadCourse({ root });
  const course = loaded.tree;
  const modules = Object.values(loaded.modules);
  const pools: Record<string, number[]> = {};
  for (const m of modules) pools[m.slug] = m.quiz.map(longestResponse).sort((a, b) => b - a);
  // The final draws from every pool: its worst case is the longest items of all of them.
  pools[FINAL_QUIZ_ID] = Object.values(pools).flat().sort((a, b) => b - a);
  const options = {
    responseLength: (quizId: string, slot: number) => pools[quizId]?.[slot] ?? FILL_IN_MAX_CHARS,
    checkIds: modules.flatMap((m) => Object.keys(m.checks)),
    exerciseIds: modules.flatMap((m) => Object.keys(m.exercises))
  };

  it(`fits SCORM 1.2 with room to spare (<= ${WORST_CASE_BUDGET_12} of 4,096 characters)`, () => {
    const data = worstCaseSuspendData(course, options);
    console.info(`worst-case 1.2 suspend_data: ${data.length} characters (${options.checkIds.length} checks, ${options.exerciseIds.length} exercises; sections ${data.split("|").map((s) => s.length).join(" ")})`);
    expect(data.length).toBeLessThanOrEqual(WORST_CASE_BUDGET_12);
  });

  it('restores that worst case exactly', () => {
    const worst = worstCaseState(course, options);
    const { data, shed } = encodeState(course, worst, { limit: WORST_CASE_BUDGET_12 });
    expect(shed).toEqual([]);
    expect(decodeState(course, data).state).toEqual({ ...worst, checks: [...worst.checks].sort() });
  });
});
