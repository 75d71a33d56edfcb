/**
 * The contract between the course app and the LMS runtime. The app (routes, quiz views,
 * exercises) only ever talks to a `CourseSession`; every SCORM 1.2 / 2004 difference lives
 * behind it in src/lib/lms/.
 */

export type LmsMode = 'scorm12' | 'scorm2004' | 'standalone';

/** What the learner has done, as the app sees it. The state codec packs this into suspend_data. */
export interface LearnerState {
  /** Lesson keys seen, `module-slug/lesson-slug`. */
  seen: string[];
  /** Last route visited (hash route without `#`, e.g. `/the-job/duties`). */
  location: string | null;
  /** Graded quiz progress by quiz id (module slug, or `final`). */
  quizzes: Record<string, QuizProgress>;
  /** Knowledge checks answered correctly at least once, by item id. */
  checks: string[];
  /**
   * Small per-exercise saved state: each value at most 200 characters (a longer one is not saved).
   * In SCORM 1.2 all exercises share 800 characters (codec.ts EXERCISES_TOTAL_CAP_12).
   */
  exercises: Record<string, string>;
}

/**
 * A graded quiz's persisted progress. Enough to restore the same questions, answers and attempt.
 * Responses are compact strings encoded by src/lib/quiz (`encodeResponse`), opaque to the LMS code.
 */
export interface QuizProgress {
  /** Attempts started (1-based once the first attempt begins). */
  attempt: number;
  /** Seed of the current attempt's draw and option shuffle. */
  seed: number;
  /** Index of the item on screen in the current attempt. */
  index: number;
  /** Encoded response per drawn item of the current attempt, `null` when unanswered. */
  answers: (string | null)[];
  /** The current attempt has been submitted and scored. */
  submitted: boolean;
  /** Best score so far in percent (0-100), `null` before the first submission. */
  best: number | null;
  /** Any attempt reached the mastery score. */
  passed: boolean;
}

/** A learner or correct response in a version-neutral form; the adapter formats it per version. */
export type ResponseValue =
  | { type: 'true-false'; value: boolean }
  | { type: 'choice'; ids: string[] }
  | { type: 'fill-in'; texts: string[] }
  | { type: 'matching'; pairs: [source: string, target: string][] }
  | { type: 'sequencing'; ids: string[] }
  | { type: 'numeric'; value: number }
  /** Correct response of a numeric item: a closed range. */
  | { type: 'numeric-range'; min: number; max: number };

export type InteractionType = 'true-false' | 'choice' | 'fill-in' | 'matching' | 'sequencing' | 'numeric';

/** One graded answer, reported to the LMS as a SCORM interaction. */
export interface GradedAnswer {
  /** Stable item id from modules/ (`[a-z0-9-]`). */
  itemId: string;
  /** Quiz id: module slug or `final`. */
  quizId: string;
  attempt: number;
  type: InteractionType;
  learnerResponse: ResponseValue;
  /** One or more acceptable responses (fill-in items have several). */
  correctResponses: ResponseValue[];
  result: 'correct' | 'incorrect';
  weighting: number;
  latencyMs: number;
  answeredAt: Date;
  /** Plain-text prompt, at most 250 characters (2004 `description`). */
  description: string;
  /** Module objective id the item measures. */
  objectiveId: string;
}

export interface QuizResult {
  quizId: string;
  /** Percent 0-100. */
  score: number;
  passed: boolean;
  /** Objective ids this quiz rolls up to (module objective ids; all of them for `final`). */
  objectiveIds: string[];
}

/** A plain-words message for the learner: shown once, politely, never blocking. */
export interface LmsNotice {
  kind: 'standalone' | 'state-reset' | 'lms-unreachable' | 'saved-locally';
  message: string;
}

export interface CourseSession {
  readonly mode: LmsMode;
  /** Current learner state (restored on resume). Treat as read-only; use the methods to change it. */
  getState(): LearnerState;
  /** Called after every change, and when `notice` changes. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Where to offer "continue where you left off", or null on a fresh start. */
  readonly resumeLocation: string | null;
  /**
   * The learner's name exactly as the LMS gives it (cmi.core.student_name in 1.2,
   * cmi.learner_name in 2004; usually "Last, First"), or null in standalone mode or when empty.
   */
  readonly learnerName: string | null;
  /** Current notice for the learner, if any. */
  getNotice(): LmsNotice | null;
  dismissNotice(): void;

  /** Marks a lesson seen, bookmarks it and saves; may complete the course. */
  visitLesson(moduleSlug: string, lessonSlug: string): void;
  /** Bookmarks any other route (module page, quiz, glossary) without marking anything seen. */
  bookmark(route: string): void;
  saveQuiz(quizId: string, progress: QuizProgress): void;
  /** Reports one graded answer as an interaction and commits. */
  recordAnswer(answer: GradedAnswer): void;
  /** Records a submitted quiz: objective status and score, course score, pass/fail, commit. */
  completeQuiz(result: QuizResult): void;
  checkPassed(itemId: string): void;
  saveExercise(id: string, value: string): void;
  /** Ends the session exactly once (also called on `pagehide`). */
  finish(): void;
}
