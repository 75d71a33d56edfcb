/**
 * Standalone mode: no LMS was found (the dev server, a plain build opened from a folder). The
 * learner's progress lives in this browser's localStorage under the package's own key, and the
 * learner is told, once, that nothing reaches a teacher.
 *
 * The state codec (codec.ts, 9.4 KB) is not part of a first visit's first screen (issue 15):
 * the launch loads it first only when a saved copy is there to read (launch.ts `standaloneSaved`),
 * and otherwise a few seconds after the first change to save (CODEC_AFTER_FIRST_SAVE_MS). What is
 * saved before it arrives is written as plain JSON of the state, which the codec reads back (its
 * `v0` format), so nothing waits on the chunk and nothing is lost if the tab closes first; the
 * codec's copy replaces it once loaded.
 */
import type { CourseTree } from '$lib/content/types';
import { activityScope, backupKeys, LocalStore } from './backups';
import type { Change, SessionCore, SessionStore } from './course-session';
import type { SessionEnvironment } from './environment';
import { NOTICES, packageUpdatedNotice } from './notices';
import { courseStatus } from './progress';
import { lessonKeys, quizFingerprints } from './learner-state';
import { Debounce, TYPING_PAUSE_MS } from './save-scheduler';
import type { LearnerState } from './types';

export type StateCodec = Pick<typeof import('./codec'), 'decodeState' | 'encodeState' | 'hasChanges' | 'StateCodecError' | 'SUSPEND_DATA_LIMIT_2004'>;

export interface StandaloneOptions {
  /** An LMS of this version was found but its code did not load (see below). */
  lmsNotLoaded?: 'scorm12' | 'scorm2004';
  /** The codec, when the caller has it already (index.ts; launch.ts when a saved copy exists). */
  codec?: StateCodec | null;
  /** Loads the codec's chunk (launch.ts); without it and without `codec`, saves stay plain JSON. */
  loadCodec?: () => Promise<StateCodec>;
}

/** How long after the first save without the codec its chunk is asked for (see `persist`). */
export const CODEC_AFTER_FIRST_SAVE_MS = 3000;

/** Nothing done yet: no lesson, quiz, check or exercise, and no place to return to but home. */
const isBlank = (s: LearnerState) =>
  s.seen.length === 0 && s.checks.length === 0 && Object.keys(s.quizzes).length === 0 && Object.keys(s.exercises).length === 0 && (s.location === null || s.location === '/');

/**
 * The copy written while the codec has not loaded: the codec's `v0`, plain JSON of the state, plus
 * what reading it against a package updated since needs (codec.ts `migrateJson`): the pool
 * fingerprint of each quiz it holds answers for, and whether its location is a lesson.
 */
function interimCopy(course: CourseTree, state: LearnerState, savedAt: number): string {
  const pools = quizFingerprints(course);
  const lessonLocation = state.location !== null && lessonKeys(course).includes(state.location.slice(1));
  return JSON.stringify({ ...state, savedAt, pools: Object.fromEntries(Object.keys(state.quizzes).map((id) => [id, pools[id] ?? ''])), lessonLocation });
}

/** The localStorage key this standalone session keeps its progress under. */
function storageKey(course: CourseTree, env: SessionEnvironment, options: StandaloneOptions): string {
  return options.lmsNotLoaded
    ? backupKeys(course.settings.packageId, activityScope(env.path ?? '')).learner(options.lmsNotLoaded, null)
    : backupKeys(course.settings.packageId).standalone;
}

/** The saved copy a standalone session would read (null: none), so the launch knows whether to load the codec first. */
export function standaloneSaved(course: CourseTree, env: SessionEnvironment, options: StandaloneOptions = {}): string | null {
  return new LocalStore(env.storage).get(storageKey(course, env, options));
}

/**
 * `lmsNotLoaded`: an LMS (of this mode) was found but the code that talks to it did not load
 * (launch.ts); the learner is told that, every time, instead of "not connected to an LMS". Nobody
 * is identified then, and a shared computer serves every learner from one localStorage, so the
 * progress goes to the activity's `unidentified` copy, as for a refused Initialize (backups.ts):
 * nothing is restored unasked, and the next launch that reaches the LMS asks whether it is theirs.
 */
export function startStandalone(
  course: CourseTree,
  env: SessionEnvironment,
  core: SessionCore,
  options: StandaloneOptions = {}
): SessionStore & { suspendDataLength(): number } {
  const local = new LocalStore(env.storage);
  const keys = backupKeys(course.settings.packageId);
  const key = storageKey(course, env, options);
  let codec = options.codec ?? null;
  /** What unconnected sessions had left unclaimed (lmsNotLoaded): kept, never shown. */
  let unclaimed: LearnerState | null = null;
  const saved = local.get(key);
  /**
   * A saved copy is there but the codec to read it did not load (a package missing a file, the
   * connection lost at that moment): that copy is never written over, so the next launch that
   * loads the course whole resumes from it; this session's changes are not kept, and the learner
   * is told so.
   */
  const savedUnread = !!saved && !codec;
  if (saved && codec && options.lmsNotLoaded) {
    try {
      unclaimed = codec.decodeState(course, saved).state;
    } catch (error) {
      if (!(error instanceof codec.StateCodecError)) throw error;
    }
  } else if (saved && codec) {
    try {
      const decoded = codec.decodeState(course, saved);
      core.state = decoded.state;
      core.resumeLocation = decoded.state.location;
      if (codec.hasChanges(decoded.changes)) core.tell(packageUpdatedNotice(course, decoded.changes));
    } catch (error) {
      if (!(error instanceof codec.StateCodecError)) throw error;
      core.tell({ kind: 'state-reset', message: NOTICES['state-reset'] });
    }
  }
  if (savedUnread) core.tell({ kind: 'saved-not-loaded', message: NOTICES['saved-not-loaded'] });
  // (With the saved copy unread nothing is kept, so 'lms-not-loaded', "saved on this device only", would not be true.)
  if (options.lmsNotLoaded && !savedUnread) core.tell({ kind: 'lms-not-loaded', message: NOTICES['lms-not-loaded'] });
  else if (!local.get(keys.standaloneNoticeDismissed)) core.tell({ kind: 'standalone', message: NOTICES.standalone });

  let length = 0;
  /** This session's state, plus (lmsNotLoaded) what a claim may add from earlier unclaimed copies. */
  const toKeep = (): LearnerState => {
    const s = core.state;
    if (!unclaimed) return s;
    return {
      seen: [...new Set([...unclaimed.seen, ...s.seen])],
      location: s.location ?? unclaimed.location,
      quizzes: s.quizzes,
      checks: [...new Set([...unclaimed.checks, ...s.checks])],
      exercises: { ...unclaimed.exercises, ...s.exercises }
    };
  };
  let codecLoading = false;
  /** The JSON copy this session last wrote (see `loadCodecNow`). */
  let interim: string | null = null;
  /** Whether this key holds a copy (one was there at launch, or this session wrote one). */
  let written = !!saved;
  const persist = () => {
    if (savedUnread) return;
    // A first visit that has only opened home has nothing to keep (every launch opens on home):
    // writing nothing then keeps the codec off the first screen.
    const state = toKeep();
    if (!written && isBlank(state)) return;
    written = true;
    if (codec) {
      const { data } = codec.encodeState(course, state, { limit: codec.SUSPEND_DATA_LIMIT_2004, savedAt: env.now() });
      length = data.length;
      local.set(key, data);
      return;
    }
    interim = interimCopy(course, state, env.now());
    local.set(key, interim);
    if (codecLoading || !options.loadCodec) return;
    codecLoading = true;
    // Asked for a little later, so it never shares the connection with the files the first
    // screen is still waiting for (on a slow one they take about 2 s; the JSON copy is whole meanwhile).
    env.setTimeout(loadCodecNow, CODEC_AFTER_FIRST_SAVE_MS);
  };
  const loadCodecNow = () => {
    options.loadCodec!().then(
      (loaded) => {
        codec = loaded;
        // The codec's copy replaces this session's JSON one, unless another tab has saved since.
        if (local.get(key) === interim) persist();
      },
      (error: unknown) => {
        // The JSON copy stands; the next change asks for the chunk again.
        codecLoading = false;
        console.error('The state codec did not load; progress is saved as plain JSON meanwhile.', error);
      }
    );
  };
  const typing = new Debounce(env, TYPING_PAUSE_MS, persist);
  const flush = () => typing.flush();
  env.listen('visibilitychange', () => {
    if (!env.isVisible()) flush();
  });
  env.listen('pagehide', flush);
  // A JSON copy read at launch is written again as the codec's own at once, so it is read against
  // later package updates with the codec's full checks (the JSON carries fewer).
  if (codec && saved?.startsWith('{')) persist();

  const passMark = course.settings.masteryScore;
  return {
    mode: 'standalone',
    passMark,
    learnerName: null,
    timeSpentMs: () => null,
    record: () => {
      const status = courseStatus(course, core.state, passMark);
      return { completed: status.completed, success: status.success, score: status.success === 'unknown' ? null : status.score };
    },
    changed: (change: Change) => {
      if (change === 'typing') typing.request();
      else {
        typing.cancel();
        persist();
      }
    },
    recordAnswer: () => {},
    completeQuiz: () => {},
    finish: flush,
    noticeAnswered: (kind) => {
      if (kind === 'standalone') local.set(keys.standaloneNoticeDismissed, '1');
    },
    suspendDataLength: () => length
  };
}
