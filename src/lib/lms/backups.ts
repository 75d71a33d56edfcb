/**
 * This device's copy of the learner's progress (localStorage): the only store in standalone mode,
 * and a backup of suspend_data when an LMS is present (used on the next launch only if it is newer
 * than what the LMS returns). Storage can be missing or full (private mode, sandboxed frames): every
 * access is guarded and simply reports failure.
 */

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class LocalStore {
  constructor(private readonly store: KeyValueStore | null) {}

  get(key: string): string | null {
    try {
      return this.store?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  set(key: string, value: string): boolean {
    try {
      if (!this.store) return false;
      this.store.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  }

  remove(key: string): void {
    try {
      this.store?.removeItem(key);
    } catch {
      // Nothing to do: a store that cannot remove cannot hold anything we rely on either.
    }
  }
}

/**
 * The activity a launch belongs to, from the page's path: the folder the package is served from,
 * without the package revision. An LMS serves all its packages from one origin and so from one
 * localStorage, and a teacher may add the same zip twice as two activities, so the package identity
 * alone does not tell two activities apart. Moodle serves a package's files from
 * `/pluginfile.php/<context id>/mod_scorm/content/<revision>/<file>` (mod/scorm/loadSCO.php): the
 * context id is the activity's own, and the revision goes up when the teacher updates the package in
 * place, so it is left out (an updated package is the same activity). Other LMSs: the folder as it is.
 */
export function activityScope(path: string): string {
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  return folder.replace(/\/mod_scorm\/(content|imsmanifest)\/\d+\//, '/mod_scorm/$1/');
}

/**
 * Where this device keeps a copy of the learner's progress. Every key holds the package identity
 * (CourseSettings.packageId: manifest identifier plus module set), because an LMS serves all its
 * packages from one origin and so from one localStorage: a module's zip must never read another
 * module's or the whole course's progress. LMS copies are also keyed by the activity (activityScope:
 * the same zip added twice is two activities) and by the learner id the LMS gives (1.2
 * cmi.core.student_id, 2004 cmi.learner_id), so two learners on one computer never share one.
 * Progress made while the LMS could not say who the learner is (a refused Initialize) goes to
 * `unidentified` (of that activity): it is never restored into anyone's session unasked; the next
 * learner to open this activity here with a working LMS is asked whether it is theirs, and a yes adds
 * its lessons, checks and exercise states, never its quiz attempts or results (on a shared computer
 * they may be another learner's, and a gradebook must not take them on a click). Which
 * attempt a copy belongs to is in the copy itself (codec.ts, restore.ts).
 */
export function backupKeys(packageId: string, activity = '') {
  const base = `hit-course:${encodeURIComponent(packageId)}`;
  const lms = activity ? `${base}@${encodeURIComponent(activity)}` : base;
  return {
    /** Standalone (no LMS): one copy per package on this device. */
    standalone: `${base}:standalone`,
    standaloneNoticeDismissed: `${base}:standalone-notice-dismissed`,
    /**
     * null or empty: nobody identified (no session opened, or an LMS that gives an empty learner id,
     * which every learner on this computer would share): never restored unasked.
     */
    learner: (mode: string, learnerId: string | null) => (!learnerId ? `${lms}:${mode}:unidentified` : `${lms}:${mode}:learner:${keyPart(learnerId)}`)
  };
}

/**
 * A learner id as part of a key: encodeURIComponent, which throws on a lone surrogate (an LMS that
 * cut an emoji at 255 UTF-16 units, review rev11-second W3). A lone surrogate is written `%uD83D`,
 * which encodeURIComponent never gives (it writes % as %25), so two ids never share a key, and a
 * well-formed id keeps the key it always had.
 */
function keyPart(text: string): string {
  // Split on lone surrogates (with the u flag a well-formed pair is one code point, not \p{Cs}):
  // odd parts are the lone surrogates, even parts encode as they always did.
  return text
    .split(/(\p{Cs})/u)
    .map((part, i) => (i % 2 ? `%u${part.charCodeAt(0).toString(16).toUpperCase()}` : encodeURIComponent(part)))
    .join('');
}

export type BackupKeys = ReturnType<typeof backupKeys>;
