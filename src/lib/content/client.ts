/**
 * The course as the browser sees it. The tree is on the first screen; everything else is a
 * separate chunk fetched on demand (see vite-plugin.ts).
 *
 * One build serves every package: at launch the package's options (package-options.ts) are
 * merged over the authored settings, so `course.settings` and `course.modules` are this package's.
 */
import { course as authored, lessonLoaders, moduleLoaders } from 'virtual:hit/course';
import { applyPackageOptions, packageOptionsNotice, readPackageOptions, unlinkModules } from './package-options';
import type { CourseTree, GlossaryEntry, LessonContent, ModuleChunk, QuizItem, Source } from './types';

const read = readPackageOptions();
const launch = applyPackageOptions(authored, read);
/**
 * Whether nothing tells which modules the package holds (options unusable and no modules record):
 * only then may a module chunk be missing from a sound launch, and the final assessment leaves it out.
 */
const holdingsUnknown = read.problem !== null && read.options === null && !read.present?.length;
if (launch.problem) console.warn(`Course settings: ${launch.problem}; using the authored settings.`);

/** This package's course: its settings and only its modules. */
export const course: CourseTree = launch.tree;
/** A plain-words notice for the learner when the package's options could not be used, else null. */
export const packageNotice: string | null = launch.problem ? packageOptionsNotice(course) : null;

/** Modules of the build that this package leaves out: links to them become plain text. */
const excluded = new Set(authored.modules.map((m) => m.slug).filter((slug) => !course.modules.some((m) => m.slug === slug)));

const cache = new Map<string, Promise<ModuleChunk>>();

/** One module's overview and graded pool. Rejects for a slug not in this build. */
export function loadModule(slug: string): Promise<ModuleChunk> {
  const loader = course.modules.some((m) => m.slug === slug) ? moduleLoaders[slug] : undefined;
  if (!loader) return Promise.reject(new Error(`No module "${slug}" in this course`));
  if (!cache.has(slug)) {
    // A failed load is not kept: the next visit asks again (a weak network, a server answering 503 once).
    const loading = loader().then((m) => unlinkModules(m.default, excluded));
    loading.catch(() => cache.delete(slug));
    cache.set(slug, loading);
  }
  return cache.get(slug)!;
}

/** One lesson and the data its components use: all a lesson page needs. */
export function loadLesson(moduleSlug: string, lessonSlug: string): Promise<LessonContent> {
  const included = course.modules.some((m) => m.slug === moduleSlug);
  const loader = included ? lessonLoaders[`${moduleSlug}/${lessonSlug}`] : undefined;
  if (!loader) return Promise.reject(new Error(`No lesson "${moduleSlug}/${lessonSlug}" in this course`));
  return loader().then((m) => unlinkModules(m.default, excluded));
}

/** Every included module's graded pool, by module slug (for the final assessment). */
export async function loadQuizBanks(): Promise<Record<string, QuizItem[]>> {
  // A module the package holds must load: a graded final drawn silently from fewer modules would be
  // reported to the LMS as the real one. Only when nothing tells which modules the package holds (a
  // damaged package) is a chunk that cannot load left out, never fatal.
  const chunks = await Promise.all(course.modules.map((m) => (holdingsUnknown ? loadModule(m.slug).catch(() => null) : loadModule(m.slug))));
  return Object.fromEntries(chunks.flatMap((c) => (c ? [[c.slug, c.quiz]] : [])));
}

export async function loadGlossary(): Promise<GlossaryEntry[]> {
  return unlinkModules((await import('virtual:hit/glossary')).default, excluded);
}

let objectiveTexts: Promise<Record<string, string>> | undefined;

/**
 * Every objective's text by id. The tree carries only the ids (no first screen shows the texts):
 * the module and progress pages load them with their data, home when a learner opens (or points
 * at, or focuses) a module's "What you will be able to do", and a SCORM 2004 session with its chunk.
 */
export function loadObjectiveTexts(): Promise<Record<string, string>> {
  if (!objectiveTexts) {
    objectiveTexts = import('virtual:hit/objectives').then((m) => m.default);
    // A failed load is not kept: the next ask tries again.
    objectiveTexts.catch(() => (objectiveTexts = undefined));
  }
  return objectiveTexts;
}

export async function loadSources(): Promise<Source[]> {
  return (await import('virtual:hit/sources')).default;
}

/** Where a lesson sits in the course: its module, neighbours and position. */
export function locateLesson(moduleSlug: string, lessonSlug: string) {
  const flat = course.modules.flatMap((m) => m.lessons.map((l) => ({ module: m, lesson: l })));
  const index = flat.findIndex((x) => x.module.slug === moduleSlug && x.lesson.slug === lessonSlug);
  if (index < 0) return null;
  const here = flat[index]!;
  const inModule = here.module.lessons.findIndex((l) => l.slug === lessonSlug);
  return {
    module: here.module,
    lesson: here.lesson,
    /** 1-based position within the module. */
    position: inModule + 1,
    previous: flat[index - 1] ?? null,
    next: flat[index + 1] ?? null
  };
}
