import { describe, expect, it } from 'vitest';
import { decodeState, emptyState, encodeState, EXERCISE_VALUE_CAP, EXERCISES_TOTAL_CAP_12, StateCodecError, SUSPEND_DATA_LIMIT_12 } from '../../src/lib/lms/codec';
import type { LearnerState } from '../../src/lib/lms/types';
import { fixtureCourse } from './testing/fixtures';
import { worstCaseState, worstCaseSuspendData } from './worst-case';

/** The 1.2 worst case must stay under this, leaving room for what the course may add later. */
const WORST_CASE_BUDGET_12 = 3000;

const course = fixtureCourse();

const sample: LearnerState = {
  seen: ['the-job/introduction', 'the-job/day-to-day-duties', 'registries/summary-and-review'],
  location: '/the-job/day-to-day-duties',
  quizzes: {
    'the-job': { attempt: 2, seed: 3_141_592_653, index: 3, answers: ['ac', null, '1a2c3b', 'RHIT, then CCA: 50%|ok;', '', null, '8688.5', 'dbac'], submitted: false, best: 62.5, passed: false },
    final: { attempt: 1, seed: 7, index: 19, answers: Array.from({ length: 20 }, (_, i) => (i % 2 ? 't' : 'b')), submitted: true, best: 85, passed: true }
  },
  checks: ['the-jo-kc-one', 'the-jo-kc-two', 'regist-kc-one', 'coding-kc-two'],
  exercises: { 'drg-calculator': 'w=1.2;base=6000', 'roi-sort': 'a,b:c|d' }
};

describe('state codec', () => {
  it('round-trips every part of the learner state exactly', () => {
    const { data, shed } = encodeState(course, sample, { limit: SUSPEND_DATA_LIMIT_12, savedAt: 1_795_000_000_000 });
    expect(shed).toEqual([]);
    const decoded = decodeState(course, data);
    expect(decoded.savedAt).toBe(1_795_000_000_000);
    expect(decoded.changes).toBeNull();
    expect({ ...decoded.state, checks: [...decoded.state.checks].sort() }).toEqual({ ...sample, checks: [...sample.checks].sort() });
  });

  it('keeps a route that is not a lesson as written', () => {
    for (const location of ['/', '/the-job/quiz', '/final', '/glossary', null]) {
      const { data } = encodeState(course, { ...emptyState(), location });
      expect(decodeState(course, data).state.location).toBe(location);
    }
  });

  it('is compact: a typical state costs a few hundred characters', () => {
    expect(encodeState(course, sample).data.length).toBeLessThan(300);
  });

  it(`fits the worst case this course can produce in SCORM 1.2 with room to spare (<= ${WORST_CASE_BUDGET_12})`, () => {
    const worst = worstCaseState(course);
    // every lesson seen, 10 quizzes on their 3rd attempt with every item answered, every check, 8 exercises
    expect(worst.seen).toHaveLength(54);
    expect(Object.keys(worst.quizzes)).toHaveLength(10);
    expect(Object.values(worst.quizzes).reduce((n, q) => n + q.answers.length, 0)).toBe(9 * 8 + 20);
    const data = worstCaseSuspendData(course);
    expect(data.length).toBeLessThanOrEqual(WORST_CASE_BUDGET_12);
    // and it restores exactly, without shedding anything
    const { data: encoded, shed } = encodeState(course, worst, { limit: WORST_CASE_BUDGET_12 });
    expect(shed).toEqual([]);
    expect(decodeState(course, encoded).state).toEqual(worst);
  });

  it('sheds reviews, then exercises, never progress, when a state cannot fit the limit', () => {
    const huge = worstCaseState(course, { responseLength: 60 });
    for (const q of Object.values(huge.quizzes)) q.submitted = true;
    huge.quizzes['the-job']!.submitted = false;
    const { data, shed } = encodeState(course, huge, { limit: SUSPEND_DATA_LIMIT_12 });
    expect(data.length).toBeLessThanOrEqual(SUSPEND_DATA_LIMIT_12);
    expect(shed[0]).toBe('reviews');
    const back = decodeState(course, data).state;
    expect(back.seen).toEqual(huge.seen);
    // the attempt in progress keeps its answers; submitted ones keep attempt, seed and best score
    expect(back.quizzes['the-job']).toEqual(huge.quizzes['the-job']);
    expect(back.quizzes.final).toMatchObject({ attempt: 3, seed: 0xffffffff, best: 99.5, submitted: true });
    expect(back.quizzes.final!.answers).toEqual(Array(20).fill(null));
  });

  it(`does not store an exercise value over ${EXERCISE_VALUE_CAP} characters rather than corrupt it`, () => {
    const state = { ...emptyState(), exercises: { ok: 'x'.repeat(EXERCISE_VALUE_CAP), big: 'y'.repeat(EXERCISE_VALUE_CAP + 1) } };
    expect(decodeState(course, encodeState(course, state).data).state.exercises).toEqual({ ok: 'x'.repeat(EXERCISE_VALUE_CAP) });
  });

  it.each([
    ['truncated', (d: string) => d.slice(0, Math.floor(d.length / 2))],
    ['an unknown version', (d: string) => d.replace(/^h2/, 'h9')],
    ['garbage', () => 'Ω≈ç√∫˜µ'],
    ['a bad number', (d: string) => d.replace(/\|([0-9a-z]+)\|/, '|!!|')],
    ['broken JSON', () => '{"seen": [']
  ])('rejects %s text with a StateCodecError (never another crash)', (_, corrupt) => {
    const { data } = encodeState(course, sample);
    expect(() => decodeState(course, corrupt(data))).toThrow(StateCodecError);
  });

  it(`lets exercises share ${EXERCISES_TOTAL_CAP_12} characters in SCORM 1.2, leaving out the largest first`, () => {
    const exercises = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`ex-${i}`, String(i).repeat(150 + i)]));
    const state = { ...emptyState(), exercises };
    const in12 = encodeState(course, state, { limit: SUSPEND_DATA_LIMIT_12 });
    expect(in12.shed).toEqual(['exercises']);
    expect(Object.keys(decodeState(course, in12.data).state.exercises)).toEqual(['ex-0', 'ex-1', 'ex-2']);
    expect(decodeState(course, encodeState(course, state).data).state.exercises).toEqual(exercises);
  });

  it('migrates version 0 (plain JSON) state', () => {
    const check = course.modules[0]!.checks![0]!;
    const v0 = JSON.stringify({ seen: ['the-job/introduction'], location: '/the-job/introduction', quizzes: {}, checks: [check], exercises: { e: 'v' }, savedAt: 5 });
    expect(decodeState(course, v0)).toEqual({
      state: { seen: ['the-job/introduction'], location: '/the-job/introduction', quizzes: {}, checks: [check], exercises: { e: 'v' } },
      savedAt: 5,
      interactions: 0,
      ended: false,
      reachedLms: false,
      attempt: '',
      blankStart: false,
      changes: null
    });
  });

  it('keeps the interaction count, the ended and reached-the-LMS flags and the attempt id', () => {
    const decoded = decodeState(course, encodeState(course, sample, { interactions: 137, ended: true }).data);
    expect(decoded).toMatchObject({ interactions: 137, ended: true, reachedLms: false, attempt: '' });
    const attempt = decodeState(course, encodeState(course, sample, { reachedLms: true, attempt: 'mi7x2k00' }).data);
    expect(attempt).toMatchObject({ ended: false, reachedLms: true, attempt: 'mi7x2k00' });
  });

  it('spells out an id whose digest another id of the same set shares, and reads it back', () => {
    // 'costarring' and 'liquid' share an FNV-1a hash; their 3-character digests clash too.
    const clash = structuredClone(course);
    clash.modules[0]!.lessons = [{ slug: 'costarring', title: 'a', minutes: 1 }, { slug: 'liquid', title: 'b', minutes: 1 }];
    const state = { ...emptyState(), seen: ['the-job/costarring', 'the-job/liquid'] };
    const { data } = encodeState(clash, state);
    expect(data).toContain('~0acostarring');
    expect(decodeState(clash, data).state.seen).toEqual(state.seen);
  });

  it('reports what an updated package no longer has, and clears answers of a quiz whose pool changed', () => {
    const { data } = encodeState(course, sample);
    const updated = structuredClone(course);
    updated.modules = updated.modules.filter((m) => m.slug !== 'registries');
    updated.modules[0]!.quiz!.fingerprint = 'new1';
    const decoded = decodeState(updated, data);
    expect(decoded.changes).toEqual({ modulesRemoved: 1, lessonsRemoved: 1, quizzesChanged: ['the-job', 'final'], quizzesRemoved: 0, locationRemoved: false });
    expect(decoded.state.quizzes['the-job']).toMatchObject({ attempt: 2, best: 62.5, answers: [] });
    expect(decoded.state.checks.sort()).toEqual(['coding-kc-two', 'the-jo-kc-one', 'the-jo-kc-two']);
  });

  it('drops lessons that no longer exist in an updated course instead of failing', () => {
    const { data } = encodeState(course, sample);
    const smaller = { ...course, modules: course.modules.slice(0, 1) };
    expect(decodeState(smaller, data).state.seen).toEqual(['the-job/introduction', 'the-job/day-to-day-duties']);
    expect(() => decodeState({ ...course, modules: [] }, data)).not.toThrow();
  });
});
