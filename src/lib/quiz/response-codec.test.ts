import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeResponse, type LearnerResponse } from './response-codec';
import { fillInItem, matchingItem, multipleItem, numericItem, orderingItem, singleItem, trueFalseItem } from './fixtures';
import type { QuizItem } from '$lib/content/types';

const roundTrips: [QuizItem, LearnerResponse, string][] = [
  [singleItem, { kind: 'choice', ids: ['b'] }, 'b'],
  [multipleItem, { kind: 'choice', ids: ['a', 'c'] }, 'ac'],
  [trueFalseItem, { kind: 'true-false', value: false }, 'f'],
  [matchingItem, { kind: 'matching', matches: { 1: 'a', 2: 'c', 3: 'b' } }, '1a2c3b'],
  [matchingItem, { kind: 'matching', matches: { 2: 'd' } }, '2d'],
  [orderingItem, { kind: 'ordering', ids: ['d', 'b', 'a', 'c'] }, 'dbac'],
  [numericItem, { kind: 'numeric', value: 8688.5 }, '8688.5'],
  [fillInItem, { kind: 'fill-in', text: 'RHIT' }, 'RHIT']
];

describe('response codec', () => {
  it.each(roundTrips)('%# encodes compactly and decodes back', (item, response, encoded) => {
    expect(encodeResponse(response)).toBe(encoded);
    expect(decodeResponse(item, encoded)).toEqual(response);
  });

  it('caps fill-in text at 60 characters', () => {
    const long = 'x'.repeat(100);
    expect(encodeResponse({ kind: 'fill-in', text: long })).toHaveLength(60);
  });

  it('treats missing answers as unanswered', () => {
    expect(decodeResponse(singleItem, null)).toBeNull();
    expect(decodeResponse(singleItem, undefined)).toBeNull();
  });

  it.each([
    [singleItem, 'z', 'an option the item does not have'],
    [singleItem, 'ab', 'two options for a single-choice item'],
    [multipleItem, 'aa', 'an option twice'],
    [trueFalseItem, 'x', 'neither t nor f'],
    [matchingItem, '1a2', 'an odd-length matching string'],
    [matchingItem, '9a', 'an unknown pair'],
    [matchingItem, '1z', 'an unknown target'],
    [orderingItem, 'abc', 'a step missing'],
    [orderingItem, 'abcz', 'an unknown step'],
    [numericItem, 'NaN', 'not a number'],
    [numericItem, '', 'an empty number']
  ])('%#: turns stale or corrupt text into "unanswered" (%s) instead of failing', (item, encoded) => {
    expect(decodeResponse(item, encoded)).toBeNull();
  });
});
