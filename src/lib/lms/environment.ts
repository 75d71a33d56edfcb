/**
 * What the runtime needs from the browser: the window to look for the LMS in, storage, the clock,
 * timers and the page lifecycle. Tests and the benchmark pass their own (tests/lms/testing/env.ts).
 */
import type { KeyValueStore } from './backups';
import type { WindowLike } from './api-search';

export type LifecycleEvent = 'visibilitychange' | 'pagehide' | 'pageshow';

export interface SessionEnvironment {
  window: WindowLike;
  storage: KeyValueStore | null;
  search: string;
  /** The page's path (location.pathname): which activity this launch is (backups.ts activityScope). */
  path?: string;
  isVisible(): boolean;
  /**
   * Registers page lifecycle listeners. `persisted` is PageTransitionEvent.persisted: on
   * `pagehide`, the page may be kept in the back-forward cache; on `pageshow`, it was restored from it.
   */
  listen(type: LifecycleEvent, handler: (persisted: boolean) => void): void;
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export function browserEnvironment(): SessionEnvironment | null {
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
    path: window.location.pathname,
    isVisible: () => document.visibilityState !== 'hidden',
    listen: (type, handler) =>
      (type === 'visibilitychange' ? document : window).addEventListener(type, (event) => handler((event as PageTransitionEvent).persisted === true)),
    now: () => Date.now(),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number)
  };
}

/** No browser (server-side render): nothing to find, nothing to keep. */
export const NO_ENVIRONMENT: SessionEnvironment = {
  window: {},
  storage: null,
  search: '',
  path: '',
  isVisible: () => true,
  listen: () => {},
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};
