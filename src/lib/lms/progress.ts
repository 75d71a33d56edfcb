/**
 * The course's rules for completion, score and pass/fail, from the learner's state. Pure functions:
 * the session reports their results through the adapter.
 *
 * Course score (documented rule): the final assessment's best score when the course has a final
 * assessment (CourseSettings.finalAssessmentItems > 0); otherwise the mean of the module quizzes'
 * best scores. It is null (nothing reported) until every quiz it depends on has been submitted at
 * least once, so an LMS that compares score and mastery on exit (Moodle's 1.2 player does) never
 * fails a learner who has simply not finished.
 */
import type { CourseTree } from '$lib/content/types';
import { FINAL_QUIZ_ID, lessonKeys } from './codec';
import type { LearnerState } from './types';

export function hasFinalAssessment(course: CourseTree): boolean {
  return course.settings.finalAssessmentItems > 0;
}

export function courseScore(course: CourseTree, state: LearnerState): number | null {
  if (hasFinalAssessment(course)) return state.quizzes[FINAL_QUIZ_ID]?.best ?? null;
  const bests = course.modules.filter((m) => m.quiz).map((m) => state.quizzes[m.slug]?.best ?? null);
  if (bests.length === 0 || bests.some((b) => b === null)) return null;
  return Math.round(((bests as number[]).reduce((a, b) => a + b, 0) / bests.length) * 100) / 100;
}

export function allLessonsSeen(course: CourseTree, state: LearnerState): boolean {
  const seen = new Set(state.seen);
  return lessonKeys(course).every((k) => seen.has(k));
}

export interface CourseStatus {
  completed: boolean;
  success: 'passed' | 'failed' | 'unknown';
  /** Percent 0-100, or null while not yet decided. */
  score: number | null;
}

/**
 * `masteryScore` is the LMS's (cmi.student_data.mastery_score / cmi.scaled_passing_score) when it
 * sends one, else CourseSettings.masteryScore.
 */
export function courseStatus(course: CourseTree, state: LearnerState, masteryScore: number): CourseStatus {
  const score = courseScore(course, state);
  const success = score === null ? 'unknown' : score >= masteryScore ? 'passed' : 'failed';
  // 'assessment' means the final assessment passed; without a final, the course score passed.
  const assessmentPassed = success === 'passed';
  const lessons = allLessonsSeen(course, state);
  const rule = course.settings.completion;
  const completed = rule === 'lessons' ? lessons : rule === 'assessment' ? assessmentPassed : lessons && assessmentPassed;
  return { completed, success, score };
}
