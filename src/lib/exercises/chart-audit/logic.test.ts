import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import * as v from 'valibot';
import { decodeScores, encodeScores, recordBest, scoreAudit, SAVED_STATE_LIMIT, type AuditCase } from './logic';
import { schema } from './schema';

const chart: AuditCase = {
  id: 'case-1',
  documents: [
    { id: 'hp', answer: 'ok' },
    { id: 'order', answer: 'unsigned' },
    { id: 'note', answer: 'wrong-patient' }
  ],
  required: [
    { id: 'discharge-summary', present: false },
    { id: 'consent', present: true }
  ]
};

describe('scoreAudit', () => {
  it('gives full marks for the right finding on every document and ticking only the missing documents', () => {
    const result = scoreAudit(chart, {
      findings: { hp: 'ok', order: 'unsigned', note: 'wrong-patient' },
      missing: ['discharge-summary']
    });
    expect(result).toMatchObject({ score: 5, max: 5, unanswered: [] });
  });

  it('marks a wrong finding, an unanswered document and a present document ticked as missing', () => {
    const result = scoreAudit(chart, { findings: { hp: 'unsigned', order: 'unsigned' }, missing: ['consent'] });
    expect(result.score).toBe(1);
    expect(result.unanswered).toEqual(['note']);
    const byId = Object.fromEntries(result.items.map((i) => [i.id, i]));
    expect(byId.hp).toMatchObject({ correct: false, given: 'unsigned', expected: 'ok' });
    expect(byId.note).toMatchObject({ correct: false, given: null });
    expect(byId['discharge-summary']).toMatchObject({ correct: false, given: false, expected: true });
    expect(byId.consent).toMatchObject({ correct: false, given: true, expected: false });
  });
});

describe('saved scores', () => {
  it('round-trips through the compact string', () => {
    const saved = { 'case-1': { score: 7, max: 9 }, 'case-2': { score: 9, max: 9 } };
    const encoded = encodeScores(saved);
    expect(encoded).toBe('case-1:7/9;case-2:9/9');
    expect(decodeScores(encoded)).toEqual(saved);
  });

  it('ignores unreadable saved state instead of failing', () => {
    expect(decodeScores('garbage;case-1:3/2;case-2:4/8')).toEqual({ 'case-2': { score: 4, max: 8 } });
    expect(decodeScores(undefined)).toEqual({});
  });

  it('keeps the best result per chart', () => {
    const first = recordBest({}, 'case-1', { score: 6, max: 9 });
    expect(recordBest(first, 'case-1', { score: 4, max: 9 })).toBe(first);
    expect(recordBest(first, 'case-1', { score: 8, max: 9 })['case-1']).toEqual({ score: 8, max: 9 });
  });

  it('refuses to save more than the per-exercise limit', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`chart-number-${i}`, { score: 1, max: 9 }]));
    expect(() => encodeScores(many)).toThrow(String(SAVED_STATE_LIMIT));
  });
});

describe('the course data (modules/02-the-health-record/exercises/chart-audit.yaml)', () => {
  const file = resolve(import.meta.dirname, '../../../../modules/02-the-health-record/exercises/chart-audit.yaml');
  const data = v.parse(schema, parse(readFileSync(file, 'utf8')));

  it('passes the schema and fits the saved-state limit with every chart scored', () => {
    const all = Object.fromEntries(data.cases.map((c) => [c.id, { score: 99, max: 99 }]));
    expect(encodeScores(all).length).toBeLessThanOrEqual(SAVED_STATE_LIMIT);
  });

  it('has in every chart at least one document of each kind of problem and at least one missing document', () => {
    for (const c of data.cases) {
      const answers = new Set(c.documents.map((d) => d.answer));
      expect(answers, c.id).toContain('ok');
      expect(answers.size, c.id).toBeGreaterThanOrEqual(3);
      expect(c.required.some((r) => !r.present), c.id).toBe(true);
      expect(c.required.some((r) => r.present), c.id).toBe(true);
    }
  });

  it('shows a mismatched name or MRN on every document marked wrong-patient, and only there', () => {
    for (const c of data.cases) {
      for (const d of c.documents) {
        const matches = d.header.includes(c.patient.name) && d.header.includes(c.patient.mrn);
        expect(matches, `${c.id}/${d.id}`).toBe(d.answer !== 'wrong-patient');
      }
    }
  });

  it('prints "Not signed" on exactly the documents marked unsigned', () => {
    for (const c of data.cases) {
      for (const d of c.documents) {
        expect(/not signed/i.test(d.signature), `${c.id}/${d.id}`).toBe(d.answer === 'unsigned');
      }
    }
  });

  it('rejects an answer that is not one of the offered findings, naming the problem', () => {
    const broken = structuredClone(parse(readFileSync(file, 'utf8')));
    broken.cases[0].documents[0].answer = 'lost';
    const result = v.safeParse(schema, broken);
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toMatch(/findings/);
  });
});
