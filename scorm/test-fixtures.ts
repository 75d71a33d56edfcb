/**
 * A small hand-written course tree and fake build for the packager's unit tests, so they run in
 * seconds without `vite build`. Shapes follow src/lib/content/types.ts and build-map.ts.
 */
import { BUILD_MAP_FILE, type BuildMap } from '../src/lib/content/build-map';
import { UNPACKAGED_OPTIONS_BLOCK } from '../src/lib/content/package-options';
import type { CourseSettings, CourseTree, ModuleMeta } from '../src/lib/content/types';
import { courseBaseFrom, type CourseBase } from './assemble';
import type { CourseOverrides } from './choices';
import { schemaFiles } from './package';
import type { FileMap } from './zip';

const settings: CourseSettings = {
  title: 'Health Information Technician: A Career Course',
  description: 'What health information technicians do, coding & DRGs, privacy and the path to RHIT.',
  language: 'en-US',
  masteryScore: 80,
  completion: 'both',
  attemptsPerQuiz: 3,
  randomise: true,
  finalAssessmentItems: 20,
  modules: [],
  scormVersion: null,
  packageId: 'hit-career-course',
  whenFinished: 'keep-open'
};

const modules: ModuleMeta[] = [
  {
    slug: 'the-job',
    number: 1,
    title: 'The job',
    summary: 'What health information technicians do, who they work with and where.',
    minutes: 25,
    objectives: [
      { id: 'job-1', text: 'Describe the daily duties of a health information technician.' },
      { id: 'job-2', text: 'Distinguish the specializations of coder & cancer registrar.' }
    ],
    lessons: [
      { slug: 'what-they-do', title: 'What they do', minutes: 10, file: 'modules/01-the-job/01-what-they-do.md' },
      { slug: 'duties', title: 'Duties', minutes: 15, file: 'modules/01-the-job/02-duties.md' }
    ],
    quiz: { draw: 8, poolSize: 12, fingerprint: 'test' }
  },
  {
    slug: 'coding-systems',
    number: 2,
    title: 'Coding systems <ICD & CPT>',
    summary: 'ICD-10-CM, CPT and why codes decide payment.',
    minutes: 30,
    objectives: [{ id: 'code-1', text: 'Name the code sets used for diagnoses and procedures.' }],
    lessons: [{ slug: 'code-sets', title: 'Code sets', minutes: 30, file: 'modules/02-coding-systems/01-code-sets.md' }]
  }
];

export const fixtureTree: CourseTree = { settings, modules };

const text = (s: string) => new TextEncoder().encode(s);

const chunks = '_app/immutable/chunks';
/**
 * What a build holds: the page, an entry chunk, a shared chunk, each module's lesson chunk, an
 * exercise view only coding-systems places (with its stylesheet and a helper chunk only it
 * imports), version.json, and a static file the map does not know.
 */
export function fixtureFiles(marker = ''): FileMap {
  return new Map([
    ['index.html', text(`<!doctype html><head>${UNPACKAGED_OPTIONS_BLOCK}<title>course${marker}</title></head><script type="module" src="./_app/immutable/entry/start.js"></script>`)],
    ['_app/immutable/entry/start.js', text('import "./shared.js"; export const start = 1;')],
    [`${chunks}/shared.js`, text('export const shared = 1;')],
    [`${chunks}/lesson-the-job.js`, text('export const lesson = "job".repeat(100);')],
    [`${chunks}/lesson-coding-systems.js`, text('export const lesson = "code".repeat(100);')],
    [`${chunks}/exercise-view.js`, text('import "./exercise-logic.js";')],
    [`${chunks}/exercise-logic.js`, text('export const logic = 1;')],
    ['_app/immutable/assets/exercise-view.css', text('.x{}')],
    ['_app/version.json', text('{"version":"fixed"}')],
    ['robots.txt', text('')]
  ]);
}

const node = (over: Partial<BuildMap['files'][string]> = {}) => ({ imports: [], dynamicImports: [], css: [], assets: [], entry: false, ...over });

export function fixtureMap(): BuildMap {
  return {
    format: 1,
    launch: 'index.html',
    course: structuredClone(fixtureTree),
    files: {
      '_app/immutable/entry/start.js': node({
        entry: true,
        imports: [`${chunks}/shared.js`],
        dynamicImports: [`${chunks}/lesson-the-job.js`, `${chunks}/lesson-coding-systems.js`, `${chunks}/exercise-view.js`]
      }),
      [`${chunks}/shared.js`]: node(),
      [`${chunks}/lesson-the-job.js`]: node(),
      [`${chunks}/lesson-coding-systems.js`]: node(),
      [`${chunks}/exercise-view.js`]: node({ imports: [`${chunks}/exercise-logic.js`, `${chunks}/shared.js`], css: ['_app/immutable/assets/exercise-view.css'] }),
      [`${chunks}/exercise-logic.js`]: node()
    },
    gates: {
      [`${chunks}/lesson-the-job.js`]: ['the-job'],
      [`${chunks}/lesson-coding-systems.js`]: ['coding-systems'],
      [`${chunks}/exercise-view.js`]: ['coding-systems']
    }
  };
}

/** The fixture build as the packager reads it (map included), with the real schema files. */
export function fixtureBase(edit: (files: FileMap, map: BuildMap) => void = () => {}): CourseBase {
  const files = fixtureFiles();
  const map = fixtureMap();
  edit(files, map);
  files.set(BUILD_MAP_FILE, text(JSON.stringify(map)));
  return courseBaseFrom(files, { '12': schemaFiles('12'), '2004': schemaFiles('2004') });
}

/** The fixture tree with overrides applied the way a package applies its options. */
export function fakeBuild(overrides: CourseOverrides): { files: FileMap; tree: CourseTree } {
  const merged: CourseSettings = { ...settings, ...overrides };
  // A fresh copy per call, so a test that edits its tree cannot leak into another.
  const tree: CourseTree = structuredClone({
    settings: merged,
    modules: merged.modules.length ? modules.filter((m) => merged.modules.includes(m.slug)) : modules
  });
  return { files: fixtureFiles(JSON.stringify(overrides)), tree };
}
