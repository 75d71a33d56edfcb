import { describe, expect, it } from 'vitest';
import { FINAL_QUIZ_ID, lessonKeys } from './codec';
import { courseScore, courseStatus } from './progress';
import { fixtureCourse } from './testing/fixtures';
import type { LearnerState, QuizProgress } from './types';

const quiz = (best: number | null): QuizProgress => ({ attempt: 1, seed: 1, index: 0, answers: [], submitted: best !== null, best, passed: false });
const state = (over: Partial<LearnerState> = {}): LearnerState => ({ seen: [], location: null, quizzes: {}, checks: [], exercises: {}, ...over });

describe('course completion and score rules', () => {
  const course = fixtureCourse();
  const allSeen = lessonKeys(course);

  it('scores the course by the final assessment’s best score when there is one', () => {
    expect(courseScore(course, state({ quizzes: { 'the-job': quiz(100) } }))).toBeNull();
    expect(courseScore(course, state({ quizzes: { 'the-job': quiz(100), [FINAL_QUIZ_ID]: quiz(72.5) } }))).toBe(72.5);
  });

  it('without a final, scores by the mean of module quiz bests once every quiz is taken', () => {
    const noFinal = fixtureCourse({ finalAssessmentItems: 0 });
    const some = Object.fromEntries(noFinal.modules.slice(1).map((m) => [m.slug, quiz(80)]));
    expect(courseScore(noFinal, state({ quizzes: some }))).toBeNull();
    expect(courseScore(noFinal, state({ quizzes: { ...some, 'the-job': quiz(62) } }))).toBe(Math.round(((80 * 8 + 62) / 9) * 100) / 100);
  });

  it.each([
    ['lessons', true, false, true],
    ['lessons', false, true, false],
    ['assessment', false, true, true],
    ['assessment', true, false, false],
    ['both', true, true, true],
    ['both', true, false, false],
    ['both', false, true, false]
  ] as const)('completion "%s": lessons all seen %s, final passed %s -> completed %s', (rule, lessons, passed, completed) => {
    const c = fixtureCourse({ completion: rule });
    const s = state({ seen: lessons ? allSeen : allSeen.slice(1), quizzes: { [FINAL_QUIZ_ID]: quiz(passed ? 90 : 50) } });
    expect(courseStatus(c, s, 80).completed).toBe(completed);
  });

  it('judges pass/fail against the mastery score it is given (the LMS’s when it sends one)', () => {
    const s = state({ quizzes: { [FINAL_QUIZ_ID]: quiz(85) } });
    expect(courseStatus(course, s, 80)).toMatchObject({ success: 'passed', score: 85 });
    expect(courseStatus(course, s, 90)).toMatchObject({ success: 'failed', score: 85 });
    expect(courseStatus(course, state(), 80)).toMatchObject({ success: 'unknown', score: null, completed: false });
  });
});
