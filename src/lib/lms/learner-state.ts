/**
 * The learner state's fixed points, which every screen needs and which need no codec: the empty
 * state, the lesson keys in course order and the final assessment's quiz id. They live apart from
 * codec.ts so the launch screen can show progress (progress.ts, notices.ts, course-session.ts)
 * without the state codec's chunk, which loads only when there is a saved copy to read or a change
 * to save (standalone.ts; issue 15: about 15 KB off the first screen of a first visit).
 */
import type { CourseTree } from '$lib/content/types';
import type { LearnerState } from './types';

/** The quiz id of the final assessment (module quizzes use their module's slug). */
export const FINAL_QUIZ_ID = 'final';

export const emptyState = (): LearnerState => ({ seen: [], location: null, quizzes: {}, checks: [], exercises: {} });

/** Lesson keys (`module/lesson`) in course order. */
export function lessonKeys(course: CourseTree): string[] {
  return course.modules.flatMap((m) => m.lessons.map((l) => `${m.slug}/${l.slug}`));
}
