/**
 * Entry point of the LMS runtime: `startCourseSession` finds the LMS (or falls back to standalone)
 * and returns the one CourseSession the app talks to.
 *
 * Save points (why each exists):
 * - every change: suspend_data and location are written at once (SetValue), and a copy goes to
 *   localStorage, so nothing waits for a commit that an unloading page may never make;
 * - commit after each scored event (recordAnswer, completeQuiz; those of one task share a commit)
 *   and when the page becomes hidden (the last moment browsers reliably run code: closing a tab
 *   or switching away fires it first);
 * - finish on `pagehide`, exactly once (session-machine.ts).
 * Methods never throw: LMS failures surface only as getNotice().
 */
import { createActor } from 'xstate';
import type { CourseTree } from '$lib/content/types';
import { ScormAdapter, type CallRecord, type LaunchData } from './adapter';
import { decodeState, emptyState, encodeState, StateCodecError, SUSPEND_DATA_LIMIT_2004, type DecodedState } from './codec';
import { discoverApi, preferredVersion, type WindowLike } from './discovery';
import { courseStatus } from './progress';
import { sessionMachine, type PortOutcome } from './session-machine';
import { courseId, LocalStore, storageKeys, type KeyValueStore } from './storage';
import { VisibleClock } from './time';
import type { CourseSession, GradedAnswer, LearnerState, LmsMode, LmsNotice, QuizProgress, QuizResult } from './types';

export type { CourseSession } from './types';
export { worstCaseSuspendData } from './codec';

/** Plain-words notices (shown once, politely, by the app's banner). */
export const NOTICES: Record<LmsNotice['kind'], string> = {
  standalone:
    'This course is not connected to a learning management system (LMS), so your progress is not reported to your teacher. It is kept in this browser on this device.',
  'state-reset':
    'Your saved progress could not be read, so the course starts from the beginning. Everything you do from now on is saved as usual.',
  'saved-locally':
    'Your LMS did not accept the last save. Your progress is kept in this browser, and the course keeps trying to send it.',
  'lms-unreachable':
    'The course has lost contact with your LMS. Your progress is kept in this browser on this device: reopen the course from your LMS on this device to have it recorded.'
};

/** What the session needs from the browser; tests pass their own. */
export interface SessionEnvironment {
  window: WindowLike;
  storage: KeyValueStore | null;
  search: string;
  isVisible(): boolean;
  /** Registers page lifecycle listeners (`visibilitychange`, `pagehide`). */
  listen(type: 'visibilitychange' | 'pagehide', handler: () => void): void;
  now(): number;
}

function browserEnvironment(): SessionEnvironment | null {
  if (typeof window === 'undefined' || typeof document === 'undefined') return null;
  let storage: KeyValueStore | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return {
    window: window as unknown as WindowLike,
    storage,
    search: window.location.search,
    isVisible: () => document.visibilityState !== 'hidden',
    listen: (type, handler) => (type === 'pagehide' ? window : document).addEventListener(type, handler),
    now: () => Date.now()
  };
}

/** Counters for the benchmark and the preview panel. */
export interface SessionDiagnostics {
  lmsStats(): { calls: number; setValues: number; commits: number; failures: number };
  /** Every API call made (method, arguments, result, error code). */
  lmsLog(): readonly CallRecord[];
  /** Length of the suspend_data last written. */
  suspendDataLength(): number;
}

export function startCourseSession(course: CourseTree, environment: SessionEnvironment | null = browserEnvironment()): CourseSession & SessionDiagnostics {
  const env: SessionEnvironment = environment ?? {
    window: {},
    storage: null,
    search: '',
    isVisible: () => true,
    listen: () => {},
    now: () => Date.now()
  };
  const local = new LocalStore(env.storage);
  const keys = storageKeys(courseId(course.settings.title));
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => {
    try {
      l();
    } catch {
      // A broken listener must not stop the others or the save.
    }
  });

  let state: LearnerState = emptyState();
  let notice: LmsNotice | null = null;
  let resumeLocation: string | null = null;
  let lastSuspendDataLength = 0;
  /** When this session last saved (null before its first change): newer than anything stored. */
  let savedInThisSession: number | null = null;
  const setNotice = (kind: LmsNotice['kind'] | null) => {
    if ((notice?.kind ?? null) === kind) return;
    notice = kind ? { kind, message: NOTICES[kind] } : null;
    changed();
  };

  /** Decodes saved text; corrupt or unreadable text resets with a notice, never a crash. */
  const readSaved = (data: string | null): DecodedState | null => {
    if (!data) return null;
    try {
      return decodeState(course, data);
    } catch (error) {
      if (!(error instanceof StateCodecError)) throw error;
      setNotice('state-reset');
      return null;
    }
  };

  const found = discoverApi(env.window, preferredVersion(env.search));

  // -------------------------------------------------------------------------------------------
  // Standalone: no LMS. localStorage is the only store.
  // -------------------------------------------------------------------------------------------
  if (!found) {
    const saved = readSaved(local.get(keys.standalone));
    if (saved) {
      state = saved.state;
      resumeLocation = state.location;
    }
    if (!local.get(keys.standaloneNoticeDismissed) && !notice) setNotice('standalone');
    const persist = () => {
      const { data } = encodeState(course, state, { limit: SUSPEND_DATA_LIMIT_2004, savedAt: env.now() });
      lastSuspendDataLength = data.length;
      local.set(keys.standalone, data);
      changed();
    };
    return buildSession('standalone', {
      persist,
      commitSoon: () => {},
      recordAnswer: () => {},
      completeQuiz: () => {},
      finish: () => {},
      learnerName: () => null,
      dismissed: (kind) => {
        if (kind === 'standalone') local.set(keys.standaloneNoticeDismissed, '1');
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // An LMS was found.
  // -------------------------------------------------------------------------------------------
  const adapter = new ScormAdapter(found.table, found.api);
  adapter.log = [];
  const mode: LmsMode = found.table.version === '1.2' ? 'scorm12' : 'scorm2004';
  const clock = new VisibleClock(env.isVisible(), env.now);
  let launch: LaunchData | null = null;
  let backupKey = keys.backup(mode, '');
  let masteryScore = course.settings.masteryScore;

  const port = {
    initialize: (): PortOutcome => (adapter.initialize() === 'ok' ? 'ok' : 'failed'),
    // A value refused for its content is not retried (it would fail again); a refused or
    // throwing Commit is.
    commit: (): PortOutcome => {
      const outcome = adapter.commit();
      noticeRefusals();
      return outcome === 'ok' || outcome === 'value-refused' ? 'ok' : 'failed';
    },
    finish: () => {
      adapter.finish(clock.elapsed());
    }
  };

  const actor = createActor(sessionMachine, { input: { port } });
  let connected = false;
  /** After the final state nothing is sent: the session has ended and makes no further calls. */
  const send = (event: { type: 'lms.save' } | { type: 'lms.finish' }) => {
    if (actor.getSnapshot().status === 'active') actor.send(event);
  };

  /** Reads the LMS's copy, compares it with this device's backup, and restores the newer. */
  const connect = () => {
    connected = true;
    const objectives = course.modules.flatMap((m) => m.objectives.map((o) => ({ id: o.id, description: o.text })));
    launch = adapter.start(objectives.map((o) => o.id));
    backupKey = keys.backup(mode, launch.learnerId);
    if (launch.masteryScore !== null) masteryScore = launch.masteryScore;
    const fromLms = readSaved(launch.suspendData);
    // This device's copy belongs to the attempt the LMS is continuing. A new attempt (not a resume,
    // and nothing stored: a teacher reset it, or the learner started over) starts clean.
    const sameAttempt = launch.resumed || launch.suspendData !== '';
    const fromDevice = sameAttempt ? readSaved(local.get(backupKey)) : null;
    let chosen = fromDevice && (!fromLms || fromDevice.savedAt > fromLms.savedAt) ? fromDevice : fromLms;
    // Progress made while Initialize was being retried is the newest of all.
    if (savedInThisSession !== null && (!chosen || savedInThisSession > chosen.savedAt)) chosen = null;
    else if (chosen) state = chosen.state;
    if (launch.resumed || chosen) resumeLocation = state.location ?? (launch.location || null);
    adapter.declareObjectives(objectives);
    reportStatus();
    // Write the restored state back at once when it came from this device.
    if ((chosen && chosen === fromDevice) || savedInThisSession !== null) persist();
    else adapter.flush();
  };

  /** suspend_data refused (e.g. over a strict LMS's limit): this device's copy is the only full one. */
  const noticeRefusals = () => {
    if (adapter.refused.includes(found.table.elements.suspendData)) setNotice('saved-locally');
    adapter.refused = [];
  };

  const reportStatus = () => {
    const status = courseStatus(course, state, masteryScore);
    adapter.setStatus(status.completed, status.success);
    if (status.score !== null) adapter.setScore(status.score);
  };

  const persist = () => {
    const savedAt = env.now();
    savedInThisSession = savedAt;
    const { data, shed } = encodeState(course, state, { limit: found.table.limits.suspendData, savedAt });
    lastSuspendDataLength = data.length;
    // This device keeps everything, even what had to be shed to fit the LMS's limit.
    const full = shed.length ? encodeState(course, state, { limit: SUSPEND_DATA_LIMIT_2004, savedAt }).data : data;
    const keptLocally = local.set(backupKey, full);
    if (shed.length && keptLocally) setNotice('saved-locally');
    adapter.saveProgress(data);
    if (state.location) adapter.bookmark(state.location);
    reportStatus();
    if (actor.getSnapshot().matches({ running: 'idle' })) {
      const outcome = adapter.flush();
      noticeRefusals();
      if (outcome === 'threw') send({ type: 'lms.save' });
    }
    changed();
  };

  /**
   * One commit for everything done in the same task: a submitted quiz reports all its answers and
   * its result in one go, and that is one commit, not one per answer.
   */
  let commitQueued = false;
  const commitSoon = () => {
    if (commitQueued) return;
    commitQueued = true;
    void Promise.resolve().then(() => {
      commitQueued = false;
      send({ type: 'lms.save' });
    });
  };

  actor.subscribe((snapshot) => {
    if (snapshot.matches('running') && !connected) connect();
    if (snapshot.matches('unavailable') || snapshot.matches('degraded')) {
      if (notice?.kind !== 'state-reset') setNotice('lms-unreachable');
    } else if (snapshot.matches({ running: 'waitingToRetry' })) {
      if (notice?.kind !== 'state-reset' && notice?.kind !== 'lms-unreachable') setNotice('saved-locally');
    } else if (snapshot.matches({ running: 'idle' }) && (notice?.kind === 'saved-locally' || notice?.kind === 'lms-unreachable')) {
      // The LMS answered again: everything queued has been written and committed.
      setNotice(null);
    }
  });
  actor.start();
  if (!connected) {
    // Initialise failed for now: start from this device's copy while the machine retries.
    const saved = readSaved(local.get(backupKey));
    if (saved) {
      state = saved.state;
      resumeLocation = state.location;
    }
  }

  env.listen('visibilitychange', () => {
    const visible = env.isVisible();
    clock.setVisible(visible);
    if (!visible && adapter.isOpen) {
      // Session time so far: if the finish never arrives, the LMS still has the time spent.
      adapter.setSessionTime(clock.elapsed());
      // Now, not later: the page may be about to go away.
      send({ type: 'lms.save' });
    }
  });
  env.listen('pagehide', () => send({ type: 'lms.finish' }));

  return buildSession(mode, {
    persist,
    commitSoon,
    recordAnswer: (answer) => {
      adapter.recordInteraction(answer);
      commitSoon();
    },
    completeQuiz: (result) => {
      for (const id of result.objectiveIds) adapter.recordObjective({ id, score: result.score, passed: result.passed });
      reportStatus();
      commitSoon();
    },
    finish: () => send({ type: 'lms.finish' }),
    learnerName: () => launch?.learnerName.trim() || null,
    dismissed: () => {},
    diagnostics: {
      lmsStats: () => ({ ...adapter.stats }),
      lmsLog: () => adapter.log ?? []
    }
  });

  // -------------------------------------------------------------------------------------------
  // The CourseSession object: the same in every mode.
  // -------------------------------------------------------------------------------------------
  function buildSession(
    sessionMode: LmsMode,
    hooks: {
      persist(): void;
      commitSoon(): void;
      recordAnswer(answer: GradedAnswer): void;
      completeQuiz(result: QuizResult): void;
      finish(): void;
      learnerName(): string | null;
      dismissed(kind: LmsNotice['kind']): void;
      diagnostics?: Pick<SessionDiagnostics, 'lmsStats' | 'lmsLog'>;
    }
  ): CourseSession & SessionDiagnostics {
    /** Runs an intent; whatever goes wrong stays inside the runtime. */
    const safely = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        console.error('LMS runtime:', error);
      }
    };
    let finished = false;
    return {
      mode: sessionMode,
      get resumeLocation() {
        return resumeLocation;
      },
      get learnerName() {
        return hooks.learnerName();
      },
      getState: () => state,
      subscribe(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      getNotice: () => notice,
      dismissNotice() {
        if (notice) hooks.dismissed(notice.kind);
        notice = null;
        changed();
      },
      visitLesson: (moduleSlug, lessonSlug) =>
        safely(() => {
          const key = `${moduleSlug}/${lessonSlug}`;
          state = { ...state, seen: state.seen.includes(key) ? state.seen : [...state.seen, key], location: `/${key}` };
          hooks.persist();
        }),
      bookmark: (route) =>
        safely(() => {
          // Every launch opens on the home page ('/'): it never replaces the place to return to.
          if (state.location === route || (route === '/' && state.location !== null)) return;
          state = { ...state, location: route };
          hooks.persist();
        }),
      saveQuiz: (quizId: string, progress: QuizProgress) =>
        safely(() => {
          state = { ...state, quizzes: { ...state.quizzes, [quizId]: { ...progress, answers: [...progress.answers] } } };
          hooks.persist();
        }),
      recordAnswer: (answer) => safely(() => hooks.recordAnswer(answer)),
      completeQuiz: (result) =>
        safely(() => {
          hooks.persist();
          hooks.completeQuiz(result);
        }),
      checkPassed: (itemId) =>
        safely(() => {
          if (state.checks.includes(itemId)) return;
          state = { ...state, checks: [...state.checks, itemId] };
          hooks.persist();
        }),
      saveExercise: (id, value) =>
        safely(() => {
          if (state.exercises[id] === value) return;
          state = { ...state, exercises: { ...state.exercises, [id]: value } };
          hooks.persist();
        }),
      finish: () =>
        safely(() => {
          if (finished) return;
          finished = true;
          hooks.finish();
        }),
      lmsStats: hooks.diagnostics?.lmsStats ?? (() => ({ calls: 0, setValues: 0, commits: 0, failures: 0 })),
      lmsLog: hooks.diagnostics?.lmsLog ?? (() => []),
      suspendDataLength: () => lastSuspendDataLength
    };
  }
}
