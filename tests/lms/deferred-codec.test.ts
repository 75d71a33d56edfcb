/**
 * Issue 15: without an LMS, the state codec's chunk is not part of a first visit's first screen
 * (src/lib/lms/standalone.ts, launch.ts). What a learner relies on stays: nothing done is lost if
 * the tab closes before the chunk arrives, a return visit resumes exactly, and a chunk that never
 * loads never costs the progress saved on an earlier visit.
 */
import { describe, expect, it, vi } from 'vitest';
import * as realCodec from '../../src/lib/lms/codec';
import { backupKeys } from '../../src/lib/lms/backups';
import { startCourseSession } from '../../src/lib/lms/index';
import { launchCourseSession } from '../../src/lib/lms/launch';
import { CODEC_AFTER_FIRST_SAVE_MS } from '../../src/lib/lms/standalone';
import { MemoryStorage, testEnvironment, type TestEnvironment } from './testing/env';
import { fixtureCourse } from './testing/fixtures';

const course = fixtureCourse();
const [m, l] = [course.modules[0]!.slug, course.modules[0]!.lessons[1]!.slug];
const key = backupKeys(course.settings.packageId).standalone;

/** The codec's import, counted, held until `release()` when `held`, or failing when `fails`. */
function codecImport(options: { held?: boolean; fails?: number } = {}) {
  let release = () => {};
  const gate = options.held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  let failuresLeft = options.fails ?? 0;
  const loader = {
    calls: 0,
    release: () => release(),
    load: async () => {
      loader.calls++;
      if (failuresLeft-- > 0) throw new TypeError('Failed to fetch dynamically imported module');
      await gate;
      return realCodec;
    }
  };
  return loader;
}
let env: TestEnvironment;
const launch = (storage: MemoryStorage, load: () => Promise<typeof realCodec>) => launchCourseSession(course, (env = testEnvironment({ storage })), undefined, undefined, load);
/** The codec's delay passes (it is asked for then) and its import settles. */
const settle = async () => {
  env.advance(CODEC_AFTER_FIRST_SAVE_MS);
  await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('the state codec loads only when there is something to read or to save (no LMS)', () => {
  it('a first visit that only opens home stores nothing and never asks for the codec; the next launch is a first visit again', async () => {
    const storage = new MemoryStorage();
    const codec = codecImport();
    const session = await launch(storage, codec.load);
    session.bookmark('/');
    session.finish();
    expect(codec.calls).toBe(0);
    expect(storage.getItem(key)).toBeNull();
    const again = await launch(storage, codec.load);
    expect(again.resumeLocation).toBeNull();
    expect(codec.calls).toBe(0);
  });

  it('a lesson viewed before the codec arrives is stored at once (a tab closed then keeps it), and the codec\'s own copy replaces it on arrival', async () => {
    const storage = new MemoryStorage();
    const codec = codecImport({ held: true });
    const session = await launch(storage, codec.load);
    session.bookmark('/');
    session.visitLesson(m, l);
    // Not asked for while the first screen may still be loading its own files.
    expect(codec.calls).toBe(0);
    env.advance(CODEC_AFTER_FIRST_SAVE_MS);
    expect(codec.calls).toBe(1);
    // The tab closes now: what this device holds restores the lesson and the place to return to.
    const closedNow = new MemoryStorage();
    closedNow.setItem(key, storage.getItem(key)!);
    const resumed = startCourseSession(course, testEnvironment({ storage: closedNow }));
    expect(resumed.getState().seen).toEqual([`${m}/${l}`]);
    expect(resumed.resumeLocation).toBe(`/${m}/${l}`);
    expect(resumed.getNotice()?.kind).not.toBe('state-reset');

    codec.release();
    await settle();
    expect(storage.getItem(key)).toMatch(/^h2\|/);
    const later = await launch(storage, codecImport().load);
    expect(later.getState()).toEqual(resumed.getState());
  });

  it('a return visit reads its saved copy before the first screen: the same state and place as the whole runtime restores', async () => {
    const storage = new MemoryStorage();
    const first = await launch(storage, codecImport().load);
    first.visitLesson(m, l);
    first.finish();
    await settle();
    const codec = codecImport();
    const returned = await launch(storage, codec.load);
    expect(codec.calls).toBe(1);
    expect(returned.resumeLocation).toBe(`/${m}/${l}`);
    expect(returned.getState()).toEqual(startCourseSession(course, testEnvironment({ storage })).getState());
  });

  it('the codec fails to load on a return visit: the saved copy is never written over, the learner is told, and the next launch resumes from it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const storage = new MemoryStorage();
    const first = await launch(storage, codecImport().load);
    first.visitLesson(m, l);
    first.finish();
    await settle();
    const saved = storage.getItem(key);
    expect(saved).toMatch(/^h2\|/);

    const broken = await launch(storage, codecImport({ fails: 99 }).load);
    expect(broken.getNotice()).toMatchObject({ kind: 'saved-not-loaded', message: expect.stringContaining('could not be read') });
    broken.visitLesson(m, course.modules[0]!.lessons[0]!.slug);
    broken.finish();
    expect(storage.getItem(key)).toBe(saved);

    const again = await launch(storage, codecImport().load);
    expect(again.getState().seen).toEqual([`${m}/${l}`]);
    expect(again.getNotice()?.kind).not.toBe('saved-not-loaded');
    error.mockRestore();
  });

  it('the codec fails to load on a first visit: the progress stays stored as plain JSON and the next change asks for the chunk again', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const storage = new MemoryStorage();
    const codec = codecImport({ fails: 1 });
    const session = await launch(storage, codec.load);
    session.visitLesson(m, l);
    await settle();
    expect(storage.getItem(key)).toMatch(/^\{/);
    session.visitLesson(m, course.modules[0]!.lessons[0]!.slug);
    await settle();
    expect(codec.calls).toBe(2);
    expect(storage.getItem(key)).toMatch(/^h2\|/);
    const again = await launch(storage, codecImport().load);
    expect(new Set(again.getState().seen)).toEqual(new Set([`${m}/${l}`, `${m}/${course.modules[0]!.lessons[0]!.slug}`]));
    error.mockRestore();
  });
});
