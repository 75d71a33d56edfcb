/**
 * The whole runtime (startCourseSession) in Node: a course frame under a strict scorm-again LMS,
 * for both versions, plus standalone mode.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCourseSession } from './index';
import { encodeState, FINAL_QUIZ_ID } from './codec';
import { RETRY_DELAYS_MS } from './session-machine';
import { cmiForRelaunch, createStrictLms, MemoryStorage, testEnvironment, type HarnessVersion } from './testing/env';
import { fixtureCourse } from './testing/fixtures';
import type { GradedAnswer, QuizProgress } from './types';
import { courseId, storageKeys } from './storage';

const course = fixtureCourse();
const lessons = course.modules.flatMap((m) => m.lessons.map((l) => [m.slug, l.slug] as const));

const progress = (over: Partial<QuizProgress> = {}): QuizProgress => ({ attempt: 1, seed: 42, index: 0, answers: Array(20).fill(null), submitted: false, best: null, passed: false, ...over });

const graded = (i: number): GradedAnswer => ({
  itemId: `final-q-${i}`,
  quizId: FINAL_QUIZ_ID,
  attempt: 1,
  type: 'choice',
  learnerResponse: { type: 'choice', ids: ['a'] },
  correctResponses: [{ type: 'choice', ids: ['a'] }],
  result: 'correct',
  weighting: 1,
  latencyMs: 5000,
  answeredAt: new Date(),
  description: `Question ${i}`,
  objectiveId: 'the-jo-1'
});

/** Lets the commit that scored events queue for the end of the task happen. */
const settle = () => Promise.resolve();

function launch(version: HarnessVersion, cmi?: unknown, storage = new MemoryStorage()) {
  const lms = createStrictLms(version, cmi);
  const env = testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11', storage });
  const session = startCourseSession(course, env);
  return { lms, env, session, storage };
}

const read = (version: HarnessVersion, cmi: any) =>
  version === '12'
    ? { status: cmi.core.lesson_status, location: cmi.core.lesson_location, score: cmi.core.score.raw, exit: cmi.core.exit, time: cmi.core.session_time }
    : { status: `${cmi.completion_status}/${cmi.success_status}`, location: cmi.location, score: cmi.score.raw, exit: cmi.exit, time: cmi.session_time };

describe.each(['12', '2004'] as HarnessVersion[])('course session under a strict SCORM %s LMS', (version) => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts, bookmarks every lesson, and resumes in the same place with the same progress', () => {
    const first = launch(version);
    expect(first.session.mode).toBe(version === '12' ? 'scorm12' : 'scorm2004');
    expect(first.session.resumeLocation).toBeNull();
    first.session.visitLesson('the-job', 'introduction');
    first.session.visitLesson('the-job', 'day-to-day-duties');
    first.session.saveQuiz('the-job', progress({ answers: ['ac', null, 't'], index: 2, seed: 99 }));
    first.session.checkPassed('job-kc-duties');
    first.env.advance(90_000);
    first.env.fire('pagehide');
    expect(first.lms.violations).toEqual([]);
    const stored = first.lms.committed()!;
    expect(read(version, stored)).toMatchObject({ location: '/the-job/day-to-day-duties', exit: 'suspend', status: version === '12' ? 'incomplete' : 'incomplete/unknown' });

    const second = launch(version, cmiForRelaunch(version, stored));
    expect(second.session.resumeLocation).toBe('/the-job/day-to-day-duties');
    expect(second.session.getState()).toEqual({
      seen: ['the-job/introduction', 'the-job/day-to-day-duties'],
      location: '/the-job/day-to-day-duties',
      quizzes: { 'the-job': progress({ answers: ['ac', null, 't'], index: 2, seed: 99 }) },
      checks: ['job-kc-duties'],
      exercises: {}
    });
    expect(second.lms.violations).toEqual([]);
  });

  it('completes and passes: all lessons seen and the final assessment passed (completion "both")', async () => {
    const { session, lms, env } = launch(version);
    for (const [m, l] of lessons) session.visitLesson(m, l);
    for (let i = 0; i < 3; i++) session.recordAnswer(graded(i));
    session.saveQuiz(FINAL_QUIZ_ID, progress({ submitted: true, best: 85, passed: true }));
    session.completeQuiz({ quizId: FINAL_QUIZ_ID, score: 85, passed: true, objectiveIds: ['the-jo-1', 'the-jo-2'] });
    await settle();
    const cmi = lms.committed()!;
    // the three answers and the result of one submitted quiz are one commit
    expect(lms.calls.filter((c) => c.method.endsWith('Commit'))).toHaveLength(1);
    expect(read(version, cmi)).toMatchObject({ status: version === '12' ? 'passed' : 'completed/passed', score: '85' });
    expect(Object.keys(cmi.interactions)).toHaveLength(3);
    env.fire('pagehide');
    expect(lms.violations).toEqual([]);
  });

  it('fails against the LMS’s mastery score when it sends one', async () => {
    const cmi = version === '12' ? { student_data: { mastery_score: '90' } } : { scaled_passing_score: '0.9' };
    const { session, lms } = launch(version, cmi);
    session.saveQuiz(FINAL_QUIZ_ID, progress({ submitted: true, best: 85, passed: true }));
    session.completeQuiz({ quizId: FINAL_QUIZ_ID, score: 85, passed: true, objectiveIds: [] });
    await settle();
    expect(read(version, lms.committed()!).status).toBe(version === '12' ? 'failed' : 'incomplete/failed');
  });

  it('commits after each scored event and when the page is hidden, not on every lesson', async () => {
    const { session, lms, env } = launch(version);
    const commits = () => lms.calls.filter((c) => c.method.endsWith('Commit')).length;
    session.visitLesson('the-job', 'introduction');
    session.visitLesson('the-job', 'day-to-day-duties');
    expect(commits()).toBe(0);
    session.recordAnswer(graded(0));
    await settle();
    expect(commits()).toBe(1);
    env.setVisible(false);
    expect(commits()).toBe(2);
    // suspend_data was written on each lesson even without a commit
    expect(lms.calls.filter((c) => /SetValue$/.test(c.method) && c.args[0] === 'cmi.suspend_data')).toHaveLength(2);
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

  it('keeps progress on this device when commits are refused, tells the learner, and recovers', async () => {
    const { session, lms, env, storage } = launch(version);
    lms.fault('commit-false');
    session.visitLesson('the-job', 'introduction');
    session.recordAnswer(graded(0));
    await settle();
    expect(session.getNotice()?.kind).toBe('saved-locally');
    vi.advanceTimersByTime(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
    expect(session.getNotice()?.kind).toBe('lms-unreachable');
    expect([...storage.map.values()].some((v) => v.startsWith('h1|'))).toBe(true);
    lms.fault(null);
    session.visitLesson('the-job', 'day-to-day-duties');
    session.recordAnswer(graded(1));
    await settle();
    expect(session.getNotice()).toBeNull();
    expect(read(version, lms.committed()!).location).toBe('/the-job/day-to-day-duties');
    env.fire('pagehide');
    expect(lms.violations).toEqual([]);
  });

  it('never throws into the app when the LMS throws or disappears, and the next launch prefers the newer copy on this device', async () => {
    const storage = new MemoryStorage();
    const first = launch(version, undefined, storage);
    first.session.visitLesson('the-job', 'introduction');
    first.session.recordAnswer(graded(0));
    await settle();
    const accepted = first.lms.committed()!;
    first.lms.fault('disappear');
    first.env.advance(1000);
    first.session.visitLesson('the-job', 'day-to-day-duties');
    first.session.recordAnswer(graded(1));
    await settle();
    vi.advanceTimersByTime(10_000);
    first.env.fire('pagehide');
    expect(first.session.getNotice()?.kind).toBe('lms-unreachable');
    // What the LMS had accepted is intact.
    expect(read(version, accepted).location).toBe('/the-job/introduction');

    const second = launch(version, cmiForRelaunch(version, accepted), storage);
    expect(second.session.getState().seen).toEqual(['the-job/introduction', 'the-job/day-to-day-duties']);
    expect(second.session.resumeLocation).toBe('/the-job/day-to-day-duties');
  });

  it('prefers the LMS copy when it is newer than this device’s', () => {
    const storage = new MemoryStorage();
    const stale = encodeState(course, { seen: ['the-job/introduction'], location: '/the-job/introduction', quizzes: {}, checks: [], exercises: {} }, { savedAt: 1 }).data;
    const fresh = encodeState(course, { seen: ['registries/introduction'], location: '/registries/introduction', quizzes: {}, checks: [], exercises: {} }, { savedAt: 2 }).data;
    storage.setItem(storageKeys(courseId(course.settings.title)).backup(version === '12' ? 'scorm12' : 'scorm2004', ''), stale);
    const cmi = version === '12' ? { core: { entry: 'resume' }, suspend_data: fresh } : { entry: 'resume', suspend_data: fresh };
    const { session } = launch(version, cmi, storage);
    expect(session.resumeLocation).toBe('/registries/introduction');
    // and the other way round: this device's copy wins when it is the newer one
    const newer = new MemoryStorage();
    newer.map.set([...storage.map.keys()][0]!, encodeState(course, { seen: [], location: '/the-job/introduction', quizzes: {}, checks: [], exercises: {} }, { savedAt: 3 }).data);
    expect(launch(version, cmi, newer).session.resumeLocation).toBe('/the-job/introduction');
  });

  it('starts a new attempt clean even when this device holds an older attempt’s copy', () => {
    const storage = new MemoryStorage();
    const first = launch(version, undefined, storage);
    first.session.visitLesson('the-job', 'introduction');
    first.env.fire('pagehide');
    // The teacher reset the attempt: no entry = resume, nothing stored.
    const fresh = launch(version, undefined, storage);
    expect(fresh.session.getState().seen).toEqual([]);
    expect(fresh.session.resumeLocation).toBeNull();
  });

  it('resets corrupt suspend_data without a crash and says so in plain words', async () => {
    const cmi = version === '12' ? { core: { entry: 'resume' }, suspend_data: 'h1|garbage' } : { entry: 'resume', suspend_data: 'h1|garbage' };
    const { session, lms } = launch(version, cmi);
    expect(session.getState().seen).toEqual([]);
    expect(session.getNotice()).toMatchObject({ kind: 'state-reset', message: expect.stringContaining('starts from the beginning') });
    session.visitLesson('the-job', 'introduction');
    session.recordAnswer(graded(0));
    await settle();
    expect(lms.committed()!.suspend_data).toMatch(/^h1\|/);
  });

  it('declares one objective per module objective, and scores the ones a quiz measures', async () => {
    const { session, lms } = launch(version);
    session.completeQuiz({ quizId: 'the-job', score: 75, passed: false, objectiveIds: ['the-jo-1'] });
    await settle();
    const objectives = Object.values(lms.committed()!.objectives) as any[];
    expect(objectives).toHaveLength(27);
    const first = objectives.find((o) => o.id === 'the-jo-1');
    expect(version === '12' ? first.status : first.success_status).toBe('failed');
    expect(first.score.raw).toBe('75');
    expect(lms.violations).toEqual([]);
  });
});

describe('standalone mode (no LMS)', () => {
  it('keeps progress in localStorage and says once, politely, that it is not reporting', () => {
    const storage = new MemoryStorage();
    const first = startCourseSession(course, testEnvironment({ storage }));
    expect(first.mode).toBe('standalone');
    expect(first.getNotice()).toMatchObject({ kind: 'standalone', message: expect.stringContaining('not reported to your teacher') });
    first.visitLesson('the-job', 'introduction');
    first.dismissNotice();
    expect(first.getNotice()).toBeNull();

    const second = startCourseSession(course, testEnvironment({ storage }));
    expect(second.getNotice()).toBeNull(); // dismissal remembered
    expect(second.resumeLocation).toBe('/the-job/introduction');
    expect(second.getState().seen).toEqual(['the-job/introduction']);
  });

  it('keeps the place to return to when a launch opens on the home page', () => {
    const session = startCourseSession(course, testEnvironment());
    session.bookmark('/');
    expect(session.getState().location).toBe('/');
    session.visitLesson('the-job', 'introduction');
    session.bookmark('/');
    expect(session.getState().location).toBe('/the-job/introduction');
    session.bookmark('/glossary');
    expect(session.getState().location).toBe('/glossary');
  });

  it('notifies subscribers on every change and stops after unsubscribe', () => {
    const session = startCourseSession(course, testEnvironment());
    const listener = vi.fn();
    const off = session.subscribe(listener);
    session.bookmark('/glossary');
    expect(listener).toHaveBeenCalled();
    off();
    listener.mockClear();
    session.bookmark('/sources');
    expect(listener).not.toHaveBeenCalled();
  });
});
