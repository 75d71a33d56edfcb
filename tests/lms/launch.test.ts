/**
 * launchCourseSession (src/lib/lms/launch.ts), the app's way in: it must start the very runtime
 * startCourseSession starts (same mode, same restored state, same LMS calls), only loading the
 * LMS session's code when an LMS is there.
 */
import { describe, expect, it, vi } from 'vitest';
import { startCourseSession } from '../../src/lib/lms/index';
import { launchCourseSession } from '../../src/lib/lms/launch';
import { createStrictLms, MemoryStorage, testEnvironment, type HarnessVersion } from './testing/env';
import { fixtureCourse } from './testing/fixtures';

const course = fixtureCourse();
const [m, l] = [course.modules[0]!.slug, course.modules[0]!.lessons[1]!.slug];

describe('launchCourseSession', () => {
  it('without an LMS: standalone, resuming what this device saved', async () => {
    const storage = new MemoryStorage();
    const first = startCourseSession(course, testEnvironment({ storage }));
    first.visitLesson(m, l);
    first.finish();
    const launched = await launchCourseSession(course, testEnvironment({ storage }));
    const started = startCourseSession(course, testEnvironment({ storage }));
    expect(launched.mode).toBe('standalone');
    expect(launched.getState()).toEqual(started.getState());
    expect(launched.resumeLocation).toBe(`/${m}/${l}`);
  });

  for (const version of ['12', '2004'] as HarnessVersion[]) {
    it(`with a SCORM ${version} LMS: the same session and the same calls as startCourseSession`, async () => {
      const cmi = version === '12' ? { core: { student_id: 'learner-1', student_name: 'Learner, Test' } } : { learner_id: 'learner-1', learner_name: 'Test Learner' };
      const run = async (start: (env: ReturnType<typeof testEnvironment>) => Promise<{ mode: string; visitLesson(a: string, b: string): void; finish(): void }>) => {
        const lms = createStrictLms(version, cmi);
        const session = await start(testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11', storage: new MemoryStorage() }));
        session.visitLesson(m, l);
        session.finish();
        return { mode: session.mode, calls: lms.calls.map((c) => [c.method, ...c.args]), violations: lms.violations };
      };
      const launched = await run((env) => launchCourseSession(course, env));
      const started = await run(async (env) => startCourseSession(course, env));
      expect(launched.mode).toBe(version === '12' ? 'scorm12' : 'scorm2004');
      expect(launched.violations).toEqual([]);
      expect(launched.calls).toEqual(started.calls);
    });
  }

  it('SCORM 2004 with the browser\'s tree (objective ids only): each objective is declared with its text, fetched with the LMS chunk', async () => {
    const browserTree = { ...course, modules: course.modules.map((mod) => ({ ...mod, objectives: mod.objectives.map(({ id }) => ({ id })) })) };
    const texts = Object.fromEntries(course.modules.flatMap((mod) => mod.objectives.map((o) => [o.id, o.text!])));
    const declared = async (loadTexts?: () => Promise<Record<string, string>>) => {
      const lms = createStrictLms('2004', { learner_id: 'learner-1' });
      const env = testEnvironment({ api: lms.api, apiName: 'API_1484_11', storage: new MemoryStorage() });
      await launchCourseSession(browserTree, env, undefined, loadTexts);
      return lms.calls.filter((c) => c.method === 'SetValue' && /^cmi\.objectives\.\d+\.(id|description)$/.test(String(c.args[0]))).map((c) => c.args);
    };
    const withTexts = await declared(async () => texts);
    const fromTree = await run2004(course);
    expect(withTexts).toEqual(fromTree);
    expect(withTexts.filter(([k]) => String(k).endsWith('.description')).map(([, v]) => v)).toEqual(Object.values(texts));
    // The texts' chunk did not load: the ids alone, never an empty description.
    const without = await declared(() => Promise.reject(new Error('offline')));
    expect(without.filter(([k]) => String(k).endsWith('.description'))).toEqual([]);
    expect(without.map(([, v]) => v)).toEqual(Object.keys(texts));

    async function run2004(tree: typeof course) {
      const lms = createStrictLms('2004', { learner_id: 'learner-1' });
      startCourseSession(tree, testEnvironment({ api: lms.api, apiName: 'API_1484_11', storage: new MemoryStorage() }));
      return lms.calls.filter((c) => c.method === 'SetValue' && /^cmi\.objectives\.\d+\.(id|description)$/.test(String(c.args[0]))).map((c) => c.args);
    }
  });

  it('when the LMS part of the package fails to load: saved on this device, and the learner is told so in plain words', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const storage = new MemoryStorage();
    const lms = createStrictLms('12', { core: { student_id: 'learner-1' } });
    const env = testEnvironment({ api: lms.api, apiName: 'API', storage });
    const session = await launchCourseSession(course, env, () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    expect(session.mode).toBe('standalone');
    expect(session.getNotice()).toMatchObject({ kind: 'lms-not-loaded', message: expect.stringContaining('saved on this device only') });
    expect(session.getNotice()!.message).not.toMatch(/not connected to a learning management system/);
    session.visitLesson(m, l);
    session.finish();
    // Nothing reached the LMS; the lesson is kept on this device, and the next launch here that
    // reaches the LMS asks whether it is the learner's (nobody was identified: F4's unidentified copy).
    expect(lms.calls).toEqual([]);
    const again = await launchCourseSession(course, testEnvironment({ api: createStrictLms('12', { core: { student_id: 'learner-1' } }).api, apiName: 'API', storage }));
    expect(again.getState().seen).toEqual([]);
    expect(again.getNotice()?.kind).toBe('unrecorded-progress');
    again.answerNotice('claim-progress');
    expect(again.getState().seen).toEqual([`${m}/${l}`]);
    // Dismissing it does not hide it on a later failed load: each launch that cannot reach the LMS says so.
    session.dismissNotice();
    const later = await launchCourseSession(course, env, () => Promise.reject(new Error('offline')));
    expect(later.getNotice()?.kind).toBe('lms-not-loaded');
    error.mockRestore();
  });
});
