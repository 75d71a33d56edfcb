import { describe, expect, it } from 'vitest';
import { fixtureCourse } from '../lms/testing/fixtures';
import { applyPackageOptions, packageModulesElement, packageOptionsNotice, parsePackageOptions, readPackageOptions, unlinkModules, type PackageOptions } from '../../src/lib/content/package-options';

const good: PackageOptions = {
  format: 1,
  scormVersion: '1.2',
  packageId: 'hit-career-course:the-job,coding-systems',
  modules: ['the-job', 'coding-systems'],
  title: 'Period 3',
  masteryScore: 70,
  completion: 'lessons',
  attemptsPerQuiz: 1,
  randomise: false,
  whenFinished: 'end-attempt'
};

describe('reading the package options at launch', () => {
  it('gives no options and no problem for the placeholder every build carries (not packaged)', () => {
    expect(parsePackageOptions('null')).toEqual({ options: null, problem: null });
  });

  it('reads a package’s options', () => {
    expect(parsePackageOptions(JSON.stringify(good))).toEqual({ options: good, problem: null });
  });

  it.each([
    ['a missing block', undefined, /no #hit-package-options block/],
    ['text that is not JSON', '{"format":1,', /not JSON/],
    ['an unknown format', JSON.stringify({ ...good, format: 2 }), /format/],
    ['a pass mark out of range', JSON.stringify({ ...good, masteryScore: 120 }), /masteryScore/],
    ['an unknown key', JSON.stringify({ ...good, passMark: 70 }), /passMark/],
    ['no modules', JSON.stringify({ ...good, modules: [] }), /modules/]
  ])('reports %s, never throwing', (_, text, problem) => {
    const launch = parsePackageOptions(text);
    expect(launch.options).toBeNull();
    expect(launch.problem).toMatch(problem);
  });

  it('reads the block from the page it runs in, and nothing outside a browser', () => {
    const doc = { getElementById: (id: string) => (id === 'hit-package-options' ? ({ textContent: JSON.stringify(good) } as HTMLElement) : null) };
    expect(readPackageOptions(doc).options).toEqual(good);
    expect(readPackageOptions(undefined)).toEqual({ options: null, problem: null });
  });
});

describe('applying them to the course', () => {
  const authored = fixtureCourse();

  it('merges the package’s settings over the authored ones and keeps only its modules, in course order', () => {
    const { tree, problem } = applyPackageOptions(authored, { options: { ...good, modules: ['coding-systems', 'the-job'] }, problem: null });
    expect(problem).toBeNull();
    expect(tree.modules.map((m) => m.slug)).toEqual(['the-job', 'coding-systems']);
    expect(tree.settings).toEqual({
      ...authored.settings,
      title: 'Period 3',
      masteryScore: 70,
      completion: 'lessons',
      attemptsPerQuiz: 1,
      randomise: false,
      whenFinished: 'end-attempt',
      scormVersion: '1.2',
      packageId: 'hit-career-course:the-job,coding-systems',
      modules: ['the-job', 'coding-systems']
    });
  });

  it('keeps the authored course, and says why, when the options could not be read', () => {
    const { tree, problem } = applyPackageOptions(authored, parsePackageOptions('{'));
    expect(tree).toBe(authored);
    expect(problem).toMatch(/not JSON/);
    expect(packageOptionsNotice(tree)).toMatch(/could not be read, so the course uses its standard settings \(pass mark 80%, 3 attempts per quiz\)/);
  });

  it('keeps every module when none of the package’s modules is in this build', () => {
    const { tree, problem } = applyPackageOptions(authored, { options: { ...good, modules: ['payroll'] }, problem: null });
    expect(tree.modules).toHaveLength(authored.modules.length);
    expect(problem).toMatch(/no module "payroll"/);
  });
});

describe('a subset package whose options cannot be used', () => {
  const authored = fixtureCourse();
  const subset = ['the-job', 'coding-systems'];
  /** A page with this options block text (undefined: no block) and the package's modules record. */
  const page = (block: string | undefined, record = true) => ({
    getElementById: (id: string) =>
      id === 'hit-package-options' && block !== undefined
        ? ({ textContent: block } as HTMLElement)
        : id === 'hit-package-modules' && record
          ? ({ getAttribute: (name: string) => (name === 'content' ? /content="([^"]*)"/.exec(packageModulesElement(subset))![1]! : null) } as unknown as HTMLElement)
          : null
  });

  it.each([
    ['a missing block', undefined],
    ['a broken block', '{"format":1,"masteryScore":'],
    ['an unknown format', JSON.stringify({ ...good, format: 2, modules: ['registries'] })]
  ])('%s: keeps the standard settings but only the modules the package holds (its modules record)', (_, block) => {
    const { tree, problem } = applyPackageOptions(authored, readPackageOptions(page(block)));
    expect(problem).not.toBeNull();
    expect(tree.modules.map((m) => m.slug)).toEqual(subset);
    expect(tree.settings).toEqual({ ...authored.settings, modules: subset });
    expect(packageOptionsNotice(tree)).toMatch(/could not be read, so the course uses its standard settings/);
  });

  it('without the modules record, uses the modules a block of an unknown format still names', () => {
    const { tree, problem } = applyPackageOptions(authored, readPackageOptions(page(JSON.stringify({ ...good, format: 2 }), false)));
    expect(problem).toMatch(/format/);
    expect(tree.modules.map((m) => m.slug)).toEqual(subset);
  });

  it('with nothing that tells, keeps every module (the client then skips any chunk it cannot load)', () => {
    for (const block of [undefined, '{"format":1,"modules":["the-job"],']) {
      expect(applyPackageOptions(authored, readPackageOptions(page(block, false))).tree).toBe(authored);
    }
  });
});

describe('links to modules a package leaves out', () => {
  it('become plain text; links to included modules, the glossary and sources stay', () => {
    const chunk = {
      overviewHtml: '<p>See <a href="#/coding-systems/icd-10-cm">ICD-10-CM</a> and <a href="#/the-job">the job</a>.</p>',
      quiz: [{ explanationHtml: '<a href="#/coding-systems">codes</a> <a href="#/glossary/drg">DRG</a> <a class="cite" href="#/sources/bls">(BLS)</a>' }]
    };
    expect(unlinkModules(chunk, new Set(['coding-systems']))).toEqual({
      overviewHtml: '<p>See <span class="unlinked">ICD-10-CM</span> and <a href="#/the-job">the job</a>.</p>',
      quiz: [{ explanationHtml: '<span class="unlinked">codes</span> <a href="#/glossary/drg">DRG</a> <a class="cite" href="#/sources/bls">(BLS)</a>' }]
    });
    expect(unlinkModules(chunk, new Set())).toBe(chunk);
  });
});
