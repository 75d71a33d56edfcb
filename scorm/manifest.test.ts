import { describe, expect, it } from 'vitest';
import { buildManifest, clipTitle, manifestInputFromTree, MAX_TITLE, normalizedMeasure, toIdentifier, type ScormVersion } from './manifest';
import type { CourseOverrides } from './choices';
import { validateManifestSchema } from './schema-check';
import { fakeBuild, fixtureFiles } from './test-fixtures';
import { attrLocal, findAll, parseXml, textOf } from './xml';

const files = [...fixtureFiles().keys()];

/** Every option set a teacher can give that changes the manifest (the others change only the build). */
const optionSets: [string, CourseOverrides][] = [
  ['default options', {}],
  ['a pass mark of 65', { masteryScore: 65 }],
  ['a pass mark of 0', { masteryScore: 0 }],
  ['a pass mark of 100', { masteryScore: 100 }],
  ['a pass mark of 72.5', { masteryScore: 72.5 }],
  ['a title with markup characters', { title: 'Coding & DRGs: "the <basics>" for O\'Brien\'s class' }],
  ['a title at the 200-character limit', { title: 'T'.repeat(MAX_TITLE) }],
  ['one module only', { modules: ['coding-systems'] }],
  ['lessons-only completion, 1 attempt, no shuffling', { completion: 'lessons', attemptsPerQuiz: 1, randomise: false }]
];

function manifestFor(version: ScormVersion, overrides: CourseOverrides, scope: 'course' | 'module' = 'course'): string {
  const { tree } = fakeBuild(overrides);
  return buildManifest(manifestInputFromTree(tree, { version, scope, identifier: 'hit-career-course', files }));
}

describe.each(['12', '2004'] as const)('SCORM %s manifest', (version) => {
  it.each(optionSets)('is valid against the official schemas with %s', (_, overrides) => {
    const result = validateManifestSchema(version, manifestFor(version, overrides));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is valid for a per-module package', () => {
    const result = validateManifestSchema(version, manifestFor(version, { modules: ['the-job'] }, 'module'));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('carries the title, the description and every objective text', () => {
    const xml = manifestFor(version, { title: 'Coding & DRGs' });
    const root = parseXml(xml);
    expect(textOf(findAll(root, 'organization')[0]?.children.find((c) => typeof c !== 'string' && c.name === 'title') as never)).toBe(
      'Coding & DRGs'
    );
    const strings = findAll(root, version === '12' ? 'langstring' : 'string').map(textOf);
    expect(strings).toContain('What health information technicians do, coding & DRGs, privacy and the path to RHIT.');
    expect(strings).toContain('job-2: Distinguish the specializations of coder & cancer registrar.');
    expect(strings).toContain('code-1: Name the code sets used for diagnoses and procedures.');
  });

  it('lists every file of the build in one SCO resource launching index.html', () => {
    const root = parseXml(manifestFor(version, {}));
    const [resource] = findAll(root, 'resource');
    expect(resource?.attrs.href).toBe('index.html');
    expect(attrLocal(resource!, version === '12' ? 'scormtype' : 'scormType')).toBe('sco');
    expect(findAll(root, 'file').map((f) => f.attrs.href)).toEqual([...files].sort());
    expect(findAll(root, 'item')[0]?.attrs.identifierref).toBe(resource?.attrs.identifier);
  });

  it('refuses a launch file that is not among the files', () => {
    const { tree } = fakeBuild({});
    expect(() => buildManifest(manifestInputFromTree(tree, { version, scope: 'course', identifier: 'x', files: ['_app/a.js'] }))).toThrow(
      /launch file index.html/
    );
  });
});

describe('mastery score', () => {
  it('is the 1.2 adlcp:masteryscore of the item, which Moodle compares score.raw with', () => {
    const root = parseXml(manifestFor('12', { masteryScore: 65 }));
    expect(findAll(root, 'masteryscore').map(textOf)).toEqual(['65']);
  });

  it('is the 2004 primary objective, satisfied by a normalized measure of mastery/100', () => {
    const root = parseXml(manifestFor('2004', { masteryScore: 65 }));
    const [primary] = findAll(root, 'primaryObjective');
    expect(primary?.attrs.satisfiedByMeasure).toBe('true');
    expect(findAll(primary!, 'minNormalizedMeasure').map(textOf)).toEqual(['0.65']);
  });

  it('is on every secondary 2004 objective too, so no LMS takes another pass mark from them (Moodle finding A)', () => {
    const root = parseXml(manifestFor('2004', { masteryScore: 65 }));
    const secondary = findAll(root, 'objective');
    expect(secondary.length).toBeGreaterThan(0);
    for (const objective of secondary) {
      expect(findAll(objective, 'minNormalizedMeasure').map(textOf)).toEqual(['0.65']);
      expect(objective.attrs.satisfiedByMeasure).toBeUndefined();
    }
  });

  it('becomes a measure without float noise', () => {
    expect(normalizedMeasure(80)).toBe('0.8');
    expect(normalizedMeasure(67)).toBe('0.67');
    expect(normalizedMeasure(72.5)).toBe('0.725');
    expect(normalizedMeasure(100)).toBe('1');
    expect(normalizedMeasure(0)).toBe('0');
  });

  it('keeps every decimal of a pass mark a teacher may type, as the 1.2 masteryscore does', () => {
    // 33.333% in 1.2 is the same mark as 0.33333 in 2004; 0.3333 would pass a score of 33.33.
    expect(normalizedMeasure(33.333)).toBe('0.33333');
    expect(normalizedMeasure(12.3456)).toBe('0.123456');
    expect(normalizedMeasure(70.05)).toBe('0.7005');
  });
});

describe('objectives', () => {
  it('are 2004 sequencing objectives with the module objective ids, for the included modules only', () => {
    const root = parseXml(manifestFor('2004', { modules: ['the-job'] }));
    expect(findAll(root, 'objective').map((o) => o.attrs.objectiveID)).toEqual(['job-1', 'job-2']);
  });
});

describe('2004 navigation', () => {
  it("hides the LMS's previous and continue buttons, which would only leave the one SCO", () => {
    const root = parseXml(manifestFor('2004', {}));
    expect(findAll(root, 'hideLMSUI').map(textOf)).toEqual(['previous', 'continue']);
  });
});

describe('titles and identifiers', () => {
  it('names a per-module package after its module and the course', () => {
    const { tree } = fakeBuild({ modules: ['coding-systems'] });
    const input = manifestInputFromTree(tree, { version: '12', scope: 'module', identifier: 'hit-career-02-coding-systems', files });
    expect(input.title).toBe('Module 2: Coding systems <ICD & CPT> (Health Information Technician: A Career Course)');
    expect(input.description).toBe('ICD-10-CM, CPT and why codes decide payment.');
  });

  it('clips titles to the SCORM 1.2 limit of 200 characters at a word', () => {
    const long = 'word '.repeat(60);
    const clipped = clipTitle(long);
    expect(clipped.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(clipped.endsWith('word...')).toBe(true);
    expect(clipTitle('  Short   title ')).toBe('Short title');
  });

  it('makes identifiers valid XML IDs', () => {
    expect(toIdentifier('hit-career-01-the-job')).toBe('hit-career-01-the-job');
    expect(toIdentifier('01 job/x')).toBe('id-01-job-x');
  });
});
