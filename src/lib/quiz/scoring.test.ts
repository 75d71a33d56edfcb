import { describe, expect, it } from 'vitest';
import type { QuizItem } from '$lib/content/types';
import type { LearnerResponse } from './response-codec';
import {
  correctResponseValues,
  interactionType,
  isComplete,
  isCorrect,
  learnerResponseValue,
  parseNumericInput,
  percent
} from './scoring';
import { fillInItem, matchingItem, multipleItem, numericItem, orderingItem, scenarioItem, singleItem, trueFalseItem } from './fixtures';

const choice = (...ids: string[]): LearnerResponse => ({ kind: 'choice', ids });
const tf = (value: boolean): LearnerResponse => ({ kind: 'true-false', value });
const match = (matches: Record<string, string>): LearnerResponse => ({ kind: 'matching', matches });
const order = (...ids: string[]): LearnerResponse => ({ kind: 'ordering', ids });
const num = (value: number): LearnerResponse => ({ kind: 'numeric', value });
const text = (t: string): LearnerResponse => ({ kind: 'fill-in', text: t });

/** [case, item, response, correct?] — the scoring rules a learner is graded by, per type. */
const cases: [string, QuizItem, LearnerResponse | null, boolean][] = [
  ['single: the correct option', singleItem, choice('a'), true],
  ['single: a wrong option', singleItem, choice('b'), false],
  ['single: nothing chosen', singleItem, null, false],
  ['multiple: exactly the correct set', multipleItem, choice('a', 'c'), true],
  ['multiple: the correct set in another order', multipleItem, choice('c', 'a'), true],
  ['multiple: only part of the correct set (no partial credit)', multipleItem, choice('a'), false],
  ['multiple: the correct set plus a wrong one', multipleItem, choice('a', 'b', 'c'), false],
  ['multiple: empty', multipleItem, choice(), false],
  ['true-false: right', trueFalseItem, tf(true), true],
  ['true-false: wrong', trueFalseItem, tf(false), false],
  ['matching: every pair right', matchingItem, match({ 1: 'a', 2: 'c', 3: 'b' }), true],
  ['matching: two pairs swapped', matchingItem, match({ 1: 'a', 2: 'b', 3: 'c' }), false],
  ['matching: a distractor chosen', matchingItem, match({ 1: 'a', 2: 'c', 3: 'd' }), false],
  ['matching: one pair left unmatched', matchingItem, match({ 1: 'a', 2: 'c' }), false],
  ['ordering: the authored order', orderingItem, order('a', 'b', 'c', 'd'), true],
  ['ordering: two steps swapped', orderingItem, order('a', 'c', 'b', 'd'), false],
  ['ordering: a step missing', orderingItem, order('a', 'b', 'c'), false],
  ['numeric: exact', numericItem, num(8688.5), true],
  ['numeric: at the upper edge of the tolerance', numericItem, num(8689), true],
  ['numeric: at the lower edge of the tolerance', numericItem, num(8688), true],
  ['numeric: just outside the tolerance', numericItem, num(8689.01), false],
  ['numeric: far off', numericItem, num(5792.33), false],
  ['fill-in: a variant as written', fillInItem, text('RHIT'), true],
  ['fill-in: another case and spaces around', fillInItem, text('  rhit '), true],
  ['fill-in: the long variant, lower case, double space', fillInItem, text('registered health  information technician'), true],
  ['fill-in: something else', fillInItem, text('RHIA'), false],
  ['fill-in: empty', fillInItem, text(''), false],
  ['scenario: graded as its inner type', scenarioItem, choice('b'), true],
  ['scenario: wrong option', scenarioItem, choice('a'), false],
  ['a response of the wrong kind never scores', singleItem, tf(true), false]
];

describe('isCorrect', () => {
  it.each(cases)('%s', (_name, item, response, expected) => {
    expect(isCorrect(item, response)).toBe(expected);
  });
});

describe('SCORM interaction values', () => {
  it('maps each item type to its interaction type', () => {
    expect([singleItem, multipleItem, trueFalseItem, matchingItem, orderingItem, numericItem, fillInItem].map(interactionType)).toEqual([
      'choice',
      'choice',
      'true-false',
      'matching',
      'sequencing',
      'numeric',
      'fill-in'
    ]);
  });

  it('gives the correct responses per type', () => {
    expect(correctResponseValues(singleItem)).toEqual([{ type: 'choice', ids: ['a'] }]);
    expect(correctResponseValues(multipleItem)).toEqual([{ type: 'choice', ids: ['a', 'c'] }]);
    expect(correctResponseValues(trueFalseItem)).toEqual([{ type: 'true-false', value: true }]);
    expect(correctResponseValues(matchingItem)).toEqual([{ type: 'matching', pairs: [['1', 'a'], ['2', 'c'], ['3', 'b']] }]);
    expect(correctResponseValues(orderingItem)).toEqual([{ type: 'sequencing', ids: ['a', 'b', 'c', 'd'] }]);
    // answer ± tolerance, without float noise
    expect(correctResponseValues(numericItem)).toEqual([{ type: 'numeric-range', min: 8688, max: 8689 }]);
    // one correct response per accepted variant
    expect(correctResponseValues(fillInItem)).toEqual([
      { type: 'fill-in', texts: ['RHIT'] },
      { type: 'fill-in', texts: ['Registered Health Information Technician'] }
    ]);
  });

  it('keeps a numeric range free of float noise', () => {
    const item = { ...numericItem, answer: 0.3, tolerance: 0.1 } as QuizItem;
    expect(correctResponseValues(item)).toEqual([{ type: 'numeric-range', min: 0.2, max: 0.4 }]);
  });

  it('reports learner responses in a stable form', () => {
    expect(learnerResponseValue(multipleItem, choice('c', 'a'))).toEqual({ type: 'choice', ids: ['a', 'c'] });
    expect(learnerResponseValue(trueFalseItem, tf(false))).toEqual({ type: 'true-false', value: false });
    expect(learnerResponseValue(matchingItem, match({ 3: 'b', 1: 'a' }))).toEqual({ type: 'matching', pairs: [['1', 'a'], ['3', 'b']] });
    expect(learnerResponseValue(orderingItem, order('d', 'c', 'b', 'a'))).toEqual({ type: 'sequencing', ids: ['d', 'c', 'b', 'a'] });
    expect(learnerResponseValue(numericItem, num(8688.5))).toEqual({ type: 'numeric', value: 8688.5 });
    expect(learnerResponseValue(fillInItem, text('  rhit '))).toEqual({ type: 'fill-in', texts: ['rhit'] });
  });
});

describe('isComplete', () => {
  it('needs every pair matched and some text typed', () => {
    expect(isComplete(matchingItem, match({ 1: 'a', 2: 'c' }))).toBe(false);
    expect(isComplete(matchingItem, match({ 1: 'a', 2: 'c', 3: 'd' }))).toBe(true);
    expect(isComplete(fillInItem, text('   '))).toBe(false);
    expect(isComplete(singleItem, null)).toBe(false);
    expect(isComplete(singleItem, choice())).toBe(false);
  });
});

describe('parseNumericInput', () => {
  it.each([
    ['8688.5', 8688.5],
    ['8,688.50', 8688.5],
    ['$8,688.50', 8688.5],
    [' 8688 ', 8688],
    ['.5', 0.5],
    ['-3', -3],
    ['12 %', 12]
  ])('reads %j as %d', (input, expected) => {
    expect(parseNumericInput(input)).toBe(expected);
  });

  it.each(['', 'abc', '1.2.3', '12 and 13'])('rejects %j', (input) => {
    expect(parseNumericInput(input)).toBeNull();
  });
});

describe('percent', () => {
  it('rounds to whole percent and treats an empty quiz as 0', () => {
    expect(percent(2, 3)).toBe(67);
    expect(percent(8, 10)).toBe(80);
    expect(percent(0, 0)).toBe(0);
  });
});
