/**
 * Finding the LMS's API object, as the run-time specs describe: look on this window and its
 * parents (bounded), then on the window that opened this one and its parents.
 * SCORM 1.2 RTE 3.3.6.1 "API adapter discovery" (object `API`, ADL's APIWrapper gives up after 7
 * parents); SCORM 2004 RTE 3.1.6.1 "API Instance discovery" (object `API_1484_11`, ADL's sample
 * gives up after 500).
 *
 * Only the three facts the search needs per version live here (issue 15): every launch runs this,
 * also without an LMS (file://, a folder), and the full version tables (versions.ts, with the time
 * formats) belong to the LMS session's chunk. discovery.test.ts checks these match versions.ts.
 */
import type { RawScormApi, ScormVersion } from './versions';

/** The window properties discovery reads; a plain object works in tests. */
export interface WindowLike {
  parent?: WindowLike | null;
  opener?: WindowLike | null;
  [name: string]: unknown;
}

export interface ApiProbe {
  version: ScormVersion;
  apiName: 'API' | 'API_1484_11';
  initialize: string;
  maxParentHops: number;
}

export const PROBE_12: ApiProbe = { version: '1.2', apiName: 'API', initialize: 'LMSInitialize', maxParentHops: 7 };
export const PROBE_2004: ApiProbe = { version: '2004', apiName: 'API_1484_11', initialize: 'Initialize', maxParentHops: 500 };

/** An API object found, and which version's it is. */
export interface FoundRawApi {
  version: ScormVersion;
  api: RawScormApi;
}

/** A cross-origin frame throws on property access: treat it as "no API here". */
function read(win: WindowLike, name: string): unknown {
  try {
    return win[name];
  } catch {
    return undefined;
  }
}

function parentOf(win: WindowLike): WindowLike | null {
  try {
    const parent = win.parent;
    return parent && parent !== win ? parent : null;
  } catch {
    return null;
  }
}

function openerOf(win: WindowLike): WindowLike | null {
  try {
    return win.opener ?? null;
  } catch {
    return null;
  }
}

function isApi(candidate: unknown, probe: ApiProbe): candidate is RawScormApi {
  return typeof candidate === 'object' && candidate !== null && typeof (candidate as RawScormApi)[probe.initialize] === 'function';
}

/** Walks `start` and at most `probe.maxParentHops` of its parents. */
function searchUp(start: WindowLike, probe: ApiProbe): RawScormApi | null {
  let win: WindowLike | null = start;
  for (let hops = 0; win && hops <= probe.maxParentHops; hops++) {
    const candidate = read(win, probe.apiName);
    if (isApi(candidate, probe)) return candidate;
    win = parentOf(win);
  }
  return null;
}

function findVersion(start: WindowLike, probe: ApiProbe): RawScormApi | null {
  const inFrames = searchUp(start, probe);
  if (inFrames) return inFrames;
  // Then the opener chain (an LMS that launches the course in a pop-up window).
  let top: WindowLike = start;
  for (let p = parentOf(top), hops = 0; p && hops < probe.maxParentHops; p = parentOf(p), hops++) top = p;
  const opener = openerOf(top) ?? openerOf(start);
  return opener ? searchUp(opener, probe) : null;
}

/**
 * `prefer` is the package's own SCORM version (CourseSettings.scormVersion): a player that serves
 * both kinds of package may define both API objects, and a 1.2 package must then talk 1.2 (its
 * manifest told the LMS so; the LMS stores and reports it as 1.2). Without one (not packaged),
 * the launch URL may name it (`?scorm=12` / `?scorm=2004`), else SCORM 2004 is looked for first.
 */
export function findApi(start: WindowLike, prefer: ScormVersion | null = null): FoundRawApi | null {
  const order = prefer === '1.2' ? [PROBE_12, PROBE_2004] : [PROBE_2004, PROBE_12];
  for (const probe of order) {
    const api = findVersion(start, probe);
    if (api) return { version: probe.version, api };
  }
  return null;
}

/** The version named by the launch URL's `scorm` parameter (`12` or `2004`), if any. */
export function preferredVersion(search: string): ScormVersion | null {
  const value = new URLSearchParams(search).get('scorm');
  return value === '12' || value === '1.2' ? '1.2' : value === '2004' ? '2004' : null;
}
