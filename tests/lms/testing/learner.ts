/**
 * A learner's doings as the course's views report them to the runtime, for tests that drive
 * startCourseSession directly: who the LMS says the learner is, one graded answer, one submitted quiz.
 */
import type { startCourseSession } from '../../../src/lib/lms/index';
import { FINAL_QUIZ_ID } from '../../../src/lib/lms/codec';
import type { GradedAnswer, QuizProgress } from '../../../src/lib/lms/types';
import type { HarnessVersion } from './env';

/** A learner id and name, as every LMS gives them (1.2 cmi.core.student_*, 2004 cmi.learner_*). */
export function learner(version: HarnessVersion, id = 'learner-1') {
  return version === '12' ? { core: { student_id: id, student_name: 'Learner, Test' } } : { learner_id: id, learner_name: 'Test Learner' };
}

/** Answer `i` of the final assessment, answered correctly, unless `over` says otherwise. */
export const graded = (i: number, over: Partial<GradedAnswer> = {}): GradedAnswer => ({
  itemId: `q-${i}`,
  quizId: FINAL_QUIZ_ID,
  attempt: 1,
  type: 'choice',
  learnerResponse: { type: 'choice', ids: ['a'] },
  correctResponses: [{ type: 'choice', ids: ['a'] }],
  result: 'correct',
  weighting: 1,
  latencyMs: 5000,
  answeredAt: new Date(Date.UTC(2026, 0, 1)),
  description: `Question ${i}`,
  objectiveId: 'the-jo-1',
  ...over
});

/**
 * Submits a quiz as GradedQuiz does, in one task: progress saved, every answer, then the result.
 * `before` is the quiz's progress before this attempt (its best score and passed flag carry over).
 */
export function submit(session: ReturnType<typeof startCourseSession>, quizId: string, score: number, passMark: number, attempt = 1, items = quizId === FINAL_QUIZ_ID ? 20 : 8, before?: QuizProgress) {
  const best = Math.max(score, before?.best ?? 0);
  session.saveQuiz(quizId, { attempt, seed: 7 + attempt, index: items - 1, answers: Array(items).fill('a'), submitted: true, best, passed: (before?.passed ?? false) || score >= passMark });
  for (let i = 0; i < items; i++) session.recordAnswer(graded(i, { quizId, attempt, result: i < (score / 100) * items ? 'correct' : 'incorrect' }));
  session.completeQuiz({ quizId, score: best, passed: best >= passMark, objectiveIds: [] });
}
