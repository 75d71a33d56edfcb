/**
 * Entry point of the LMS runtime: `startCourseSession` finds the LMS (or falls back to standalone)
 * and returns the one CourseSession the app talks to.
 *
 * PLACEHOLDER until the runtime lands: an in-memory standalone session with the same contract.
 */
import type { CourseTree } from '$lib/content/types';
import type { CourseSession, LearnerState, LmsNotice } from './types';

export function startCourseSession(_course: CourseTree): CourseSession {
  const state: LearnerState = { seen: [], location: null, quizzes: {}, checks: [], exercises: {} };
  const listeners = new Set<() => void>();
  let notice: LmsNotice | null = null;
  const changed = () => listeners.forEach((l) => l());
  return {
    mode: 'standalone',
    resumeLocation: null,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getNotice: () => notice,
    dismissNotice() {
      notice = null;
      changed();
    },
    visitLesson(moduleSlug, lessonSlug) {
      const key = `${moduleSlug}/${lessonSlug}`;
      if (!state.seen.includes(key)) state.seen.push(key);
      state.location = `/${key}`;
      changed();
    },
    bookmark(route) {
      state.location = route;
      changed();
    },
    saveQuiz(quizId, progress) {
      state.quizzes[quizId] = progress;
      changed();
    },
    recordAnswer() {},
    completeQuiz() {},
    checkPassed(itemId) {
      if (!state.checks.includes(itemId)) state.checks.push(itemId);
      changed();
    },
    saveExercise(id, value) {
      state.exercises[id] = value;
      changed();
    },
    finish() {}
  };
}
