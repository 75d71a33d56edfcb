/**
 * The adversarial review of issue 11's tracking (F1-F10): each finding reproduced against the whole
 * runtime (startCourseSession) under the strict scorm-again LMS, named after the finding.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { loadCourse } from '../../src/lib/content/loader';
import { startCourseSession } from '../../src/lib/lms/index';
import { launchCourseSession } from '../../src/lib/lms/launch';
import { activityScope, backupKeys } from '../../src/lib/lms/backups';
import { displayName } from '../../src/lib/progress/names';
import { wrapApi, type Refusals } from './testing/refusals';
import { ANSWER_MAX_CHARS, capText, utf8Length, decodeState, encodeState, EXERCISE_VALUE_CAP, FINAL_QUIZ_ID, lessonKeys, SUSPEND_DATA_BUDGET_12, SUSPEND_DATA_LIMIT_12 } from '../../src/lib/lms/codec';
import { decodeResponse, encodeResponse, FILL_IN_MAX_CHARS, NUMERIC_MAX_CHARS, numericText } from '../../src/lib/quiz/response-codec';
import type { LearnerState } from '../../src/lib/lms/types';
import { adversarialAnswer, worstCaseOptions, worstCaseState, worstCaseSuspendDataOf } from './worst-case';
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

/**
 * The second activity of the same zip (same package id, its own empty LMS record, same browser):
 * it starts empty, and what it commits after one lesson holds nothing of the first activity.
 */
function expectFreshSecondActivity(version: HarnessVersion, storage: MemoryStorage, path: string, day?: number) {
  const b = launch(version, { storage, path, day });
  expect(b.session.getState()).toMatchObject({ seen: [], quizzes: {} });
  b.session.visitLesson('health-record', 'introduction');
  b.env.fire('pagehide');
  const stored = b.lms.committed()!;
  expect(stored.suspend_data).not.toMatch(/the-job/);
  expect(Object.keys(stored.interactions ?? {})).toHaveLength(0);
  expect(status(version, stored)).toBe(version === '12' ? 'incomplete' : 'incomplete/unknown');
  return stored;
}

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
    expectFreshSecondActivity(version, storage, moodlePath(202));
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
    const stored = expectFreshSecondActivity(version, storage, pathB, 1);
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

// ------------------------------------------------------------------------------------------
// F3: long or unusual typed answers must not take SCORM 1.2 suspend_data past its budget
// ------------------------------------------------------------------------------------------

describe('F3: suspend_data of the real course within 3,000 characters in SCORM 1.2, whatever is typed', () => {
  const loaded = loadCourse({ root: fileURLToPath(new URL('../..', import.meta.url)) });
  const tree = loaded.tree;
  const options = worstCaseOptions(Object.values(loaded.modules));

  it('F3: the worst case with adversarial typed answers is written within the budget, losing only typed answers', () => {
    const { written, unshed } = worstCaseSuspendDataOf(loaded);
    const worst = worstCaseState(tree, { ...options, answer: adversarialAnswer });
    // What is never shed: every lesson, bookmark, quiz attempt and score, every check; no answer, no exercise.
    const floor = encodeState(tree, { ...worst, exercises: {}, quizzes: Object.fromEntries(Object.entries(worst.quizzes).map(([id, q]) => [id, { ...q, answers: q.answers.map(() => null) }])) }, { limit: Infinity, savedAt: 4102444800000, interactions: 250 }).data.length;
    console.info(`F3 worst-case 1.2 suspend_data: ${written.data.length} characters written (${unshed.chars} before shedding ${written.shed.join(', ')}; ${floor} without any answer or exercise)`);
    expect(SUSPEND_DATA_BUDGET_12).toBeLessThanOrEqual(3000);
    expect(written.data.length).toBeLessThanOrEqual(SUSPEND_DATA_BUDGET_12);
    expect(written.shed).not.toContain('checks');
    const back = decodeState(tree, written.data).state;
    expect(back.seen).toEqual(worst.seen);
    expect(back.location).toBe(worst.location);
    expect(back.checks.sort()).toEqual([...worst.checks].sort());
    for (const [id, q] of Object.entries(worst.quizzes)) {
      const { answers, ...rest } = q;
      expect(back.quizzes[id]).toMatchObject(rest);
      // Every answer that is kept is kept exactly; the short (non-typed) ones are all kept.
      back.quizzes[id]!.answers.forEach((a, slot) => {
        if (a !== null) expect(a).toBe(answers[slot]);
        if (answers[slot]!.length <= 8) expect(a).toBe(answers[slot]);
      });
    }
  });

  it('F3: every quiz answer the quiz engine can store fits the codec’s cap', () => {
    expect(FILL_IN_MAX_CHARS).toBeLessThanOrEqual(ANSWER_MAX_CHARS);
    expect(NUMERIC_MAX_CHARS).toBeLessThanOrEqual(ANSWER_MAX_CHARS);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = numericText(n);
        expect(text.length).toBeLessThanOrEqual(NUMERIC_MAX_CHARS);
        // The number read back is the one typed, to 10 significant digits.
        const back = Number(text);
        expect(Number.isFinite(back)).toBe(true);
        if (n !== 0) expect(Math.abs(back - n) / Math.abs(n)).toBeLessThan(1e-8);
      }),
      { seed: 11, numRuns: 2000 }
    );
    expect(capText('ab😀', 3)).toBe('ab');
  });

  const lessons = lessonKeys(tree);
  const quizIds = [...tree.modules.filter((m) => m.quiz).map((m) => m.slug), FINAL_QUIZ_ID];
  const draws: Record<string, number> = Object.fromEntries([...tree.modules.filter((m) => m.quiz).map((m) => [m.slug, m.quiz!.draw]), [FINAL_QUIZ_ID, tree.settings.finalAssessmentItems]]);
  const allChecks = tree.modules.flatMap((m) => m.checks ?? []);
  const reserved = fc.constantFrom('%', '|', ';', ',', ':', '%7c', '%-', '%25', '~');
  const typed = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 90 }),
    fc.string({ unit: 'binary', maxLength: 90 }),
    fc.array(reserved, { maxLength: 40 }).map((parts) => parts.join('')),
    fc.constant(adversarialAnswer(ANSWER_MAX_CHARS)),
    fc.constant('😀'.repeat(40)),
    fc.double({ noNaN: true }).map(String),
    fc.constantFrom('a', 'ac', 't', 'f', '1a2c3b', 'dbac', '')
  );
  const quiz = (id: string) =>
    fc.record({
      attempt: fc.integer({ min: 1, max: 3 }),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      index: fc.integer({ min: 0, max: draws[id]! - 1 }),
      answers: fc.array(fc.option(typed, { freq: 4 }), { minLength: draws[id]!, maxLength: draws[id]! }),
      submitted: fc.boolean(),
      best: fc.option(fc.integer({ min: 0, max: 200 }).map((n) => n / 2)),
      passed: fc.boolean()
    });
  const state: fc.Arbitrary<LearnerState> = fc.record({
    seen: fc.subarray(lessons),
    location: fc.option(fc.oneof(fc.constantFrom(...lessons).map((k) => `/${k}`), fc.constantFrom('/', '/final', '/glossary', `/${tree.modules[0]!.slug}/quiz`))),
    quizzes: fc.record(Object.fromEntries(quizIds.map((id) => [id, quiz(id)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, QuizProgress>>,
    checks: fc.subarray(allChecks),
    exercises: fc.dictionary(fc.constantFrom(...options.exerciseIds), fc.string({ unit: 'grapheme', maxLength: EXERCISE_VALUE_CAP }), { maxKeys: 5 })
  });

  it('F3: any state, any typed text: at most 3,000 characters, and everything not shed restores exactly', () => {
    fc.assert(
      fc.property(state, (s) => {
        const { data, shed } = encodeState(tree, s, { limit: SUSPEND_DATA_BUDGET_12, savedAt: 4102444800000, interactions: 250 });
        expect(data.length).toBeLessThanOrEqual(SUSPEND_DATA_BUDGET_12);
        expect(utf8Length(data), 'UTF-8 bytes too (an LMS column limited in bytes)').toBeLessThanOrEqual(SUSPEND_DATA_BUDGET_12);
        expect(data.length).toBeLessThan(SUSPEND_DATA_LIMIT_12);
        const back = decodeState(tree, data).state;
        // Never shed: lessons seen, the bookmark, each quiz's attempts, seed, position, score and pass.
        expect(new Set(back.seen)).toEqual(new Set(s.seen));
        expect(back.location).toBe(s.location);
        expect(Object.keys(back.quizzes).sort()).toEqual(Object.keys(s.quizzes).sort());
        for (const [id, q] of Object.entries(s.quizzes)) {
          const { answers, ...rest } = q;
          const got = back.quizzes[id]!;
          expect(got).toMatchObject(rest);
          const kept = answers.map((a) => (a === null ? null : capText(a, ANSWER_MAX_CHARS)));
          const mayShed = q.submitted ? shed.includes('reviews') : shed.includes('answers');
          if (!mayShed) expect(got.answers).toEqual(kept);
          else if (q.submitted && got.answers.every((a) => a === null)) expect(got.answers).toHaveLength(kept.length);
          else got.answers.forEach((a, slot) => a !== null && expect(a).toBe(kept[slot]));
        }
        if (!shed.includes('checks')) expect(new Set(back.checks)).toEqual(new Set(s.checks));
        if (!shed.includes('exercises')) expect(back.exercises).toEqual(s.exercises);
        else for (const [id, v] of Object.entries(back.exercises)) expect(v).toBe(s.exercises[id]);
      }),
      { seed: 20261203, numRuns: 300 }
    );
    // 300 states, each encoded and decoded, take a few seconds on a busy machine.
  }, 30_000);

  it('F3 (UTF-8): typed answers such as "café" and emoji keep the worst case within 3,000 UTF-8 bytes as well as characters, and what is kept restores exactly', () => {
    const typed = ['café au lait', 'Zoë’s naïve résumé', '😀 coded 🏥 twice', '€€€ 医療記録 €€€', 'ÀÉÎÕÜ'.repeat(12)];
    const worst = worstCaseState(tree, { ...options, answer: (n) => capText(typed[n % typed.length]!.repeat(Math.ceil(n / 4) + 1), n) });
    const { data, shed } = encodeState(tree, worst, { limit: SUSPEND_DATA_BUDGET_12, savedAt: 4102444800000, interactions: 250 });
    // Before shedding the same state is within 3,000 characters but past 3,000 UTF-8 bytes: measured in
    // characters it would be written whole, and an LMS column of 3,000 bytes would cut it.
    const whole = encodeState(tree, worst, { limit: Infinity, savedAt: 4102444800000, interactions: 250 }).data;
    expect(whole.length).toBeLessThanOrEqual(SUSPEND_DATA_BUDGET_12);
    expect(utf8Length(whole)).toBeGreaterThan(SUSPEND_DATA_BUDGET_12);
    expect(data.length).toBeLessThanOrEqual(SUSPEND_DATA_BUDGET_12);
    expect(utf8Length(data)).toBeLessThanOrEqual(SUSPEND_DATA_BUDGET_12);
    expect(new TextEncoder().encode(data).length).toBe(utf8Length(data));
    expect(shed.length).toBeGreaterThan(0);
    const back = decodeState(tree, data).state;
    expect(back.seen).toEqual(worst.seen);
    for (const [id, q] of Object.entries(worst.quizzes)) back.quizzes[id]!.answers.forEach((a, slot) => a !== null && expect(a).toBe(q.answers[slot]));
    const kept = Object.values(back.quizzes).flatMap((q) => q.answers.filter((a) => a !== null && /[^\x00-\x7f]/.test(a)));
    expect(kept.length, 'non-ASCII answers that fit are kept').toBeGreaterThan(0);
  });

  it('F3: suspend_data written by the earlier encoder (%XX escapes) restores exactly as it was saved', () => {
    // Written by the encoder of main at c545d03 (3-character %XX escapes), for the fixture course.
    const earlier =
      'h2|mwm0nk74|xp7z|16.2.mi7x2k00|0iy:7w9;mdy:7yy|/glossary|0iy:2:1fyf8el:4:0:62.5:s473:8:ac,,100%25 %7c yes%3b no%2c maybe%3a 50%25,%-,Ünïcødé — 日本語 😀,%257c literal,-12.5,;_:1:7:j:3:85:hamg:k:b,t,b,t,b,t,b,t,b,t,b,t,b,t,b,t,b,t,b,t|0iy:4o8|drg-calculator:w=1.2%3bbase=6000;roi%3asort:a%2cb%3ac%7cd%25';
    const saved: LearnerState = {
      seen: ['the-job/introduction', 'registries/summary-and-review'],
      location: '/glossary',
      quizzes: {
        'the-job': { attempt: 2, seed: 3141592653, index: 4, answers: ['ac', null, '100% | yes; no, maybe: 50%', '', 'Ünïcødé — 日本語 😀', '%7c literal', '-12.5', null], submitted: false, best: 62.5, passed: false },
        final: { attempt: 1, seed: 7, index: 19, answers: Array.from({ length: 20 }, (_, i) => (i % 2 ? 't' : 'b')), submitted: true, best: 85, passed: true }
      },
      checks: ['the-jo-kc-one'],
      exercises: { 'drg-calculator': 'w=1.2;base=6000', 'roi:sort': 'a,b:c|d%' }
    };
    const decoded = decodeState(course, earlier);
    expect(decoded).toMatchObject({ savedAt: 1795000000000, interactions: 42, reachedLms: true, ended: false, attempt: 'mi7x2k00', changes: null });
    expect(decoded.state).toEqual(saved);
    // Written again now, it is shorter (2-character escapes) and reads back the same.
    const now = encodeState(course, saved, { savedAt: 1795000000000, interactions: 42, reachedLms: true, attempt: 'mi7x2k00' }).data;
    expect(now.length).toBeLessThan(earlier.length);
    expect(decodeState(course, now).state).toEqual(saved);
  });
});

// ------------------------------------------------------------------------------------------
// F6: one pass mark, the one the LMS judges by: a SCORM 1.2 mastery_score of 100 is obeyed
// ------------------------------------------------------------------------------------------

describe('F6: an LMS mastery score of 100', () => {
  const allLessons = course.modules.flatMap((m) => m.lessons.map((l) => [m.slug, l.slug] as const));

  it('F6: SCORM 1.2 mastery_score 100 is the pass mark: 90% is failed on the quiz screen and in the LMS alike', () => {
    const { session, lms, env } = launch('12', { cmi: { core: { student_id: 'learner-1' }, student_data: { mastery_score: '100' } } });
    expect(session.passMark).toBe(100);
    for (const [m, l] of allLessons) session.visitLesson(m, l);
    submitNext(session, FINAL_QUIZ_ID, 90, session.passMark, 3);
    env.fire('pagehide');
    expect(lms.committed()!.core.lesson_status).toBe('failed');
    expect(session.getRecord()).toMatchObject({ completed: true, success: 'failed', score: 90 });
  });

  it('F6: SCORM 2004 in Moodle: the measure the manifest gives every objective (0.8) is the pass mark, and 90% is passed', () => {
    // The harness in Moodle mode sends the last manifest objective's measure, as Moodle's 2004 player does.
    const { session, lms, env } = launch('2004', { lms: { moodle2004: true } });
    expect(session.passMark).toBe(course.settings.masteryScore);
    for (const [m, l] of allLessons) session.visitLesson(m, l);
    submitNext(session, FINAL_QUIZ_ID, 90, session.passMark);
    env.fire('pagehide');
    expect(status('2004', lms.committed())).toBe('completed/passed');
    expect(session.getRecord()).toMatchObject({ success: 'passed' });
  });
});

// ------------------------------------------------------------------------------------------
// F4: progress made while nobody was identified never brings quiz results into a learner's record
// ------------------------------------------------------------------------------------------

describe.each(['12', '2004'] as HarnessVersion[])('F4: an anonymous backup under SCORM %s', (version) => {
  it('F4: on a shared computer, claiming what an unconnected session left adds its lessons, never its quiz attempts or scores', () => {
    const storage = new MemoryStorage();
    // Someone's Initialize is refused: they view a lesson and pass two quizzes, unidentified.
    const lms = createStrictLms(version, learner(version, 'learner-a'));
    lms.fault('initialize-false');
    const env = testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11', storage, path: moodlePath(101), startAt: Date.UTC(2026, 10, 24, 10) });
    const unconnected = startCourseSession(course, env);
    env.advance(10_000);
    expect(unconnected.getNotice()).toMatchObject({ kind: 'not-connected', message: expect.stringContaining('Quiz results cannot be added later') });
    unconnected.visitLesson('registries', 'introduction');
    submitNext(unconnected, FINAL_QUIZ_ID, 100, 80);
    submitNext(unconnected, 'the-job', 100, 80);
    env.fire('pagehide');
    // Learner B, identified, opens the same activity on that computer and says "yes, it was mine".
    const b = launch(version, { storage, cmi: learner(version, 'learner-b'), day: 1 });
    expect(b.session.getNotice()).toMatchObject({ kind: 'unrecorded-progress', message: expect.stringContaining('Quiz results from then (2 quizzes) cannot be added') });
    b.session.answerNotice('claim-progress');
    expect(b.session.getState().seen).toContain('registries/introduction');
    expect(b.session.getState().quizzes).toEqual({});
    b.env.fire('pagehide');
    const stored = b.lms.committed()!;
    expect(decodeState(course, stored.suspend_data).state.quizzes).toEqual({});
    expect(version === '12' ? stored.core.score?.raw ?? '' : stored.score?.raw ?? '').toBe('');
    expect(status(version, stored)).toBe(version === '12' ? 'incomplete' : 'incomplete/unknown');
    expect(Object.keys(stored.interactions ?? {})).toHaveLength(0);
    expect(b.session.getRecord()).toMatchObject({ success: 'unknown', score: null });
  });

  it('F4: an unconnected session that only took quizzes leaves nothing to claim, so nobody is asked', () => {
    const storage = new MemoryStorage();
    const lms = createStrictLms(version, learner(version, 'learner-a'));
    lms.fault('initialize-false');
    const env = testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11', storage, path: moodlePath(101), startAt: Date.UTC(2026, 10, 24, 10) });
    const unconnected = startCourseSession(course, env);
    submitNext(unconnected, 'the-job', 100, 80);
    env.fire('pagehide');
    const b = launch(version, { storage, cmi: learner(version, 'learner-b'), day: 1 });
    expect(b.session.getNotice()?.kind).not.toBe('unrecorded-progress');
    expect(b.session.getState().quizzes).toEqual({});
  });
});

// ------------------------------------------------------------------------------------------
// F5: Moodle 2004, an attempt the course ended (cmi.exit normal), relaunched into a blank record
// ------------------------------------------------------------------------------------------

/** What Moodle's 2004 player hands a launch with no stored data it shows: ab-initio, nothing else. */
const moodleBlank = { ...learner('2004'), entry: 'ab-initio' };

describe('F5: a SCORM 2004 package that ends its attempt, relaunched where Moodle shows a blank record', () => {
  const ending = fixtureCourse({ whenFinished: 'end-attempt' });
  const allLessons = ending.modules.flatMap((m) => m.lessons.map((l) => [m.slug, l.slug] as const));
  const moodle: StrictOptions = { moodle2004: true };
  /** Every undecided value a session wrote for the attempt's status or an objective's. */
  const undecided = (lms: { calls: { method: string; args: string[] }[] }) =>
    lms.calls
      .filter((c) => /SetValue$/.test(c.method) && /^cmi\.(completion_status|success_status|objectives\.\d+\.(completion_status|success_status))$/.test(c.args[0]!))
      .filter((c) => ['incomplete', 'unknown', 'not attempted'].includes(c.args[1]!))
      .map((c) => c.args.join('='));

  it('F5: the relaunch writes no incomplete or unknown over the completed/passed Moodle still holds, in that session or the next', () => {
    const storage = new MemoryStorage();
    const first = launch('2004', { tree: ending, storage, lms: moodle });
    for (const [m, l] of allLessons) first.session.visitLesson(m, l);
    submitNext(first.session, FINAL_QUIZ_ID, 90, 80);
    first.env.fire('pagehide');
    expect(first.lms.committed()).toMatchObject({ completion_status: 'completed', success_status: 'passed', exit: 'normal' });
    // Moodle keeps the attempt's tracks but, cmi.exit being normal, hands the relaunch a blank record
    // that says ab-initio (mod/scorm/datamodels/scorm_13.js.php), as for a new attempt.
    const second = launch('2004', { tree: ending, storage, lms: moodle, day: 1, cmi: moodleBlank });
    expect(second.session.getState().seen).toEqual([]);
    second.session.visitLesson('the-job', 'introduction');
    second.env.advance(COMMIT_INTERVAL_MS);
    second.env.fire('pagehide');
    expect(undecided(second.lms)).toEqual([]);
    expect(second.session.getRecord()).toMatchObject({ completed: false, success: 'unknown', score: null });
    // The next launch resumes what that session stored (cmi.exit suspend): still nothing undecided.
    const third = launch('2004', { tree: ending, storage, lms: moodle, cmi: cmiForRelaunch('2004', second.lms.committed()), day: 2 });
    expect(third.session.getState().seen).toEqual(['the-job/introduction']);
    third.session.visitLesson('the-job', 'day-to-day-duties');
    third.env.fire('pagehide');
    expect(undecided(third.lms)).toEqual([]);
    // A result decided in such an attempt is reported as usual.
    const fourth = launch('2004', { tree: ending, storage, lms: moodle, cmi: cmiForRelaunch('2004', third.lms.committed()), day: 3 });
    submitNext(fourth.session, FINAL_QUIZ_ID, 95, 80);
    fourth.env.fire('pagehide');
    expect(fourth.lms.committed()).toMatchObject({ success_status: 'passed', score: { raw: '95' } });
  });

  it('F5 (cmi.entry ""): a blank record that says the attempt goes on cannot be trusted to be fresh: only decided status, even on a new device', () => {
    const { session, lms, env } = launch('2004', { tree: ending, lms: moodle, cmi: { ...learner('2004'), entry: '' } });
    session.visitLesson('the-job', 'introduction');
    for (let attempt = 1; attempt <= 3; attempt++) submitNext(session, FINAL_QUIZ_ID, 40, 80, attempt);
    env.fire('pagehide');
    expect(undecided(lms)).toEqual([]);
    expect(setValues(lms, 'cmi.success_status')).not.toContain('failed');
  });

  it('F5 (cmi.entry ab-initio): a learner’s first-ever attempt reports normally: incomplete from the first lesson, failed and its score once out of attempts', () => {
    const { session, lms, env } = launch('2004', { tree: ending, lms: moodle, cmi: moodleBlank });
    session.visitLesson('the-job', 'introduction');
    env.advance(COMMIT_INTERVAL_MS);
    expect(lms.committed()).toMatchObject({ completion_status: 'incomplete', exit: 'suspend' });
    for (let attempt = 1; attempt <= 3; attempt++) submitNext(session, FINAL_QUIZ_ID, 40, 80, attempt);
    env.fire('pagehide');
    expect(lms.committed()).toMatchObject({ completion_status: 'incomplete', success_status: 'failed', score: { raw: '40' } });
    expect(session.getRecord()).toEqual({ completed: false, success: 'failed', score: 40 });
  });

  it('F5 (cmi.entry ab-initio, then resume): the first-ever attempt’s relaunch resumes it and keeps reporting as usual (incomplete written)', () => {
    const storage = new MemoryStorage();
    const first = launch('2004', { tree: ending, storage, lms: moodle, cmi: moodleBlank });
    first.session.visitLesson('the-job', 'introduction');
    first.env.fire('pagehide');
    expect(first.lms.committed()).toMatchObject({ completion_status: 'incomplete', success_status: 'unknown', exit: 'suspend' });
    const second = launch('2004', { tree: ending, storage, lms: moodle, cmi: cmiForRelaunch('2004', first.lms.committed()), day: 1 });
    expect(second.session.getState().seen).toEqual(['the-job/introduction']);
    submitNext(second.session, FINAL_QUIZ_ID, 40, 80, 1);
    second.env.fire('pagehide');
    expect(setValues(second.lms, 'cmi.completion_status')).toContain('incomplete');
  });

  it('F5: a package that keeps its attempt open (the default) still reports incomplete from a first launch', () => {
    const { session, lms, env } = launch('2004', { lms: moodle });
    session.visitLesson('the-job', 'introduction');
    env.fire('pagehide');
    expect(status('2004', lms.committed())).toBe('incomplete/unknown');
  });
});

describe('F3: the runtime under a SCORM 1.2 LMS, a learner typing long answers full of reserved characters', () => {
  it('F3: suspend_data stays within 3,000 and nothing given is lost on this device', () => {
    const storage = new MemoryStorage();
    const first = launch('12', { storage });
    first.session.visitLesson('the-job', 'introduction');
    const typed = (q: string, i: number) => `${q} ${i}: ${adversarialAnswer(60)}`.slice(0, 60);
    const quizzes = [...course.modules.filter((m) => m.quiz).map((m) => [m.slug, m.quiz!.draw] as const), [FINAL_QUIZ_ID, 20] as const];
    for (const [id, draw] of quizzes) {
      const answers = Array.from({ length: draw }, (_, i) => typed(id, i));
      first.session.saveQuiz(id, { attempt: 1, seed: 9, index: draw - 1, answers, submitted: false, best: null, passed: false });
    }
    submitNext(first.session, 'registries', 100, 80);
    first.env.fire('pagehide');
    const stored = first.lms.committed()!;
    expect(stored.suspend_data.length).toBeLessThanOrEqual(SUSPEND_DATA_BUDGET_12);
    expect(setValues(first.lms, 'cmi.suspend_data').length).toBeGreaterThan(0);
    expect(setValues(first.lms, 'cmi.suspend_data').every((v) => (v ?? '').length <= SUSPEND_DATA_BUDGET_12)).toBe(true);
    // Another device: lessons, the submitted score and every attempt are there; only typed answers may be missing.
    const elsewhere = launch('12', { storage: new MemoryStorage(), cmi: cmiForRelaunch('12', stored), day: 1 });
    expect(elsewhere.session.getState().seen).toEqual(['the-job/introduction']);
    expect(elsewhere.session.getState().quizzes.registries).toMatchObject({ submitted: true, best: 100, passed: true });
    for (const [id] of quizzes) if (id !== 'registries') expect(elsewhere.session.getState().quizzes[id]).toMatchObject({ attempt: 1, seed: 9 });
    // This device: every typed answer is back.
    const here = launch('12', { storage, cmi: cmiForRelaunch('12', stored), day: 1 });
    for (const [id, draw] of quizzes) {
      if (id === 'registries') continue;
      expect(here.session.getState().quizzes[id]!.answers).toEqual(Array.from({ length: draw }, (_, i) => typed(id, i)));
    }
  });

  it('F3: the learner is told in plain words, once, that part of it is kept on this device only', () => {
    const { session } = launch('12');
    for (const [id, draw] of [['the-job', 8], [FINAL_QUIZ_ID, 20]] as const) {
      session.saveQuiz(id, { attempt: 1, seed: 9, index: 0, answers: Array.from({ length: draw }, () => adversarialAnswer(60)), submitted: false, best: null, passed: false });
    }
    for (const m of course.modules.filter((x) => x.quiz)) {
      session.saveQuiz(m.slug, { attempt: 1, seed: 9, index: 0, answers: Array.from({ length: m.quiz!.draw }, () => adversarialAnswer(60)), submitted: false, best: null, passed: false });
    }
    const notices: string[] = [];
    for (let i = 0; i < 5 && session.getNotice(); i++) {
      notices.push(session.getNotice()!.kind);
      session.dismissNotice();
    }
    expect(notices.filter((k) => k === 'partly-saved')).toHaveLength(1);
    expect(notices).not.toContain('saved-locally');
  });
});

describe('M1 (review of i11): the LMS part of the package fails to load on a shared computer', () => {
  const failing = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  const env12 = (id: string, storage: MemoryStorage, path = moodlePath(101)) => {
    const lms = createStrictLms('12', { core: { student_id: id, student_name: id } });
    return { lms, env: testEnvironment({ api: lms.api, apiName: 'API', storage, path }) };
  };

  it('M1: the next learner never sees what the previous one did while the LMS chunk failed; the first learner is asked to claim it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const storage = new MemoryStorage();
    const alice = await launchCourseSession(course, env12('alice', storage).env, failing);
    alice.visitLesson('the-job', 'introduction');
    submitNext(alice as unknown as ReturnType<typeof startCourseSession>, 'the-job', 25, 80, 1);
    alice.finish();
    // Bob on the same computer, the chunk failing again: a blank course, not Alice's lesson or quiz.
    const bob = await launchCourseSession(course, env12('bob', storage).env, failing);
    expect(bob.getState()).toMatchObject({ seen: [], quizzes: {} });
    bob.finish();
    // Another activity of the same zip never gets it either.
    const other = await launchCourseSession(course, env12('alice', storage, moodlePath(202)).env);
    expect(other.getNotice()?.kind).not.toBe('unrecorded-progress');
    // Alice, the chunk loading now: asked, and a yes adds her lesson, never the quiz attempt.
    const back = await launchCourseSession(course, env12('alice', storage).env);
    expect(back.getNotice()?.kind).toBe('unrecorded-progress');
    back.answerNotice('claim-progress');
    expect(back.getState().seen).toEqual(['the-job/introduction']);
    expect(back.getState().quizzes).toEqual({});
    error.mockRestore();
  });
});

describe('m1 (review of i11): a typed answer full of emoji', () => {
  it('m1: a fill-in answer cut to its 60 characters never ends in half an emoji (a lone surrogate an LMS cannot URI-encode)', () => {
    const typed = `a${'😀'.repeat(40)}`;
    const stored = encodeResponse({ kind: 'fill-in', text: typed });
    expect(stored.length).toBeLessThanOrEqual(FILL_IN_MAX_CHARS);
    expect(() => encodeURIComponent(stored)).not.toThrow();
    expect(stored).toBe(`a${'😀'.repeat(29)}`);
    const item = { type: 'fill-in' } as Parameters<typeof decodeResponse>[0];
    expect(decodeResponse(item, typed)).toEqual({ kind: 'fill-in', text: stored });
  });
});

describe('m2 (review of i11): past the SCORM 1.2 budget in a browser that keeps nothing', () => {
  it('m2: when this browser cannot keep what the LMS has no room for, the learner is told it is not kept anywhere', () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new DOMException('QuotaExceededError');
    };
    const { session } = launch('12', { storage });
    for (const m of course.modules.filter((x) => x.quiz)) {
      session.saveQuiz(m.slug, { attempt: 1, seed: 9, index: 0, answers: Array.from({ length: m.quiz!.draw }, () => adversarialAnswer(60)), submitted: false, best: null, passed: false });
    }
    session.saveQuiz(FINAL_QUIZ_ID, { attempt: 1, seed: 9, index: 0, answers: Array.from({ length: 20 }, () => adversarialAnswer(60)), submitted: false, best: null, passed: false });
    const notices: { kind: string; message: string }[] = [];
    for (let i = 0; i < 5 && session.getNotice(); i++) {
      notices.push(session.getNotice()!);
      session.dismissNotice();
    }
    const told = notices.filter((n) => n.kind === 'partly-saved');
    expect(told).toHaveLength(1);
    expect(told[0]!.message).toMatch(/cannot keep/);
    expect(told[0]!.message).not.toMatch(/kept in this browser/);
  });
});

describe('M2 (review of i11): an ended 2004 attempt relaunched into Moodle’s blank record, the final retaken and failed', () => {
  it('M2: a learner Moodle holds as passed is never written failed, nor given a lower score, by the blank-record session', () => {
    const ending = fixtureCourse({ whenFinished: 'end-attempt' });
    const moodle: StrictOptions = { moodle2004: true };
    const storage = new MemoryStorage();
    const first = launch('2004', { tree: ending, storage, lms: moodle });
    for (const m of ending.modules) for (const l of m.lessons) first.session.visitLesson(m.slug, l.slug);
    submitNext(first.session, FINAL_QUIZ_ID, 90, 80);
    first.env.fire('pagehide');
    expect(first.lms.committed()).toMatchObject({ success_status: 'passed', score: { raw: '90' }, exit: 'normal' });
    // Moodle hands the relaunch a blank record (ab-initio), yet takes every value over the passed attempt.
    const second = launch('2004', { tree: ending, storage, lms: moodle, day: 1, cmi: moodleBlank });
    for (let attempt = 1; attempt <= 3; attempt++) submitNext(second.session, FINAL_QUIZ_ID, 40, 80, attempt);
    second.env.fire('pagehide');
    expect(setValues(second.lms, 'cmi.success_status')).not.toContain('failed');
    expect(setValues(second.lms, 'cmi.score.raw')).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------
// R8: an ended 2004 attempt (whenFinished end-attempt, cmi.exit normal) and Moodle's next launch
// ------------------------------------------------------------------------------------------

describe('R8: the launch after a 2004 attempt the course ended, as Moodle 4.5 gives it', () => {
  const ending = fixtureCourse({ whenFinished: 'end-attempt' });
  const moodle: StrictOptions = { moodle2004: true };
  const interactionWrites = (lms: { calls: { method: string; args: string[] }[] }) =>
    lms.calls.filter((c) => /SetValue$/.test(c.method) && /^cmi\.interactions\.\d+\./.test(c.args[0]!)).map((c) => c.args[0]!);

  /** Every lesson, the final failed once and then passed: 40 interaction records, the attempt ended. */
  function endedAttempt(storage: MemoryStorage) {
    const first = launch('2004', { tree: ending, storage, lms: moodle });
    for (const m of ending.modules) for (const l of m.lessons) first.session.visitLesson(m.slug, l.slug);
    submitNext(first.session, FINAL_QUIZ_ID, 40, 80, 1);
    submitNext(first.session, FINAL_QUIZ_ID, 90, 80, 2);
    first.env.fire('pagehide');
    const stored = first.lms.committed()!;
    expect(stored).toMatchObject({ completion_status: 'completed', success_status: 'passed', exit: 'normal' });
    expect(setValues(first.lms, 'cmi.interactions.39.id')).toHaveLength(1);
    return stored;
  }

  it('R8: the same attempt handed back blank (Moodle Preview: browse, no-credit, ab-initio): no stored interaction is written over and used quiz attempts are not given back', () => {
    const storage = new MemoryStorage();
    endedAttempt(storage);
    // scorm_check_mode keeps the last attempt for browse; get_scorm_default shows nothing after exit normal.
    const again = launch('2004', { tree: ending, storage, lms: moodle, day: 1, cmi: { ...moodleBlank, mode: 'browse', credit: 'no-credit' } });
    expect(again.session.getState().quizzes[FINAL_QUIZ_ID]).toMatchObject({ attempt: 2, submitted: true, best: 90, passed: true });
    submitNext(again.session, FINAL_QUIZ_ID, 40, 80, 3);
    again.env.fire('pagehide');
    expect(interactionWrites(again.lms)).toEqual([]);
    expect(setValues(again.lms, 'cmi.success_status')).not.toContain('failed');
    expect(again.session.getState().quizzes[FINAL_QUIZ_ID]).toMatchObject({ attempt: 3, best: 90, passed: true });
  });

  it('R8 (another device): Moodle’s Preview of an ended attempt on a device without its copy writes no interaction and nothing undecided over it', () => {
    endedAttempt(new MemoryStorage());
    const again = launch('2004', { tree: ending, storage: new MemoryStorage(), lms: moodle, day: 1, cmi: { ...moodleBlank, mode: 'browse', credit: 'no-credit' } });
    again.session.visitLesson('the-job', 'introduction');
    submitNext(again.session, FINAL_QUIZ_ID, 40, 80, 1);
    again.env.advance(COMMIT_INTERVAL_MS);
    again.env.fire('pagehide');
    expect(interactionWrites(again.lms)).toEqual([]);
    expect(setValues(again.lms, 'cmi.completion_status')).not.toContain('incomplete');
    expect(setValues(again.lms, 'cmi.success_status')).not.toContain('failed');
  });

  it('R8: a new attempt (Moodle: "Start a new attempt", or forcenewattempt; normal, credit, ab-initio) starts fresh and reports its answers from index 0', () => {
    const storage = new MemoryStorage();
    endedAttempt(storage);
    // scorm_check_mode: completed, new attempt requested, attempts left: attempt + 1 in mode normal.
    const fresh = launch('2004', { tree: ending, storage, lms: moodle, day: 1, cmi: moodleBlank });
    expect(fresh.session.getState().quizzes).toEqual({});
    submitNext(fresh.session, FINAL_QUIZ_ID, 90, 80, 1);
    fresh.env.fire('pagehide');
    const writes = interactionWrites(fresh.lms);
    expect(writes.filter((e) => /^cmi\.interactions\.\d+\.id$/.test(e))).toEqual(Array.from({ length: 20 }, (_, i) => `cmi.interactions.${i}.id`));
    expect(fresh.lms.committed()).toMatchObject({ success_status: 'passed', score: { raw: '90' } });
  });

  it('R8: a package that keeps its attempt open (the default) is unaffected: a blank no-credit record is a fresh start as before', () => {
    const storage = new MemoryStorage();
    const first = launch('2004', { storage, lms: moodle });
    submitNext(first.session, FINAL_QUIZ_ID, 90, 80, 1);
    first.env.fire('pagehide');
    expect(first.lms.committed()).toMatchObject({ exit: 'suspend' });
    const again = launch('2004', { storage, lms: moodle, day: 1, cmi: { ...moodleBlank, mode: 'browse', credit: 'no-credit' } });
    expect(again.session.getState().quizzes).toEqual({});
  });
});

// ------------------------------------------------------------------------------------------
// Second review of issue 11 (rev11): R2, R7, R1, R11
// ------------------------------------------------------------------------------------------

/** The LMS API with GetValue failing ("" and error 101) for every element but the learner's id and name. */
function failingReads(version: HarnessVersion, api: Record<string, (...args: string[]) => string>, fails: (element: string) => boolean) {
  const [getValue, getLastError] = version === '12' ? ['LMSGetValue', 'LMSGetLastError'] : ['GetValue', 'GetLastError'];
  let failed = false;
  return {
    ...api,
    [getValue]: (element: string) => {
      failed = fails(element);
      return failed ? '' : api[getValue]!(element);
    },
    [getLastError]: () => (failed ? '101' : api[getLastError]!())
  };
}

describe.each(['12', '2004'] as HarnessVersion[])('R2 (review rev11): a relaunch whose reads of the record fail, SCORM %s', (version) => {
  it('R2: GetValue "" with error 101 is not a fresh record: nothing is written over the LMS’s pass or suspend_data, this device keeps all, and the next launch has everything', () => {
    const storage = new MemoryStorage();
    const first = launch(version, { storage });
    for (const m of course.modules) for (const l of m.lessons) first.session.visitLesson(m.slug, l.slug);
    submitNext(first.session, FINAL_QUIZ_ID, 90, 80);
    first.env.fire('pagehide');
    const stored = first.lms.committed()!;
    expect(status(version, stored)).toBe(version === '12' ? 'passed' : 'completed/passed');
    // Session 2: the LMS loads the track badly: every read but the learner's id and name fails.
    const lms = createStrictLms(version, cmiForRelaunch(version, stored));
    const api = failingReads(version, lms.api, (element) => !/student_(id|name)|learner_(id|name)/.test(element));
    const env = testEnvironment({ api, apiName: version === '12' ? 'API' : 'API_1484_11', storage, path: moodlePath(101), startAt: Date.UTC(2026, 10, 25, 10) });
    const second = startCourseSession(course, env);
    expect(second.getNotice()?.kind).toBe('lms-unread');
    expect(second.getState().seen).toHaveLength(course.modules.length * 6);
    second.visitLesson('the-job', 'introduction');
    second.visitLesson('the-job', 'day-to-day-duties');
    env.advance(COMMIT_INTERVAL_MS);
    env.fire('pagehide');
    const after = lms.committed()!;
    expect(status(version, after)).toBe(version === '12' ? 'passed' : 'completed/passed');
    expect(after.suspend_data).toBe(stored.suspend_data);
    expect(setValues(lms, version === '12' ? 'cmi.core.lesson_status' : 'cmi.completion_status')).toEqual([]);
    // Session 3 reads the record again: everything of sessions 1 and 2, status still passed.
    const third = launch(version, { storage, cmi: cmiForRelaunch(version, after), day: 2 });
    expect(third.session.getState().seen).toHaveLength(course.modules.length * 6);
    expect(third.session.getState().quizzes[FINAL_QUIZ_ID]).toMatchObject({ best: 90, passed: true });
    expect(third.session.getRecord()).toMatchObject({ completed: true, success: 'passed', score: 90 });
  });

  it('R2: on another device, only suspend_data unreadable: used-up quiz attempts never come back and the stored suspend_data is not written over', () => {
    const first = launch(version);
    for (let attempt = 1; attempt <= 3; attempt++) submitNext(first.session, 'the-job', 25, 80, attempt);
    first.env.fire('pagehide');
    const stored = first.lms.committed()!;
    const lms = createStrictLms(version, cmiForRelaunch(version, stored));
    const api = failingReads(version, lms.api, (element) => element === 'cmi.suspend_data');
    const env = testEnvironment({ api, apiName: version === '12' ? 'API' : 'API_1484_11', storage: new MemoryStorage(), path: moodlePath(101) });
    const second = startCourseSession(course, env);
    expect(second.getNotice()?.kind).toBe('lms-unread');
    second.visitLesson('the-job', 'introduction');
    env.fire('pagehide');
    expect(lms.committed()!.suspend_data).toBe(stored.suspend_data);
    const third = launch(version, { cmi: cmiForRelaunch(version, lms.committed()), day: 1 });
    expect(third.session.getState().quizzes['the-job']).toMatchObject({ attempt: 3, submitted: true, best: 25 });
  });
});

describe('R7 (review rev11): an API whose GetValue returns null for unset elements', () => {
  it.each(['12', '2004'] as HarnessVersion[])('R7 (SCORM %s): a first launch reads null as nothing: no "could not be read" notice, no route "null"', (version) => {
    const lms = createStrictLms(version, learner(version));
    const getValue = version === '12' ? 'LMSGetValue' : 'GetValue';
    const api = { ...lms.api, [getValue]: (element: string) => (/student_(id|name)|learner_(id|name)/.test(element) ? lms.api[getValue]!(element) : (null as unknown as string)) };
    const env = testEnvironment({ api, apiName: version === '12' ? 'API' : 'API_1484_11' });
    const session = startCourseSession(course, env);
    expect(session.getNotice()?.kind).not.toBe('state-reset');
    expect(session.getState().location).toBeNull();
    session.visitLesson('the-job', 'introduction');
    env.fire('pagehide');
    expect(setValues(lms, version === '12' ? 'cmi.core.lesson_location' : 'cmi.location')).not.toContain('null');
  });
});

describe.each(['12', '2004'] as HarnessVersion[])('R1 (review rev11): an outage that outlasts a session, SCORM %s', (version) => {
  it('R1: records never committed are not counted: the next healthy session writes the new quizzes’ answers and every module objective', () => {
    const storage = new MemoryStorage();
    const first = launch(version, { storage });
    submitNext(first.session, 'the-job', 100, 80);
    first.env.advance(COMMIT_INTERVAL_MS);
    expect(Object.keys(first.lms.committed()!.interactions)).toHaveLength(8);
    // The outage: every Commit and the Terminate refused.
    first.lms.fault('commit-false');
    submitNext(first.session, 'health-record', 100, 80);
    first.env.fire('pagehide');
    // Session 2 on this device, the LMS healthy again.
    const second = launch(version, { storage, cmi: cmiForRelaunch(version, first.lms.committed()), day: 1 });
    expect(second.session.getState().quizzes['health-record']).toMatchObject({ best: 100 });
    submitNext(second.session, 'coding-systems', 100, 80);
    for (const m of course.modules) for (const l of m.lessons) second.session.visitLesson(m.slug, l.slug);
    submitNext(second.session, FINAL_QUIZ_ID, 90, 80);
    second.env.fire('pagehide');
    const stored = second.lms.committed()!;
    const ids = (Object.values(stored.interactions) as any[]).map((i) => String(i.id));
    expect(ids.filter((id) => id.startsWith('coding-systems_'))).toHaveLength(8);
    expect(ids.filter((id) => id.startsWith(`${FINAL_QUIZ_ID}_`))).toHaveLength(20);
    expect(second.session.interactionsNotRecorded()).toBe(0);
    const objectives = Object.values(stored.objectives) as any[];
    for (const id of ['health-1', 'coding-1']) {
      const o = objectives.find((x) => x.id === id);
      expect(version === '12' ? o.status : o.success_status, `${id} passed`).toBe('passed');
    }
    // ... and it heals: the next session finds no gap and holds nothing.
    const third = launch(version, { storage, cmi: cmiForRelaunch(version, stored), day: 2 });
    submitNext(third.session, 'registries', 100, 80);
    third.env.fire('pagehide');
    expect(third.session.interactionsNotRecorded()).toBe(0);
  });
});

describe.each(['12', '2004'] as HarnessVersion[])('R11 (review rev11): two tabs of one attempt, SCORM %s', (version) => {
  it('R11: the older tab never writes its state over the newer tab’s pass: the LMS and this device keep the lessons, the final and passed', () => {
    const storage = new MemoryStorage();
    const first = launch(version, { storage });
    first.session.visitLesson('the-job', 'introduction');
    first.env.fire('pagehide');
    const cmi = cmiForRelaunch(version, first.lms.committed());
    // Tab B is opened, then tab A; each player holds its own copy of the data model.
    const b = launch(version, { storage, cmi, day: 1 });
    const a = launch(version, { storage, cmi, day: 1 });
    a.env.advance(1000);
    for (const m of course.modules) for (const l of m.lessons) a.session.visitLesson(m.slug, l.slug);
    submitNext(a.session, FINAL_QUIZ_ID, 90, 80);
    a.env.advance(COMMIT_INTERVAL_MS);
    expect(status(version, a.lms.committed())).toBe(version === '12' ? 'passed' : 'completed/passed');
    // Later, in tab B: one lesson.
    b.env.advance(60_000);
    b.session.visitLesson('registries', 'introduction');
    b.env.fire('pagehide');
    const stored = b.lms.committed()!;
    expect(status(version, stored)).toBe(version === '12' ? 'passed' : 'completed/passed');
    const state = decodeState(course, stored.suspend_data).state;
    expect(state.seen).toHaveLength(course.modules.length * 6);
    expect(state.quizzes[FINAL_QUIZ_ID]).toMatchObject({ best: 90, passed: true });
    expect(b.session.getState().quizzes[FINAL_QUIZ_ID]).toMatchObject({ passed: true });
    // The next launch (from what tab B stored last) has everything.
    const next = launch(version, { storage, cmi: cmiForRelaunch(version, stored), day: 2 });
    expect(next.session.getRecord()).toMatchObject({ completed: true, success: 'passed', score: 90 });
  });
});

describe.each(['12', '2004'] as HarnessVersion[])('R11 (review rev11): interaction records of two tabs, SCORM %s', (version) => {
  /** Indexes whose interaction id this tab's LMS accepted (Moodle stores each element by index, so a second write replaces the first). */
  const idsWritten = (lms: { calls: { method: string; args: string[]; result: string | null }[] }) =>
    new Map(lms.calls.filter((c) => /SetValue$/.test(c.method) && /^cmi\.interactions\.\d+\.id$/.test(c.args[0]!) && c.result === 'true').map((c) => [Number(c.args[0]!.split('.')[2]), c.args[1]!]));

  it('R11: two tabs never write one interaction index twice', () => {
    const storage = new MemoryStorage();
    const first = launch(version, { storage });
    submitNext(first.session, 'the-job', 100, 80);
    first.env.fire('pagehide');
    const cmi = cmiForRelaunch(version, first.lms.committed());
    expect(Object.keys(first.lms.committed()!.interactions ?? {})).toHaveLength(8);
    // Two tabs of the relaunched attempt; each player holds its own copy of the data model (8 records).
    const a = launch(version, { storage, cmi, day: 1 });
    const b = launch(version, { storage, cmi, day: 1 });
    a.env.advance(1000);
    submitNext(a.session, 'registries', 100, 80);
    expect([...idsWritten(a.lms).keys()]).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    // Later, tab B submits the final: its data model still shows 8 records, this device says 16.
    b.env.advance(60_000);
    submitNext(b.session, FINAL_QUIZ_ID, 90, 80);
    b.env.fire('pagehide');
    a.env.fire('pagehide');
    const fromA = idsWritten(a.lms);
    const fromB = idsWritten(b.lms);
    // No index carries both tabs' records: tab A's answers stay where it wrote them.
    expect([...fromB.keys()].filter((n) => fromA.has(n))).toEqual([]);
    expect([...fromB.keys()].every((n) => n >= 16)).toBe(true);
    // A strict LMS refuses an index past its own count (201/351): tab B's answers are then not
    // reported as interactions (counted, its score and status are), rather than written over A's.
    expect(fromB.size + b.session.interactionsNotRecorded()).toBe(20);
    expect(b.lms.violations).toEqual([]);
    // The score and the pass still arrive from tab B, and what it stored counts tab A's records.
    expect(status(version, b.lms.committed())).toMatch(version === '12' ? /^(passed|incomplete)$/ : /\/passed$/);
    expect(b.session.getState().quizzes[FINAL_QUIZ_ID]).toMatchObject({ best: 90, passed: true });
    expect(decodeState(course, b.lms.committed()!.suspend_data).interactions).toBeGreaterThanOrEqual(16);
  });
});

/**
 * Review rev11-second of issue 11: the whole runtime under the strict LMS with single calls refused
 * (testing/refusals.ts). W1-W4 are its findings; `held` tests are what it tried that held.
 */
describe('review rev11-second', () => {
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
  const moodlePathR = (context: number, revision = 1) => `/pluginfile.php/${context}/mod_scorm/content/${revision}/index.html`;

  interface RefusingLaunch {
    cmi?: unknown;
    storage?: MemoryStorage;
    path?: string;
    tree?: Course;
    refuse?: Refusals;
    day?: number;
  }
  function launchRefusing(version: HarnessVersion, o: RefusingLaunch = {}) {
    const lms = createStrictLms(version, o.cmi ?? learner(version));
    const wrapped = wrapApi(version, lms, o.refuse ?? {});
    const storage = o.storage ?? new MemoryStorage();
    const env = testEnvironment({ api: wrapped.api, apiName: version === '12' ? 'API' : 'API_1484_11', storage, path: o.path ?? moodlePathR(101), startAt: Date.UTC(2026, 10, 24, 10) + (o.day ?? 0) * 86_400_000 });
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
    const s = launchRefusing(version, { cmi: cmiForRelaunch(version, committed), tree, day: 5 });
    return { state: s.session.getState(), resume: s.session.resumeLocation, record: s.session.getRecord(), notice: s.session.getNotice() };
  };

  describe.each(['12', '2004'] as HarnessVersion[])('review rev11-second under a strict SCORM %s LMS', (version) => {
    // 1. A refused Terminate / LMSFinish
    it('held S1: a refused LMSFinish/Terminate: what was done since the last commit reaches the LMS on the relaunch (same device)', () => {
      const storage = new MemoryStorage();
      const a = launchRefusing(version, { storage });
      a.session.visitLesson('the-job', 'introduction');
      submitNext(a.session, 'the-job', 100, 80); // committed at once
      a.env.advance(120_000);
      a.session.visitLesson('the-job', 'day-to-day-duties'); // on the throttle
      a.session.visitLesson('the-job', 'working-with-clinicians');
      a.lms.fault('commit-false'); // Terminate returns false, error 101/391, nothing new kept
      a.env.fire('pagehide');
      const held = a.lms.committed()!;
      // Relaunch from what the LMS holds, same browser.
      const b = launchRefusing(version, { storage, cmi: cmiForRelaunch(version, held), day: 1 });
      expect(b.session.getState().seen).toEqual(expect.arrayContaining(['the-job/introduction', 'the-job/day-to-day-duties', 'the-job/working-with-clinicians']));
      expect(b.session.getState().quizzes['the-job']).toMatchObject({ passed: true });
      expect(b.session.resumeLocation).toBe('/the-job/working-with-clinicians');
      b.env.fire('pagehide');
      expect(lmsHolds(version, b.lms.committed()).state.seen).toContain('the-job/working-with-clinicians'); // reaches the LMS now
    });

    it('held S1b: a refused Terminate after the page was hidden: another device sees everything (the hide committed it)', () => {
      const a = launchRefusing(version);
      a.session.visitLesson('the-job', 'introduction');
      a.env.advance(120_000);
      a.session.visitLesson('the-job', 'day-to-day-duties');
      a.env.advance(1_000);
      a.env.setVisible(false); // a browser hides the page before pagehide: the tail is committed then
      const commitsBefore = a.lms.calls.filter((c) => /Commit$/.test(c.method)).length;
      a.lms.fault('commit-false');
      a.env.fire('pagehide');
      const commitsAtFinish = a.lms.calls.filter((c) => /Commit$/.test(c.method)).length - commitsBefore;
      const phone = launchRefusing(version, { cmi: cmiForRelaunch(version, a.lms.committed()), day: 1 });
      // Recorded for the design question: no Commit precedes Terminate, so a refused Terminate loses the tail on the LMS.
      expect(commitsAtFinish).toBe(0);
      expect(phone.session.getState().seen).toEqual(['the-job/introduction', 'the-job/day-to-day-duties']);
    });

    // 4. Single elements refused
    it.each(['location', 'raw', 'status'] as const)('W1: SetValue refusing %s: the rest is saved, and the learner is told that part is not reaching the LMS', (which) => {
      const target = el(version)[which];
      const a = launchRefusing(version, { tree: small, refuse: { setValue: (e) => (e === target ? { result: 'false', error: '405' } : null) } });
      finishAll(a.session, small);
      a.env.advance(120_000);
      const holds = lmsHolds(version, a.lms.committed(), small);
      expect(holds.state.seen).toHaveLength(12); // the rest is saved
      expect(a.log).toContain(`refused ${target}`);
      // The learner relies on being told when progress (score, status, bookmark) is not reaching the LMS.
      expect(a.session.getNotice()).not.toBeNull();
    });

    it.each(['raw', 'status'] as const)('held S4d: %s refused once (a transient refusal) as the course is finished: it still reaches the LMS by the end of the session', (which) => {
      const target = el(version)[which];
      let refusals = 1;
      const a = launchRefusing(version, { tree: small, refuse: { setValue: (e) => (e === target && refusals-- > 0 ? { result: 'false', error: '101' } : null) } });
      finishAll(a.session, small);
      a.env.advance(120_000);
      a.env.setVisible(false);
      a.env.fire('pagehide');
      expect(a.log).toContain(`refused ${target}`);
      expect(stored(version, a.lms.committed())).toMatchObject({ score: '100', status: version === '12' ? 'passed' : 'completed/passed' });
    });

    it('W1: score.raw refused every time: the course does not tell the learner the LMS holds a score it refused', () => {
      const a = launchRefusing(version, { tree: small, refuse: { setValue: (e) => (e === el(version).raw ? { result: 'false', error: '405' } : null) } });
      finishAll(a.session, small);
      a.env.advance(120_000);
      a.env.fire('pagehide');
      expect(stored(version, a.lms.committed()).score).toBe('');
      expect(a.session.getRecord().score).toBeNull();
    });

    it('W2: suspend_data refused as too long: the learner is told and this device keeps everything', () => {
      const storage = new MemoryStorage();
      const a = launchRefusing(version, { storage, refuse: { setValue: (e) => (e === 'cmi.suspend_data' ? { result: 'false', error: version === '12' ? '405' : '407' } : null) } });
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
      const b = launchRefusing(version, { storage, cmi: cmiForRelaunch(version, a.lms.committed()), day: 1 });
      expect(b.session.getState().seen).toEqual(['the-job/introduction', 'the-job/day-to-day-duties']);
    });

    it.each(['suspend', 'raw'] as const)('W2: %s refused, then accepted on a later save: the notice stays until then, and goes once it reaches the LMS', (which) => {
      const target = el(version)[which];
      let refusing = true;
      const a = launchRefusing(version, { tree: small, refuse: { setValue: (e) => (refusing && e === target ? { result: 'false', error: version === '12' ? '405' : '407' } : null) } });
      finishAll(a.session, small);
      a.env.advance(120_000);
      expect(a.session.getNotice()).toMatchObject({ kind: 'saved-locally' });
      if (which === 'raw') expect(a.session.getRecord().score).toBeNull();
      refusing = false;
      a.env.setVisible(false); // the next commit writes it again
      expect(a.session.getNotice()).toBeNull();
      expect(a.session.getRecord().score).toBe(100);
      a.env.fire('pagehide');
      expect(stored(version, a.lms.committed())).toMatchObject({ score: '100' });
      expect(lmsHolds(version, a.lms.committed(), small).state.seen).toHaveLength(12);
    });

    it('held S4c: cmi.objectives.* refused: lessons, score and status still saved', () => {
      const a = launchRefusing(version, { tree: small, refuse: { setValue: (e) => (e.startsWith('cmi.objectives.') ? { result: 'false', error: '401' } : null) } });
      finishAll(a.session, small);
      a.env.fire('pagehide');
      const cmi = stored(version, a.lms.committed());
      expect(lmsHolds(version, a.lms.committed(), small).state.seen).toHaveLength(12);
      expect(cmi).toMatchObject({ score: '100', status: version === '12' ? 'passed' : 'completed/passed' });
      expect(a.log.some((l) => l.startsWith('refused cmi.objectives.'))).toBe(true);
    });

    // 6. Intermittent Commit
    it('held S6: LMSCommit returning false every other call, then recovering: everything is eventually committed', () => {
      let failing = true;
      const a = launchRefusing(version, { tree: small, refuse: { commit: (n) => (failing && n % 2 === 0 ? { result: 'false', error: version === '12' ? '101' : '391' } : null) } });
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
    it('held S2: a module inserted first and a passed quiz’s items changed: its objectives keep id, status and score; the course never regresses', () => {
      const a = launchRefusing(version);
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
      const b = launchRefusing(version, { cmi: cmiForRelaunch(version, a.lms.committed()), tree: updated, day: 1 });
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

    it('held S2d: a passed module removed in the update: the LMS keeps its objectives, and the course score/status do not regress', () => {
      const a = launchRefusing(version);
      submitNext(a.session, 'registries', 100, 80);
      a.env.fire('pagehide');
      const before = objectives(version, a.lms.committed()).filter((o) => o.raw);
      const updated = structuredClone(course);
      updated.modules = updated.modules.filter((m) => m.slug !== 'registries');
      const b = launchRefusing(version, { cmi: cmiForRelaunch(version, a.lms.committed()), tree: updated, day: 1 });
      submitNext(b.session, 'the-job', 100, 80);
      b.env.fire('pagehide');
      const after = objectives(version, b.lms.committed());
      for (const o of before) expect(after.find((x) => x.id === o.id)).toEqual(o);
      expect(after.find((x) => x.id === 'the-jo-1')).toMatchObject({ status: 'passed', raw: '100' });
    });

    it('held S2b: the bookmarked lesson removed in the update: the learner is told in plain words, no resume into nothing', () => {
      const a = launchRefusing(version);
      a.session.visitLesson('the-job', 'introduction');
      a.session.visitLesson('the-job', 'common-mistakes');
      a.env.fire('pagehide');
      const updated = structuredClone(course);
      updated.modules[0]!.lessons = updated.modules[0]!.lessons.filter((l) => l.slug !== 'common-mistakes');
      const b = launchRefusing(version, { cmi: cmiForRelaunch(version, a.lms.committed()), tree: updated, day: 1 });
      expect(b.session.resumeLocation).toBeNull();
      expect(b.session.getState().seen).toEqual(['the-job/introduction']);
      expect(b.session.getNotice()).toMatchObject({ kind: 'package-updated' });
      expect(b.session.getNotice()!.message).not.toMatch(/fingerprint|slug|undefined|NaN|\[object/);
    });

    it('held S2c: a quiz failed with no attempt left, then its items changed in place: the LMS status and score never regress', () => {
      const one = fixtureCourse({ finalAssessmentItems: 0, attemptsPerQuiz: 1 }, 2);
      const a = launchRefusing(version, { tree: one });
      for (const m of one.modules) for (const l of m.lessons) a.session.visitLesson(m.slug, l.slug);
      submitNext(a.session, 'health-record', 100, 80);
      submitNext(a.session, 'the-job', 50, 80, 1);
      a.env.fire('pagehide');
      const held = stored(version, a.lms.committed());
      const updated = structuredClone(one);
      updated.modules[0]!.quiz!.fingerprint = 'changed-pool';
      const b = launchRefusing(version, { cmi: cmiForRelaunch(version, a.lms.committed()), tree: updated, day: 1 });
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
    it.each(['401', '101', '201'])('W4: interactions refused with error %s and mastery_score "": lessons, status, score and objectives are still saved', (code) => {
      const a = launchRefusing(version, {
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

    it('held S6b: every LMSCommit refused, the page left while retrying: Terminate still carries the quiz result and lessons', () => {
      const a = launchRefusing(version, { tree: small, refuse: { commit: () => ({ result: 'false', error: version === '12' ? '101' : '391' }) } });
      finishAll(a.session, small);
      expect(a.session.getNotice()?.kind).toBe('saved-locally');
      a.env.advance(3_000);
      a.env.setVisible(false);
      a.env.fire('pagehide');
      expect(stored(version, a.lms.committed())).toMatchObject({ score: '100', status: version === '12' ? 'passed' : 'completed/passed' });
      expect(lmsHolds(version, a.lms.committed(), small).state.seen).toHaveLength(12);
    });

    // 5. Names and ids
    it('held S5: unicode, commas, quotes and 255-character learner ids each keep their own backup', () => {
      const storage = new MemoryStorage();
      const ids = ['a,b', 'a', 'a"b\'c', 'Ångström-李', 'x'.repeat(255), '😀'.repeat(100)];
      for (const id of ids) {
        const cmi = version === '12' ? { core: { student_id: id, student_name: 'O’Brien-Ñúñez, "Zoë", Jr.' } } : { learner_id: id, learner_name: 'O’Brien-Ñúñez, "Zoë", Jr.' };
        const s = launchRefusing(version, { storage, cmi });
        expect(s.session.getState().seen).toEqual([]);
        s.session.visitLesson('the-job', ids.indexOf(id) % 2 ? 'introduction' : 'summary-and-review');
        s.env.fire('pagehide');
      }
      expect([...storage.map.keys()].filter((k) => k.includes(':learner:')).length).toBe(ids.length);
    });

    it('W3: a learner id cut inside a surrogate pair (an LMS truncating at 255 UTF-16 units) does not stop the course', () => {
      const id = '😀'.repeat(127) + '😀'.slice(0, 1);
      const cmi = version === '12' ? { core: { student_id: id, student_name: 'Li, Wei' } } : { learner_id: id, learner_name: 'Li, Wei' };
      const a = launchRefusing(version, { cmi });
      a.session.visitLesson('the-job', 'introduction');
      a.env.fire('pagehide');
      expect(lmsHolds(version, a.lms.committed()).state.seen).toContain('the-job/introduction');
    });
  });

  describe('review rev11-second: the certificate name (held S5)', () => {
    it('turns the LMS’s "Last, First" forms into "First Last"', () => {
      expect(displayName('Ñúñez, Zoë')).toBe('Zoë Ñúñez');
      expect(displayName('Reyes, Daniel, Jr.')).toBe('Daniel Reyes Jr.');
      expect(displayName('van der Berg, Anna Maria')).toBe('Anna Maria van der Berg');
    });
  });

    it('W3: old backups are still found: a well-formed learner id keeps its key, a cut one gets its own', () => {
      const keys = backupKeys('pkg');
      // The keys every earlier release wrote (encodeURIComponent of the id), unchanged.
      expect(keys.learner('scorm12', 'Ångström-李 a,b')).toBe('hit-course:pkg:scorm12:learner:%C3%85ngstr%C3%B6m-%E6%9D%8E%20a%2Cb');
      expect(keys.learner('scorm12', '😀x')).toBe(`hit-course:pkg:scorm12:learner:${encodeURIComponent('😀x')}`);
      const cut = '😀'.slice(0, 1);
      expect(keys.learner('scorm12', `a${cut}`)).toBe('hit-course:pkg:scorm12:learner:a%uD83D');
      expect(keys.learner('scorm12', `a${cut}`)).not.toBe(keys.learner('scorm12', 'a\uFFFD'));
      expect(keys.learner('scorm12', `a${cut}`)).not.toBe(keys.learner('scorm12', 'a%uD83D'));
    });

    it.each(['12', '2004'] as HarnessVersion[])('W3: a backup written under a well-formed id by an earlier release is restored (SCORM %s)', (version) => {
      const storage = new MemoryStorage();
      const id = 'Zoë 😀 Ñúñez';
      const cmi = version === '12' ? { core: { student_id: id, student_name: 'Ñúñez, Zoë' } } : { learner_id: id, learner_name: 'Ñúñez, Zoë' };
      const a = launchRefusing(version, { storage, cmi });
      a.session.visitLesson('the-job', 'introduction');
      a.env.advance(120_000);
      a.session.visitLesson('the-job', 'day-to-day-duties'); // on the throttle: only this device has it
      a.lms.fault('commit-false');
      a.env.fire('pagehide');
      const mode = version === '12' ? 'scorm12' : 'scorm2004';
      const oldKey = [...storage.map.keys()].find((k) => k.endsWith(`:${mode}:learner:${encodeURIComponent(id)}`));
      expect(oldKey).toBeDefined();
      // The relaunch finds this device's copy under that key: the lesson the LMS never got is back.
      const b = launchRefusing(version, { storage, cmi: cmiForRelaunch(version, a.lms.committed()), day: 1 });
      expect(b.session.getState().seen).toEqual(['the-job/introduction', 'the-job/day-to-day-duties']);
    });
});
