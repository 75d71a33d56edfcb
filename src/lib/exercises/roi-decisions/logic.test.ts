/**
 * The ROI exercise must cover every kind of request the content brief names, explain every
 * decision for every request, and cite only rules restated in the repo's privacy facts
 * (modules/facts/privacy.yaml: 45 CFR Part 164, 42 CFR Part 2, the For The Record ROI process).
 * The data file is read as the build reads it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../content/loader';
import { REQUEST_KINDS, crossReferenceProblems, schema, type RoiDecisionsData } from './schema';
import { decisionLabel, decodeAnswers, encodeAnswers, feedbackFor, fill, isCorrect, score } from './logic';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const raw: unknown = parse(readFileSync(`${repoRoot}modules/05-privacy-and-release/exercises/roi-decisions.yaml`, 'utf8'));
const data: RoiDecisionsData = v.parse(schema, raw);

/** The privacy facts: HIPAA, the access guidance, Part 2 and the ROI process. */
const PRIVACY_SOURCES = new Set(['hipaa-privacy-rule', 'hhs-ocr-access', 'part2-rule-2024', 'ftr-roi-2023']);
const privacyFacts = loadCourse({ root: repoRoot }).facts.filter((f) => PRIVACY_SOURCES.has(f.source));
/** What a student may be told: the facts' values and statements. */
const privacyText = privacyFacts.map((f) => `${f.value}\n${f.statement}`).join('\n');

/** The facts backing a citation in a request's `rule`: a CFR section, Part 2 or the magazine. */
function factsBehind(citation: string) {
  if (citation === '42 CFR Part 2') return privacyFacts.filter((f) => f.source === 'part2-rule-2024');
  if (citation === 'For The Record') return privacyFacts.filter((f) => f.source === 'ftr-roi-2023');
  const section = citation.replace('45 CFR ', '');
  return privacyFacts.filter((f) => new RegExp(`\\b${section.replace('.', '\\.')}\\b`).test(f.where));
}

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

  it('cites for every request a rule that the privacy facts restate', () => {
    for (const r of data.requests) {
      const cited = r.rule.match(/45 CFR 164\.\d+|42 CFR Part 2|For The Record/g) ?? [];
      expect(cited.length, `request ${r.id} cites no known rule: ${r.rule}`).toBeGreaterThan(0);
      for (const c of cited) expect(factsBehind(c).length, `request ${r.id} cites ${c}, which no fact in modules/facts/privacy.yaml restates`).toBeGreaterThan(0);
    }
  });

  it('states only figures that appear in the privacy facts (e.g. the 30-day access deadline)', () => {
    for (const r of data.requests) {
      const prose = [r.explanation, ...Object.values(r.feedback)].join(' ');
      for (const n of prose.match(/\b\d+\b/g) ?? []) {
        expect(privacyText, `request ${r.id} states ${n}`).toMatch(new RegExp(`\\b${n}\\b`));
      }
    }
    expect(data.requests.find((r) => r.kind === 'patient-access')?.explanation).toMatch(/30 calendar days/);
    expect(privacyText).toMatch(/within 30 calendar days/);
  });

  it('would fail on a rule the facts do not restate', () => {
    expect(factsBehind('45 CFR 164.999')).toEqual([]);
    expect(factsBehind('45 CFR 164.508').length).toBeGreaterThan(0);
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
