/** A test environment for startCourseSession: a fake window holding a strict scorm-again LMS. */
import * as scorm12 from 'scorm-again/scorm12';
import * as scorm2004 from 'scorm-again/scorm2004';
// Plain JS module shared with the browser harness.
import { createStrictLms as createStrictLmsJs, cmiForRelaunch as cmiForRelaunchJs } from '../../../../tests/harness/strict-lms.js';

// scorm-again 3.4's ESM files export the classes by name while its .d.ts files declare a default
// export (the README's `import { Scorm12API } from 'scorm-again/scorm12'` is what runs).
type Scorm12API = InstanceType<typeof import('scorm-again/scorm12').default>;
type Scorm2004API = InstanceType<typeof import('scorm-again/scorm2004').default>;
const Scorm12API = (scorm12 as unknown as { Scorm12API: new (settings?: object) => Scorm12API }).Scorm12API;
const Scorm2004API = (scorm2004 as unknown as { Scorm2004API: new (settings?: object) => Scorm2004API }).Scorm2004API;
import type { SessionEnvironment } from '../index';
import type { KeyValueStore } from '../storage';

export type HarnessVersion = '12' | '2004';
export type Fault = null | 'commit-false' | 'throw' | 'disappear';

export interface StrictLms {
  api: Record<string, (...args: string[]) => string>;
  inner: Scorm12API | Scorm2004API;
  calls: { method: string; args: string[]; result: string | null; error: string | null; threw: boolean }[];
  violations: string[];
  readonly phase: 'new' | 'running' | 'terminated';
  committed(): Record<string, any> | null;
  fault(kind: Fault): void;
}

export function createStrictLms(version: HarnessVersion, cmi?: unknown): StrictLms {
  return createStrictLmsJs(version === '12' ? Scorm12API : Scorm2004API, { version, cmi }) as unknown as StrictLms;
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
  fire(type: 'visibilitychange' | 'pagehide'): void;
  setVisible(visible: boolean): void;
  advance(ms: number): void;
}

/** The course runs in a frame whose parent holds the API, as in an LMS player. */
export function testEnvironment(options: { api?: Record<string, unknown>; apiName?: string; storage?: MemoryStorage; search?: string } = {}): TestEnvironment {
  const lmsWindow: Record<string, unknown> = {};
  if (options.api) lmsWindow[options.apiName ?? 'API'] = options.api;
  lmsWindow.parent = lmsWindow;
  const courseWindow = { parent: lmsWindow };
  const handlers: Record<string, (() => void)[]> = {};
  let visible = true;
  let now = Date.UTC(2026, 10, 24, 10, 0, 0);
  return {
    window: courseWindow,
    storage: options.storage ?? new MemoryStorage(),
    search: options.search ?? '',
    isVisible: () => visible,
    listen: (type, handler) => void (handlers[type] ??= []).push(handler),
    now: () => now,
    fire: (type) => handlers[type]?.forEach((h) => h()),
    setVisible(v) {
      visible = v;
      handlers.visibilitychange?.forEach((h) => h());
    },
    advance(ms) {
      now += ms;
    }
  };
}
