import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import * as v from 'valibot';
import {
  betterResult,
  characterSlots,
  decodeProgress,
  encodeProgress,
  partPositions,
  SAVED_STATE_LIMIT,
  scoreSpot,
  shapeProblem
} from './logic';
import { loadCourse } from '../../content/loader';
import { schema } from './schema';

describe('shapeProblem (the code formats restated in modules/facts/code-sets.yaml)', () => {
  it.each([
    ['icd-10-cm', 'I10'],
    ['icd-10-cm', 'I50.9'],
    ['icd-10-cm', 'T36.0X1A'],
    ['icd-10-pcs', '0DTJ4ZZ'],
    ['cpt', '99202'],
    ['cpt', '1234F'],
    ['cpt', '1234T'],
    ['hcpcs-level-ii', 'J1234']
  ] as const)('accepts %s %s', (system, code) => {
    expect(shapeProblem(system, code)).toBeNull();
  });

  it.each([
    ['icd-10-cm', '150.9', /letter/], // first character must be a letter
    ['icd-10-cm', 'I5', /letter/],
    ['icd-10-cm', 'T36.0X1AB', /1 to 4/],
    ['icd-10-pcs', '0DTJ4Z', /7 characters/],
    ['icd-10-pcs', '0SRCOJ9', /O and I/], // letter O is never used
    ['icd-10-pcs', '0DTI4ZZ', /O and I/],
    ['cpt', '9920', /5 digits/],
    ['cpt', '1234X', /F or T/],
    ['hcpcs-level-ii', '12345', /one letter/]
  ] as const)('rejects %s %s', (system, code, rule) => {
    expect(shapeProblem(system, code)).toMatch(rule);
  });
});

describe('characterSlots', () => {
  const parts = [{ text: 'I' }, { text: '50' }, { text: '.' }, { text: '9' }];

  it('numbers characters the way coders count, skipping the decimal point', () => {
    expect(characterSlots(parts)).toEqual([
      { char: 'I', position: 1, part: 0 },
      { char: '5', position: 2, part: 1 },
      { char: '0', position: 3, part: 1 },
      { char: '.', position: null, part: 2 },
      { char: '9', position: 4, part: 3 }
    ]);
  });

  it('gives the span of positions a part covers', () => {
    const slots = characterSlots([{ text: 'W' }, { text: '19' }, { text: '.' }, { text: 'XXX' }, { text: 'A' }]);
    expect(partPositions(slots, 3)).toEqual({ first: 4, last: 6 });
    expect(partPositions(slots, 4)).toEqual({ first: 7, last: 7 });
    expect(partPositions(slots, 2)).toBeNull();
  });
});

describe('scoreSpot', () => {
  const items = [
    { id: 'i50', valid: false },
    { id: 'i10', valid: true },
    { id: 'e11', valid: false }
  ];

  it('scores each verdict against the data and counts unanswered ones', () => {
    const result = scoreSpot(items, { i50: 'invalid', i10: 'invalid' });
    expect(result.score).toBe(1);
    expect(result.max).toBe(3);
    expect(result.unanswered).toBe(1);
    expect(result.results.map((r) => r.correct)).toEqual([true, false, false]);
  });
});

describe('saved progress', () => {
  const ids = Array.from({ length: 40 }, (_, i) => `code-${i}`);

  it('round-trips explored codes and the best score', () => {
    const progress = { explored: ['code-3', 'code-0', 'code-37'], best: { score: 11, max: 13 } };
    const encoded = encodeProgress(progress, ids);
    expect(encoded).toBe('x:0.3.11;s:11/13');
    expect(decodeProgress(encoded, ids)).toEqual({ explored: ['code-0', 'code-3', 'code-37'], best: { score: 11, max: 13 } });
  });

  it('stays within the per-exercise limit even with every code explored', () => {
    expect(encodeProgress({ explored: ids, best: { score: 40, max: 40 } }, ids).length).toBeLessThanOrEqual(SAVED_STATE_LIMIT);
  });

  it('ignores unreadable or stale state', () => {
    expect(decodeProgress('nonsense;s:9/3;x:zz', ids)).toEqual({ explored: [], best: null });
  });

  it('keeps the better score', () => {
    expect(betterResult({ score: 10, max: 13 }, { score: 8, max: 13 })).toEqual({ score: 10, max: 13 });
    expect(betterResult({ score: 10, max: 13 }, { score: 12, max: 13 })).toEqual({ score: 12, max: 13 });
    expect(betterResult(null, { score: 3, max: 13 })).toEqual({ score: 3, max: 13 });
  });
});

describe('the course data (modules/03-coding-systems/exercises/code-explorer.yaml)', () => {
  const file = resolve(import.meta.dirname, '../../../../modules/03-coding-systems/exercises/code-explorer.yaml');
  const raw = () => parse(readFileSync(file, 'utf8'));
  const data = v.parse(schema, raw());

  it('gives every ICD-10-CM code the validity the CMS grouper code data gave it (modules/facts/code-sets.yaml)', () => {
    const validity = new Map(
      loadCourse({ root: resolve(import.meta.dirname, '../../../..') })
        .facts.filter((f) => f.data?.kind === 'validity')
        .map((f) => [String(f.data!.code), f.data!.valid])
    );
    for (const s of data.spot.filter((x) => x.system === 'icd-10-cm')) {
      expect(validity.has(s.code), `${s.code}: no validity fact in modules/facts/code-sets.yaml`).toBe(true);
      expect(s.valid, s.code).toBe(validity.get(s.code));
    }
  });

  it('marks as valid exactly the codes recorded as valid, and invalid the ones recorded or formatted as invalid', () => {
    const verdicts = Object.fromEntries(data.spot.map((s) => [s.code, s.valid]));
    // ICD-10-CM from the CMS grouper code data; PCS and CPT by the format rules of their code sets.
    expect(verdicts).toMatchObject({
      I50: false,
      I10: true,
      E11: false,
      'E11.9': true,
      'T36.01A': false,
      'T36.0X1A': true,
      'S72.001': false,
      'S02.0XXA': true,
      '0DTJ4Z': false,
      '0SRC0J9': true,
      '0SRCOJ9': false,
      '9920': false
    });
  });

  it('takes every ICD-10-PCS code apart into exactly seven one-character axes', () => {
    for (const code of data.codes.filter((c) => c.system === 'icd-10-pcs')) {
      expect(code.parts.map((p) => p.text.length), code.code).toEqual([1, 1, 1, 1, 1, 1, 1]);
    }
  });

  it('has explorer codes from all four code sets', () => {
    expect(new Set(data.codes.map((c) => c.system))).toEqual(new Set(['icd-10-cm', 'icd-10-pcs', 'cpt', 'hcpcs-level-ii']));
  });

  it('fits the saved-state limit with every code explored', () => {
    const ids = data.codes.map((c) => c.id);
    expect(encodeProgress({ explored: ids, best: { score: data.spot.length, max: data.spot.length } }, ids).length).toBeLessThanOrEqual(SAVED_STATE_LIMIT);
  });

  it('rejects parts that do not spell the code, naming the field', () => {
    const broken = raw();
    broken.codes[0].parts[0].text = 'J';
    const result = v.safeParse(schema, broken);
    expect(result.success).toBe(false);
    expect(v.getDotPath(result.issues![0]!)).toBe('codes.0.parts');
  });

  it('rejects a malformed code marked valid', () => {
    const broken = raw();
    const pcs = broken.spot.find((s: { code: string }) => s.code === '0DTJ4Z');
    pcs.valid = true;
    const result = v.safeParse(schema, broken);
    expect(result.success).toBe(false);
    expect(result.issues![0]!.message).toMatch(/shape/);
  });
});
