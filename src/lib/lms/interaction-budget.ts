/**
 * How many interaction records the course may write, and whose answers get them.
 *
 * An LMS must keep at least 250 interaction records (2004 RTE 4.2.9, SPM 250; 1.2 sets no number,
 * and the same 250 is used). That is the smallest maximum an LMS may have, not a size the content
 * respects: 9 module quizzes of 8 items with 3 attempts each and a 20-item final with 3 attempts
 * come to 276, and with 10 attempts per quiz to 920. So the 250 records are shared by one rule:
 *
 * 1. Reserved, and so always reported: the first attempt of every module quiz, and the final
 *    assessment's attempts up to `guaranteedFinalAttempts` (as many as fit beside one attempt of every
 *    module quiz, at most the attempts allowed; with unlimited attempts, the first
 *    FINAL_ATTEMPTS_RESERVED_UNLIMITED). The final's answers are what the grade rests on, the first
 *    attempt of a module quiz is what every learner has. With the real course (72 module items, a
 *    20-item final) that is every final attempt up to 8 attempts per quiz.
 * 2. Everything else (a module quiz's later attempts, the final's attempts beyond those) is reported
 *    if it fits beside what is still reserved, first come first served.
 *
 * So a module quiz's retakes can never take the room of a quiz not yet taken, and the final's
 * reserve never crowds out a module quiz's first attempt (it used to: with 10 attempts the final
 * kept 200 records and modules 7-9 were never reported). An attempt that does not fit is not
 * reported as interactions (its score and objectives are, as usual). Every submitted attempt is
 * written whole or not at all, so a report never holds half an attempt, and no record is ever
 * written over (an LMS keeps them; 2004 RTE 4.2.9 treats the array as a journal).
 */
import type { CourseTree } from '$lib/content/types';
import { FINAL_QUIZ_ID } from './learner-state';
import type { LearnerState } from './types';

export const INTERACTION_LIMIT = 250;
export const FINAL_ATTEMPTS_RESERVED_UNLIMITED = 3;

/** Attempts of `quizId` the learner has submitted, as `state` holds them. */
function submittedAttempts(state: LearnerState, quizId: string): number {
  const quiz = state.quizzes[quizId];
  return quiz ? Math.max(0, quiz.attempt - (quiz.submitted ? 0 : 1)) : 0;
}

/** Records one attempt of every module quiz takes. */
function moduleFirstAttempts(course: CourseTree): number {
  return course.modules.reduce((sum, m) => sum + (m.quiz ? m.quiz.draw : 0), 0);
}

/** Final assessment attempts whose answers are always reported (rule 1 in the file comment). */
export function guaranteedFinalAttempts(course: CourseTree): number {
  const items = course.settings.finalAssessmentItems;
  if (items <= 0) return 0;
  const allowed = course.settings.attemptsPerQuiz || FINAL_ATTEMPTS_RESERVED_UNLIMITED;
  const besideModules = Math.floor((INTERACTION_LIMIT - moduleFirstAttempts(course)) / items);
  // A course too big for even that keeps the final's first attempt before any module quiz.
  return Math.max(Math.min(1, Math.floor(INTERACTION_LIMIT / items)), Math.min(allowed, besideModules));
}

/** Records still kept free for guaranteed final assessment attempts not yet submitted. */
export function finalReserve(course: CourseTree, state: LearnerState): number {
  return course.settings.finalAssessmentItems * Math.max(0, guaranteedFinalAttempts(course) - submittedAttempts(state, FINAL_QUIZ_ID));
}

/** Records still kept free for the first attempts of module quizzes not yet submitted. */
export function firstAttemptsReserve(course: CourseTree, state: LearnerState): number {
  return course.modules.reduce((sum, m) => sum + (m.quiz && submittedAttempts(state, m.slug) === 0 ? m.quiz.draw : 0), 0);
}

/**
 * Whether a submitted attempt of `quizId` with `size` answers fits, given `written` records so far
 * and the learner `state` (which already holds the submitted attempt).
 */
export function attemptFits(course: CourseTree, state: LearnerState, quizId: string, size: number, written: number): boolean {
  const free = INTERACTION_LIMIT - written - size;
  const attempt = submittedAttempts(state, quizId);
  // Reserved attempts (rule 1): they only have to leave the final's reserve alone.
  if (quizId === FINAL_QUIZ_ID ? attempt <= guaranteedFinalAttempts(course) : attempt <= 1) return free >= (quizId === FINAL_QUIZ_ID ? 0 : finalReserve(course, state));
  return free >= finalReserve(course, state) + firstAttemptsReserve(course, state);
}
