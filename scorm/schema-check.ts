/**
 * Validates a manifest against the official SCORM schemas with xmllint (libxml2-utils), offline.
 * scorm/schemas/ holds byte-for-byte copies of ADL's SCORM 1.2 and 2004 4th Edition XSDs (provenance
 * in scorm/schemas/SOURCES.md), so the repository validates on CI with nothing beside it; the
 * wrappers and catalog work around xmllint's single --schema and ADL's absolute xml.xsd import
 * (scorm/schemas/VALIDATE.md, problems 1 and 2).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ScormVersion } from './manifest';

export const SCHEMAS_DIR = resolve(import.meta.dirname, 'schemas');

export interface SchemaResult {
  valid: boolean;
  /** xmllint's messages, minus the harmless ims_xml.xsd namespace warning (VALIDATE.md problem 3). */
  errors: string[];
}

export function xmllintAvailable(): boolean {
  return spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Validates manifest text; throws only when xmllint itself is missing or the schema fails to compile. */
export function validateManifestSchema(version: ScormVersion, manifestXml: string): SchemaResult {
  return validateManifestSchemas(version, [manifestXml])[0]!;
}

/**
 * Validates several manifests of one version in one xmllint run, so the schema set (ADL's 2004
 * set is some forty files) is compiled once for all the packages of a run, not once per package.
 */
export function validateManifestSchemas(version: ScormVersion, manifests: string[]): SchemaResult[] {
  if (!manifests.length) return [];
  const dir = mkdtempSync(join(tmpdir(), 'hit-manifest-'));
  try {
    const files = manifests.map((xml, i) => {
      const file = join(dir, `${i}`, 'imsmanifest.xml');
      mkdirSync(dirname(file));
      writeFileSync(file, xml);
      return file;
    });
    const wrapper = join(SCHEMAS_DIR, 'wrappers', version === '12' ? 'scorm12-all.xsd' : 'scorm2004-4th-all.xsd');
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', wrapper, ...files], {
      encoding: 'utf8',
      env: { ...process.env, XML_CATALOG_FILES: join(SCHEMAS_DIR, 'catalog.xml') },
      maxBuffer: 64 * 1024 * 1024
    });
    if (run.error) {
      throw new Error('xmllint is not installed: install libxml2-utils (tests/setup-system.sh does it on Debian)');
    }
    if (run.status === 5) throw new Error(`the SCORM ${version} schema failed to compile:\n${run.stderr}`);
    const lines = run.stderr.split('\n');
    return files.map((file) => {
      const errors = lines
        .filter((l) => l.startsWith(file) && !/validates$/.test(l))
        .map((l) => l.replace(file, 'imsmanifest.xml'));
      return { valid: errors.length === 0 && lines.includes(`${file} validates`), errors };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
