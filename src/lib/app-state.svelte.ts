/**
 * The app's one reactive view of the course and the learner. Components read `app.learner`
 * (re-rendered on every change) and call `app.session` intent methods to change it.
 */
import { course } from '$lib/content/client';
import type { CourseSession, LearnerState, LmsNotice, LmsRecord } from '$lib/lms/types';
import { sessionLaunch } from '$lib/session-launch';

// Every page renders from the learner's real state (resume prompt, progress, badges), so the
// first one waits for the session rather than repainting once it arrives (no layout shift).
// In an LMS that includes the lms-session chunk, fetched in parallel since the entry ran.
const session = await sessionLaunch;

class AppState {
  readonly course = course;
  readonly session: CourseSession;
  learner = $state.raw<LearnerState>({ seen: [], location: null, quizzes: {}, checks: [], exercises: {} });
  notice = $state.raw<LmsNotice | null>(null);
  /** What the LMS holds for this attempt (status and score), as the learner is told it. */
  record = $state.raw<LmsRecord>({ completed: false, success: 'unknown', score: null });
  /**
   * The one pass mark in percent (the LMS's when it sends a sane one, else the package's): every page
   * that shows or judges by a pass mark reads it here (CourseSession.passMark, pass-mark.ts).
   */
  passMark = $state(0);

  constructor() {
    this.session = session;
    const sync = () => {
      // A fresh object each time so `$state.raw` readers re-render.
      const s = this.session.getState();
      this.learner = { ...s, seen: [...s.seen], checks: [...s.checks], quizzes: { ...s.quizzes }, exercises: { ...s.exercises } };
      this.notice = this.session.getNotice();
      this.record = this.session.getRecord();
      this.passMark = this.session.passMark;
    };
    this.session.subscribe(sync);
    sync();
  }

  isSeen(moduleSlug: string, lessonSlug: string): boolean {
    return this.learner.seen.includes(`${moduleSlug}/${lessonSlug}`);
  }
}

export const app = new AppState();
