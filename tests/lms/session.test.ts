/**
 * The whole runtime (startCourseSession) in Node: a course frame under a strict scorm-again LMS
 * (tests/harness/strict-lms.js), for both versions, plus standalone mode. Each numbered finding of
 * issue 11 and each Moodle 4.5 finding (A-D) has a test named after it.
 */
import { describe, expect, it } from 'vitest';
import { startCourseSession } from '../../src/lib/lms/index';
import { encodeState, FINAL_QUIZ_ID } from '../../src/lib/lms/codec';
import { activityScope, backupKeys } from '../../src/lib/lms/backups';
import { COMMIT_INTERVAL_MS, TYPING_PAUSE_MS } from '../../src/lib/lms/save-scheduler';
import { RETRY_DELAYS_MS } from '../../src/lib/lms/session-machine';
import { INTERACTION_LIMIT } from '../../src/lib/lms/interaction-budget';
import type { QuizProgress } from '../../src/lib/lms/types';
import { cmiForRelaunch, createStrictLms, DEFAULT_PATH, MemoryStorage, testEnvironment, type HarnessVersion, type StrictOptions } from './testing/env';
import { fixtureCourse } from './testing/fixtures';
import { graded, learner, submit } from './testing/learner';

const course = fixtureCourse();
const lessons = course.modules.flatMap((m) => m.lessons.map((l) => [m.slug, l.slug] as const));
const versionName = (v: HarnessVersion) => (v === '12' ? '1.2' : '2004');

const progress = (over: Partial<QuizProgress> = {}): QuizProgress => ({ attempt: 1, seed: 42, index: 0, answers: Array(8).fill(null), submitted: false, best: null, passed: false, ...over });

function launch(version: HarnessVersion, cmi?: unknown, storage = new MemoryStorage(), over: Partial<typeof course.settings> = {}, lmsOptions: StrictOptions = {}, tree = course) {
  const lms = createStrictLms(version, cmi ?? learner(version), lmsOptions);
  const env = testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11', storage });
  const c = Object.keys(over).length ? { ...tree, settings: { ...tree.settings, ...over } } : tree;
  const session = startCourseSession(c, env);
  return { lms, env, session, storage, course: c };
}

const relaunchCmi = (version: HarnessVersion, stored: unknown) => cmiForRelaunch(version, stored);

const read = (version: HarnessVersion, cmi: any) =>
  version === '12'
    ? { status: cmi.core.lesson_status, location: cmi.core.lesson_location, score: cmi.core.score.raw, exit: cmi.core.exit, time: cmi.core.session_time }
    : { status: `${cmi.completion_status}/${cmi.success_status}`, location: cmi.location, score: cmi.score.raw, exit: cmi.exit, time: cmi.session_time };

const commits = (lms: { calls: { method: string }[] }) => lms.calls.filter((c) => c.method.endsWith('Commit')).length;
const settle = () => Promise.resolve();

describe.each(['12', '2004'] as HarnessVersion[])('course session under a strict SCORM %s LMS', (version) => {
  it('starts, bookmarks every lesson, and resumes in the same place with the same progress', () => {
    const first = launch(version);
    expect(first.session.mode).toBe(version === '12' ? 'scorm12' : 'scorm2004');
    first.session.visitLesson('the-job', 'introduction');
    first.session.visitLesson('the-job', 'day-to-day-duties');
    first.session.saveQuiz('the-job', progress({ answers: ['ac', null, 't', null, null, null, null, null], index: 2, seed: 99 }));
    first.session.checkPassed('the-jo-kc-one');
    first.env.advance(90_000);
    first.env.fire('pagehide');
    expect(first.lms.violations).toEqual([]);
    const stored = first.lms.committed()!;
    expect(read(version, stored)).toMatchObject({ location: '/the-job/day-to-day-duties', exit: 'suspend', status: version === '12' ? 'incomplete' : 'incomplete/unknown' });

    const second = launch(version, relaunchCmi(version, stored));
    expect(second.session.resumeLocation).toBe('/the-job/day-to-day-duties');
    expect(second.session.learnerName).toBe(version === '12' ? 'Learner, Test' : 'Test Learner');
    expect(second.session.getState()).toEqual({
      seen: ['the-job/introduction', 'the-job/day-to-day-duties'],
      location: '/the-job/day-to-day-duties',
      quizzes: { 'the-job': progress({ answers: ['ac', null, 't', null, null, null, null, null], index: 2, seed: 99 }) },
      checks: ['the-jo-kc-one'],
      exercises: {}
    });
    expect(second.lms.violations).toEqual([]);
  });

  it('time spent is the LMS total time at launch plus this session, and a relaunch counts each session once', () => {
    const earlier = version === '12' ? { core: { student_id: 'learner-1', total_time: '0001:30:00.00' } } : { learner_id: 'learner-1', total_time: 'PT1H30M0S' };
    const first = launch(version, earlier);
    first.env.advance(60_000);
    expect(first.session.timeSpentMs()).toBe(90 * 60_000 + 60_000);
    first.env.fire('pagehide');
    const stored = first.lms.committed()!;
    // The LMS has folded this session's session_time into total_time (as Moodle and scorm-again do).
    const second = launch(version, relaunchCmi(version, stored));
    expect(second.session.timeSpentMs()).toBe(91 * 60_000);
    second.env.advance(30_000);
    expect(second.session.timeSpentMs()).toBe(91 * 60_000 + 30_000);
  });

  it('time spent on a first launch is this session alone (an empty total_time reads as none yet)', () => {
    const { session, env } = launch(version);
    env.advance(45_000);
    expect(session.timeSpentMs()).toBe(45_000);
  });

  it('completes and passes: all lessons seen and the final assessment passed (completion "both"), in one commit', () => {
    const { session, lms, env } = launch(version);
    for (const [m, l] of lessons) session.visitLesson(m, l);
    env.advance(COMMIT_INTERVAL_MS);
    const before = commits(lms);
    submit(session, FINAL_QUIZ_ID, 85, 80);
    env.advance(COMMIT_INTERVAL_MS);
    expect(commits(lms) - before).toBe(1);
    const cmi = lms.committed()!;
    expect(read(version, cmi)).toMatchObject({ status: version === '12' ? 'passed' : 'completed/passed', score: '85' });
    expect(Object.keys(cmi.interactions)).toHaveLength(20);
    expect(session.getRecord()).toEqual({ completed: true, success: 'passed', score: 85 });
    env.fire('pagehide');
    expect(lms.violations).toEqual([]);
  });

  it('reports session time only for visible time, once', () => {
    const { env, lms } = launch(version);
    env.advance(60_000);
    env.setVisible(false);
    env.advance(3_600_000);
    env.setVisible(true);
    env.advance(30_000);
    env.fire('pagehide');
    env.fire('pagehide');
    expect(read(version, lms.committed()!).time).toBe(version === '12' ? '00:01:30' : 'PT0H1M30S');
    expect(lms.calls.filter((c) => /^(LMSFinish|Terminate)$/.test(c.method))).toHaveLength(1);
    expect(lms.violations).toEqual([]);
  });

  it('keeps progress on this device when commits are refused, tells the learner, and recovers', () => {
    const { session, lms, env, storage } = launch(version);
    lms.fault('commit-false');
    session.visitLesson('the-job', 'introduction');
    expect(session.getNotice()?.kind).toBe('saved-locally');
    env.advance(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
    expect(session.getNotice()?.kind).toBe('lms-unreachable');
    expect([...storage.map.values()].some((v) => v.startsWith('h2|'))).toBe(true);
    lms.fault(null);
    env.advance(COMMIT_INTERVAL_MS);
    session.visitLesson('the-job', 'day-to-day-duties');
    expect(session.getNotice()).toBeNull();
    expect(read(version, lms.committed()!).location).toBe('/the-job/day-to-day-duties');
    env.fire('pagehide');
    expect(lms.violations).toEqual([]);
  });

  it('never throws into the app when the LMS disappears, and the next launch keeps this device’s newer progress', () => {
    const storage = new MemoryStorage();
    const first = launch(version, undefined, storage);
    first.session.visitLesson('the-job', 'introduction');
    const accepted = first.lms.committed()!;
    first.lms.fault('disappear');
    first.env.advance(COMMIT_INTERVAL_MS);
    first.session.visitLesson('the-job', 'day-to-day-duties');
    first.env.advance(10_000);
    first.env.fire('pagehide');
    expect(first.session.getNotice()?.kind).toBe('lms-unreachable');
    expect(read(version, accepted).location).toBe('/the-job/introduction');

    const second = launch(version, relaunchCmi(version, accepted), storage);
    expect(second.session.getState().seen).toEqual(['the-job/introduction', 'the-job/day-to-day-duties']);
    expect(second.session.resumeLocation).toBe('/the-job/day-to-day-duties');
  });

  it('starts a new attempt clean when the course itself ended the previous one (whenFinished: end-attempt)', () => {
    const storage = new MemoryStorage();
    const first = launch(version, undefined, storage, { whenFinished: 'end-attempt', completion: 'lessons' });
    for (const [m, l] of lessons) first.session.visitLesson(m, l);
    first.env.fire('pagehide');
    expect(read(version, first.lms.committed()!).exit).toBe(version === '12' ? '' : 'normal');
    // The LMS starts a new attempt: no resume, nothing stored.
    const fresh = launch(version, undefined, storage, { whenFinished: 'end-attempt', completion: 'lessons' });
    expect(fresh.session.getState().seen).toEqual([]);
    expect(fresh.session.resumeLocation).toBeNull();
  });

  it('resets corrupt suspend_data without a crash and says so in plain words', () => {
    const cmi = version === '12' ? { core: { entry: 'resume', student_id: 'x' }, suspend_data: 'h2|garbage' } : { entry: 'resume', learner_id: 'x', suspend_data: 'h2|garbage' };
    const { session, lms } = launch(version, cmi);
    expect(session.getState().seen).toEqual([]);
    expect(session.getNotice()).toMatchObject({ kind: 'state-reset', message: expect.stringContaining('starts from the beginning') });
    session.visitLesson('the-job', 'introduction');
    expect(lms.committed()!.suspend_data).toMatch(/^h2\|/);
  });

  it('declares one objective per module objective', () => {
    const { session, lms } = launch(version);
    session.visitLesson('the-job', 'introduction');
    expect(Object.values(lms.committed()!.objectives)).toHaveLength(27);
    expect(lms.violations).toEqual([]);
  });

  // ------------------------------------------------------------------------------------------
  // Issue 11's findings
  // ------------------------------------------------------------------------------------------

  it('finding 1: module zips on one origin keep separate device backups (keyed by package and learner)', () => {
    const storage = new MemoryStorage();
    const moduleA = { ...course, settings: { ...course.settings, packageId: 'hit-career-01-the-job' } };
    const moduleB = { ...course, settings: { ...course.settings, packageId: 'hit-career-02-health-record' } };
    const a = launch(version, undefined, storage, {}, {}, moduleA);
    a.session.visitLesson('the-job', 'introduction');
    submit(a.session, 'the-job', 25, 80, 3);
    a.env.fire('pagehide');
    // Module B's zip, same learner, same origin, its LMS record empty.
    const b = launch(version, undefined, storage, {}, {}, moduleB);
    expect(b.session.getState()).toMatchObject({ seen: [], quizzes: {} });
    b.session.visitLesson('health-record', 'introduction');
    b.env.fire('pagehide');
    expect(launch(version, relaunchCmi(version, b.lms.committed()), storage, {}, {}, moduleB).session.getState()).toMatchObject({ seen: ['health-record/introduction'], quizzes: {} });
    expect([...storage.map.keys()].filter((k) => k.includes('learner-1'))).toHaveLength(2);
  });

  it('finding 2: progress restores by id into a package updated in place, and the learner is told what changed', () => {
    const first = launch(version);
    first.session.visitLesson('the-job', 'day-to-day-duties');
    first.session.visitLesson('registries', 'common-mistakes');
    first.session.saveQuiz('health-record', progress({ answers: ['a', 'b', null, null, null, null, null, null] }));
    first.session.saveQuiz('registries', progress({ attempt: 2, submitted: true, best: 75 }));
    first.env.fire('pagehide');
    // The update: a lesson inserted first in module 1, module 'registries' removed, module 2's pool changed.
    const updated = structuredClone(course);
    updated.modules[0]!.lessons.unshift({ slug: 'new-first-lesson', title: 'New', minutes: 5 });
    updated.modules = updated.modules.filter((m) => m.slug !== 'registries');
    updated.modules[1]!.quiz!.fingerprint = 'zzzz';
    const second = launch(version, relaunchCmi(version, first.lms.committed()), new MemoryStorage(), {}, {}, updated);
    const state = second.session.getState();
    expect(state.seen).toEqual(['the-job/day-to-day-duties']);
    expect(second.session.resumeLocation).toBeNull();
    expect(state.quizzes['registries']).toBeUndefined();
    expect(state.quizzes['health-record']).toMatchObject({ attempt: 1, answers: [] });
    expect(second.session.getNotice()).toMatchObject({ kind: 'package-updated', message: expect.stringContaining('1 lesson you had viewed') });
    expect(second.session.getNotice()!.message).toContain('module 2');
    // Removing the last module throws nothing and keeps the rest.
    const shorter = structuredClone(course);
    shorter.modules.pop();
    expect(launch(version, relaunchCmi(version, first.lms.committed()), new MemoryStorage(), {}, {}, shorter).session.getState().seen).toHaveLength(2);
  });

  it('finding 2: a lesson inserted before the bookmark leaves the bookmark on its lesson, and a removed module’s quiz never lands on the next module', () => {
    const first = launch(version);
    first.session.visitLesson('the-job', 'working-with-clinicians');
    submit(first.session, 'registries', 75, 80, 2);
    first.env.fire('pagehide');
    const updated = structuredClone(course);
    updated.modules[0]!.lessons.unshift({ slug: 'new-first-lesson', title: 'New', minutes: 5 });
    updated.modules = updated.modules.filter((m) => m.slug !== 'registries');
    const second = launch(version, relaunchCmi(version, first.lms.committed()), new MemoryStorage(), {}, {}, updated);
    expect(second.session.resumeLocation).toBe('/the-job/working-with-clinicians');
    expect(second.session.getState().seen).toEqual(['the-job/working-with-clinicians']);
    // 'data-quality' followed 'registries': positional progress moved the quiz onto it.
    expect(Object.keys(second.session.getState().quizzes)).toEqual([]);
  });

  it('finding 2: an h1 state saved by the first release still restores', () => {
    const h1 = 'h1|1gcmxpmo0|C|@1|0:1:16:2:0::8:ac,,t,,,,,|0the-jo-kc-one|';
    const cmi = version === '12' ? { core: { entry: 'resume', student_id: 'x' }, suspend_data: h1 } : { entry: 'resume', learner_id: 'x', suspend_data: h1 };
    const { session } = launch(version, cmi);
    expect(session.getState()).toMatchObject({ seen: ['the-job/day-to-day-duties'], location: '/the-job/day-to-day-duties', checks: ['the-jo-kc-one'] });
    expect(session.getState().quizzes['the-job']).toMatchObject({ attempt: 1, seed: 42, index: 2, answers: ['ac', null, 't', null, null, null, null, null] });
  });

  it('finding 3: status never regresses at launch, even with unreadable suspend_data', () => {
    const cmi =
      version === '12'
        ? { core: { entry: 'resume', student_id: 'x', lesson_status: 'passed', score: { raw: '90', min: '0', max: '100' } }, suspend_data: 'not our format' }
        : { entry: 'resume', learner_id: 'x', completion_status: 'completed', success_status: 'passed', score: { raw: '90', scaled: '0.9', min: '0', max: '100' }, suspend_data: 'not our format' };
    const { session, lms, env } = launch(version, cmi);
    session.visitLesson('the-job', 'introduction');
    env.fire('pagehide');
    expect(read(version, lms.committed()!)).toMatchObject({ status: version === '12' ? 'passed' : 'completed/passed', score: '90' });
    expect(session.getRecord()).toEqual({ completed: true, success: 'passed', score: 90 });
  });

  it('finding 3: a stored objective score never drops across sessions (Moodle caveat 3)', () => {
    const first = launch(version);
    submit(first.session, 'coding-systems', 100, 80);
    first.env.fire('pagehide');
    const stored = first.lms.committed()!;
    // The next session's device and suspend_data know nothing of it.
    const cmi = relaunchCmi(version, { ...stored, suspend_data: '' });
    const second = launch(version, cmi);
    submit(second.session, 'coding-systems', 50, 80, 1);
    second.env.fire('pagehide');
    const objective = (Object.values(second.lms.committed()!.objectives) as any[]).find((o) => o.id === 'coding-1');
    expect(objective.score.raw).toBe('100');
    expect(version === '12' ? objective.status : objective.success_status).toBe('passed');
  });

  it('finding 4: a refused Initialize shows no one’s progress, keeps this learner’s, and asks before adding it', () => {
    const storage = new MemoryStorage();
    // Learner 1 works normally: their own backup exists on this lab computer.
    const one = launch(version, undefined, storage);
    one.session.visitLesson('the-job', 'introduction');
    one.env.fire('pagehide');
    // Learner 2: Initialize refused. Nothing of learner 1 is shown; the notice tells the truth.
    const lms = createStrictLms(version, learner(version, 'learner-2'));
    lms.fault('initialize-false');
    const env = testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11', storage });
    const two = startCourseSession(course, env);
    expect(two.getState().seen).toEqual([]);
    env.advance(10_000);
    expect(two.getNotice()).toMatchObject({ kind: 'not-connected', message: expect.stringContaining('asked whether to add them to your record') });
    two.visitLesson('registries', 'introduction');
    env.fire('pagehide');
    // Learner 2 again, Initialize works now: asked, and their progress is added when they say so.
    const again = launch(version, learner(version, 'learner-2'), storage);
    expect(again.session.getState().seen).toEqual([]);
    expect(again.session.getNotice()).toMatchObject({ kind: 'unrecorded-progress', actions: [{ id: 'claim-progress' }, { id: 'discard-progress' }] });
    again.session.answerNotice('claim-progress');
    expect(again.session.getState().seen).toEqual(['registries/introduction']);
    expect(again.lms.committed()!.suspend_data).toContain('|');
    // Once claimed it is gone: the next learner is not asked.
    expect(launch(version, learner(version, 'learner-3'), storage).session.getNotice()?.kind).not.toBe('unrecorded-progress');
  });

  it('finding 4: on a shared computer the next learner whose Initialize also fails never sees the previous one’s progress', () => {
    const storage = new MemoryStorage();
    const refused = (id: string) => {
      const lms = createStrictLms(version, learner(version, id));
      lms.fault('initialize-false');
      const env = testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11', storage });
      return { env, session: startCourseSession(course, env) };
    };
    const one = refused('learner-1');
    one.env.advance(10_000);
    one.session.visitLesson('the-job', 'introduction');
    submit(one.session, 'the-job', 100, 80);
    one.env.fire('pagehide');
    const two = refused('learner-2');
    two.env.advance(10_000);
    expect(two.session.getState()).toMatchObject({ seen: [], quizzes: {}, location: null });
    expect(two.session.resumeLocation).toBeNull();
  });

  it('finding 4: progress made while Initialize is retried reaches the LMS when it answers', () => {
    const lms = createStrictLms(version, learner(version));
    lms.fault('initialize-false');
    const env = testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11' });
    const session = startCourseSession(course, env);
    session.visitLesson('the-job', 'introduction');
    lms.fault(null);
    env.advance(RETRY_DELAYS_MS[0]);
    expect(session.getNotice()).toBeNull();
    expect(read(version, lms.committed()!).location).toBe('/the-job/introduction');
  });

  it('finding 5 and A: one pass mark, the LMS’s when sane; Moodle 2004 sends the manifest’s measure (0.8)', () => {
    const strict = launch(version, version === '12' ? { core: { student_id: 'x' }, student_data: { mastery_score: '90' } } : { learner_id: 'x', scaled_passing_score: '0.9' });
    expect(strict.session.passMark).toBe(90);
    submit(strict.session, FINAL_QUIZ_ID, 85, strict.session.passMark, 3);
    expect(read(version, strict.lms.committed()!).status).toBe(version === '12' ? 'failed' : 'incomplete/failed');
    // The learner is told what the LMS holds.
    expect(strict.session.getRecord().success).toBe('failed');
    if (version === '2004') {
      const moodle = launch(version, { learner_id: 'x' }, new MemoryStorage(), {}, { moodle2004: true });
      expect(moodle.session.passMark).toBe(80);
      for (const [m, l] of lessons) moodle.session.visitLesson(m, l);
      moodle.env.advance(COMMIT_INTERVAL_MS);
      submit(moodle.session, FINAL_QUIZ_ID, 90, moodle.session.passMark);
      moodle.env.fire('pagehide');
      expect(read(version, moodle.lms.committed()!).status).toBe('completed/passed');
      // A course that asks for 100% itself gets it.
      expect(launch(version, { learner_id: 'x', scaled_passing_score: '1' }, new MemoryStorage(), { masteryScore: 100 }).session.passMark).toBe(100);
    }
  });

  it('finding 6: the completion rule holds once a score exists, and a failed attempt with attempts left is not failed', () => {
    const { session, lms, env } = launch(version);
    submit(session, FINAL_QUIZ_ID, 90, 80);
    env.fire('visibilitychange');
    // Passed the final without viewing the lessons: under "both" not complete, and in 1.2 not "passed".
    expect(read(version, lms.committed()!).status).toBe(version === '12' ? 'incomplete' : 'incomplete/passed');
    const second = launch(version);
    submit(second.session, FINAL_QUIZ_ID, 50, 80, 1);
    expect(read(version, second.lms.committed()!)).toMatchObject({ status: version === '12' ? 'incomplete' : 'incomplete/unknown', score: '' });
    expect(second.session.getRecord()).toEqual({ completed: false, success: 'unknown', score: null });
  });

  it('finding 6: each module objective carries its own module’s result, not the final’s', () => {
    const { session, lms, env } = launch(version);
    submit(session, 'the-job', 100, 80);
    env.advance(COMMIT_INTERVAL_MS);
    submit(session, FINAL_QUIZ_ID, 40, 80);
    env.fire('pagehide');
    const objectives = Object.values(lms.committed()!.objectives) as any[];
    const job = objectives.find((o) => o.id === 'the-jo-1');
    expect(job.score.raw).toBe('100');
    expect(objectives.find((o) => o.id === 'regist-1').score.raw).toBe('');
  });

  it('finding 7: a 1.2 package looks for the 1.2 API first in a player offering both (and a 2004 package for 2004)', () => {
    const lms12 = createStrictLms('12', learner('12'));
    const lms2004 = createStrictLms('2004', learner('2004'));
    const env = testEnvironment({ api: lms12.api, apiName: 'API', extraApis: { API_1484_11: lms2004.api } });
    const as12 = startCourseSession({ ...course, settings: { ...course.settings, scormVersion: '1.2' } }, env);
    expect(as12.mode).toBe('scorm12');
    const env2 = testEnvironment({ api: createStrictLms('12').api, apiName: 'API', extraApis: { API_1484_11: createStrictLms('2004').api } });
    expect(startCourseSession({ ...course, settings: { ...course.settings, scormVersion: '2004' } }, env2).mode).toBe('scorm2004');
  });

  it('finding 8: the interaction budget never loses the final assessment’s answers (250 at most)', () => {
    const { session, lms, env } = launch(version);
    for (let attempt = 1; attempt <= 3; attempt++) {
      for (const m of course.modules) {
        submit(session, m.slug, 50, 80, attempt, 8, session.getState().quizzes[m.slug]);
        env.advance(COMMIT_INTERVAL_MS);
      }
    }
    for (let attempt = 1; attempt <= 3; attempt++) {
      submit(session, FINAL_QUIZ_ID, 50, 80, attempt, 20, session.getState().quizzes[FINAL_QUIZ_ID]);
      env.advance(COMMIT_INTERVAL_MS);
    }
    const interactions = Object.values(lms.committed()!.interactions) as any[];
    expect(interactions.length).toBeLessThanOrEqual(INTERACTION_LIMIT);
    expect(interactions.filter((i) => String(i.id).startsWith('final_'))).toHaveLength(60);
    expect(session.interactionsNotRecorded()).toBe(276 - interactions.length);
    expect(lms.violations).toEqual([]);
  });

  it('finding 9: cmi.exit is suspend while unfinished and follows whenFinished once finished', () => {
    const open = launch(version, undefined, new MemoryStorage(), { completion: 'lessons' });
    open.session.visitLesson('the-job', 'introduction');
    expect(read(version, open.lms.committed()!).exit).toBe('suspend');
    for (const [m, l] of lessons) open.session.visitLesson(m, l);
    open.env.fire('pagehide');
    expect(read(version, open.lms.committed()!).exit).toBe('suspend'); // keep-open is the default
    const end = launch(version, undefined, new MemoryStorage(), { completion: 'lessons', whenFinished: 'end-attempt' });
    for (const [m, l] of lessons) end.session.visitLesson(m, l);
    end.env.advance(COMMIT_INTERVAL_MS);
    expect(read(version, end.lms.committed()!).exit).toBe(version === '12' ? '' : 'normal');
  });

  it('finding 9: a page restored from the back-forward cache opens a new session (or says it cannot)', () => {
    const { session, lms, env } = launch(version, undefined, new MemoryStorage(), {}, { reinitialise: true });
    session.visitLesson('the-job', 'introduction');
    env.fire('pagehide', true);
    expect(lms.phase).toBe('terminated');
    env.fire('pageshow', true);
    expect(lms.phase).toBe('running');
    env.advance(COMMIT_INTERVAL_MS);
    session.visitLesson('the-job', 'day-to-day-duties');
    expect(read(version, lms.committed()!).location).toBe('/the-job/day-to-day-duties');
    expect(lms.violations).toEqual([]);
    // An LMS that refuses a second Initialize: the learner is told, and progress stays on this device.
    const strict = launch(version);
    strict.env.fire('pagehide', true);
    strict.env.fire('pageshow', true);
    strict.env.advance(10_000);
    expect(strict.session.getNotice()?.kind).toBe('lms-unreachable');
    strict.session.visitLesson('registries', 'introduction');
    expect([...strict.storage.map.entries()].find(([k]) => k.includes('learner-1'))?.[1]).toBeDefined();
  });

  it('finding 10: a commit after each lesson viewed, throttled, so a crash loses at most the last few seconds', () => {
    const { session, lms, env } = launch(version);
    session.visitLesson('the-job', 'introduction');
    expect(commits(lms)).toBe(1);
    session.visitLesson('the-job', 'day-to-day-duties');
    session.visitLesson('the-job', 'working-with-clinicians');
    expect(commits(lms)).toBe(1);
    env.advance(COMMIT_INTERVAL_MS);
    expect(commits(lms)).toBe(2);
    // The browser crashes here: no pagehide. The LMS has everything, and the attempt resumes.
    const stored = lms.committed()!;
    expect(read(version, stored)).toMatchObject({ location: '/the-job/working-with-clinicians', exit: 'suspend' });
    expect(launch(version, relaunchCmi(version, stored)).session.getState().seen).toHaveLength(3);
  });

  it('finding 11: typed answers are saved after a pause, not per keystroke; no call log unless asked', () => {
    const { session, lms, env } = launch(version);
    session.saveQuiz('the-job', progress());
    const writes = () => lms.calls.filter((c) => c.args[0] === 'cmi.suspend_data').length;
    const before = writes();
    for (const text of ['1', '14', '147', '1470']) {
      session.saveQuiz('the-job', progress({ answers: [text, null, null, null, null, null, null, null] }));
      env.advance(100);
    }
    expect(writes()).toBe(before);
    env.advance(TYPING_PAUSE_MS);
    expect(writes()).toBe(before + 1);
    expect(session.lmsLog()).toEqual([]);
  });

  it('finding C and D: exit = suspend is committed as the learner goes, so a lost unload costs nothing that matters', () => {
    const { session, lms, env } = launch(version);
    session.visitLesson('the-job', 'introduction');
    submit(session, 'the-job', 75, 80);
    env.advance(COMMIT_INTERVAL_MS);
    // The unload never arrives (no pagehide); the LMS has the exit, the state and the answers.
    const stored = lms.committed()!;
    expect(read(version, stored).exit).toBe('suspend');
    expect(Object.keys(stored.interactions)).toHaveLength(8);
    const next = launch(version, relaunchCmi(version, stored));
    expect(next.session.resumeLocation).toBe('/the-job/introduction');
  });

  it('finding D: a relaunch that finds fewer interactions than it wrote never writes over them', () => {
    const storage = new MemoryStorage();
    const first = launch(version, undefined, storage);
    submit(first.session, 'the-job', 75, 80);
    first.env.fire('pagehide');
    // The LMS hands back less than it holds (no suspend_data, no interactions), though the attempt
    // was started: Moodle 2004 did so when its cmi.exit = suspend never arrived.
    const hidden = version === '12' ? { core: { student_id: 'learner-1', lesson_status: 'incomplete' } } : { learner_id: 'learner-1', completion_status: 'incomplete' };
    const second = launch(version, hidden, storage);
    expect(second.session.getState().quizzes['the-job']).toMatchObject({ best: 75 });
    second.env.advance(COMMIT_INTERVAL_MS);
    submit(second.session, FINAL_QUIZ_ID, 60, 80);
    second.env.fire('pagehide');
    expect(Object.keys(second.lms.committed()!.interactions ?? {})).toHaveLength(0);
    expect(second.lms.committed()!.suspend_data).toMatch(/^h2\|/);
  });

  it('review launches write nothing; no-credit launches say it may not count', () => {
    const mode = version === '12' ? { core: { student_id: 'x', lesson_mode: 'review', entry: 'resume' } } : { learner_id: 'x', mode: 'review', entry: 'resume' };
    const review = launch(version, mode);
    expect(review.session.getNotice()?.kind).toBe('review-mode');
    review.session.visitLesson('the-job', 'introduction');
    submit(review.session, FINAL_QUIZ_ID, 90, 80);
    review.env.fire('pagehide');
    expect(review.lms.calls.filter((c) => c.method.endsWith('SetValue') && c.args[0] !== (version === '12' ? 'cmi.core.session_time' : 'cmi.session_time'))).toEqual([]);
    const noCredit = launch(version, version === '12' ? { core: { student_id: 'x', credit: 'no-credit' } } : { learner_id: 'x', credit: 'no-credit' });
    expect(noCredit.session.getNotice()?.kind).toBe('no-credit');
  });
});

describe('SCORM 2004 in Moodle 4.5 (strict LMS with Moodle’s quirks)', () => {
  it('finding B: six-digit numeric answers keep their response (written as type other)', () => {
    const { session, lms } = launch('2004', { learner_id: 'x' }, new MemoryStorage(), {}, { moodle2004: true });
    session.saveQuiz('pay-and-outlook', progress({ submitted: true, best: 100, passed: true }));
    session.recordAnswer(
      graded(0, { quizId: 'pay-and-outlook', type: 'numeric', learnerResponse: { type: 'numeric', value: 147000 }, correctResponses: [{ type: 'numeric-range', min: 147000, max: 147000 }] })
    );
    session.recordAnswer(graded(1, { quizId: 'pay-and-outlook', type: 'numeric', learnerResponse: { type: 'numeric', value: 42.5 }, correctResponses: [{ type: 'numeric-range', min: 40, max: 45 }] }));
    session.completeQuiz({ quizId: 'pay-and-outlook', score: 100, passed: true, objectiveIds: [] });
    const interactions = Object.values(lms.committed()!.interactions) as any[];
    expect(interactions.map((i) => [i.type, i.learner_response])).toEqual([
      ['other', '147000'],
      ['numeric', '42.5']
    ]);
    expect(lms.calls.filter((c) => c.result === 'false')).toEqual([]);
  });

  it('finding C: the unload sends one small request; the whole-model commit size is measured', () => {
    const { session, lms, env } = launch('2004', { learner_id: 'x' }, new MemoryStorage(), {}, { moodle2004: true });
    session.visitLesson('the-job', 'introduction');
    const mark = lms.calls.length;
    env.fire('pagehide');
    expect(lms.calls.slice(mark).map((c) => c.method)).toEqual(['SetValue', 'Terminate']);
    expect(lms.lastCommitBytes()).toBeGreaterThan(0);
  });
});

describe('standalone mode (no LMS)', () => {
  it('keeps progress in localStorage and says once, politely, that it is not reporting', () => {
    const storage = new MemoryStorage();
    const first = startCourseSession(course, testEnvironment({ storage }));
    expect(first.mode).toBe('standalone');
    expect(first.timeSpentMs(), 'no LMS total: the progress page shows its estimate').toBeNull();
    expect(first.passMark).toBe(80);
    expect(first.getNotice()).toMatchObject({ kind: 'standalone', message: expect.stringContaining('not reported to your teacher') });
    first.visitLesson('the-job', 'introduction');
    first.dismissNotice();
    expect(first.getNotice()).toBeNull();

    const second = startCourseSession(course, testEnvironment({ storage }));
    expect(second.getNotice()).toBeNull(); // dismissal remembered
    expect(second.resumeLocation).toBe('/the-job/introduction');
    expect(second.getState().seen).toEqual(['the-job/introduction']);
    expect([...storage.map.keys()].every((k) => k.startsWith(`hit-course:${course.settings.packageId}:`))).toBe(true);
  });

  it('keeps the place to return to when a launch opens on the home page', () => {
    const session = startCourseSession(course, testEnvironment());
    session.bookmark('/');
    expect(session.getState().location).toBe('/');
    session.visitLesson('the-job', 'introduction');
    session.bookmark('/');
    expect(session.getState().location).toBe('/the-job/introduction');
  });

  it('notifies subscribers on every change and stops after unsubscribe', () => {
    const session = startCourseSession(course, testEnvironment());
    let calls = 0;
    const off = session.subscribe(() => calls++);
    session.bookmark('/glossary');
    expect(calls).toBeGreaterThan(0);
    off();
    calls = 0;
    session.bookmark('/sources');
    expect(calls).toBe(0);
  });

  it('two packages on one origin never read each other’s progress', () => {
    const storage = new MemoryStorage();
    const a = startCourseSession({ ...course, settings: { ...course.settings, packageId: 'a' } }, testEnvironment({ storage }));
    a.visitLesson('the-job', 'introduction');
    const b = startCourseSession({ ...course, settings: { ...course.settings, packageId: 'b' } }, testEnvironment({ storage }));
    expect(b.getState().seen).toEqual([]);
    expect(backupKeys('a').standalone).not.toBe(backupKeys('b').standalone);
  });
});

describe('restore from this device', () => {
  it('merges the LMS copy and this device’s copy: neither can cost the learner anything', () => {
    for (const version of ['12', '2004'] as HarnessVersion[]) {
      const storage = new MemoryStorage();
      const mode = version === '12' ? 'scorm12' : 'scorm2004';
      const device = encodeState(course, { seen: ['the-job/introduction'], location: '/the-job/introduction', quizzes: {}, checks: [], exercises: {} }, { savedAt: 1 }).data;
      const lmsCopy = encodeState(course, { seen: ['registries/introduction'], location: '/registries/introduction', quizzes: {}, checks: [], exercises: {} }, { savedAt: 2 }).data;
      storage.setItem(backupKeys(course.settings.packageId, activityScope(DEFAULT_PATH)).learner(mode, 'learner-1'), device);
      const cmi = version === '12' ? { core: { entry: 'resume', student_id: 'learner-1' }, suspend_data: lmsCopy } : { entry: 'resume', learner_id: 'learner-1', suspend_data: lmsCopy };
      const { session } = launch(version, cmi, storage);
      expect(session.resumeLocation).toBe('/registries/introduction');
      expect(session.getState().seen.sort()).toEqual(['registries/introduction', 'the-job/introduction']);
      expect(versionName(version)).toBeTruthy();
    }
  });
});
