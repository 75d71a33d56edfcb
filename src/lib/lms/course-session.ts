/**
 * The CourseSession object the app talks to, the same in every mode: it holds the learner state,
 * the notices and the listeners, and turns each intent (visitLesson, saveQuiz, ...) into a change
 * of state plus a `Change` for the store behind it (standalone.ts: localStorage; lms-session.ts:
 * the LMS). Methods never throw: whatever goes wrong stays inside the runtime.
 */
import { emptyState } from './learner-state';
import type { CourseSession, GradedAnswer, LearnerState, LmsMode, LmsNotice, LmsRecord, NoticeAction, QuizProgress, QuizResult } from './types';

/**
 * What changed, so the store can decide how soon to save and commit:
 * `typing` = only the answer being typed (saved after a pause); `step` = a move worth saving now
 * but not committing (bookmark, quiz start); `answered` = a move to another question of an attempt
 * (the answers given so far: saved and committed now, so a crash mid-quiz loses at most the answer
 * being typed); `progress` = a lesson viewed, a check passed, an exercise saved (saved now,
 * committed soon); `scored` = a submitted quiz (committed now).
 */
export type Change = 'typing' | 'step' | 'answered' | 'progress' | 'scored';

export interface SessionStore {
  readonly mode: LmsMode;
  readonly passMark: number;
  readonly learnerName: string | null;
  timeSpentMs(): number | null;
  record(): LmsRecord;
  changed(change: Change): void;
  recordAnswer(answer: GradedAnswer): void;
  completeQuiz(result: QuizResult): void;
  finish(): void;
  noticeAnswered(kind: LmsNotice['kind'], action: NoticeAction['id'] | 'dismiss'): void;
}

/** Notices that describe the LMS connection right now (replaced as it changes), shown before the rest. */
const STATUS_KINDS = new Set<LmsNotice['kind']>(['saved-locally', 'lms-unreachable', 'not-connected']);

export class SessionCore {
  state: LearnerState = emptyState();
  resumeLocation: string | null = null;
  private status: LmsNotice | null = null;
  private statusDismissed = false;
  private readonly queue: LmsNotice[] = [];
  private readonly listeners = new Set<() => void>();
  store: SessionStore | null = null;

  changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // A broken listener must not stop the others or the save.
      }
    }
  }

  /** Sets (or clears, with null) the connection notice. */
  setStatus(notice: LmsNotice | null): void {
    if ((this.status?.kind ?? null) === (notice?.kind ?? null)) return;
    this.status = notice;
    this.statusDismissed = false;
    this.changed();
  }

  get statusKind(): LmsNotice['kind'] | null {
    return this.status?.kind ?? null;
  }

  /** Queues a one-off notice (each kind at most once at a time). */
  tell(notice: LmsNotice): void {
    const at = this.queue.findIndex((n) => n.kind === notice.kind);
    if (at >= 0) this.queue[at] = notice;
    else this.queue.push(notice);
    this.changed();
  }

  withdraw(kind: LmsNotice['kind']): void {
    const at = this.queue.findIndex((n) => n.kind === kind);
    if (at >= 0) {
      this.queue.splice(at, 1);
      this.changed();
    }
  }

  notice(): LmsNotice | null {
    if (this.status && !this.statusDismissed) return this.status;
    return this.queue[0] ?? null;
  }

  private answer(action: NoticeAction['id'] | 'dismiss'): void {
    const shown = this.notice();
    if (!shown) return;
    if (STATUS_KINDS.has(shown.kind) && shown === this.status) this.statusDismissed = true;
    else this.queue.shift();
    this.store?.noticeAnswered(shown.kind, action);
    this.changed();
  }

  /** The public object. `store()` is read on every call: an LMS store is replaced after a back-forward restore. */
  session(): CourseSession {
    const core = this;
    const store = () => {
      if (!core.store) throw new Error('no store');
      return core.store;
    };
    const safely = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        console.error('LMS runtime:', error);
      }
    };
    const update = (next: LearnerState, change: Change) => {
      core.state = next;
      store().changed(change);
      core.changed();
    };
    return {
      get mode() {
        return store().mode;
      },
      get resumeLocation() {
        return core.resumeLocation;
      },
      get passMark() {
        return store().passMark;
      },
      get learnerName() {
        return store().learnerName;
      },
      timeSpentMs: () => store().timeSpentMs(),
      getRecord: () => store().record(),
      getState: () => core.state,
      subscribe(listener) {
        core.listeners.add(listener);
        return () => void core.listeners.delete(listener);
      },
      getNotice: () => core.notice(),
      dismissNotice: () => safely(() => core.answer('dismiss')),
      answerNotice: (action) => safely(() => core.answer(action)),
      visitLesson: (moduleSlug, lessonSlug) =>
        safely(() => {
          const key = `${moduleSlug}/${lessonSlug}`;
          const seen = core.state.seen.includes(key) ? core.state.seen : [...core.state.seen, key];
          update({ ...core.state, seen, location: `/${key}` }, seen === core.state.seen ? 'step' : 'progress');
        }),
      bookmark: (route) =>
        safely(() => {
          // Every launch opens on the home page ('/'): it never replaces the place to return to.
          if (core.state.location === route || (route === '/' && core.state.location !== null)) return;
          update({ ...core.state, location: route }, 'step');
        }),
      saveQuiz: (quizId: string, progress: QuizProgress) =>
        safely(() => {
          const before = core.state.quizzes[quizId];
          const typing =
            !!before &&
            before.attempt === progress.attempt &&
            before.index === progress.index &&
            before.submitted === progress.submitted &&
            !progress.submitted &&
            before.answers.length === progress.answers.length;
          const moved = !!before && before.attempt === progress.attempt && !progress.submitted && before.index !== progress.index;
          update({ ...core.state, quizzes: { ...core.state.quizzes, [quizId]: { ...progress, answers: [...progress.answers] } } }, typing ? 'typing' : moved ? 'answered' : 'step');
        }),
      recordAnswer: (answer) => safely(() => store().recordAnswer(answer)),
      completeQuiz: (result) =>
        safely(() => {
          store().changed('scored');
          store().completeQuiz(result);
          core.changed();
        }),
      checkPassed: (itemId) =>
        safely(() => {
          if (core.state.checks.includes(itemId)) return;
          update({ ...core.state, checks: [...core.state.checks, itemId] }, 'progress');
        }),
      saveExercise: (id, value) =>
        safely(() => {
          if (core.state.exercises[id] === value) return;
          update({ ...core.state, exercises: { ...core.state.exercises, [id]: value } }, 'progress');
        }),
      finish: () => safely(() => store().finish())
    };
  }
}
