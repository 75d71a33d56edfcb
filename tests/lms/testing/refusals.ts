/**
 * An API wrapper around the strict scorm-again LMS (env.ts) that refuses chosen SetValue elements
 * or Commit calls with the error code a real LMS gives, or answers chosen GetValue reads itself
 * (review rev11-second: Canvas-like LMSs, a value over a limit, an intermittent Commit).
 */
import type { HarnessVersion, StrictLms } from './env';

/** Wraps the API: `setValue(element, value)` returning a string answers for the LMS ("false" refuses, with `error`). */
export interface Refusals {
  setValue?: (element: string, value: string) => { result: string; error: string } | null;
  commit?: (n: number) => { result: string; error: string } | null;
  getValue?: (element: string) => string | null;
}
export function wrapApi(version: HarnessVersion, lms: StrictLms, r: Refusals) {
  const n = version === '12' ? { set: 'LMSSetValue', get: 'LMSGetValue', commit: 'LMSCommit', err: 'LMSGetLastError' } : { set: 'SetValue', get: 'GetValue', commit: 'Commit', err: 'GetLastError' };
  const api = { ...lms.api };
  let own: string | null = null;
  let commits = 0;
  const log: string[] = [];
  for (const k of Object.keys(api)) {
    const orig = lms.api[k]!;
    api[k] = (...args: string[]) => {
      if (k === n.err) return own ?? orig(...args);
      own = null;
      if (k === n.set && r.setValue) {
        const x = r.setValue(args[0]!, args[1]!);
        if (x) {
          own = x.error;
          log.push(`refused ${args[0]}`);
          return x.result;
        }
      }
      if (k === n.get && r.getValue) {
        const x = r.getValue(args[0]!);
        if (x !== null) return x;
      }
      if (k === n.commit && r.commit) {
        const x = r.commit(++commits);
        if (x) {
          own = x.error;
          log.push('refused commit');
          return x.result;
        }
      }
      return orig(...args);
    };
  }
  return { api, log };
}
