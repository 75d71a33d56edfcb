import { describe, expect, it } from 'vitest';
import { BUILD_MAP_FILE } from '../src/lib/content/build-map';
import { applyPackageOptions, packageModulesElement, parsePackageOptions, PACKAGE_OPTIONS_ELEMENT_ID } from '../src/lib/content/package-options';
import { assemblePackage, courseBaseFrom, filesFor, withOptionsBlock } from './assemble';
import { schemaFiles } from './package';
import { fixtureBase, fixtureFiles, fixtureTree } from './test-fixtures';
import { readZip } from './zip';

const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
/** The options block's text inside a page, as the course reads it. */
const blockOf = (html: string) => new RegExp(`<script type="application/json" id="${PACKAGE_OPTIONS_ELEMENT_ID}">(.*?)</script>`).exec(html)?.[1];

describe('filesFor: a module subset leaves out what only the other modules need', () => {
  const base = fixtureBase();
  it('keeps every file for the whole course', () => {
    expect([...filesFor(base, ['the-job', 'coding-systems']).keys()]).toEqual([...base.files.keys()]);
  });

  it('drops the other module’s lesson chunk, the view only it places, that view’s stylesheet and its private helper', () => {
    const kept = [...filesFor(base, ['the-job']).keys()];
    expect(kept).not.toContain('_app/immutable/chunks/lesson-coding-systems.js');
    expect(kept).not.toContain('_app/immutable/chunks/exercise-view.js');
    expect(kept).not.toContain('_app/immutable/assets/exercise-view.css');
    expect(kept).not.toContain('_app/immutable/chunks/exercise-logic.js');
    // Shared code, the module's own chunk and files the map does not know stay.
    expect(kept).toEqual(
      expect.arrayContaining(['index.html', '_app/immutable/entry/start.js', '_app/immutable/chunks/shared.js', '_app/immutable/chunks/lesson-the-job.js', '_app/version.json', 'robots.txt'])
    );
  });

  it('keeps a helper that a kept file also imports', () => {
    const shared = fixtureBase((_, map) => map.files['_app/immutable/entry/start.js']!.imports.push('_app/immutable/chunks/exercise-logic.js'));
    expect([...filesFor(shared, ['the-job']).keys()]).toContain('_app/immutable/chunks/exercise-logic.js');
  });
});

describe('assemblePackage', () => {
  const base = fixtureBase();

  it('writes the options into the page’s data block, then the modules it holds, and changes nothing else of the build but its title', () => {
    const pkg = assemblePackage(base, { version: '12', scope: 'course', settings: { masteryScore: 70, attemptsPerQuiz: 2 } });
    const page = decode(pkg.files.get('index.html'));
    const original = decode(fixtureFiles().get('index.html'));
    const record = packageModulesElement(pkg.options.modules);
    expect(page).toContain(`</script>${record}`);
    expect(page.replace(blockOf(page)!, 'null').replace(record, '')).toBe(original.replace(/<title>[^<]*<\/title>/, `<title>${pkg.options.title}</title>`));
    for (const [path, data] of base.files) if (path !== 'index.html') expect(pkg.files.get(path), path).toEqual(data);
    expect(pkg.files.has(BUILD_MAP_FILE)).toBe(false);
  });

  it('writes options that the course reads back as this package’s settings', () => {
    const pkg = assemblePackage(base, {
      version: '2004',
      scope: 'course',
      modules: ['coding-systems'],
      settings: { masteryScore: 70, attemptsPerQuiz: 2, completion: 'assessment', randomise: false, whenFinished: 'end-attempt', title: 'Period 3' }
    });
    const launch = parsePackageOptions(blockOf(decode(pkg.files.get('index.html'))));
    expect(launch.problem).toBeNull();
    const { tree } = applyPackageOptions(fixtureTree, launch);
    expect(tree.settings).toMatchObject({
      title: 'Period 3',
      masteryScore: 70,
      attemptsPerQuiz: 2,
      completion: 'assessment',
      randomise: false,
      whenFinished: 'end-attempt',
      scormVersion: '2004',
      packageId: 'hit-career-course:coding-systems',
      modules: ['coding-systems']
    });
    expect(tree.modules.map((m) => m.slug)).toEqual(['coding-systems']);
  });

  it('keeps a title with markup inside its data block, and in the manifest', () => {
    const title = 'Coding </script><!-- & "DRGs"';
    const pkg = assemblePackage(base, { version: '12', scope: 'course', settings: { title } });
    const page = decode(pkg.files.get('index.html'));
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(parsePackageOptions(blockOf(page)).options?.title).toBe(title);
    expect(pkg.manifest).toContain('<title>Coding &lt;/script&gt;&lt;!-- &amp; &quot;DRGs&quot;</title>');
  });

  it('writes the package\'s title into the page\'s <title> and the launch screen\'s title places, so the first paint shows it (scorm/launch-screen.ts)', () => {
    const page = `<title>Authored</title><script type="application/json" id="${PACKAGE_OPTIONS_ELEMENT_ID}">null</script><a class="course-title" href="#/" data-title>Authored</a><h1 data-title>Authored</h1><p>Authored</p>`;
    const options = assemblePackage(base, { version: '12', scope: 'course', settings: { title: '  Coding & <DRGs>, period 3 ' } }).options;
    const html = withOptionsBlock(page, options);
    expect(html).toContain('<title>Coding &amp; &lt;DRGs&gt;, period 3</title>');
    expect(html).toContain('<a class="course-title" href="#/" data-title>Coding &amp; &lt;DRGs&gt;, period 3</a>');
    expect(html).toContain('<h1 data-title>Coding &amp; &lt;DRGs&gt;, period 3</h1>');
    expect(html).toContain('<p>Authored</p>');
  });

  it('puts the pass mark in the manifest, so the LMS and the course agree', () => {
    expect(assemblePackage(base, { version: '12', scope: 'course', settings: { masteryScore: 65 } }).manifest).toContain('<adlcp:masteryscore>65</adlcp:masteryscore>');
    expect(assemblePackage(base, { version: '2004', scope: 'course', settings: { masteryScore: 65 } }).manifest).toContain(
      '<imsss:minNormalizedMeasure>0.65</imsss:minNormalizedMeasure>'
    );
  });

  it('lists only the files the zip holds, and the zip holds exactly them', () => {
    const pkg = assemblePackage(base, { version: '12', scope: 'module', modules: ['the-job'] });
    const zipped = readZip(pkg.zip);
    expect([...zipped.keys()]).toEqual([...pkg.files.keys()]);
    expect(pkg.manifest).not.toContain('lesson-coding-systems.js');
    expect(pkg.manifest).toContain('href="_app/immutable/chunks/lesson-the-job.js"');
    expect(pkg.file).toBe('modules/hit-career-01-the-job-scorm12.zip');
    expect(pkg.title).toBe('Module 1: The job (Health Information Technician: A Career Course)');
  });

  it('gives the same bytes for the same options, whatever order they are given in', () => {
    const a = assemblePackage(base, { version: '12', scope: 'course', modules: ['coding-systems', 'the-job'], settings: { masteryScore: 70, randomise: false } });
    const b = assemblePackage(fixtureBase(), { version: '12', scope: 'course', modules: ['the-job', 'coding-systems'], settings: { randomise: false, masteryScore: 70 } });
    expect(Buffer.from(b.zip).equals(Buffer.from(a.zip))).toBe(true);
  });

  it('keys the package by manifest identifier and module set: the same when only settings change', () => {
    const id = (modules: string[], masteryScore = 80, scope: 'course' | 'module' = 'course') =>
      assemblePackage(base, { version: '12', scope, modules, settings: { masteryScore } }).options.packageId;
    expect(id(['the-job'], 80)).toBe(id(['the-job'], 60));
    expect(id(['the-job'])).not.toBe(id(['the-job', 'coding-systems']));
    expect(id(['the-job'], 80, 'module')).toBe('hit-career-01-the-job:the-job');
  });

  it('refuses what cannot make a package', () => {
    expect(() => assemblePackage(base, { version: '12', scope: 'course', modules: ['payroll'] })).toThrow(/no module named "payroll"/);
    expect(() => assemblePackage(base, { version: '12', scope: 'course', modules: [] })).toThrow(/at least one module/);
    expect(() => assemblePackage(base, { version: '12', scope: 'module' })).toThrow(/holds one module, got 2/);
    const old = fixtureBase((files) => files.set('index.html', new TextEncoder().encode('<!doctype html><title>no block</title>')));
    expect(() => assemblePackage(old, { version: '12', scope: 'course' })).toThrow(/no package options placeholder/);
    const schemas = { '12': schemaFiles('12'), '2004': schemaFiles('2004') };
    expect(() => courseBaseFrom(fixtureFiles(), schemas)).toThrow(/the build has no package-map.json/);
  });
});
