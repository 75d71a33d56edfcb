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

/** A short stable id for the course (so two courses on one LMS origin never share a key). */
export function courseId(title: string): string {
  let h = 5381;
  for (let i = 0; i < title.length; i++) h = ((h * 33) ^ title.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

export const storageKeys = (course: string) => ({
  standalone: `hit-course:${course}:standalone`,
  backup: (mode: string, learner: string) => `hit-course:${course}:${mode}:${learner || 'anonymous'}`,
  standaloneNoticeDismissed: `hit-course:${course}:standalone-notice-dismissed`
});
