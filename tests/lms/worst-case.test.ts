/**
 * The budget proof on the real course: the largest suspend_data this course can produce (every
 * lesson seen, every quiz on its last attempt with every drawn item answered with the longest
 * response its item allows, every knowledge check passed, every exercise saved at its cap) fits
 * SCORM 1.2's 4,096 characters with room to spare: as written (typed answers of nothing but
 * reserved characters are shed past the budget, tests/lms/review.test.ts F3), and whole when the
 * answers are plain text.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lib/content/loader';
import { decodeState, encodeState } from '../../src/lib/lms/codec';
import budgets from '../bench/budgets.json';
import { adversarialAnswer, adversarialUtf8Answer, worstCaseOptions, worstCaseState, worstCaseSuspendDataOf } from './worst-case';

const root = fileURLToPath(new URL('../..', import.meta.url));
const WORST_CASE_BUDGET_12 = budgets.worstCaseSuspendData12Chars;

describe('worst-case suspend_data of the real course', () => {
  const loaded = loadCourse({ root });
  const options = worstCaseOptions(Object.values(loaded.modules));

  it.each([
    ['reserved characters (the costliest in UTF-16 code units)', adversarialAnswer],
    ['three-byte characters such as € (the costliest in UTF-8 bytes)', adversarialUtf8Answer]
  ])(`fits SCORM 1.2 with room to spare (<= ${WORST_CASE_BUDGET_12} of 4,096) in characters and in UTF-8 bytes, typed answers of %s`, (what, answer) => {
    const { written, size, unshed } = worstCaseSuspendDataOf(loaded, answer);
    console.info(
      `worst-case 1.2 suspend_data, typed answers of ${what}: ${size.chars} characters / ${size.bytes} UTF-8 bytes written, ${unshed.chars} / ${unshed.bytes} before shedding (${options.exerciseIds.length} exercises; sections ${written.data
        .split('|')
        .map((s) => s.length)
        .join(' ')})`
    );
    expect(size.chars).toBeLessThanOrEqual(WORST_CASE_BUDGET_12);
    expect(size.bytes).toBeLessThanOrEqual(WORST_CASE_BUDGET_12);
  });

  it('keeps everything, shedding nothing, when the longest answers are plain text', () => {
    const worst = worstCaseState(loaded.tree, options);
    const { data, shed } = encodeState(loaded.tree, worst, { limit: WORST_CASE_BUDGET_12 });
    expect(shed).toEqual([]);
    expect(decodeState(loaded.tree, data).state).toEqual(worst);
  });
});
