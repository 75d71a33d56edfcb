/**
 * How the app starts the LMS runtime in the browser (index.ts `startCourseSession` is the same
 * runtime, loaded whole, for tests and the benchmark). Only the code the launch needs is loaded:
 *
 * - no LMS found (file://, the dev server, a plain folder): the standalone store only;
 * - an LMS found: its session (lms-session.ts with the SCORM adapter, the version tables and the
 *   lifecycle, session-machine.ts, plain TypeScript without XState) arrives as its own chunk,
 *   fetched here while the first screen's other chunks load (src/hooks.client.ts starts this
 *   before the first route's code).
 *
 * - the state codec (codec.ts): with the LMS session (it reads and writes suspend_data), and without
 *   an LMS only when a saved copy is there to read before the first screen shows it (a return
 *   visit); a first visit asks for it a few seconds after its first save (standalone.ts).
 *
 * Which store runs, and every rule it keeps, is exactly index.ts's: this file decides when the
 * code loads, never what it does.
 */
import type { CourseTree } from '$lib/content/types';
import { SessionCore } from './course-session';
import { findApi, preferredVersion } from './api-search';
import { browserEnvironment, NO_ENVIRONMENT, type SessionEnvironment } from './environment';
import { standaloneSaved, startStandalone, type StandaloneOptions, type StateCodec } from './standalone';
import type { CourseSession } from './types';

type LmsSessionModule = typeof import('./lms-session');

const importCodec = (): Promise<StateCodec> => import('./codec');

/** The standalone store, its codec loaded first when there is a saved copy for it to read. */
async function standalone(course: CourseTree, env: SessionEnvironment, core: SessionCore, loadCodec: () => Promise<StateCodec>, options: StandaloneOptions) {
  let codec: StateCodec | null = null;
  if (standaloneSaved(course, env, options) !== null) {
    try {
      codec = await loadCodec();
    } catch (error) {
      console.error('The state codec did not load; the saved progress is kept unread.', error);
    }
  }
  return startStandalone(course, env, core, { ...options, codec, loadCodec });
}

/**
 * `loadLms` is the chunk's import (a test passes one that fails). `loadObjectiveTexts` gives the
 * objective texts the browser's course tree leaves out (content/client.ts): SCORM 2004 declares each
 * objective with its description, so they are fetched alongside the LMS chunk there (1.2 has no
 * description); without them (not given, or not loaded) the tree's own texts, or the ids alone.
 * `loadCodec` is the state codec's import, for the standalone store (a test counts or fails it).
 */
export async function launchCourseSession(
  course: CourseTree,
  environment: SessionEnvironment | null = browserEnvironment(),
  loadLms: () => Promise<LmsSessionModule> = () => import('./lms-session'),
  loadObjectiveTexts?: () => Promise<Record<string, string>>,
  loadCodec: () => Promise<StateCodec> = importCodec
): Promise<CourseSession> {
  const env = environment ?? NO_ENVIRONMENT;
  const core = new SessionCore();
  const found = findApi(env.window, course.settings.scormVersion ?? preferredVersion(env.search));
  if (found) {
    const texts = found.version === '2004' && loadObjectiveTexts ? loadObjectiveTexts().catch(() => undefined) : undefined;
    let lms: LmsSessionModule | null = null;
    try {
      lms = await loadLms();
    } catch (error) {
      // The package is missing a file (a broken upload, a lost connection): keep the learner's work
      // on this device and tell them so in plain words (notices.ts `lms-not-loaded`).
      console.error('LMS runtime did not load; progress is kept on this device only.', error);
    }
    if (lms) {
      core.store = lms.startLmsSession(course, env, core, lms.withTable(found), { objectiveTexts: await texts });
      return core.session();
    }
    core.store = await standalone(course, env, core, loadCodec, { lmsNotLoaded: found.version === '1.2' ? 'scorm12' : 'scorm2004' });
    return core.session();
  }
  core.store = await standalone(course, env, core, loadCodec, {});
  return core.session();
}
