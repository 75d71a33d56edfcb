/**
 * The adversarial review of issue 11's tracking (F1-F10): each finding reproduced against the whole
 * runtime (startCourseSession) under the strict scorm-again LMS, named after the finding.
 */
import { describe, expect, it } from 'vitest';
import { startCourseSession } from '../../src/lib/lms/index';
import { activityScope } from '../../src/lib/lms/backups';
import { COMMIT_INTERVAL_MS } from '../../src/lib/lms/save-scheduler';
import type { QuizProgress } from '../../src/lib/lms/types';
import { cmiForRelaunch, createStrictLms, MemoryStorage, testEnvironment, type HarnessVersion, type StrictOptions } from './testing/env';
import { fixtureCourse } from './testing/fixtures';
import { graded, learner, submit } from './testing/learner';

const course = fixtureCourse();
type Course = typeof course;

/** Moodle serves activity `context` of revision `revision` from here (mod/scorm/loadSCO.php). */
const moodlePath = (context: number, revision = 1) => `/pluginfile.php/${context}/mod_scorm/content/${revision}/index.html`;

interface LaunchOptions {
  cmi?: unknown;
  storage?: MemoryStorage;
  path?: string;
  tree?: Course;
  lms?: StrictOptions;
  /** Days after the first launch (each launch is a new page, later in time). */
  day?: number;
}

function launch(version: HarnessVersion, o: LaunchOptions = {}) {
  const lms = createStrictLms(version, o.cmi ?? learner(version), o.lms ?? {});
  const storage = o.storage ?? new MemoryStorage();
  const env = testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11', storage, path: o.path ?? moodlePath(101), startAt: Date.UTC(2026, 10, 24, 10) + (o.day ?? 0) * 86_400_000 });
  const session = startCourseSession(o.tree ?? course, env);
  return { lms, env, session, storage };
}

/** Submits a quiz on top of what the session holds for it (its best score and passed flag carry over). */
const submitNext = (session: ReturnType<typeof startCourseSession>, quizId: string, score: number, passMark: number, attempt = 1) =>
  submit(session, quizId, score, passMark, attempt, undefined, session.getState().quizzes[quizId]);

const status = (version: HarnessVersion, cmi: any) => (version === '12' ? cmi.core.lesson_status : `${cmi.completion_status}/${cmi.success_status}`);
const setValues = (lms: { calls: { method: string; args: string[] }[] }, element: string) =>
  lms.calls.filter((c) => /SetValue$/.test(c.method) && c.args[0] === element).map((c) => c.args[1]);

describe('activityScope: the activity a launch belongs to', () => {
  it('is Moodle’s activity folder without the package revision', () => {
    expect(activityScope(moodlePath(101, 1))).toBe('/pluginfile.php/101/mod_scorm/content/');
    expect(activityScope(moodlePath(101, 7))).toBe(activityScope(moodlePath(101, 1)));
    expect(activityScope(moodlePath(102, 1))).not.toBe(activityScope(moodlePath(101, 1)));
    expect(activityScope('/courses/5/files/scorm/index.html')).toBe('/courses/5/files/scorm/');
  });
});

describe.each(['12', '2004'] as HarnessVersion[])('review of issue 11 under a strict SCORM %s LMS', (version) => {
  // ------------------------------------------------------------------------------------------
  // F1: a backup is only ever restored into the same learner's same activity and attempt
  // ------------------------------------------------------------------------------------------

  it('F1: the same zip added twice as two activities: the second never gets the first one’s progress or results', () => {
    const storage = new MemoryStorage();
    const a = launch(version, { storage, path: moodlePath(101) });
    a.session.visitLesson('the-job', 'introduction');
    submitNext(a.session, 'the-job', 25, 80, 3);
    a.env.fire('pagehide');
    // Activity B: the same zip (same package id), its own LMS record, empty.
    const b = launch(version, { storage, path: moodlePath(202) });
    expect(b.session.getState()).toMatchObject({ seen: [], quizzes: {} });
    b.session.visitLesson('health-record', 'introduction');
    b.env.fire('pagehide');
    const stored = b.lms.committed()!;
    expect(stored.suspend_data).not.toMatch(/the-job/);
    expect(Object.keys(stored.interactions ?? {})).toHaveLength(0);
    expect(status(version, stored)).toBe(version === '12' ? 'incomplete' : 'incomplete/unknown');
  });

  it('F1: a new attempt of the same activity starts clean (the LMS had the old one)', () => {
    const storage = new MemoryStorage();
    const first = launch(version, { storage });
    first.session.visitLesson('the-job', 'introduction');
    submitNext(first.session, 'the-job', 25, 80, 3);
    first.env.fire('pagehide');
    // The LMS opens attempt 2 (Moodle: "Start a new attempt", or the teacher's forced new attempt): a fresh record.
    const second = launch(version, { storage });
    expect(second.session.getState()).toMatchObject({ seen: [], quizzes: {} });
    expect(second.session.resumeLocation).toBeNull();
    second.session.visitLesson('registries', 'introduction');
    second.env.fire('pagehide');
    expect(Object.keys(second.lms.committed()!.interactions ?? {})).toHaveLength(0);
  });

  it('F1: an attempt made on another device never receives this device’s copy of an older attempt', () => {
    const laptop = new MemoryStorage();
    const first = launch(version, { storage: laptop });
    first.session.visitLesson('the-job', 'introduction');
    submitNext(first.session, 'the-job', 25, 80, 3);
    first.env.fire('pagehide');
    // Attempt 2 on a phone, left open.
    const phone = launch(version, { storage: new MemoryStorage(), day: 1 });
    phone.session.visitLesson('registries', 'introduction');
    phone.env.fire('pagehide');
    // Back on the laptop, resuming attempt 2.
    const again = launch(version, { storage: laptop, cmi: cmiForRelaunch(version, phone.lms.committed()), day: 2 });
    expect(again.session.getState()).toMatchObject({ seen: ['registries/introduction'], quizzes: {} });
  });

  it('F1: progress the LMS never received is restored into the same activity, also after a package update', () => {
    const storage = new MemoryStorage();
    const first = launch(version, { storage, path: moodlePath(101, 1) });
    first.lms.fault('commit-false');
    first.session.visitLesson('the-job', 'introduction');
    first.env.advance(60_000);
    first.env.fire('pagehide');
    // Revision 2 of the same activity (the teacher updated the package); the LMS kept nothing.
    const second = launch(version, { storage, path: moodlePath(101, 2) });
    expect(second.session.getState().seen).toEqual(['the-job/introduction']);
    expect(second.lms.committed()!.suspend_data).toMatch(/^h2\|/);
  });
});

/**
 * Issue 13 review: two activities made from the same zip carry the same package id (manifest
 * identifier plus module set), so only the activity scope in the device backup keys (backups.ts)
 * keeps them apart. Two Moodle activities are two context ids; two Canvas assignments are two
 * uploads through its SCORM tool (each upload is its own package, served from its own folder; the
 * folder layout below is a stand-in, not taken from a live Canvas).
 */
const twoActivities: [string, string, string][] = [
  ['two Moodle activities', moodlePath(101), moodlePath(202)],
  ['two Canvas assignments', '/scorm/courses/5/packages/301/content/index.html', '/scorm/courses/5/packages/302/content/index.html']
];
describe.each(['12', '2004'] as HarnessVersion[])('F1 (issue 13): the same zip as two activities under SCORM %s', (version) => {
  it.each(twoActivities)('%s: no progress or result crosses, also one the first LMS never received', (_, pathA, pathB) => {
    expect(activityScope(pathA)).not.toBe(activityScope(pathB));
    const storage = new MemoryStorage();
    // Activity A: its LMS refuses every commit, so the only copy is this device's backup.
    const a = launch(version, { storage, path: pathA });
    a.lms.fault('commit-false');
    a.session.visitLesson('the-job', 'introduction');
    submitNext(a.session, 'the-job', 100, 80, 3);
    a.env.advance(60_000);
    a.env.fire('pagehide');
    // Activity B, same learner, same zip (same package id), same browser: a fresh record.
    const b = launch(version, { storage, path: pathB, day: 1 });
    expect(b.session.getState()).toMatchObject({ seen: [], quizzes: {} });
    b.session.visitLesson('health-record', 'introduction');
    b.env.fire('pagehide');
    const stored = b.lms.committed()!;
    expect(stored.suspend_data).not.toMatch(/the-job/);
    expect(Object.keys(stored.interactions ?? {})).toHaveLength(0);
    expect(status(version, stored)).toBe(version === '12' ? 'incomplete' : 'incomplete/unknown');
    expect(version === '12' ? stored.core.score.raw : stored.score?.raw ?? '').toBe('');
    // And A, relaunched, still gets its own backup back: the keys separate, they do not lose.
    const again = launch(version, { storage, path: pathA, day: 2 });
    expect(again.session.getState().seen).toEqual(['the-job/introduction']);
    expect(again.session.getState().quizzes['the-job']).toMatchObject({ best: 100, passed: true });
  });
});

describe.each(['12', '2004'] as HarnessVersion[])('F2: answers inside a quiz under SCORM %s', (version) => {
  it('F2: a crash mid-quiz loses no given answer but the one being typed, even answering fast', () => {
    const { session, env, lms } = launch(version);
    session.visitLesson('the-job', 'introduction');
    const progress: QuizProgress = { attempt: 1, seed: 5, index: 0, answers: Array(8).fill(null), submitted: false, best: null, passed: false };
    session.saveQuiz('the-job', { ...progress, answers: [...progress.answers] });
    const given = ['ac', 't', 'b', '1a2b'];
    given.forEach((answer, i) => {
      progress.answers[i] = answer;
      session.saveQuiz('the-job', { ...progress, answers: [...progress.answers] });
      env.advance(2000); // a quick learner: one question every two seconds
      progress.index = i + 1;
      session.saveQuiz('the-job', { ...progress, answers: [...progress.answers] });
    });
    // Within the budget (tests/bench/budgets.json commitsPerQuizQuestion): one commit per answer given,
    // none for moving back and forth without a new answer.
    const commitCount = () => lms.calls.filter((c) => c.method.endsWith('Commit')).length;
    const before = commitCount();
    session.saveQuiz('the-job', { ...progress, index: 2, answers: [...progress.answers] });
    session.saveQuiz('the-job', { ...progress, answers: [...progress.answers] });
    expect(commitCount()).toBe(before);
    expect(before).toBeLessThanOrEqual(1 + given.length);
    // Typing the fifth answer, then the browser crashes: no pagehide, no timer runs any more.
    progress.answers[4] = 'half-typed';
    session.saveQuiz('the-job', { ...progress, answers: [...progress.answers] });
    const stored = cmiForRelaunch(version, lms.committed());
    const next = launch(version, { cmi: stored, storage: new MemoryStorage(), day: 1 });
    expect(next.session.getState().quizzes['the-job']).toMatchObject({ index: 4, answers: ['ac', 't', 'b', '1a2b', null, null, null, null] });
  });

  it('F2: the submitted result is committed at once, even right after an answer’s commit', () => {
    const { session, env, lms } = launch(version);
    session.visitLesson('the-job', 'introduction'); // committed now: the throttle's interval starts
    const progress: QuizProgress = { attempt: 1, seed: 5, index: 0, answers: Array(8).fill('a'), submitted: false, best: null, passed: false };
    session.saveQuiz('the-job', progress);
    session.saveQuiz('the-job', { ...progress, index: 7 });
    env.advance(500);
    submitNext(session, 'the-job', 100, 80);
    // Crash: nothing more runs.
    const next = launch(version, { cmi: cmiForRelaunch(version, lms.committed()), storage: new MemoryStorage(), day: 1 });
    expect(next.session.getState().quizzes['the-job']).toMatchObject({ submitted: true, best: 100 });
  });
});
