import { describe, expect, it } from 'vitest';
import { FINAL_QUIZ_ID, lessonKeys } from '../../src/lib/lms/codec';
import { courseStatus, objectiveStatuses, quizStanding } from '../../src/lib/lms/progress';
import { effectivePassMark, lmsMasteryPercent } from '../../src/lib/lms/pass-mark';
import type { LearnerState, QuizProgress } from '../../src/lib/lms/types';
import { fixtureCourse } from './testing/fixtures';

const quiz = (best: number | null, attempt = 3): QuizProgress => ({ attempt, seed: 1, index: 0, answers: [], submitted: best !== null, best, passed: false });
const courseScore = (c: ReturnType<typeof fixtureCourse>, s: LearnerState) => courseStatus(c, s, 80).score;
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

  it('a failed attempt with attempts left is pending, not failed; out of attempts it is failed', () => {
    expect(quizStanding(course, quiz(50, 1), 80)).toBe('pending');
    expect(quizStanding(course, quiz(50, 3), 80)).toBe('failed');
    expect(quizStanding(course, { ...quiz(50, 3), submitted: false }, 80)).toBe('pending');
    expect(quizStanding(fixtureCourse({ attemptsPerQuiz: 0 }), quiz(10, 9), 80)).toBe('pending');
    expect(quizStanding(course, quiz(80, 1), 80)).toBe('passed');
    expect(courseStatus(course, state({ quizzes: { [FINAL_QUIZ_ID]: quiz(50, 1) } }), 80).success).toBe('unknown');
  });

  it('each module objective carries its own module quiz’s standing and best score', () => {
    const s = state({ quizzes: { 'the-job': quiz(90, 1), [FINAL_QUIZ_ID]: quiz(10) } });
    expect(objectiveStatuses(course, s, 80)).toEqual(['the-jo-1', 'the-jo-2', 'the-jo-3'].map((id) => ({ id, standing: 'passed', score: 90 })));
  });
});

describe('the one pass mark', () => {
  it('reads 1.2 mastery_score as a percent and 2004 scaled_passing_score as a fraction', () => {
    expect(lmsMasteryPercent('1.2', '70')).toBe(70);
    expect(lmsMasteryPercent('2004', '0.7')).toBe(70);
    expect(lmsMasteryPercent('2004', '')).toBeNull();
    expect(lmsMasteryPercent('2004', '-0.5')).toBeNull();
    expect(lmsMasteryPercent('1.2', 'abc')).toBeNull();
  });

  it('takes only plain decimals: a broken LMS\'s "0x50" or "1e2" falls back to the package\'s mark (review rev11-final V1)', () => {
    for (const raw of ['0x50', '1e2', '0b1', 'Infinity', '80%', '8 0']) expect(lmsMasteryPercent('1.2', raw)).toBeNull();
    for (const raw of ['0x1', '1e0', '.8.']) expect(lmsMasteryPercent('2004', raw)).toBeNull();
    expect(lmsMasteryPercent('1.2', '80.0')).toBe(80);
    expect(lmsMasteryPercent('1.2', ' 80 ')).toBe(80);
  });

  it('uses the LMS’s when sane, the package’s otherwise; 100 is followed in both versions (review R6)', () => {
    expect(effectivePassMark(80, null)).toEqual({ percent: 80, source: 'package' });
    expect(effectivePassMark(80, 70)).toEqual({ percent: 70, source: 'lms' });
    expect(effectivePassMark(100, 100)).toEqual({ percent: 100, source: 'lms' });
    // A 100% is what the LMS judges by (2004 RTE 4.2.22; Moodle's 1.2 LMSFinish), so it is the pass mark,
    // whether it came as 1.2's "100" or 2004's "1".
    expect(effectivePassMark(80, lmsMasteryPercent('1.2', '100'))).toEqual({ percent: 100, source: 'lms' });
    expect(effectivePassMark(80, lmsMasteryPercent('2004', '1'))).toEqual({ percent: 100, source: 'lms' });
  });
});
