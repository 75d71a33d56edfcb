/**
 * The path builder's rules as the learner meets them, run against the real data file
 * (modules/08-training-path/exercises/path-builder.yaml), and its durations checked against the
 * archived Washington profile and the credential facts (modules/facts/credentials.yaml), so the
 * timeline never shows a number its sources do not.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../content/loader';
import { archivedText } from '../../content/source-archive';
import { schema } from './schema';
import { addStep, checkPath, decodePath, encodePath, fill, moveStep, removeStep, type PathStep } from './logic';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const source = v.parse(schema, parse(readFileSync(`${root}modules/08-training-path/exercises/path-builder.yaml`, 'utf8')));
// The loader compiles `...Md` to `...Html`; the logic reads only ids and rules, so the raw text will do.
const steps: PathStep[] = source.steps.map(({ durationMd, detailMd, missingMd, orderMd, ...rest }) => ({
  ...rest,
  durationHtml: durationMd,
  detailHtml: detailMd,
  missingHtml: missingMd,
  orderHtml: orderMd
}));
const step = (id: string) => steps.find((s) => s.id === id)!;
const course = loadCourse({ root });
const seedWa = archivedText(root, course.sources.find((s) => s.id === 'wa-career-2018'));
/** The values and statements of the credential facts of one source. */
const factsOf = (source: string) =>
  course.facts
    .filter((f) => f.source === source)
    .map((f) => `${f.value} ${f.statement}`)
    .join('\n');

describe('checkPath', () => {
  it('flags the RHIT exam placed before the accredited associate program, and names the program as too late', () => {
    const issues = checkPath(steps, ['hs-diploma', 'rhit-exam', 'associate-cahiim']);
    expect(issues).toEqual([
      { kind: 'missing', stepId: 'rhit-exam', index: 1, route: null, missing: [{ id: 'associate-cahiim', later: true }] }
    ]);
    expect(step('rhit-exam').missingHtml).toMatch(/CAHIIM-accredited associate/);
  });

  it('accepts the RHIT exam after the accredited associate program', () => {
    expect(checkPath(steps, ['hs-diploma', 'associate-cahiim', 'rhit-exam', 'rhit-ce'])).toEqual([]);
  });

  it('flags a missing prerequisite as not in the path', () => {
    const [issue] = checkPath(steps, ['hs-diploma', 'on-the-job']);
    expect(issue).toMatchObject({ kind: 'missing', stepId: 'on-the-job', missing: [{ id: 'records-clerk', later: false }] });
  });

  it('flags high school classes placed after the diploma', () => {
    expect(checkPath(steps, ['hs-diploma', 'hs-courses'])).toEqual([
      { kind: 'order', stepId: 'hs-courses', index: 1, mustPrecede: ['hs-diploma'] }
    ]);
    expect(checkPath(steps, ['hs-courses', 'hs-diploma'])).toEqual([]);
  });

  it('accepts each of the CTR routes A1, A2 and B (NCRA eligibility routes)', () => {
    expect(checkPath(steps, ['cim-associate', 'ctr-exam'])).toEqual([]);
    expect(checkPath(steps, ['cim-certificate', 'college-ap', 'ctr-exam'])).toEqual([]);
    expect(checkPath(steps, ['hs-diploma', 'associate-cahiim', 'cim-certificate', 'ctr-exam'])).toEqual([]);
    expect(checkPath(steps, ['college-ap', 'registry-experience', 'ctr-exam', 'ctr-ce'])).toEqual([]);
  });

  it('reports the CTR route closest to being met when none is', () => {
    const [issue] = checkPath(steps, ['college-ap', 'ctr-exam', 'registry-experience']);
    expect(issue).toMatchObject({
      kind: 'missing',
      stepId: 'ctr-exam',
      route: { label: 'Route B' },
      missing: [{ id: 'registry-experience', later: true }]
    });
  });

  it('flags keeping up a credential before earning it, and managing before a degree', () => {
    const ids = checkPath(steps, ['rhit-ce', 'ctr-ce', 'manager']).map((i) => i.stepId);
    expect(ids).toEqual(['rhit-ce', 'ctr-ce', 'manager']);
  });

  it('accepts every example path in the data', () => {
    for (const example of source.examples ?? []) expect(checkPath(steps, example.steps), example.id).toEqual([]);
  });

  it('accepts a technician job reached by any of the stated routes, and flags one reached by none', () => {
    expect(checkPath(steps, ['military', 'technician-job'])).toEqual([]);
    expect(checkPath(steps, ['hs-diploma', 'certificate', 'technician-job'])).toEqual([]);
    expect(checkPath(steps, ['technician-job', 'military'])[0]).toMatchObject({ stepId: 'technician-job', kind: 'missing' });
  });
});

describe('path editing', () => {
  it('adds a step once, removes by position, and moves within bounds only', () => {
    expect(addStep(addStep(['a'], 'b'), 'b')).toEqual(['a', 'b']);
    expect(removeStep(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveStep(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('fill', () => {
  it('fills the announcement placeholders from the data and leaves unknown ones visible', () => {
    expect(fill(source.labels.announceMoved, { step: 'RHIT exam', n: 3 })).toBe('RHIT exam: now step 3.');
    expect(fill('{step} {x}', { step: 'A' })).toBe('A {x}');
  });
});

describe('saved state', () => {
  it('round-trips every step in a string within the 200-character exercise limit', () => {
    const all = steps.map((s) => s.id).reverse();
    const saved = encodePath(steps, all);
    expect(saved.length).toBeLessThanOrEqual(200);
    expect(decodePath(steps, saved)).toEqual(all);
  });

  it('ignores unreadable or foreign saved values', () => {
    expect(decodePath(steps, undefined)).toEqual([]);
    expect(decodePath(steps, 'hs-diploma,rhit-exam')).toEqual([]);
    expect(decodePath(steps, 'p1:00~')).toEqual([steps[0]!.id]);
  });
});

describe('durations match their sources', () => {
  it("uses the archived Washington profile's wording for on-the-job, military and degree lengths", () => {
    expect(step('on-the-job').durationHtml).toContain('two to three months');
    expect(seedWa).toContain('Training usually lasts two to three months');
    expect(step('military').durationHtml).toContain('18 weeks');
    expect(seedWa).toContain('Training lasts for six to 18 weeks');
    expect(step('associate-cahiim').durationHtml).toContain('two-year degree');
    expect(seedWa).toContain('accredited two-year degree program');
    expect(step('records-clerk').durationHtml).toContain('two years');
    expect(seedWa).toContain('at least two years of experience as a medical records clerk');
  });

  it('uses the credential facts for CTR Route B hours and continuing education', () => {
    expect(step('registry-experience').durationHtml).toContain('1,950 hours');
    expect(factsOf('ncra-ctr')).toContain('1,950 hours');
    expect(step('rhit-ce').durationHtml).toContain('20 continuing education units every 2 years');
    expect(factsOf('ahima-recert')).toContain('20 CEUs every 2 years');
    expect(step('ctr-ce').durationHtml).toContain('20 continuing education hours every 2 years');
    expect(factsOf('ncra-ctr')).toContain('20 CE hours every 2 years');
  });
});
