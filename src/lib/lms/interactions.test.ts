import { describe, expect, it } from 'vitest';
import { decimal, formatResponse, interactionId, interactionRecord } from './interactions';
import type { GradedAnswer, ResponseValue } from './types';
import { SCORM_12, SCORM_2004 } from './versions';

describe('response patterns per version', () => {
  const cases: [ResponseValue, string, string][] = [
    [{ type: 'true-false', value: false }, 'f', 'false'],
    [{ type: 'choice', ids: ['a', 'c'] }, 'a,c', 'a[,]c'],
    [{ type: 'matching', pairs: [['1', 'a'], ['2', 'c']] }, '1.a,2.c', '1[.]a[,]2[.]c'],
    [{ type: 'sequencing', ids: ['d', 'b', 'a'] }, 'd,b,a', 'd[,]b[,]a'],
    [{ type: 'numeric', value: 8688.5 }, '8688.5', '8688.5'],
    [{ type: 'numeric-range', min: 8600, max: 8700 }, '8650', '8600[:]8700'],
    [{ type: 'fill-in', texts: ['RHIT'] }, 'RHIT', 'RHIT']
  ];
  it.each(cases)('%o is %s in 1.2 and %s in 2004', (value, in12, in2004) => {
    expect(formatResponse(value, SCORM_12)).toBe(in12);
    expect(formatResponse(value, SCORM_2004)).toBe(in2004);
  });

  it('keeps 1.2 choice identifiers to one character a-z/0-9 (1.2 RTE 3.4.2.7.5)', () => {
    expect(formatResponse({ type: 'choice', ids: ['A', 'b2'] }, SCORM_12)).toBe('a,b');
  });

  it('keeps free text from breaking the pattern: no bare commas in 1.2, no brackets in 2004', () => {
    expect(formatResponse({ type: 'fill-in', texts: ['ICD-10, CM'] }, SCORM_12)).toBe('ICD-10  CM');
    expect(formatResponse({ type: 'fill-in', texts: ['a[,]b'] }, SCORM_2004)).toBe('a,b');
    expect(formatResponse({ type: 'fill-in', texts: ['x'.repeat(400)] }, SCORM_2004)).toHaveLength(250);
  });

  it('writes numbers as plain decimals, never in exponent form', () => {
    expect(decimal(1e-8)).toBe('0');
    expect(decimal(0.875)).toBe('0.875');
    expect(decimal(1e21)).not.toContain('e');
  });
});

describe('interaction records', () => {
  const answer: GradedAnswer = {
    itemId: 'job-q-duties-review',
    quizId: 'the-job',
    attempt: 3,
    type: 'fill-in',
    learnerResponse: { type: 'fill-in', texts: ['rhit'] },
    correctResponses: ['RHIT', 'R.H.I.T.', 'Registered HIT', 'rhit', 'Rhit', 'RHIT credential'].map((t) => ({ type: 'fill-in' as const, texts: [t] })),
    result: 'correct',
    weighting: 1,
    latencyMs: 61_000,
    answeredAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    description: 'd'.repeat(300),
    objectiveId: 'job-1'
  };

  it('has a stable id that is valid in 1.2 ([A-Za-z0-9_-]) and unique per quiz, attempt and item', () => {
    expect(interactionId(answer, SCORM_12)).toBe('the-job_a3_job-q-duties-review');
    expect(interactionId({ ...answer, quizId: 'final', itemId: 'x.y z' }, SCORM_12)).toBe('final_a3_x-y-z');
  });

  it('keeps at most 5 correct patterns in 2004 (RTE 4.2.9) and writes no description (review R12: Moodle 2004 beacon size)', () => {
    const record = interactionRecord(answer, SCORM_2004);
    expect(record.correctPatterns).toHaveLength(5);
    expect(record.description).toBeNull();
    expect(record.result).toBe('correct');
    expect(record.latency).toBe('PT0H1M1S');
    expect(record.time).toBe('2026-01-02T03:04:05.00Z');
    expect(interactionRecord(answer, SCORM_12).description).toBeNull();
    expect(interactionRecord({ ...answer, result: 'incorrect' }, SCORM_12).result).toBe('wrong');
  });
});
