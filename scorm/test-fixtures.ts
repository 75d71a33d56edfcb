/**
 * A small hand-written course tree and fake build for the packager's unit tests, so they run in
 * seconds without `vite build`. Shapes follow src/lib/content/types.ts.
 */
import type { CourseSettings, CourseTree, ModuleMeta } from '../src/lib/content/types';
import type { BuiltCourse } from './package';
import type { CourseOverrides } from './options';
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
      { id: 'job-2', text: 'Distinguish the specialisations of coder & cancer registrar.' }
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
export const fixtureModuleList = modules.map((m) => ({ slug: m.slug, number: m.number }));

const text = (s: string) => new TextEncoder().encode(s);

/** What a build holds: the page, chunks under _app/, a file in a nested folder. */
export function fixtureFiles(marker = ''): FileMap {
  return new Map([
    ['index.html', text(`<!doctype html><title>course${marker}</title><script type="module" src="./_app/immutable/entry/start.js"></script>`)],
    ['_app/immutable/entry/start.js', text('export const start = 1;')],
    ['_app/immutable/chunks/lesson.js', text('export const lesson = "x".repeat(100);')],
    ['_app/version.json', text('{"version":"fixed"}')]
  ]);
}

/** A builder that applies overrides to the fixture tree the way the loader does. */
export function fakeBuild(overrides: CourseOverrides): BuiltCourse {
  const merged: CourseSettings = { ...settings, ...overrides };
  // A fresh copy per build, so a test that edits its tree cannot leak into another.
  const tree: CourseTree = structuredClone({
    settings: merged,
    modules: merged.modules.length ? modules.filter((m) => merged.modules.includes(m.slug)) : modules
  });
  return { files: fixtureFiles(JSON.stringify(overrides)), tree };
}
