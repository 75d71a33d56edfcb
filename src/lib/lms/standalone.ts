/**
 * Standalone mode: no LMS was found (the dev server, a plain build opened from a folder). The
 * learner's progress lives in this browser's localStorage under the package's own key, and the
 * learner is told, once, that nothing reaches a teacher.
 */
import type { CourseTree } from '$lib/content/types';
import { activityScope, backupKeys, LocalStore } from './backups';
import { decodeState, encodeState, hasChanges, StateCodecError, SUSPEND_DATA_LIMIT_2004 } from './codec';
import type { Change, SessionCore, SessionStore } from './course-session';
import type { SessionEnvironment } from './environment';
import { NOTICES, packageUpdatedNotice } from './notices';
import { courseStatus } from './progress';
import { Debounce, TYPING_PAUSE_MS } from './save-scheduler';
import type { LearnerState } from './types';

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
  options: { lmsNotLoaded?: 'scorm12' | 'scorm2004' } = {}
): SessionStore & { suspendDataLength(): number } {
  const local = new LocalStore(env.storage);
  const keys = backupKeys(course.settings.packageId);
  const key = options.lmsNotLoaded ? backupKeys(course.settings.packageId, activityScope(env.path ?? '')).learner(options.lmsNotLoaded, null) : keys.standalone;
  /** What unconnected sessions had left unclaimed (lmsNotLoaded): kept, never shown. */
  let unclaimed: LearnerState | null = null;
  const saved = local.get(key);
  if (saved && options.lmsNotLoaded) {
    try {
      unclaimed = decodeState(course, saved).state;
    } catch (error) {
      if (!(error instanceof StateCodecError)) throw error;
    }
  } else if (saved) {
    try {
      const decoded = decodeState(course, saved);
      core.state = decoded.state;
      core.resumeLocation = decoded.state.location;
      if (hasChanges(decoded.changes)) core.tell(packageUpdatedNotice(course, decoded.changes));
    } catch (error) {
      if (!(error instanceof StateCodecError)) throw error;
      core.tell({ kind: 'state-reset', message: NOTICES['state-reset'] });
    }
  }
  if (options.lmsNotLoaded) core.tell({ kind: 'lms-not-loaded', message: NOTICES['lms-not-loaded'] });
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
  const persist = () => {
    const { data } = encodeState(course, toKeep(), { limit: SUSPEND_DATA_LIMIT_2004, savedAt: env.now() });
    length = data.length;
    local.set(key, data);
  };
  const typing = new Debounce(env, TYPING_PAUSE_MS, persist);
  const flush = () => typing.flush();
  env.listen('visibilitychange', () => {
    if (!env.isVisible()) flush();
  });
  env.listen('pagehide', flush);

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
