/**
 * The app's one reactive view of the course and the learner. Components read `app.learner`
 * (re-rendered on every change) and call `app.session` intent methods to change it.
 */
import { course } from '$lib/content/client';
import { startCourseSession } from '$lib/lms';
import type { CourseSession, LearnerState, LmsNotice } from '$lib/lms/types';

class AppState {
  readonly course = course;
  readonly session: CourseSession;
  learner = $state.raw<LearnerState>({ seen: [], location: null, quizzes: {}, checks: [], exercises: {} });
  notice = $state.raw<LmsNotice | null>(null);

  constructor() {
    this.session = startCourseSession(course);
    const sync = () => {
      // A fresh object each time so `$state.raw` readers re-render.
      const s = this.session.getState();
      this.learner = { ...s, seen: [...s.seen], checks: [...s.checks], quizzes: { ...s.quizzes }, exercises: { ...s.exercises } };
      this.notice = this.session.getNotice();
    };
    this.session.subscribe(sync);
    sync();
  }

  /**
   * The pass mark, in percent, that every page shows and judges by: the one place it is read.
   * For now the package's (course.yaml, or the teacher's --mastery); the LMS runtime's
   * CourseSession.passMark (the LMS's mastery score when it sends one, issue 11) replaces it here.
   */
  get passMark(): number {
    return this.course.settings.masteryScore;
  }

  isSeen(moduleSlug: string, lessonSlug: string): boolean {
    return this.learner.seen.includes(`${moduleSlug}/${lessonSlug}`);
  }
}

export const app = new AppState();
