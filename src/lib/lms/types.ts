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
  /**
   * Objective ids the quiz measures (informational). What the LMS gets per objective comes from
   * the learner state: each module objective carries its own module quiz's result (progress.ts).
   */
  objectiveIds: string[];
}

/** What the LMS holds for this attempt, as far as the course knows (read at launch, then as reported). */
export interface LmsRecord {
  /** Completed by the course's rule (1.2: completed/passed/failed; 2004 completion_status). */
  completed: boolean;
  /** 2004 success_status; 1.2 passed/failed, else unknown. */
  success: 'passed' | 'failed' | 'unknown';
  /** Course score in percent, or null while none is recorded. */
  score: number | null;
}

/** A choice offered with a notice (e.g. "Add it to my record"); the app shows each as a button. */
export interface NoticeAction {
  id: 'claim-progress' | 'discard-progress';
  label: string;
}

/** A plain-words message for the learner: shown once, politely, never blocking. */
export interface LmsNotice {
  kind:
    | 'standalone'
    | 'state-reset'
    | 'lms-unreachable'
    | 'saved-locally'
    | 'not-connected'
    | 'package-updated'
    | 'unrecorded-progress'
    | 'review-mode'
    | 'no-credit'
    | 'lms-not-loaded'
    | 'saved-not-loaded'
    | 'partly-saved'
    | 'lms-unread';
  message: string;
  actions?: NoticeAction[];
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
   * The one pass mark in percent, used by the quiz screens, the objectives and the course status:
   * the LMS's mastery score when it sends a sane one, else the package's (pass-mark.ts).
   */
  readonly passMark: number;
  /** The learner's name as the LMS gives it (1.2 cmi.core.student_name, 2004 cmi.learner_name), or null. */
  readonly learnerName: string | null;
  /**
   * Time spent in this attempt as the LMS counts it: its total time at launch (1.2
   * cmi.core.total_time, 2004 cmi.total_time) plus this session's time so far (what session_time
   * reports). Null in standalone mode and before an LMS has answered.
   */
  timeSpentMs(): number | null;
  /** What the LMS holds for this attempt (never lower than what it held at launch). */
  getRecord(): LmsRecord;
  /** Current notice for the learner, if any. */
  getNotice(): LmsNotice | null;
  dismissNotice(): void;
  /** The learner chose one of the notice's actions. */
  answerNotice(action: NoticeAction['id']): void;

  /** Marks a lesson seen, bookmarks it and saves; may complete the course. */
  visitLesson(moduleSlug: string, lessonSlug: string): void;
  /** Bookmarks any other route (module page, quiz, glossary) without marking anything seen. */
  bookmark(route: string): void;
  /** Saves quiz progress; a change of typed answer only is saved after a short pause (debounced). */
  saveQuiz(quizId: string, progress: QuizProgress): void;
  /** Reports one graded answer as an interaction (committed with the quiz's result). */
  recordAnswer(answer: GradedAnswer): void;
  /** Records a submitted quiz: objective status and score, course score, pass/fail, commit. */
  completeQuiz(result: QuizResult): void;
  checkPassed(itemId: string): void;
  saveExercise(id: string, value: string): void;
  /** Ends the session exactly once (also called on `pagehide`). */
  finish(): void;
}
