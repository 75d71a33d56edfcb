/**
 * The learner state's fixed points, which every screen needs and which need no codec: the empty
 * state, the lesson keys in course order and the final assessment's quiz id. They live apart from
 * codec.ts so the launch screen can show progress (progress.ts, notices.ts, course-session.ts)
 * without the state codec's chunk, which loads only when there is a saved copy to read or a change
 * to save (standalone.ts; issue 15: home's first visit 152.9 -> 147.5 KB with the other stop-26 work).
 */
import type { CourseTree } from '$lib/content/types';
import { digest } from './digest';
import type { LearnerState } from './types';

/** The quiz id of the final assessment (module quizzes use their module's slug). */
export const FINAL_QUIZ_ID = 'final';

export const emptyState = (): LearnerState => ({ seen: [], location: null, quizzes: {}, checks: [], exercises: {} });

/** Lesson keys (`module/lesson`) in course order. */
export function lessonKeys(course: CourseTree): string[] {
  return course.modules.flatMap((m) => m.lessons.map((l) => `${m.slug}/${l.slug}`));
}

/**
 * Each graded quiz's pool fingerprint by quiz id: answers saved against another pool no longer
 * stand (codec.ts, both formats). The final assessment draws from every module's pool, so its
 * fingerprint changes when any of them does.
 */
export function quizFingerprints(course: CourseTree): Record<string, string> {
  const pools: Record<string, string> = {};
  for (const m of course.modules) if (m.quiz) pools[m.slug] = m.quiz.fingerprint;
  pools[FINAL_QUIZ_ID] = digest([course.settings.finalAssessmentItems, ...course.modules.map((m) => `${m.slug}=${m.quiz?.fingerprint ?? ''}`)].join('|'));
  return pools;
}
