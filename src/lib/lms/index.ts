/**
 * Entry point of the LMS runtime: `startCourseSession` finds the LMS (the package's own SCORM
 * version first) or falls back to standalone, and returns the one CourseSession the app talks to.
 *
 *   course-session.ts   the CourseSession object: learner state, notices, intents
 *   lms-session.ts      with an LMS: connect, read, restore, report, commit, finish
 *   standalone.ts       without one: this browser's localStorage
 *   restore.ts          what a launch starts from, and the floor under what it reports
 *   save-scheduler.ts   when progress is written and committed
 *   adapter.ts, versions.ts, interactions.ts, time.ts   the SCORM data model, per version
 *   codec.ts            the learner state in suspend_data, by stable ids
 *   progress.ts, pass-mark.ts, interaction-budget.ts     the course's rules
 *   backups.ts          this device's copies, by package and learner
 */
import type { CourseTree } from '$lib/content/types';
import * as codec from './codec';
import { SessionCore } from './course-session';
import { discoverApi, preferredVersion } from './discovery';
import { browserEnvironment, NO_ENVIRONMENT, type SessionEnvironment } from './environment';
import { startLmsSession, type SessionDiagnostics } from './lms-session';
import { startStandalone } from './standalone';
import type { CourseSession } from './types';

export type { CourseSession } from './types';
export type { SessionEnvironment } from './environment';
export type { SessionDiagnostics } from './lms-session';

export interface StartOptions {
  /** Keep a log of every API call (the benchmark, a debugging session); off for learners. */
  log?: boolean;
}

export function startCourseSession(
  course: CourseTree,
  environment: SessionEnvironment | null = browserEnvironment(),
  options: StartOptions = {}
): CourseSession & SessionDiagnostics {
  const env = environment ?? NO_ENVIRONMENT;
  const core = new SessionCore();
  const found = discoverApi(env.window, course.settings.scormVersion ?? preferredVersion(env.search));
  if (!found) {
    const store = startStandalone(course, env, core, { codec });
    core.store = store;
    return Object.assign(core.session(), {
      lmsStats: () => ({ calls: 0, setValues: 0, commits: 0, failures: 0 }),
      lmsLog: () => [],
      suspendDataLength: store.suspendDataLength,
      interactionsNotRecorded: () => 0
    });
  }
  const store = startLmsSession(course, env, core, found, options);
  core.store = store;
  const { lmsStats, lmsLog, suspendDataLength, interactionsNotRecorded } = store;
  return Object.assign(core.session(), { lmsStats, lmsLog, suspendDataLength, interactionsNotRecorded });
}
