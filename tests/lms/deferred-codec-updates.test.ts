/**
 * The standalone store's JSON copy (written while the state codec has not loaded, standalone.ts)
 * against what happens to a course: an in-place package update (lessons removed or renamed, a quiz
 * pool changed), a second tab, the LMS part failing to load. Each case is what the codec's own h2
 * copy already guarantees (codec.test.ts); found by the adversarial review of issue 15's deferred
 * codec (stop 26).
 */
import { describe, expect, it, vi } from 'vitest';
import * as realCodec from '../../src/lib/lms/codec';
import { backupKeys, activityScope } from '../../src/lib/lms/backups';
import { startCourseSession } from '../../src/lib/lms/index';
import { launchCourseSession } from '../../src/lib/lms/launch';
import { CODEC_AFTER_FIRST_SAVE_MS } from '../../src/lib/lms/standalone';
import type { CourseTree } from '../../src/lib/content/types';
import type { QuizProgress } from '../../src/lib/lms/types';
import { createStrictLms, DEFAULT_PATH, MemoryStorage, testEnvironment, type TestEnvironment } from './testing/env';
import { fixtureCourse } from './testing/fixtures';

const course = fixtureCourse();
const key = backupKeys(course.settings.packageId).standalone;
const REMOVED = 'registries';
const RENAMED_FROM = 'common-mistakes';

/** The teacher's in-place update: a module removed, a lesson renamed, the-job's quiz pool changed. */
function updated(): CourseTree {
  const u = structuredClone(course);
  u.modules = u.modules.filter((mod) => mod.slug !== REMOVED);
  u.modules[0]!.lessons = u.modules[0]!.lessons.map((l) => (l.slug === RENAMED_FROM ? { ...l, slug: 'frequent-errors' } : l));
  u.modules[0]!.quiz!.fingerprint = 'changed-pool';
  return u;
}

const quizInProgress: QuizProgress = { attempt: 1, seed: 12345, index: 3, answers: ['a', 'b', 'c', null, null, null, null, null], submitted: false, passed: false, best: null };

/** Codec import: never settles (the tab is closed before it arrives) or settles at once. */
const neverArrives = () => new Promise<typeof realCodec>(() => {});
const arrives = async () => realCodec;
const failing = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

/** A first visit's learner: a removed module's lesson, the lesson later renamed (bookmarked), a quiz half done. */
async function firstVisit(storage: MemoryStorage, load: () => Promise<typeof realCodec>) {
  const env = testEnvironment({ storage });
  const s = await launchCourseSession(course, env, undefined, undefined, load);
  s.visitLesson(REMOVED, 'introduction');
  s.visitLesson('the-job', 'introduction');
  s.saveQuiz('the-job', quizInProgress);
  s.visitLesson('the-job', RENAMED_FROM);
  return { s, env };
}

/** The same learner's copy as the codec writes it (what a tab that stayed open 3 s would hold). */
function h2Copy(): MemoryStorage {
  const storage = new MemoryStorage();
  const s = startCourseSession(course, testEnvironment({ storage }));
  s.visitLesson(REMOVED, 'introduction');
  s.visitLesson('the-job', 'introduction');
  s.saveQuiz('the-job', quizInProgress);
  s.visitLesson('the-job', RENAMED_FROM);
  s.finish();
  return storage;
}

describe('a JSON copy (the tab closed before the codec arrived) read after an in-place package update', () => {
  it('the JSON copy is what the device holds when the tab closes within CODEC_AFTER_FIRST_SAVE_MS of the first save', async () => {
    const storage = new MemoryStorage();
    const { s } = await firstVisit(storage, neverArrives);
    s.finish();
    expect(storage.getItem(key)).toMatch(/^\{/);
  });

  it('baseline: the h2 copy of the same state drops the removed lesson and location, clears answers of the changed pool, and says so', async () => {
    const u = updated();
    const back = await launchCourseSession(u, testEnvironment({ storage: h2Copy() }), undefined, undefined, arrives);
    expect(back.resumeLocation).toBeNull();
    expect(back.getState().seen).toEqual(['the-job/introduction']);
    expect(back.getState().quizzes['the-job']!.answers).toEqual([]);
    expect(back.getNotice()?.kind).toBe('package-updated');
  });

  it('the JSON copy resumes to the same place the h2 copy would (not a lesson route the package no longer has)', async () => {
    const storage = new MemoryStorage();
    (await firstVisit(storage, neverArrives)).s.finish();
    const back = await launchCourseSession(updated(), testEnvironment({ storage }), undefined, undefined, arrives);
    expect(back.resumeLocation).toBeNull();
  });

  it('the JSON copy restores no answers given against a quiz pool that has changed since', async () => {
    const storage = new MemoryStorage();
    (await firstVisit(storage, neverArrives)).s.finish();
    const back = await launchCourseSession(updated(), testEnvironment({ storage }), undefined, undefined, arrives);
    expect(back.getState().quizzes['the-job']!.answers.filter((a) => a !== null)).toEqual([]);
  });

  it('the JSON copy tells the learner the package changed, as the h2 copy does', async () => {
    const storage = new MemoryStorage();
    (await firstVisit(storage, neverArrives)).s.finish();
    const back = await launchCourseSession(updated(), testEnvironment({ storage }), undefined, undefined, arrives);
    const kinds: string[] = [];
    for (let n = back.getNotice(); n && kinds.length < 5; n = back.getNotice()) {
      kinds.push(n.kind);
      back.dismissNotice();
    }
    expect(kinds).toContain('package-updated');
  });

  it('the JSON copy\'s stale state is not laundered into an h2 copy that carries the new fingerprints', async () => {
    const storage = new MemoryStorage();
    (await firstVisit(storage, neverArrives)).s.finish();
    const u = updated();
    const back = await launchCourseSession(u, testEnvironment({ storage }), undefined, undefined, arrives);
    back.checkPassed('the-jo-kc-one'); // any change: the codec writes its h2 copy
    back.finish();
    expect(storage.getItem(key)).toMatch(/^h2\|/);
    // A third launch of the same (updated) package: h2 now says "same package, no changes"...
    const third = realCodec.decodeState(u, storage.getItem(key)!);
    expect(third.state.quizzes['the-job']!.answers.filter((a) => a !== null)).toEqual([]);
    expect(third.state.location).toBeNull();
    expect(realCodec.hasChanges(third.changes)).toBe(false);
  });

  it('the JSON copy restores only lessons the package has (the header\'s "N of M lessons" counts app.learner.seen.length)', async () => {
    const storage = new MemoryStorage();
    (await firstVisit(storage, neverArrives)).s.finish();
    const u = updated();
    const back = await launchCourseSession(u, testEnvironment({ storage }), undefined, undefined, arrives);
    const present = new Set(realCodec.lessonKeys(u));
    expect(back.getState().seen.filter((k) => !present.has(k))).toEqual([]);
  });
});

describe('the same through the lms-not-loaded path (an unidentified JSON copy claimed later in the LMS)', () => {
  it('claiming an unidentified JSON copy after a package update adds no lesson count or bookmark the package no longer has', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const storage = new MemoryStorage();
    const api12 = () => createStrictLms('12', { core: { student_id: 'learner-1', entry: 'resume' } }).api;
    const env = testEnvironment({ api: api12(), apiName: 'API', storage });
    const s = await launchCourseSession(course, env, () => Promise.reject(new TypeError('lms chunk')), undefined, neverArrives);
    s.visitLesson(REMOVED, 'introduction');
    s.visitLesson('the-job', RENAMED_FROM);
    s.finish();
    const unidentified = backupKeys(course.settings.packageId, activityScope(DEFAULT_PATH)).learner('scorm12', null);
    expect(storage.getItem(unidentified)).toMatch(/^\{/);

    const again = await launchCourseSession(updated(), testEnvironment({ api: api12(), apiName: 'API', storage }));
    // Both lessons are gone from the package, so nothing is offered to claim.
    expect(again.getNotice()?.kind).not.toBe('unrecorded-progress');
    expect(again.getState().location).not.toBe(`/the-job/${RENAMED_FROM}`);
    expect(again.getState().seen).toEqual([]);
    error.mockRestore();
  });
});

describe('two tabs, the codec arriving in a background tab', () => {
  it('a tab that did nothing since its first save does not write over what another tab saved since', async () => {
    const storage = new MemoryStorage();
    let release: (c: typeof realCodec) => void = () => {};
    const held = () => new Promise<typeof realCodec>((r) => (release = r));
    // Tab A, a first visit: one lesson, JSON copy, codec asked for 3 s later.
    const envA = testEnvironment({ storage });
    const a = await launchCourseSession(course, envA, undefined, undefined, held);
    a.visitLesson('the-job', 'introduction');
    // Tab B opened within those 3 s (reads A's JSON copy with the codec) and views another lesson.
    const b = await launchCourseSession(course, testEnvironment({ storage }), undefined, undefined, arrives);
    b.visitLesson('the-job', 'day-to-day-duties');
    expect(realCodec.decodeState(course, storage.getItem(key)!).state.seen).toContain('the-job/day-to-day-duties');
    // A's codec arrives, with no action of the learner in A.
    envA.advance(CODEC_AFTER_FIRST_SAVE_MS);
    release(realCodec);
    await new Promise((r) => setTimeout(r, 0));
    expect(realCodec.decodeState(course, storage.getItem(key)!).state.seen).toContain('the-job/day-to-day-duties');
  });

  it('a typing debounce pending when the codec arrives loses nothing', async () => {
    const storage = new MemoryStorage();
    let release: (c: typeof realCodec) => void = () => {};
    const held = () => new Promise<typeof realCodec>((r) => (release = r));
    const env = testEnvironment({ storage });
    const s = await launchCourseSession(course, env, undefined, undefined, held);
    s.visitLesson('the-job', 'introduction');
    env.advance(CODEC_AFTER_FIRST_SAVE_MS);
    s.saveQuiz('the-job', { ...quizInProgress, answers: ['typed answ', null, null, null, null, null, null, null] });
    s.saveQuiz('the-job', { ...quizInProgress, answers: ['typed answer in full', null, null, null, null, null, null, null] });
    release(realCodec);
    await new Promise((r) => setTimeout(r, 0));
    expect(realCodec.decodeState(course, storage.getItem(key)!).state.quizzes['the-job']!.answers[0]).toBe('typed answer in full');
    s.saveQuiz('the-job', { ...quizInProgress, answers: ['typed answer in full, edited', null, null, null, null, null, null, null] });
    env.fire('pagehide');
    expect(realCodec.decodeState(course, storage.getItem(key)!).state.quizzes['the-job']!.answers[0]).toBe('typed answer in full, edited');
  });
});

describe('a saved copy with a codec that does not load', () => {
  it('a plain-JSON copy with a codec that still does not load is kept unread and never written over (the learner is told); the next launch that loads it resumes', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const storage = new MemoryStorage();
    const first = await launchCourseSession(course, testEnvironment({ storage }), undefined, undefined, failing);
    first.visitLesson('the-job', 'introduction');
    first.finish();
    const copy = storage.getItem(key);
    expect(copy).toMatch(/^\{/);
    const back = await launchCourseSession(course, testEnvironment({ storage }), undefined, undefined, failing);
    expect(back.getNotice()?.kind).toBe('saved-not-loaded');
    back.visitLesson('the-job', 'day-to-day-duties');
    back.finish();
    expect(storage.getItem(key)).toBe(copy);
    const later = await launchCourseSession(course, testEnvironment({ storage }), undefined, undefined, arrives);
    expect(later.getState().seen).toEqual(['the-job/introduction']);
    error.mockRestore();
  });

  it('lms-not-loaded with an unidentified copy and no codec: the learner is not told that progress is saved when it is not', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const storage = new MemoryStorage();
    const api12 = () => createStrictLms('12', { core: { student_id: 'learner-1' } }).api;
    const first = await launchCourseSession(course, testEnvironment({ api: api12(), apiName: 'API', storage }), () => Promise.reject(new TypeError('lms')), undefined, arrives);
    first.visitLesson('the-job', 'introduction');
    first.finish();
    const env: TestEnvironment = testEnvironment({ api: api12(), apiName: 'API', storage });
    const s = await launchCourseSession(course, env, () => Promise.reject(new TypeError('lms')), undefined, failing);
    const messages: string[] = [];
    for (let n = s.getNotice(); n && messages.length < 5; n = s.getNotice()) {
      messages.push(`${n.kind}: ${n.message}`);
      s.dismissNotice();
    }
    expect(messages.some((m) => m.startsWith('saved-not-loaded'))).toBe(true);
    expect(messages.filter((m) => /saved on this device only/.test(m))).toEqual([]);
    error.mockRestore();
  });
});

describe('a JSON copy does not outlive the visit that reads it', () => {
  it('a return visit that changes nothing (reads, looks at home, leaves) replaces the JSON copy with the codec\'s own', async () => {
    const storage = new MemoryStorage();
    (await firstVisit(storage, neverArrives)).s.finish();
    const env = testEnvironment({ storage });
    const back = await launchCourseSession(course, env, undefined, undefined, arrives);
    back.bookmark('/');
    env.advance(60_000);
    back.finish();
    expect(storage.getItem(key)).toMatch(/^h2\|/);
  });
});

describe('what else the learner relies on', () => {
  it('private mode (localStorage throws): launch, lessons, codec load all survive', async () => {
    const throwing = { getItem: () => { throw new DOMException('denied', 'SecurityError'); }, setItem: () => { throw new DOMException('quota', 'QuotaExceededError'); }, removeItem: () => {} };
    const env = testEnvironment({ storage: throwing as unknown as MemoryStorage });
    const s = await launchCourseSession(course, env, undefined, undefined, arrives);
    s.visitLesson('the-job', 'introduction');
    env.advance(CODEC_AFTER_FIRST_SAVE_MS);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().seen).toEqual(['the-job/introduction']);
  });

  it('a visit that opens only the glossary is kept (a return lands on the glossary prompt), dismissing the notice alone stores no copy', async () => {
    const storage = new MemoryStorage();
    const s = await launchCourseSession(course, testEnvironment({ storage }), undefined, undefined, neverArrives);
    s.dismissNotice();
    expect(storage.getItem(key)).toBeNull();
    s.bookmark('/glossary');
    expect(storage.getItem(key)).toMatch(/^\{/);
    const back = await launchCourseSession(course, testEnvironment({ storage }), undefined, undefined, arrives);
    expect(back.resumeLocation).toBe('/glossary');
  });

  it('a JSON copy of the SAME package round-trips exactly (quiz answers, exercises, checks)', async () => {
    const storage = new MemoryStorage();
    const { s } = await firstVisit(storage, neverArrives);
    s.checkPassed('the-jo-kc-one');
    s.saveExercise('roi-decisions', 'abc');
    s.finish();
    const before = s.getState();
    const back = await launchCourseSession(course, testEnvironment({ storage }), undefined, undefined, arrives);
    expect(back.getState()).toEqual(before);
  });
});
