/**
 * Review rev11-second of issue 11 (tracking a teacher can trust): untried sequences against the whole
 * runtime (startCourseSession) under the strict scorm-again LMS, with the LMS refusing single calls.
 */
import { describe, expect, it } from 'vitest';
import { startCourseSession } from '../../src/lib/lms/index';
import { cmiForRelaunch, createStrictLms, MemoryStorage, testEnvironment, type HarnessVersion, type StrictLms } from './testing/env';
import { fixtureCourse } from './testing/fixtures';
import { learner, submit } from './testing/learner';
import { displayName } from '../../src/lib/progress/names';

const course = fixtureCourse();
/** Two modules, no final assessment: a learner can finish it in a test. */
const small = fixtureCourse({ finalAssessmentItems: 0 }, 2);
const finishAll = (session: ReturnType<typeof startCourseSession>, tree: Course) => {
  for (const m of tree.modules) {
    for (const l of m.lessons) session.visitLesson(m.slug, l.slug);
    submit(session, m.slug, 100, 80);
  }
};
type Course = typeof course;
const moodlePath = (context: number, revision = 1) => `/pluginfile.php/${context}/mod_scorm/content/${revision}/index.html`;

/** Wraps the API: `setValue(element, value)` returning a string answers for the LMS ("false" refuses, with `error`). */
interface Refusals {
  setValue?: (element: string, value: string) => { result: string; error: string } | null;
  commit?: (n: number) => { result: string; error: string } | null;
  getValue?: (element: string) => string | null;
}
function wrapApi(version: HarnessVersion, lms: StrictLms, r: Refusals) {
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

interface LaunchOptions {
  cmi?: unknown;
  storage?: MemoryStorage;
  path?: string;
  tree?: Course;
  refuse?: Refusals;
  day?: number;
}
function launch(version: HarnessVersion, o: LaunchOptions = {}) {
  const lms = createStrictLms(version, o.cmi ?? learner(version));
  const wrapped = wrapApi(version, lms, o.refuse ?? {});
  const storage = o.storage ?? new MemoryStorage();
  const env = testEnvironment({ api: wrapped.api, apiName: version === '12' ? 'API' : 'API_1484_11', storage, path: o.path ?? moodlePath(101), startAt: Date.UTC(2026, 10, 24, 10) + (o.day ?? 0) * 86_400_000 });
  const session = startCourseSession(o.tree ?? course, env);
  return { lms, env, session, storage, log: wrapped.log };
}
const submitNext = (session: ReturnType<typeof startCourseSession>, quizId: string, score: number, passMark: number, attempt = 1) =>
  submit(session, quizId, score, passMark, attempt, undefined, session.getState().quizzes[quizId]);
const el = (version: HarnessVersion) =>
  version === '12'
    ? { location: 'cmi.core.lesson_location', suspend: 'cmi.suspend_data', raw: 'cmi.core.score.raw', status: 'cmi.core.lesson_status' }
    : { location: 'cmi.location', suspend: 'cmi.suspend_data', raw: 'cmi.score.raw', status: 'cmi.success_status' };
const stored = (version: HarnessVersion, cmi: any) =>
  version === '12'
    ? { status: cmi.core.lesson_status, location: cmi.core.lesson_location, score: cmi.core.score.raw, suspend: cmi.suspend_data }
    : { status: `${cmi.completion_status}/${cmi.success_status}`, location: cmi.location, score: cmi.score.raw, suspend: cmi.suspend_data };

/** What a fresh device sees from what the LMS committed (no local copy). */
const lmsHolds = (version: HarnessVersion, committed: unknown, tree: Course = course) => {
  const s = launch(version, { cmi: cmiForRelaunch(version, committed), tree, day: 5 });
  return { state: s.session.getState(), resume: s.session.resumeLocation, record: s.session.getRecord(), notice: s.session.getNotice() };
};

describe.each(['12', '2004'] as HarnessVersion[])('rev11-second under a strict SCORM %s LMS', (version) => {
  // 1. A refused Terminate / LMSFinish
  it('S1: a refused LMSFinish/Terminate: what was done since the last commit reaches the LMS on the relaunch (same device)', () => {
    const storage = new MemoryStorage();
    const a = launch(version, { storage });
    a.session.visitLesson('the-job', 'introduction');
    submitNext(a.session, 'the-job', 100, 80); // committed at once
    a.env.advance(120_000);
    a.session.visitLesson('the-job', 'day-to-day-duties'); // on the throttle
    a.session.visitLesson('the-job', 'working-with-clinicians');
    a.lms.fault('commit-false'); // Terminate returns false, error 101/391, nothing new kept
    a.env.fire('pagehide');
    const held = a.lms.committed()!;
    // Relaunch from what the LMS holds, same browser.
    const b = launch(version, { storage, cmi: cmiForRelaunch(version, held), day: 1 });
    expect(b.session.getState().seen).toEqual(expect.arrayContaining(['the-job/introduction', 'the-job/day-to-day-duties', 'the-job/working-with-clinicians']));
    expect(b.session.getState().quizzes['the-job']).toMatchObject({ passed: true });
    expect(b.session.resumeLocation).toBe('/the-job/working-with-clinicians');
    b.env.fire('pagehide');
    expect(lmsHolds(version, b.lms.committed()).state.seen).toContain('the-job/working-with-clinicians'); // reaches the LMS now
  });

  it('S1b: a refused Terminate after the page was hidden: another device sees everything (the hide committed it)', () => {
    const a = launch(version);
    a.session.visitLesson('the-job', 'introduction');
    a.env.advance(120_000);
    a.session.visitLesson('the-job', 'day-to-day-duties');
    a.env.advance(1_000);
    a.env.setVisible(false); // a browser hides the page before pagehide: the tail is committed then
    const commitsBefore = a.lms.calls.filter((c) => /Commit$/.test(c.method)).length;
    a.lms.fault('commit-false');
    a.env.fire('pagehide');
    const commitsAtFinish = a.lms.calls.filter((c) => /Commit$/.test(c.method)).length - commitsBefore;
    const phone = launch(version, { cmi: cmiForRelaunch(version, a.lms.committed()), day: 1 });
    // Recorded for the design question: no Commit precedes Terminate, so a refused Terminate loses the tail on the LMS.
    expect(commitsAtFinish).toBe(0);
    expect(phone.session.getState().seen).toEqual(['the-job/introduction', 'the-job/day-to-day-duties']);
  });

  // 4. Single elements refused
  it.each(['location', 'raw', 'status'] as const)('S4: SetValue refusing %s: the rest is saved, and the learner is told that part is not reaching the LMS', (which) => {
    const target = el(version)[which];
    const a = launch(version, { tree: small, refuse: { setValue: (e) => (e === target ? { result: 'false', error: '405' } : null) } });
    finishAll(a.session, small);
    a.env.advance(120_000);
    const holds = lmsHolds(version, a.lms.committed(), small);
    expect(holds.state.seen).toHaveLength(12); // the rest is saved
    expect(a.log).toContain(`refused ${target}`);
    // The learner relies on being told when progress (score, status, bookmark) is not reaching the LMS.
    expect(a.session.getNotice()).not.toBeNull();
  });

  it.each(['raw', 'status'] as const)('S4d: %s refused once (a transient refusal) as the course is finished: it still reaches the LMS by the end of the session', (which) => {
    const target = el(version)[which];
    let refusals = 1;
    const a = launch(version, { tree: small, refuse: { setValue: (e) => (e === target && refusals-- > 0 ? { result: 'false', error: '101' } : null) } });
    finishAll(a.session, small);
    a.env.advance(120_000);
    a.env.setVisible(false);
    a.env.fire('pagehide');
    expect(a.log).toContain(`refused ${target}`);
    expect(stored(version, a.lms.committed())).toMatchObject({ score: '100', status: version === '12' ? 'passed' : 'completed/passed' });
  });

  it('S4e: score.raw refused every time: the course does not tell the learner the LMS holds a score it refused', () => {
    const a = launch(version, { tree: small, refuse: { setValue: (e) => (e === el(version).raw ? { result: 'false', error: '405' } : null) } });
    finishAll(a.session, small);
    a.env.advance(120_000);
    a.env.fire('pagehide');
    expect(stored(version, a.lms.committed()).score).toBe('');
    expect(a.session.getRecord().score).toBeNull();
  });

  it('S4b: suspend_data refused as too long: the learner is told and this device keeps everything', () => {
    const storage = new MemoryStorage();
    const a = launch(version, { storage, refuse: { setValue: (e) => (e === 'cmi.suspend_data' ? { result: 'false', error: version === '12' ? '405' : '407' } : null) } });
    const seenKinds: (string | null)[] = [];
    a.session.subscribe(() => seenKinds.push(a.session.getNotice()?.kind ?? null));
    a.session.visitLesson('the-job', 'introduction');
    submitNext(a.session, 'the-job', 100, 80);
    a.env.advance(120_000);
    expect(seenKinds).toContain('saved-locally'); // it was said...
    expect(a.session.getNotice()).toMatchObject({ kind: 'saved-locally' }); // ...and is still said once the save is over
    a.session.visitLesson('the-job', 'day-to-day-duties');
    a.env.advance(120_000);
    // Still told after the next (again refused) save.
    expect(a.session.getNotice()).toMatchObject({ kind: 'saved-locally' });
    a.env.fire('pagehide');
    const b = launch(version, { storage, cmi: cmiForRelaunch(version, a.lms.committed()), day: 1 });
    expect(b.session.getState().seen).toEqual(['the-job/introduction', 'the-job/day-to-day-duties']);
  });

  it('S4c: cmi.objectives.* refused: lessons, score and status still saved', () => {
    const a = launch(version, { tree: small, refuse: { setValue: (e) => (e.startsWith('cmi.objectives.') ? { result: 'false', error: '401' } : null) } });
    finishAll(a.session, small);
    a.env.fire('pagehide');
    const cmi = stored(version, a.lms.committed());
    expect(lmsHolds(version, a.lms.committed(), small).state.seen).toHaveLength(12);
    expect(cmi).toMatchObject({ score: '100', status: version === '12' ? 'passed' : 'completed/passed' });
    expect(a.log.some((l) => l.startsWith('refused cmi.objectives.'))).toBe(true);
  });

  // 6. Intermittent Commit
  it('S6: LMSCommit returning false every other call, then recovering: everything is eventually committed', () => {
    let failing = true;
    const a = launch(version, { tree: small, refuse: { commit: (n) => (failing && n % 2 === 0 ? { result: 'false', error: version === '12' ? '101' : '391' } : null) } });
    for (let i = 0; i < 3; i++) {
      submitNext(a.session, 'the-job', 50 + i * 25, 80, i + 1);
      a.env.advance(5_000);
    }
    finishAll(a.session, small);
    a.env.advance(10 * 60_000);
    failing = false;
    a.env.advance(10 * 60_000);
    a.env.fire('pagehide');
    const cmi = stored(version, a.lms.committed());
    expect(lmsHolds(version, a.lms.committed(), small).state.seen).toHaveLength(12);
    expect(cmi).toMatchObject({ score: '100', status: version === '12' ? 'passed' : 'completed/passed' });
    expect(a.session.getNotice()).toBeNull();
  });

  // 2. A package updated in place mid-attempt
  const objectives = (version: HarnessVersion, cmi: any) =>
    Object.values(cmi.objectives ?? {}).map((o: any) => ({ id: o.id, status: version === '12' ? o.status : o.success_status, raw: o.score?.raw }));
  it('S2: a module inserted first and a passed quiz’s items changed: its objectives keep id, status and score; the course never regresses', () => {
    const a = launch(version);
    a.session.visitLesson('registries', 'introduction');
    submitNext(a.session, 'registries', 100, 80);
    submitNext(a.session, 'the-job', 100, 80);
    a.env.fire('pagehide');
    const before = objectives(version, a.lms.committed()).filter((o) => o.raw);
    const updated = structuredClone(course);
    const extra = structuredClone(updated.modules[0]!);
    extra.slug = 'new-module';
    extra.objectives = extra.objectives.map((o, k) => ({ ...o, id: `new-mo-${k + 1}` }));
    extra.checks = [];
    updated.modules.unshift(extra);
    updated.modules.forEach((m, i) => (m.number = i + 1));
    updated.modules.find((m) => m.slug === 'the-job')!.quiz!.fingerprint = 'changed-pool';
    const b = launch(version, { cmi: cmiForRelaunch(version, a.lms.committed()), tree: updated, day: 1 });
    expect(b.session.getNotice()?.kind).toBe('package-updated');
    b.session.visitLesson('new-module', 'introduction');
    submitNext(b.session, 'health-record', 50, 80);
    b.env.fire('pagehide');
    const after = objectives(version, b.lms.committed());
    for (const o of before) expect(after.find((x) => x.id === o.id)).toEqual(o); // nothing the LMS accepted is lost
    // The passed module quiz whose items changed is still passed for the learner (status never regresses).
    expect(b.session.getState().quizzes['the-job']).toMatchObject({ passed: true });
    expect(b.session.getState().quizzes['registries']).toMatchObject({ passed: true, best: 100 });
  });

  it('S2d: a passed module removed in the update: the LMS keeps its objectives, and the course score/status do not regress', () => {
    const a = launch(version);
    submitNext(a.session, 'registries', 100, 80);
    a.env.fire('pagehide');
    const before = objectives(version, a.lms.committed()).filter((o) => o.raw);
    const updated = structuredClone(course);
    updated.modules = updated.modules.filter((m) => m.slug !== 'registries');
    const b = launch(version, { cmi: cmiForRelaunch(version, a.lms.committed()), tree: updated, day: 1 });
    submitNext(b.session, 'the-job', 100, 80);
    b.env.fire('pagehide');
    const after = objectives(version, b.lms.committed());
    for (const o of before) expect(after.find((x) => x.id === o.id)).toEqual(o);
    expect(after.find((x) => x.id === 'the-jo-1')).toMatchObject({ status: 'passed', raw: '100' });
  });

  it('S2b: the bookmarked lesson removed in the update: the learner is told in plain words, no resume into nothing', () => {
    const a = launch(version);
    a.session.visitLesson('the-job', 'introduction');
    a.session.visitLesson('the-job', 'common-mistakes');
    a.env.fire('pagehide');
    const updated = structuredClone(course);
    updated.modules[0]!.lessons = updated.modules[0]!.lessons.filter((l) => l.slug !== 'common-mistakes');
    const b = launch(version, { cmi: cmiForRelaunch(version, a.lms.committed()), tree: updated, day: 1 });
    expect(b.session.resumeLocation).toBeNull();
    expect(b.session.getState().seen).toEqual(['the-job/introduction']);
    expect(b.session.getNotice()).toMatchObject({ kind: 'package-updated' });
    expect(b.session.getNotice()!.message).not.toMatch(/fingerprint|slug|undefined|NaN|\[object/);
  });

  it('S2c: a quiz failed with no attempt left, then its items changed in place: the LMS status and score never regress', () => {
    const one = fixtureCourse({ finalAssessmentItems: 0, attemptsPerQuiz: 1 }, 2);
    const a = launch(version, { tree: one });
    for (const m of one.modules) for (const l of m.lessons) a.session.visitLesson(m.slug, l.slug);
    submitNext(a.session, 'health-record', 100, 80);
    submitNext(a.session, 'the-job', 50, 80, 1);
    a.env.fire('pagehide');
    const held = stored(version, a.lms.committed());
    const updated = structuredClone(one);
    updated.modules[0]!.quiz!.fingerprint = 'changed-pool';
    const b = launch(version, { cmi: cmiForRelaunch(version, a.lms.committed()), tree: updated, day: 1 });
    const record = b.session.getRecord();
    b.session.visitLesson('the-job', 'introduction');
    b.env.advance(120_000);
    b.env.fire('pagehide');
    const after = stored(version, b.lms.committed());
    expect({ held: [held.status, held.score], after: [after.status, after.score] }).toEqual({ held: [held.status, held.score], after: [held.status, held.score] });
    expect(held.status).toBe(version === '12' ? 'failed' : 'incomplete/failed'); // 'both': completed needs the pass
    expect(record).toMatchObject({ completed: version === '12', success: 'failed', score: 75 });
    // What the learner is offered on this quiz: told plainly if attempts were given back.
    expect(b.session.getNotice()?.message ?? '').toMatch(/module 1|the-job/i);
  });

  // 3. Canvas-like 1.2: interactions refused, mastery_score ""
  it.each(['401', '101', '201'])('S3: interactions refused with error %s and mastery_score "": lessons, status, score and objectives are still saved', (code) => {
    const a = launch(version, {
      tree: small,
      refuse: {
        setValue: (e) => (e.startsWith('cmi.interactions.') ? { result: 'false', error: code } : null),
        getValue: (e) => (e === 'cmi.student_data.mastery_score' || e === 'cmi.scaled_passing_score' ? '' : null)
      }
    });
    expect(a.session.passMark).toBe(80);
    finishAll(a.session, small);
    a.env.advance(120_000);
    a.env.fire('pagehide');
    const cmi = a.lms.committed()!;
    expect(stored(version, cmi)).toMatchObject({ score: '100', status: version === '12' ? 'passed' : 'completed/passed' });
    expect(lmsHolds(version, cmi, small).state.seen).toHaveLength(12);
    expect(objectives(version, cmi).filter((o) => o.status === 'passed')).toHaveLength(6);
    expect(Object.keys(cmi.interactions ?? {})).toHaveLength(0);
    // The runtime knows the answers are not recorded (its diagnostics), and stops trying after the first record.
    expect(a.session.interactionsNotRecorded()).toBe(16);
    expect(a.log.filter((l) => l.startsWith('refused cmi.interactions.')).length).toBeLessThan(20);
  });

  it('S6b: every LMSCommit refused, the page left while retrying: Terminate still carries the quiz result and lessons', () => {
    const a = launch(version, { tree: small, refuse: { commit: () => ({ result: 'false', error: version === '12' ? '101' : '391' }) } });
    finishAll(a.session, small);
    expect(a.session.getNotice()?.kind).toBe('saved-locally');
    a.env.advance(3_000);
    a.env.setVisible(false);
    a.env.fire('pagehide');
    expect(stored(version, a.lms.committed())).toMatchObject({ score: '100', status: version === '12' ? 'passed' : 'completed/passed' });
    expect(lmsHolds(version, a.lms.committed(), small).state.seen).toHaveLength(12);
  });

  // 5. Names and ids
  it('S5: unicode, commas, quotes and 255-character learner ids each keep their own backup', () => {
    const storage = new MemoryStorage();
    const ids = ['a,b', 'a', 'a"b\'c', 'Ångström-李', 'x'.repeat(255), '😀'.repeat(100)];
    for (const id of ids) {
      const cmi = version === '12' ? { core: { student_id: id, student_name: 'O’Brien-Ñúñez, "Zoë", Jr.' } } : { learner_id: id, learner_name: 'O’Brien-Ñúñez, "Zoë", Jr.' };
      const s = launch(version, { storage, cmi });
      expect(s.session.getState().seen).toEqual([]);
      s.session.visitLesson('the-job', ids.indexOf(id) % 2 ? 'introduction' : 'summary-and-review');
      s.env.fire('pagehide');
    }
    expect([...storage.map.keys()].filter((k) => k.includes(':learner:')).length).toBe(ids.length);
  });

  it('S5b: a learner id cut inside a surrogate pair (an LMS truncating at 255 UTF-16 units) does not stop the course', () => {
    const id = '😀'.repeat(127) + '😀'.slice(0, 1);
    const cmi = version === '12' ? { core: { student_id: id, student_name: 'Li, Wei' } } : { learner_id: id, learner_name: 'Li, Wei' };
    const a = launch(version, { cmi });
    a.session.visitLesson('the-job', 'introduction');
    a.env.fire('pagehide');
    expect(lmsHolds(version, a.lms.committed()).state.seen).toContain('the-job/introduction');
  });
});

describe('S5: the certificate name', () => {
  it('turns the LMS’s "Last, First" forms into "First Last"', () => {
    expect(displayName('Ñúñez, Zoë')).toBe('Zoë Ñúñez');
    expect(displayName('Reyes, Daniel, Jr.')).toBe('Daniel Reyes Jr.');
    expect(displayName('van der Berg, Anna Maria')).toBe('Anna Maria van der Berg');
  });
});
