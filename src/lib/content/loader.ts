/**
 * Reads modules/ at build time, checks every file against its schema and every reference
 * (components, glossary terms, citations, links, quiz objectives), and returns the course.
 * All problems are gathered and thrown together as ContentErrors, each naming file and field.
 *
 * Runs in Node (Vite plugin, Vitest, the packager): relative imports only, no `$lib`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { compileLessonBody, componentDataFolders } from './components';
import { checkIcon, type ModuleIcon } from './icons';
import type { CompileContext } from './compile-context';
import { ContentError, ContentErrors, gatherErrors } from './errors';
import { MarkdownCompiler, type LinkTargets } from './markdown';
import { checkArchive } from './source-archive';
import {
  courseSchema,
  factsSchema,
  figuresSchema,
  glossarySchema,
  lessonFrontmatterSchema,
  moduleFrontmatterSchema,
  parseWith,
  sourcesSchema
} from './schema';
import type {
  CourseSettings,
  CourseTree,
  GlossaryEntry,
  Lesson,
  LessonMeta,
  ModuleContent,
  ModuleMeta,
  QuizItem,
  Source
} from './types';
import { compileQuizFile } from '../quiz/items';
import { digest } from '../lms/digest';
import { chartDataSchemas, checkChartSources } from '../charts/schemas';
import { exerciseSchemas } from '../exercises/schemas';

export interface Figure {
  value: string;
  source: string;
  year: string;
  where?: string;
  file: string;
}

/** A row of modules/facts/*.yaml (see factsSchema), with the file it came from. */
export interface Fact {
  id: string;
  value: string;
  statement: string;
  source: string;
  where: string;
  year: string;
  basis: 'primary' | 'secondary' | 'cms-grouper';
  data?: Record<string, string | number | boolean | null | string[]>;
  file: string;
}

export interface LoadedCourse {
  tree: CourseTree;
  /** Included modules' bodies, by slug. */
  modules: Record<string, ModuleContent>;
  glossary: GlossaryEntry[];
  sources: Source[];
  /** Every module's figures.yaml rows (all modules, included or not). */
  figures: Figure[];
  /** Every fact in modules/facts/ (the restated sources the figure tests read). */
  facts: Fact[];
  /** Every file read, for the dev server to watch. */
  files: string[];
  /** Included modules' icons (modules/NN-slug/icon.svg, checked by icons.ts), by slug. */
  icons: Record<string, ModuleIcon>;
}

export interface LoadOptions {
  /** Repository root (the folder holding modules/). */
  root: string;
  /** Teacher options merged over course.yaml (see scorm/options.ts). */
  overrides?: Partial<CourseSettings>;
}

const MODULE_DIR = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
/** Top-level routes of the app that a module slug would shadow. */
const RESERVED_MODULE_SLUGS = new Set(['glossary', 'sources', 'final', 'about', 'progress', 'certificate']);
/** Folders of modules/ that hold course-wide data, not a module: archived source texts and facts. */
const DATA_FOLDERS = new Set(['sources', 'facts']);
/** Sources the course itself provides (a labelled example rate), which no outside text backs. */
const COURSE_SOURCE = /^course-/;
/** Child route of a module page that a lesson slug would shadow. */
const RESERVED_LESSON_SLUGS = new Set(['quiz']);

/** Splits `---\nyaml\n---\nbody`; returns the line count of the frontmatter for error positions. */
export function splitFrontmatter(source: string): { data: unknown; body: string; lines: number } | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!m) return null;
  return { data: parseYaml(m[1]!) ?? {}, body: source.slice(m[0].length), lines: m[0].split('\n').length - 1 };
}

export function loadCourse({ root, overrides = {} }: LoadOptions): LoadedCourse {
  const errors: ContentError[] = [];
  const files: string[] = [];
  const modulesDir = join(root, 'modules');
  const rel = (p: string) => relative(root, p).split('\\').join('/');

  /** Runs `fn`, gathering its content errors instead of stopping at the first. */
  const attempt = <T>(fn: () => T): T | undefined => gatherErrors(errors, fn);

  function readYaml(path: string): unknown {
    files.push(path);
    try {
      return parseYaml(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new ContentError(rel(path), '(file)', `expected valid YAML (${(e as Error).message.split('\n')[0]})`);
    }
  }

  // --- Course settings and sources -----------------------------------------------------------
  const coursePath = join(modulesDir, 'course.yaml');
  const baseSettings = attempt(() => parseWith(courseSchema, readYaml(coursePath), rel(coursePath)));
  const parsedSettings = baseSettings
    ? attempt(() => parseWith(courseSchema, { ...baseSettings, ...overrides }, 'teacher options'))
    : undefined;
  const settings: CourseSettings | undefined = parsedSettings ? withPackageDefaults(parsedSettings) : undefined;

  const sourcesPath = join(modulesDir, 'sources.yaml');
  const sources: Source[] = attempt(() => parseWith(sourcesSchema, readYaml(sourcesPath), rel(sourcesPath))) ?? [];
  const sourceMap = new Map<string, Source>();
  sources.forEach((s, i) => {
    if (sourceMap.has(s.id)) errors.push(new ContentError(rel(sourcesPath), `[${i}].id`, `expected a unique id, got "${s.id}" twice`));
    sourceMap.set(s.id, s);
    if (s.archive) {
      files.push(join(modulesDir, s.archive));
      errors.push(...checkArchive(modulesDir, s, rel(sourcesPath), `[${i}]`));
    }
  });

  // --- Facts restated from sources the repo does not archive (modules/facts/*.yaml) ----------
  const facts: Fact[] = [];
  const factsDir = join(modulesDir, 'facts');
  const factOwner = new Map<string, string>();
  const factFiles = existsSync(factsDir) ? readdirSync(factsDir).filter((f) => f.endsWith('.yaml')).sort() : [];
  let unreadFactsFile = false;
  for (const fileName of factFiles) {
    const path = join(factsDir, fileName);
    const parsed = attempt(() => parseWith(factsSchema, readYaml(path), rel(path)));
    if (!parsed) unreadFactsFile = true;
    const rows = parsed ?? [];
    rows.forEach((row, i) => {
      const owner = factOwner.get(row.id);
      if (owner) errors.push(new ContentError(rel(path), `[${i}].id`, `expected a fact id unique in modules/facts/, got "${row.id}" also in ${owner}`));
      factOwner.set(row.id, rel(path));
      const source = sourceMap.get(row.source);
      if (!source) errors.push(new ContentError(rel(path), `[${i}].source`, `expected a source id from modules/sources.yaml, got "${row.source}"`));
      else if (source.archive) {
        errors.push(new ContentError(rel(path), `[${i}].source`, `expected a source whose text is not archived (facts from "${row.source}" are checked against modules/${source.archive} itself), got "${row.source}"`));
      }
      facts.push({ ...row, file: rel(path) });
    });
  }
  // Every source the course cites is owned by the repo: its text archived, or its facts restated.
  // (Not judged while a facts file is unreadable: its error is already reported.)
  const factSources = new Set(facts.map((f) => f.source));
  sources.forEach((s, i) => {
    if (!unreadFactsFile && !s.archive && !COURSE_SOURCE.test(s.id) && !factSources.has(s.id)) {
      errors.push(new ContentError(rel(sourcesPath), `[${i}]`, `expected an archived text (archive: sources/${s.id}.txt) or at least one fact citing "${s.id}" in modules/facts/, got neither`));
    }
  });

  // --- Module and lesson metadata (first pass: everything links may point at) ----------------
  interface RawModule {
    dir: string;
    meta: ModuleMeta;
    overview: string;
    overviewLine: number;
    lessonBodies: { meta: LessonMeta; body: string; line: number }[];
  }
  const rawModules: RawModule[] = [];
  const moduleSlugs = new Map<string, string>();
  const objectiveOwner = new Map<string, string>();

  const dirs = existsSync(modulesDir)
    ? readdirSync(modulesDir).filter((d) => !DATA_FOLDERS.has(d) && statSync(join(modulesDir, d)).isDirectory()).sort()
    : [];
  if (!dirs.length) errors.push(new ContentError('modules/', '(folder)', 'expected at least one module folder such as 01-the-job'));

  for (const dirName of dirs) {
    const dir = join(modulesDir, dirName);
    const m = MODULE_DIR.exec(dirName);
    if (!m) {
      errors.push(new ContentError(rel(dir), '(folder name)', 'expected NN-slug, e.g. 01-the-job (two digits, then a-z, 0-9 and -)'));
      continue;
    }
    const [, num = '', slug = ''] = m;
    if (moduleSlugs.has(slug)) {
      errors.push(new ContentError(rel(dir), '(folder name)', `expected a unique module slug, got "${slug}" also used by ${moduleSlugs.get(slug)}`));
      continue;
    }
    if (RESERVED_MODULE_SLUGS.has(slug)) {
      errors.push(new ContentError(rel(dir), '(folder name)', `expected a slug other than the reserved "${slug}"`));
      continue;
    }
    moduleSlugs.set(slug, rel(dir));

    const indexPath = join(dir, 'index.md');
    if (!existsSync(indexPath)) {
      errors.push(new ContentError(rel(indexPath), '(file)', 'expected a module index.md with title, summary, minutes and objectives'));
      continue;
    }
    files.push(indexPath);
    const index = splitFrontmatter(readFileSync(indexPath, 'utf8'));
    if (!index) {
      errors.push(new ContentError(rel(indexPath), 'frontmatter', 'expected frontmatter between --- lines at the top'));
      continue;
    }
    const fm = attempt(() => parseWith(moduleFrontmatterSchema, index.data, rel(indexPath), 'frontmatter'));
    if (!fm) continue;
    fm.objectives.forEach((o, i) => {
      const owner = objectiveOwner.get(o.id);
      if (owner) errors.push(new ContentError(rel(indexPath), `frontmatter.objectives[${i}].id`, `expected a unique objective id, got "${o.id}" also in ${owner}`));
      objectiveOwner.set(o.id, rel(indexPath));
    });

    const lessonBodies: RawModule['lessonBodies'] = [];
    const lessonSlugs = new Map<string, string>();
    for (const fileName of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'index.md').sort()) {
      const path = join(dir, fileName);
      const lm = LESSON_FILE.exec(fileName);
      if (!lm) {
        errors.push(new ContentError(rel(path), '(file name)', 'expected NN-slug.md, e.g. 02-duties.md'));
        continue;
      }
      const lessonSlug = lm[2]!;
      if (lessonSlugs.has(lessonSlug)) {
        errors.push(new ContentError(rel(path), '(file name)', `expected a unique lesson slug, got "${lessonSlug}" also used by ${lessonSlugs.get(lessonSlug)}`));
        continue;
      }
      if (RESERVED_LESSON_SLUGS.has(lessonSlug)) {
        errors.push(new ContentError(rel(path), '(file name)', `expected a slug other than the reserved "${lessonSlug}"`));
        continue;
      }
      lessonSlugs.set(lessonSlug, rel(path));
      files.push(path);
      const parsed = splitFrontmatter(readFileSync(path, 'utf8'));
      if (!parsed) {
        errors.push(new ContentError(rel(path), 'frontmatter', 'expected frontmatter between --- lines with title and minutes'));
        continue;
      }
      const lf = attempt(() => parseWith(lessonFrontmatterSchema, parsed.data, rel(path), 'frontmatter'));
      if (!lf) continue;
      lessonBodies.push({ meta: { slug: lessonSlug, title: lf.title, minutes: lf.minutes, file: rel(path) }, body: parsed.body, line: parsed.lines });
    }
    if (!lessonBodies.length) errors.push(new ContentError(rel(dir), '(lessons)', 'expected at least one lesson file such as 01-introduction.md'));

    rawModules.push({
      dir,
      overview: index.body,
      overviewLine: index.lines,
      lessonBodies,
      meta: {
        slug,
        number: Number(num),
        title: fm.title,
        summary: fm.summary,
        objectives: fm.objectives,
        minutes: fm.minutes,
        lessons: lessonBodies.map((l) => l.meta)
      }
    });
  }

  // --- Glossary (course-wide, gathered from every module) ------------------------------------
  const glossary: GlossaryEntry[] = [];
  const glossaryOwner = new Map<string, string>();
  for (const raw of rawModules) {
    const path = join(raw.dir, 'glossary.yaml');
    if (!existsSync(path)) continue;
    const entries = attempt(() => parseWith(glossarySchema, readYaml(path), rel(path))) ?? [];
    entries.forEach((entry, i) => {
      const owner = glossaryOwner.get(entry.id);
      if (owner) {
        errors.push(new ContentError(rel(path), `[${i}].id`, `expected a unique glossary id, got "${entry.id}" also in ${owner}`));
        return;
      }
      if (entry.source && !sourceMap.has(entry.source)) {
        errors.push(new ContentError(rel(path), `[${i}].source`, `expected a source id from modules/sources.yaml, got "${entry.source}"`));
      }
      glossaryOwner.set(entry.id, rel(path));
      glossary.push(entry);
    });
  }

  // --- Which modules this build includes ------------------------------------------------------
  const included = new Set(rawModules.map((r) => r.meta.slug));
  if (settings?.modules.length) {
    settings.modules.forEach((slug, i) => {
      if (!included.has(slug)) {
        errors.push(new ContentError('course settings', `modules[${i}]`, `expected one of: ${[...included].join(', ')}, got "${slug}"`));
      }
    });
    for (const slug of [...included]) if (!settings.modules.includes(slug)) included.delete(slug);
  }

  const targets: LinkTargets = {
    lessons: new Set(rawModules.flatMap((r) => r.meta.lessons.map((l) => `${r.meta.slug}/${l.slug}`))),
    modules: new Set(rawModules.map((r) => r.meta.slug)),
    excludedModules: new Set(rawModules.map((r) => r.meta.slug).filter((s) => !included.has(s))),
    glossary: new Set(glossary.map((g) => g.id)),
    sources: sourceMap
  };
  const md = new MarkdownCompiler(targets);

  // Glossary definitions may use Markdown and cite sources: compile them now targets are known.
  const glossaryHtml = glossary.map((g) => ({
    ...g,
    definition: md.inline(g.definition, glossaryOwner.get(g.id)!, `${g.id}.definition`)
  }));

  // --- Module bodies: data files, then lessons (which refer to them) --------------------------
  const modules: Record<string, ModuleContent> = {};
  const icons: Record<string, ModuleIcon> = {};
  const itemOwner = new Map<string, string>();
  const figures: Figure[] = [];

  for (const raw of rawModules) {
    const slug = raw.meta.slug;
    const figuresPath = join(raw.dir, 'figures.yaml');
    if (existsSync(figuresPath)) {
      const rows = attempt(() => parseWith(figuresSchema, readYaml(figuresPath), rel(figuresPath))) ?? [];
      rows.forEach((row, i) => {
        if (!sourceMap.has(row.source)) errors.push(new ContentError(rel(figuresPath), `[${i}].source`, `expected a source id from modules/sources.yaml, got "${row.source}"`));
        figures.push({ ...row, file: rel(figuresPath) });
      });
    }
    if (!included.has(slug)) continue;
    const iconPath = join(raw.dir, 'icon.svg');
    if (existsSync(iconPath)) {
      files.push(iconPath);
      const icon = attempt(() => checkIcon(readFileSync(iconPath, 'utf8'), rel(iconPath)));
      if (icon) icons[slug] = icon;
    }

    const ctxFor = (path: string): CompileContext => ({
      file: rel(path),
      module: slug,
      objectiveIds: raw.meta.objectives.map((o) => o.id),
      lessonSlugs: raw.meta.lessons.map((l) => l.slug),
      markdown: (src, field) => md.block(src, rel(path), field),
      markdownInline: (src, field) => md.inline(src, rel(path), field),
      requireSource: (id, field) => md.requireSource(id, rel(path), field)
    });

    const compileItems = (name: 'quiz' | 'checks') => {
      const path = join(raw.dir, `${name}.yaml`);
      if (!existsSync(path)) return undefined;
      const compiled = attempt(() => compileQuizFile(readYaml(path), ctxFor(path), name));
      compiled?.items.forEach((item: QuizItem, i: number) => {
        const owner = itemOwner.get(item.id);
        if (owner) errors.push(new ContentError(rel(path), `items[${i}].id`, `expected an item id unique in the course, got "${item.id}" also in ${owner}`));
        itemOwner.set(item.id, rel(path));
      });
      return compiled;
    };
    const quiz = compileItems('quiz');
    const checks = compileItems('checks');
    if (quiz) {
      const draw = quiz.draw ?? quiz.items.length;
      raw.meta.quiz = { draw, poolSize: quiz.items.length, fingerprint: digest([draw, ...quiz.items.map((i) => `${i.id}:${i.type}`)].join('|')) };
    }
    if (checks?.items.length) raw.meta.checks = checks.items.map((i) => i.id);

    const dataFiles = (folder: 'charts' | 'exercises', schemas: Record<string, v.GenericSchema>, checkRefs?: (data: unknown, ctx: CompileContext) => void) => {
      const out: Record<string, unknown> = {};
      const dir = join(raw.dir, folder);
      if (!existsSync(dir)) return out;
      for (const fileName of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
        const id = fileName.replace(/\.yaml$/, '');
        const path = join(dir, fileName);
        const schema = schemas[id];
        if (!schema) {
          errors.push(new ContentError(rel(path), '(file name)', `expected a known ${folder === 'charts' ? 'chart' : 'exercise'} id (${Object.keys(schemas).join(', ') || 'none registered'}), got "${id}"`));
          continue;
        }
        const data = attempt(() => parseWith(schema, readYaml(path), rel(path)));
        if (data === undefined) continue;
        if (checkRefs) attempt(() => checkRefs(data, ctxFor(path)));
        out[id] = compileDataText(data, ctxFor(path));
      }
      return out;
    };
    // Chart figures name their sources: an unknown source id fails the build like a bad citation.
    const charts = dataFiles('charts', chartDataSchemas, (data, ctx) => checkChartSources(data, ctx.requireSource));
    const exercises = dataFiles('exercises', exerciseSchemas);

    // Component data files (diagrams/, sorts/, scenarios/): read when a lesson places them; a file
    // no lesson places is an error, so a renamed id never leaves its data silently unused.
    const usedDataFiles = new Set<string>();
    const dataFile = (folder: string, id: string) => {
      const path = join(raw.dir, folder, `${id}.yaml`);
      if (!existsSync(path)) return null;
      usedDataFiles.add(path);
      return { raw: readYaml(path), file: rel(path) };
    };
    const lessons: Lesson[] = raw.lessonBodies.map(({ meta, body, line }) => {
      const { blocks, errors: blockErrors } = compileLessonBody(
        body,
        meta.file!,
        md,
        {
          checks: new Set(checks?.items.map((i) => i.id) ?? []),
          charts: new Set(Object.keys(charts)),
          exercises: new Set(Object.keys(exercises)),
          dataFile
        },
        line
      );
      errors.push(...blockErrors);
      return { ...meta, module: slug, blocks };
    });
    for (const folder of componentDataFolders) {
      const dir = join(raw.dir, folder);
      if (!existsSync(dir)) continue;
      for (const fileName of readdirSync(dir).sort()) {
        const path = join(dir, fileName);
        if (!fileName.endsWith('.yaml')) {
          errors.push(new ContentError(rel(path), '(file name)', `expected <id>.yaml in ${folder}/, got "${fileName}"`));
        } else if (!usedDataFiles.has(path)) {
          const component = folder.replace(/s$/, '');
          errors.push(new ContentError(rel(path), '(file)', `expected a lesson of this module to place it with ::: ${component} id="${fileName.replace(/\.yaml$/, '')}" /, got none`));
        }
      }
    }

    modules[slug] = {
      slug,
      lessons,
      checks: Object.fromEntries((checks?.items ?? []).map((i) => [i.id, i])),
      quiz: quiz?.items ?? [],
      charts,
      exercises,
      overviewHtml: md.block(raw.overview.trim() || raw.meta.summary, rel(join(raw.dir, 'index.md')), 'body')
    };
  }

  errors.push(...md.errors);
  if (errors.length) throw new ContentErrors(errors);

  const tree: CourseTree = {
    settings: settings!,
    modules: rawModules.filter((r) => included.has(r.meta.slug)).map((r) => r.meta)
  };
  return { tree, modules, glossary: glossaryHtml, sources, figures, facts, files, icons };
}

/**
 * Package options a plain build has no packager to set: not packaged (no SCORM version), the
 * whole course's identity (with the module set when a build has only some modules, so a module's
 * build never shares device backups with the whole course), and a finished course keeps its
 * attempt open (see CourseSettings.whenFinished).
 */
function withPackageDefaults(parsed: Omit<CourseSettings, 'scormVersion' | 'packageId' | 'whenFinished'> & Partial<CourseSettings>): CourseSettings {
  return {
    ...parsed,
    scormVersion: parsed.scormVersion ?? null,
    packageId: parsed.packageId ?? (parsed.modules.length ? `hit-career-course+${[...parsed.modules].sort().join('+')}` : 'hit-career-course'),
    whenFinished: parsed.whenFinished ?? 'keep-open'
  };
}

/**
 * Data files may hold Markdown in fields whose names end in `Md` (e.g. `instructionsMd`): they are
 * compiled to HTML under the same name without the suffix plus `Html` (`instructionsHtml`), so
 * exercise and chart text gets the same glossary, citation and link checks as lessons.
 */
function compileDataText(data: unknown, ctx: CompileContext, path = ''): unknown {
  if (Array.isArray(data)) return data.map((d, i) => compileDataText(d, ctx, `${path}[${i}]`));
  if (data && typeof data === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      const field = path ? `${path}.${key}` : key;
      if (key.endsWith('Md') && typeof value === 'string') out[key.slice(0, -2) + 'Html'] = ctx.markdown(value, field);
      else out[key] = compileDataText(value, ctx, field);
    }
    return out;
  }
  return data;
}
