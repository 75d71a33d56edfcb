/** The progress figures in plain words, the same on the home page and #/progress. */
import type { CourseSettings } from '$lib/content/types';
import type { CourseStatus } from '$lib/lms/progress';
import type { ModuleState, QuizSummary } from './summary';

export const STATE_LABEL: Record<ModuleState, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done'
};

export function attemptsLeftText(left: number): string {
  if (left === Infinity) return 'unlimited attempts';
  return left === 0 ? 'no attempts left' : `${left} attempt${left === 1 ? '' : 's'} left`;
}

/** "Quiz: best 85%, passed" / "Quiz: best 50%, 2 attempts left" / "Quiz: not taken yet". */
export function quizResult(quiz: QuizSummary): string {
  if (quiz.best === null) return quiz.inProgress ? 'started, not yet submitted' : 'not taken yet';
  return `best ${quiz.best}%, ${quiz.passed ? 'passed' : `not passed, ${attemptsLeftText(quiz.attemptsLeft)}`}`;
}

/** What the LMS has been told, in words (SCORM 1.2 and 2004 alike). */
export function statusText(status: CourseStatus): string {
  const completion = status.completed ? 'completed' : 'not yet complete';
  const success = status.success === 'unknown' ? 'no result yet' : status.success;
  return `${completion}, ${success}`;
}

/** What completing the course takes, by its rule (course.yaml `completion`, or the teacher's option). */
export function completionRuleText(completion: CourseSettings['completion']): string {
  return {
    lessons: 'view every lesson',
    assessment: 'pass the final assessment',
    both: 'view every lesson and pass the final assessment'
  }[completion];
}

/** Time spent as #/progress shows it: "under a minute", "12 min", "1 h 05 min" (whole minutes, rounded down). */
export function durationText(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}
