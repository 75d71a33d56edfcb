import { describe, expect, it } from 'vitest';
import { assemblePackage } from './assemble';
import { fixtureBase } from './test-fixtures';
import { assertPackageSound, badHref, verifyPackage, type VerifyInput } from './verify';
import { readZip } from './zip';

/** A sound package of each version, as the packager makes it: manifest text and zip paths. */
function soundPackage(version: '12' | '2004'): VerifyInput & { schemas: string[] } {
  const { zip, manifest } = assemblePackage(fixtureBase(), { version, scope: 'course' });
  const paths = [...readZip(zip).keys()];
  const schemas = paths.filter((p) => p.endsWith('.xsd') || p.endsWith('.dtd'));
  return { manifestXml: manifest, zipPaths: paths, controlFiles: schemas, schemas };
}

const rules = (input: VerifyInput) => verifyPackage(input).map((p) => p.rule);

describe.each(['12', '2004'] as const)('referential checks on a SCORM %s package', (version) => {
  const sound = soundPackage(version);
  const broken = (from: string | RegExp, to: string): VerifyInput => {
    const manifestXml = sound.manifestXml.replace(from, to);
    expect(manifestXml, 'the test must really change the manifest').not.toBe(sound.manifestXml);
    return { ...sound, manifestXml };
  };

  it('find nothing wrong with the package the packager makes', () => {
    expect(verifyPackage(sound)).toEqual([]);
    expect(() => assertPackageSound('ok', sound)).not.toThrow();
  });

  it('carry the schema files the manifest names, at the root', () => {
    const named = version === '12' ? ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd'] : ['imscp_v1p1.xsd', 'adlcp_v1p3.xsd', 'imsss_v1p0.xsd', 'lom.xsd'];
    for (const f of named) expect(sound.zipPaths).toContain(f);
  });

  it('catch an item whose identifierref names no resource', () => {
    expect(rules(broken(/identifierref="[^"]+"/, 'identifierref="no-such-resource"'))).toContain('identifierref');
  });

  it('catch a listed file that is not in the zip', () => {
    expect(rules(broken('<file href="_app/version.json"/>', '<file href="_app/version.json"/><file href="_app/missing.js"/>'))).toContain(
      'file-exists'
    );
  });

  it('catch a file in the zip that no resource lists', () => {
    expect(rules(broken('<file href="_app/version.json"/>', ''))).toEqual(['file-listed']);
  });

  it('catch a stray file added to the zip', () => {
    expect(rules({ ...sound, zipPaths: [...sound.zipPaths, 'notes.txt'] })).toEqual(['file-listed']);
  });

  it('catch a launch file missing from the zip', () => {
    expect(rules({ ...sound, zipPaths: sound.zipPaths.filter((p) => p !== 'index.html') })).toContain('file-exists');
  });

  it('catch a SCO without a launch href', () => {
    expect(rules(broken(/ href="index.html"(?=>)/, ''))).toContain('launch-href');
  });

  it('catch a launch file that is not listed as a file', () => {
    expect(rules(broken('<file href="index.html"/>', ''))).toContain('launch-listed');
  });

  it('catch a file differing only in letter case, which Canvas would not serve', () => {
    const problems = verifyPackage(broken('<file href="index.html"/>', '<file href="Index.html"/>'));
    expect(problems.map((p) => p.message).join('\n')).toMatch(/differs in letter case/);
  });

  it('catch absolute, URL and parent-folder hrefs', () => {
    expect(rules(broken('<file href="_app/version.json"/>', '<file href="/_app/version.json"/>'))).toContain('relative-href');
    expect(rules(broken('<file href="_app/version.json"/>', '<file href="https://cdn.example/x.js"/>'))).toContain('relative-href');
    expect(rules(broken('<file href="_app/version.json"/>', '<file href="../_app/version.json"/>'))).toContain('relative-href');
  });

  it('catch a default organization that does not exist', () => {
    expect(rules(broken(/default="[^"]+"/, 'default="elsewhere"'))).toContain('default-organization');
  });

  it('catch a repeated identifier', () => {
    expect(rules(broken(/<item identifier="[^"]+"/, '<item identifier="hit-career-course-resource"'))).toContain('unique-identifier');
  });

  it('catch a missing schema file', () => {
    const named = version === '12' ? 'adlcp_rootv1p2.xsd' : 'adlcp_v1p3.xsd';
    const zipPaths = sound.zipPaths.filter((p) => p !== named);
    expect(rules({ ...sound, zipPaths })).toEqual(['schema-files']);
  });

  it('catch a missing manifest and a manifest that is not XML', () => {
    expect(rules({ ...sound, zipPaths: sound.zipPaths.filter((p) => p !== 'imsmanifest.xml') })).toContain('manifest-at-root');
    expect(rules({ ...sound, manifestXml: sound.manifestXml.replace('</resources>', '') })).toEqual(['well-formed']);
  });

  it('refuse a broken package with every problem named', () => {
    expect(() => assertPackageSound('course.zip', broken(/identifierref="[^"]+"/, 'identifierref="nope"'))).toThrow(
      /course.zip is not a sound SCORM package:\n {2}\[identifierref\] item "hit-career-course-sco" has identifierref="nope"/
    );
  });
});

describe('mastery range', () => {
  it('catches a 1.2 masteryscore over 100 (the schema takes any string)', () => {
    const sound = soundPackage('12');
    const input = { ...sound, manifestXml: sound.manifestXml.replace(/<adlcp:masteryscore>\d+</, '<adlcp:masteryscore>180<') };
    expect(rules(input)).toEqual(['mastery-range']);
  });

  it('catches a 2004 minNormalizedMeasure over 1', () => {
    const sound = soundPackage('2004');
    const input = { ...sound, manifestXml: sound.manifestXml.replace(/<imsss:minNormalizedMeasure>[^<]+</, '<imsss:minNormalizedMeasure>80<') };
    expect(rules(input)).toEqual(['mastery-range']);
  });
});

describe('badHref', () => {
  it.each([
    ['_app/x.js', undefined],
    ['index.html', undefined],
    ['', 'is empty'],
    ['a\\b.js', 'uses a backslash; package paths use "/"'],
    ['/x.js', 'is absolute; package paths are relative to the manifest'],
    ['http://x/y.js', 'is a URL; every file must be inside the package'],
    ['a/../b.js', 'contains "." or ".." segments']
  ])('%s -> %s', (href, expected) => {
    expect(badHref(href)).toBe(expected);
  });
});
