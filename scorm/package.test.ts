import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { zipName } from './assemble';
import { readTree } from './disk';
import type { PackageOptions } from './options';
import { runPackager, schemaFiles, timestampedBuildWarning, type PackageRecord } from './package';
import { validateManifestSchema } from './schema-check';
import { fixtureBase } from './test-fixtures';
import { verifyPackage } from './verify';
import { readZip } from './zip';

const dirs: string[] = [];
const tempOut = () => {
  const d = mkdtempSync(join(tmpdir(), 'hit-dist-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(options: Partial<PackageOptions> = {}) {
  const out = tempOut();
  const result = runPackager({ versions: ['12', '2004'], overrides: {}, moduleZips: true, out, ...options }, { base: fixtureBase(), schemaCheck: 'require' });
  return { out, ...result };
}

/** Schema and referential checks of a zip as written to disk. */
function checkZip(path: string, version: '12' | '2004') {
  const files = readZip(readFileSync(path));
  const manifest = new TextDecoder().decode(files.get('imsmanifest.xml'));
  const schema = validateManifestSchema(version, manifest);
  const problems = verifyPackage({ manifestXml: manifest, zipPaths: [...files.keys()], controlFiles: [...schemaFiles(version).keys()] });
  return { files, manifest, schema, problems };
}

describe('npm run package (from a fake build)', () => {
  it('writes a 1.2 and a 2004 whole-course zip and one zip per module and version, named for teachers', () => {
    const { out, records } = run();
    expect(records.map((r) => r.file)).toEqual([
      'hit-career-course-scorm12.zip',
      'hit-career-course-scorm2004.zip',
      'modules/hit-career-01-the-job-scorm12.zip',
      'modules/hit-career-01-the-job-scorm2004.zip',
      'modules/hit-career-02-coding-systems-scorm12.zip',
      'modules/hit-career-02-coding-systems-scorm2004.zip'
    ]);
    for (const r of records) expect(existsSync(join(out, r.file))).toBe(true);
  });

  it('writes zips whose manifests validate and pass the referential checks', () => {
    const { out, records } = run();
    for (const r of records) {
      const { schema, problems } = checkZip(join(out, r.file), r.version);
      expect(schema.errors, r.file).toEqual([]);
      expect(problems, r.file).toEqual([]);
    }
  });

  it('puts one module in each module zip, and its objectives in the manifest', () => {
    const { out } = run();
    const { manifest } = checkZip(join(out, 'modules/hit-career-02-coding-systems-scorm2004.zip'), '2004');
    expect(manifest).toContain('objectiveID="code-1"');
    expect(manifest).not.toContain('objectiveID="job-1"');
    expect(manifest).toContain('<title>Module 2: Coding systems &lt;ICD &amp; CPT&gt; (Health Information Technician: A Career Course)</title>');
  });

  it('writes the teacher options into every package, the module zips each holding their module', () => {
    const { out, records } = run({ overrides: { masteryScore: 70, completion: 'lessons' } });
    for (const r of records) {
      const page = new TextDecoder().decode(readZip(readFileSync(join(out, r.file))).get('index.html'));
      expect(page, r.file).toContain('"masteryScore":70,"completion":"lessons"');
      expect(page, r.file).toContain(`"modules":${JSON.stringify(r.modules)}`);
    }
    expect(records.find((r) => r.file === 'modules/hit-career-02-coding-systems-scorm12.zip')?.modules).toEqual(['coding-systems']);
  });

  it('writes packages.json with each zip and its true byte size, for the benchmark', () => {
    const { out, records } = run();
    const listed = JSON.parse(readFileSync(join(out, 'packages.json'), 'utf8')) as { packages: PackageRecord[] };
    expect(listed.packages.map((p) => p.file)).toEqual(records.map((r) => r.file));
    for (const p of listed.packages) expect(p.bytes).toBe(readFileSync(join(out, p.file)).byteLength);
  });

  it('unpacks each zip into unpacked/<name>/ as an LMS would', () => {
    const { out } = run();
    const unpacked = readTree(join(out, 'unpacked', 'hit-career-course-scorm12'));
    const zipped = readZip(readFileSync(join(out, 'hit-career-course-scorm12.zip')));
    expect([...unpacked.keys()]).toEqual([...zipped.keys()]);
    expect(unpacked.has('index.html')).toBe(true);
    expect(unpacked.has('imsmanifest.xml')).toBe(true);
  });

  it('gives byte-identical zips from the same sources', () => {
    const a = run().records.map((r) => r.sha256);
    const b = run().records.map((r) => r.sha256);
    expect(b).toEqual(a);
  });

  it('skips module zips with --quick and makes only the chosen version', () => {
    const { records } = run({ moduleZips: false, versions: ['12'] });
    expect(records.map((r) => r.file)).toEqual(['hit-career-course-scorm12.zip']);
  });

  it('with --modules, makes the course zip of those modules and module zips only for them', () => {
    const { out, records } = run({ overrides: { modules: ['coding-systems'] } });
    expect(records.map((r) => r.file)).toEqual([
      'hit-career-course-scorm12.zip',
      'hit-career-course-scorm2004.zip',
      'modules/hit-career-02-coding-systems-scorm12.zip',
      'modules/hit-career-02-coding-systems-scorm2004.zip'
    ]);
    expect(records[0]?.modules).toEqual(['coding-systems']);
    expect(checkZip(join(out, 'hit-career-course-scorm2004.zip'), '2004').manifest).not.toContain('job-1');
  });

  it('removes zips of a previous run but leaves other files in the output folder alone', () => {
    const out = tempOut();
    const deps = { base: fixtureBase(), schemaCheck: 'skip' as const };
    runPackager({ versions: ['12', '2004'], overrides: {}, moduleZips: true, out }, deps);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    runPackager({ versions: ['12'], overrides: {}, moduleZips: false, out }, deps);
    expect(existsSync(join(out, 'hit-career-course-scorm2004.zip'))).toBe(false);
    expect(existsSync(join(out, 'modules'))).toBe(false);
    expect(existsSync(join(out, 'unpacked', 'hit-career-course-scorm2004'))).toBe(false);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('runPackager', () => {
  it('refuses to write a package whose manifest fails the schema', () => {
    const base = fixtureBase((_, map) => {
      // The referential checks pass this one; only the schema knows LOM wants a language tag.
      map.course.settings.language = 'English, please';
    });
    const out = tempOut();
    expect(() => runPackager({ versions: ['2004'], overrides: {}, moduleZips: false, out }, { base, schemaCheck: 'require' })).toThrow(
      /hit-career-course-scorm2004.zip: imsmanifest.xml is not valid SCORM 2004/
    );
    expect(existsSync(join(out, 'hit-career-course-scorm2004.zip'))).toBe(false);
  });

  it('records how many course builds the run made and how long assembling took, for the benchmark', () => {
    const out = tempOut();
    runPackager({ versions: ['12'], overrides: {}, moduleZips: false, out }, { base: fixtureBase(), schemaCheck: 'skip', courseBuilds: 1 });
    const listed = JSON.parse(readFileSync(join(out, 'packages.json'), 'utf8')) as { courseBuilds: number; assembleMs: number };
    expect(listed.courseBuilds).toBe(1);
    expect(listed.assembleMs).toBeGreaterThanOrEqual(0);
  });
});

describe('zipName', () => {
  it('says what the zip holds and its SCORM version', () => {
    expect(zipName('12')).toBe('hit-career-course-scorm12');
    expect(zipName('2004', { number: 3, slug: 'coding-systems' })).toBe('hit-career-03-coding-systems-scorm2004');
  });
});

describe('timestampedBuildWarning', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('warns when SvelteKit named the build by the time it ran, which breaks byte-identical zips', () => {
    expect(timestampedBuildWarning(new Map([['_app/version.json', enc('{"version":"1795487178969"}')]]))).toMatch(
      /set kit.version.name in svelte.config.js/
    );
  });

  it('is quiet for a fixed build name', () => {
    expect(timestampedBuildWarning(new Map([['_app/version.json', enc('{"version":"0.1.0"}')]]))).toBeUndefined();
    expect(timestampedBuildWarning(new Map())).toBeUndefined();
  });
});
