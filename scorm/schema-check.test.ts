import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManifest, type ScormVersion } from './manifest';
import { SCHEMAS_DIR, validateManifestSchema } from './schema-check';

/** Git's blob id of a file: sha1("blob <size>\0" + bytes), as SOURCES.md records for each schema. */
function gitBlobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

describe('the schema files in scorm/schemas', () => {
  const sources = readFileSync(join(SCHEMAS_DIR, 'SOURCES.md'), 'utf8');
  const rows = [...sources.matchAll(/^\| `([^`]+\.(?:xsd|dtd))` \| `([0-9a-f]{40})` \|/gm)].map((m) => [m[1]!, m[2]!] as const);

  it('are listed in SOURCES.md (4 for SCORM 1.2, the ADL 4th Edition set for 2004)', () => {
    expect(rows.filter(([f]) => f.startsWith('scorm12/'))).toHaveLength(4);
    expect(rows.filter(([f]) => f.startsWith('scorm2004-4th/')).length).toBeGreaterThanOrEqual(30);
  });

  it('are byte-for-byte the official files SOURCES.md names (same git blob ids)', () => {
    for (const [file, blob] of rows) expect(gitBlobId(readFileSync(join(SCHEMAS_DIR, file))), file).toBe(blob);
  });
});

const base = (version: ScormVersion) =>
  buildManifest({
    version,
    identifier: 'hit-career-course',
    title: 'T',
    description: 'D',
    language: 'en-US',
    masteryScore: 80,
    objectives: [{ id: 'job-1', text: 'x' }],
    launch: 'index.html',
    files: ['index.html']
  });

describe('validateManifestSchema', () => {
  it.each(['12', '2004'] as const)('accepts a generated SCORM %s manifest', (version) => {
    expect(validateManifestSchema(version, base(version))).toEqual({ valid: true, errors: [] });
  });

  it('refuses a SCORM 1.2 resource of an unknown scormtype, naming the line and the problem', () => {
    const result = validateManifestSchema('12', base('12').replace('adlcp:scormtype="sco"', 'adlcp:scormtype="bogus"'));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/imsmanifest.xml:\d+: .*scormtype.*bogus/);
  });

  it('refuses SCORM 1.2 names written the 2004 way (letter case matters)', () => {
    const result = validateManifestSchema('12', base('12').replace('adlcp:scormtype=', 'adlcp:scormType='));
    expect(result.valid).toBe(false);
  });

  it('refuses a 2004 manifest whose sequencing is out of order', () => {
    const broken = base('2004').replace(
      /(<imsss:objectives>[\s\S]*<\/imsss:objectives>)(\s*)(<imsss:deliveryControls[^>]*\/>)/,
      '$3$2$1'
    );
    expect(broken).not.toBe(base('2004'));
    expect(validateManifestSchema('2004', broken).valid).toBe(false);
  });

  it('refuses a 1.2 manifest declared as a 2004 one', () => {
    expect(validateManifestSchema('2004', base('12')).valid).toBe(false);
  });
});
