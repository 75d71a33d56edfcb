/**
 * A test environment for startCourseSession: a fake window holding a strict scorm-again LMS, a
 * clock and timers that only move when the test says so, and the page lifecycle events.
 */
import * as scorm12 from 'scorm-again/scorm12';
import * as scorm2004 from 'scorm-again/scorm2004';
import type { SessionEnvironment } from '../../../src/lib/lms/environment';
import type { KeyValueStore } from '../../../src/lib/lms/backups';
// Plain JS module shared with the browser harness.
import { createStrictLms as createStrictLmsJs, cmiForRelaunch as cmiForRelaunchJs } from '../../harness/strict-lms.js';

// scorm-again 3.4's ESM files export the classes by name while its .d.ts files declare a default
// export (the README's `import { Scorm12API } from 'scorm-again/scorm12'` is what runs).
type Scorm12API = InstanceType<typeof import('scorm-again/scorm12').default>;
type Scorm2004API = InstanceType<typeof import('scorm-again/scorm2004').default>;
const Scorm12API = (scorm12 as unknown as { Scorm12API: new (settings?: object) => Scorm12API }).Scorm12API;
const Scorm2004API = (scorm2004 as unknown as { Scorm2004API: new (settings?: object) => Scorm2004API }).Scorm2004API;

export type HarnessVersion = '12' | '2004';
export type Fault = null | 'commit-false' | 'throw' | 'disappear' | 'initialize-false';

/** Moodle 4.5's SCORM 2004 player, where a test needs it (strict-lms.js `moodle2004`). */
export interface StrictOptions {
  moodle2004?: boolean;
  /** What Moodle's 2004 player sends as cmi.scaled_passing_score (default "0.8", the manifest's measure). */
  moodlePassingScore?: string;
  /** A relaunch may call Initialize again after Terminate on the same API (Moodle's 1.2 player allows it). */
  reinitialise?: boolean;
}

export interface StrictLms {
  api: Record<string, (...args: string[]) => string>;
  inner: Scorm12API | Scorm2004API;
  calls: { method: string; args: string[]; result: string | null; error: string | null; threw: boolean }[];
  violations: string[];
  readonly phase: 'new' | 'running' | 'terminated';
  committed(): Record<string, any> | null;
  /** Size of the last commit as Moodle's 2004 player would send it (every element), bytes. */
  lastCommitBytes(): number;
  fault(kind: Fault): void;
}

export function createStrictLms(version: HarnessVersion, cmi?: unknown, options: StrictOptions = {}): StrictLms {
  return createStrictLmsJs(version === '12' ? Scorm12API : Scorm2004API, { version, cmi, ...options }) as unknown as StrictLms;
}

export const cmiForRelaunch = (version: HarnessVersion, cmi: unknown): Record<string, any> => cmiForRelaunchJs(version, cmi);

export class MemoryStorage implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

export interface TestEnvironment extends SessionEnvironment {
  fire(type: 'visibilitychange' | 'pagehide' | 'pageshow', persisted?: boolean): void;
  setVisible(visible: boolean): void;
  /** Moves the clock on by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void;
  /** Puts an API on the LMS window (or removes it with null), e.g. after a back-forward restore. */
  setApi(api: Record<string, unknown> | null, apiName?: string): void;
}

export const DEFAULT_PATH = '/pluginfile.php/101/mod_scorm/content/1/index.html';

/** The course runs in a frame whose parent holds the API, as in an LMS player. */
export function testEnvironment(
  options: { api?: Record<string, unknown>; apiName?: string; storage?: MemoryStorage; search?: string; path?: string; startAt?: number; extraApis?: Record<string, unknown> } = {}
): TestEnvironment {
  const lmsWindow: Record<string, unknown> = { ...options.extraApis };
  if (options.api) lmsWindow[options.apiName ?? 'API'] = options.api;
  lmsWindow.parent = lmsWindow;
  const courseWindow = { parent: lmsWindow };
  const handlers: Record<string, ((persisted: boolean) => void)[]> = {};
  let visible = true;
  let now = options.startAt ?? Date.UTC(2026, 10, 24, 10, 0, 0);
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    window: courseWindow,
    storage: options.storage ?? new MemoryStorage(),
    search: options.search ?? '',
    // Where Moodle serves a package: activity (context) 101, package revision 1 (mod/scorm/loadSCO.php).
    path: options.path ?? DEFAULT_PATH,
    isVisible: () => visible,
    listen: (type, handler) => void (handlers[type] ??= []).push(handler),
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    fire: (type, persisted = false) => handlers[type]?.forEach((h) => h(persisted)),
    setVisible(v) {
      visible = v;
      handlers.visibilitychange?.forEach((h) => h(false));
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = end;
    },
    setApi(api, apiName = options.apiName ?? 'API') {
      if (api) lmsWindow[apiName] = api;
      else delete lmsWindow[apiName];
    }
  };
}
