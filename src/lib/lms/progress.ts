/**
 * The course's rules for completion, score and pass/fail, from the learner's state and the one
 * pass mark (pass-mark.ts). Pure functions: the session reports their results through the adapter.
 *
 * - A quiz is `passed` once any attempt reached the pass mark; `failed` only when it is below the
 *   pass mark with no attempt left; `pending` while attempts remain (a failed first attempt is not a
 *   failure yet); `not-taken` before its first submission.
 * - Course score: the final assessment's best score when the course has one
 *   (CourseSettings.finalAssessmentItems > 0); otherwise the mean of the module quizzes' best scores
 *   once every module quiz has been submitted.
 * - Course success: `passed` / `failed` once decided as above, `unknown` until then.
 * - Completion (CourseSettings.completion): `lessons` = every lesson viewed; `assessment` = the
 *   course passed; `both`.
 * - Module objectives: each carries its own module quiz's outcome and best score (not the final's).
 */
import type { CourseTree } from '$lib/content/types';
import { quizPassed } from '$lib/quiz/attempts';
import { FINAL_QUIZ_ID, lessonKeys } from './learner-state';
import type { LearnerState, QuizProgress } from './types';

export function hasFinalAssessment(course: CourseTree): boolean {
  return course.settings.finalAssessmentItems > 0;
}

export type QuizStanding = 'not-taken' | 'pending' | 'passed' | 'failed';

/** True when the learner may start another attempt (0 attempts allowed = unlimited). */
export function attemptsRemain(course: CourseTree, progress: QuizProgress): boolean {
  const allowed = course.settings.attemptsPerQuiz;
  return allowed === 0 || progress.attempt < allowed || !progress.submitted;
}

export function quizStanding(course: CourseTree, progress: QuizProgress | undefined, passMark: number): QuizStanding {
  if (!progress || progress.best === null) return 'not-taken';
  // The quiz page's rule too (quiz/attempts.ts), so the page and the LMS never disagree.
  if (quizPassed(progress, passMark)) return 'passed';
  return attemptsRemain(course, progress) ? 'pending' : 'failed';
}

export function allLessonsSeen(course: CourseTree, state: LearnerState): boolean {
  const seen = new Set(state.seen);
  return lessonKeys(course).every((k) => seen.has(k));
}

export interface CourseStatus {
  completed: boolean;
  success: 'passed' | 'failed' | 'unknown';
  /** Percent 0-100 once the assessment it depends on has been submitted, else null. */
  score: number | null;
}

function assessment(course: CourseTree, state: LearnerState, passMark: number): Omit<CourseStatus, 'completed'> {
  if (hasFinalAssessment(course)) {
    const final = state.quizzes[FINAL_QUIZ_ID];
    const standing = quizStanding(course, final, passMark);
    return { score: final?.best ?? null, success: standing === 'passed' ? 'passed' : standing === 'failed' ? 'failed' : 'unknown' };
  }
  const quizzes = course.modules.filter((m) => m.quiz).map((m) => state.quizzes[m.slug]);
  const bests = quizzes.map((q) => q?.best ?? null);
  if (bests.length === 0 || bests.some((b) => b === null)) return { score: null, success: 'unknown' };
  const score = Math.round(((bests as number[]).reduce((a, b) => a + b, 0) / bests.length) * 100) / 100;
  if (score >= passMark) return { score, success: 'passed' };
  // The mean can still rise while any quiz can be taken again.
  const canImprove = quizzes.some((q) => q && attemptsRemain(course, q));
  return { score, success: canImprove ? 'unknown' : 'failed' };
}

export function courseStatus(course: CourseTree, state: LearnerState, passMark: number): CourseStatus {
  const { score, success } = assessment(course, state, passMark);
  const lessons = allLessonsSeen(course, state);
  const rule = course.settings.completion;
  const passed = success === 'passed';
  const completed = rule === 'lessons' ? lessons : rule === 'assessment' ? passed : lessons && passed;
  return { completed, success, score };
}

export interface ObjectiveStatus {
  id: string;
  standing: Exclude<QuizStanding, 'not-taken'>;
  /** Best score of the module's quiz, percent. */
  score: number;
}

/** Every module objective whose module quiz has been submitted, with that quiz's standing and best. */
export function objectiveStatuses(course: CourseTree, state: LearnerState, passMark: number): ObjectiveStatus[] {
  return course.modules.flatMap((m) => {
    const progress = state.quizzes[m.slug];
    const standing = quizStanding(course, progress, passMark);
    if (standing === 'not-taken' || !progress || progress.best === null) return [];
    return m.objectives.map((o) => ({ id: o.id, standing, score: progress.best! }));
  });
}
