/**
 * How many interaction records the course may write, and whose answers get them.
 *
 * An LMS must keep at least 250 interaction records (2004 RTE 4.2.9, SPM 250; 1.2 sets no number,
 * and the same 250 is used). That is the smallest maximum an LMS may have, not a size the content
 * respects: 9 module quizzes of 8 items with 3 attempts each and a 20-item final with 3 attempts
 * come to 276. So room is reserved for the final assessment's attempts (its answers are what the
 * grade rests on): module quiz attempts use what is left, and a module attempt that does not fit
 * whole is not reported as interactions (its score and objectives are reported as usual).
 * With unlimited attempts, the first FINAL_ATTEMPTS_RESERVED_UNLIMITED attempts of the final are
 * reserved. Every submitted attempt is written whole or not at all, so a report never holds half
 * an attempt.
 */
import type { CourseTree } from '$lib/content/types';
import { FINAL_QUIZ_ID } from './codec';
import type { LearnerState } from './types';

export const INTERACTION_LIMIT = 250;
export const FINAL_ATTEMPTS_RESERVED_UNLIMITED = 3;

/** Records still kept free for final assessment attempts not yet submitted. */
export function finalReserve(course: CourseTree, state: LearnerState): number {
  const items = course.settings.finalAssessmentItems;
  if (items <= 0) return 0;
  const attempts = course.settings.attemptsPerQuiz || FINAL_ATTEMPTS_RESERVED_UNLIMITED;
  const final = state.quizzes[FINAL_QUIZ_ID];
  const submitted = final ? final.attempt - (final.submitted ? 0 : 1) : 0;
  return items * Math.max(0, attempts - submitted);
}

/**
 * Whether a submitted attempt of `quizId` with `size` answers fits, given `written` records so far
 * and the learner `state` (which already holds the submitted attempt).
 */
export function attemptFits(course: CourseTree, state: LearnerState, quizId: string, size: number, written: number): boolean {
  if (quizId === FINAL_QUIZ_ID) return written + size <= INTERACTION_LIMIT;
  return written + size <= INTERACTION_LIMIT - finalReserve(course, state);
}
