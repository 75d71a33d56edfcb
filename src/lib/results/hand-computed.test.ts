/**
 * An independent ground truth for the item-analysis figures: three questions of the real SCORM 1.2
 * class worked out by hand from what each student answered (tests/fixtures/moodle-4.5/scorm12/
 * answers.json, the run's record of every answer), written here as literal numbers. Nothing here
 * calls the code under test to get an expected value: if the page's difficulty, pick rate or
 * discrimination formula drifted, these would fail.
 *
 * Discrimination is the point-biserial correlation r = Σ(x-x̄)(y-ȳ) / √(Σ(x-x̄)² Σ(y-ȳ)²) over the
 * question's responses, x = 1 when right, y = share right on the REST of the same quiz attempt
 * (module quiz: 8 questions, so the rest is 7; final: 20, so the rest is 19).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/loader';
import { analyse } from './analysis';
import { itemBankFromCourse } from './bank';
import { loadExports } from './load';

const root = resolve(import.meta.dirname, '../../..');
const bank = itemBankFromCourse(loadCourse({ root }), 'test');
const analysis = analyse(
  loadExports([{ name: 'interactions.csv', bytes: new Uint8Array(readFileSync(join(root, 'tests/fixtures/moodle-4.5/scorm12/interactions.csv'))) }], bank),
  bank
);
const question = (id: string) => analysis.questions.find((q) => q.id === id)!;

describe('figures worked out by hand from answers.json', () => {
  it('rec-q-record-contents (multiple choice, answer a+b+c): 3 of 8 right, discrimination 0.72, picks a 7/8, b 7/8, c 7/8, d 3/8', () => {
    // attempt                         picked    right  rest right
    // student11 health-record quiz    b,a,c     1      7/7
    // student12 health-record quiz    d,a,b     0      4/7
    // student13 health-record quiz    b,a,c     1      7/7
    // student14 health-record quiz    a,d,c,b   0      7/7
    // student15 health-record quiz    a,b,c     1      7/7
    // student16 health-record quiz    b,c       0      2/7
    // student18 health-record quiz    a,c       0      0/7
    // student18 final                 b,c,a,d   0      6/19
    // x̄ = 3/8; ȳ = 0.64662; Σ(x-x̄)(y-ȳ) = 1.06015, Σ(x-x̄)² = 1.875, Σ(y-ȳ)² = 1.16298 -> r = 0.7179
    const q = question('rec-q-record-contents');
    expect(q.responses).toBe(8);
    expect(q.learners).toBe(7);
    expect(q.correct).toBe(3);
    expect(q.difficulty).toBeCloseTo(0.375, 6);
    expect(q.discrimination).toBeCloseTo(0.7179, 4);
    expect(Object.fromEntries(q.options.map((o) => [o.key, o.count]))).toEqual({ a: 7, b: 7, c: 7, d: 3 });
    expect(q.options.find((o) => o.key === 'd')!.rate).toBeCloseTo(0.375, 6);
  });

  it('reg-q-npcr-seer-coverage (true/false, answer true): 3 of 7 right, discrimination about 0 (-0.0024): it does not tell stronger from weaker', () => {
    // student11 registries quiz true 1 5/7; student13 registries quiz false 0 7/7; student13 final true 1 18/19;
    // student14 registries quiz false 0 4/7; student15 registries quiz false 0 5/7;
    // student18 registries quiz true 1 2/7; student18 final false 0 6/19
    const q = question('reg-q-npcr-seer-coverage');
    expect(q.responses).toBe(7);
    expect(q.correct).toBe(3);
    expect(q.difficulty).toBeCloseTo(3 / 7, 6);
    expect(q.discrimination).toBeCloseTo(-0.0024, 4);
    expect(Object.fromEntries(q.options.map((o) => [o.key, o.count]))).toEqual({ true: 3, false: 4 });
    // 5 learners answered it: fewer than 10, so no "negative discrimination" flag, only "too few to judge".
    expect(q.flags.map((f) => f.code)).toEqual(['too-few']);
  });

  it('pay-q-then-now-jobs (numeric, 147,000): 5 of 8 right, discrimination 0.27, the wrong answers are x1.25 and x0.8', () => {
    // student11 pay quiz 147000 1 6/7; student11 final 147000 1 17/19; student13 final 183750 0 19/19;
    // student14 final a1 147000 1 14/19; student14 final a2 117600 0 15/19; student16 pay quiz 147000 1 5/7;
    // student16 final 147000 1 11/19; student18 pay quiz 183750 0 0/7
    const q = question('pay-q-then-now-jobs');
    expect(q.responses).toBe(8);
    expect(q.correct).toBe(5);
    expect(q.difficulty).toBeCloseTo(0.625, 6);
    expect(q.discrimination).toBeCloseTo(0.2681, 4);
    expect(Object.fromEntries(q.options.map((o) => [o.key, o.count]))).toEqual({ '147000': 5, '183750': 2, '117600': 1 });
  });
});
