/**
 * The ROI exercise must cover every kind of request the content brief names, explain every
 * decision for every request, and cite only rules recorded in ../shared/reference/FACTS.md §3
 * (HIPAA, 42 CFR Part 2) and §4 (ROI process). The data file is read as the build reads it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { REQUEST_KINDS, crossReferenceProblems, schema, type RoiDecisionsData } from './schema';
import { decisionLabel, decodeAnswers, encodeAnswers, feedbackFor, fill, isCorrect, score } from './logic';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const factsText = readFileSync(`${repoRoot}../shared/reference/FACTS.md`, 'utf8');
const raw: unknown = parse(readFileSync(`${repoRoot}modules/05-privacy-and-release/exercises/roi-decisions.yaml`, 'utf8'));
const data: RoiDecisionsData = v.parse(schema, raw);

/** FACTS.md §3 (privacy) through the end of §4 (record content and the ROI process). */
const privacyFacts = factsText.slice(factsText.indexOf('## 3. Privacy'), factsText.indexOf('## 5. Registries'));

describe('roi-decisions data', () => {
  it('passes its schema, including cross-references', () => {
    expect(crossReferenceProblems(data)).toEqual([]);
  });

  it('covers every kind of request the brief names', () => {
    const kinds = new Set(data.requests.map((r) => r.kind));
    for (const kind of REQUEST_KINDS) expect(kinds, `no request of kind ${kind}`).toContain(kind);
  });

  it('uses each decision as the best answer at least once, so no choice is a give-away', () => {
    const used = new Set(data.requests.map((r) => r.correct));
    for (const d of data.decisions) expect(used, `decision ${d.id} is never right`).toContain(d.id);
  });

  it('cites for every request a rule that FACTS.md records', () => {
    for (const r of data.requests) {
      const cited = r.rule.match(/45 CFR 164\.\d+|42 CFR Part 2|For The Record/g) ?? [];
      expect(cited.length, `request ${r.id} cites no known rule: ${r.rule}`).toBeGreaterThan(0);
      for (const c of cited) {
        // FACTS.md writes sections without the title number ("164.524"), Part 2 and the magazine in full.
        expect(privacyFacts.includes(c.replace('45 CFR ', '')), `request ${r.id} cites ${c}, which FACTS.md §3-4 does not mention`).toBe(true);
      }
    }
  });

  it('states only figures that appear in FACTS.md §3-4 (e.g. the 30-day access deadline)', () => {
    for (const r of data.requests) {
      const prose = [r.explanation, ...Object.values(r.feedback)].join(' ');
      for (const n of prose.match(/\b\d+\b/g) ?? []) {
        expect(privacyFacts, `request ${r.id} states ${n}`).toMatch(new RegExp(`\\b${n}\\b`));
      }
    }
    expect(data.requests.find((r) => r.kind === 'patient-access')?.explanation).toMatch(/30 calendar days/);
    expect(privacyFacts).toMatch(/within 30 calendar days/);
  });

  it('names Part 2 for the substance use disorder request and a separate authorization for psychotherapy notes', () => {
    const sud = data.requests.find((r) => r.kind === 'part-2')!;
    expect(sud.correct).toBe('special');
    expect(sud.rule).toMatch(/42 CFR Part 2/);
    const notes = data.requests.find((r) => r.kind === 'psychotherapy-notes')!;
    expect(notes.correct).toBe('special');
    const invalid = data.requests.find((r) => r.kind === 'attorney-without-valid-authorization')!;
    expect(invalid.correct).toBe('authorization');
    const valid = data.requests.find((r) => r.kind === 'attorney-with-authorization')!;
    expect(valid.correct).toBe('release');
  });
});

describe('roi-decisions logic', () => {
  const patient = data.requests.find((r) => r.id === 'patient')!;

  it('checks a decision and returns the feedback written for it', () => {
    expect(isCorrect(patient, 'release')).toBe(true);
    expect(isCorrect(patient, 'minimum')).toBe(false);
    expect(feedbackFor(patient, 'minimum')).toMatch(/does not apply/);
    expect(decisionLabel(data, 'authorization')).toMatch(/authorization/);
  });

  it('saves answers within 200 characters and restores only known requests', () => {
    const all = new Map(data.requests.map((r, i) => [r.id, i % 2 === 0] as const));
    const saved = encodeAnswers(all);
    expect(saved.length).toBeLessThanOrEqual(200);
    const restored = decodeAnswers(saved, data);
    expect([...restored]).toEqual([...all]);
    expect(score(restored)).toBe(Math.ceil(data.requests.length / 2));
    expect([...decodeAnswers('patient:1,ghost:1,plan:x,court:0', data)]).toEqual([
      ['patient', true],
      ['court', false]
    ]);
  });

  it('fills label placeholders', () => {
    expect(fill(data.labels.progress, { current: 2, total: 12 })).toBe('Request 2 of 12');
  });

  it('rejects a request whose feedback leaves a decision unexplained', () => {
    const broken = structuredClone(raw) as { requests: { feedback: Record<string, string> }[] };
    delete broken.requests[0]!.feedback['special'];
    const result = v.safeParse(schema, broken);
    expect(result.success).toBe(false);
    expect(result.issues?.map((i) => i.message).join('\n')).toMatch(/requests\.patient\.feedback to explain decision special/);
  });
});
