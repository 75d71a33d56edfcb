/**
 * Serves the course to the app as virtual modules, so the first screen carries only the tree
 * and each module's lessons arrive as their own chunk when the learner opens it:
 *
 *   virtual:hit/course          the CourseTree (navigation, settings) + a lazy loader per module
 *   virtual:hit/lesson/<m>/<l>  one lesson and only the checks, charts and exercises it places
 *   virtual:hit/module/<slug>   one module's overview and graded pool (module page, quiz, final)
 *
 * Each piece of content is in exactly one chunk, so the package carries it once.
 *   virtual:hit/objectives      objective texts by id (the tree carries the ids only)
 *   virtual:hit/icons           module icons by slug (the home page's chunk only)
 *   virtual:hit/glossary        glossary entries
 *   virtual:hit/sources         sources
 *
 * A content error stops the build with every problem listed (file: field: expected ...).
 *
 * The build always holds every module with the authored settings: teacher options are package
 * data, read by the course at launch (package-options.ts). The client build also writes the build
 * map (build-map.ts) that lets the packager leave a module subset's other chunks out.
 */
import type { Plugin, ViteDevServer } from 'vite';
import { BUILD_MAP_FILE, buildMapFrom, type BundleChunk } from './build-map';
import { ContentErrors } from './errors';
import { loadCourse, type LoadedCourse } from './loader';
import type { CourseTree, Lesson, LessonContent, ModuleChunk, ModuleContent } from './types';
import { BLOCK_VIEW_NAMES, openingViewNames } from '../components/lesson/opening';

/** A lesson with only the data its components refer to (keeps each lesson chunk small). */
export function lessonContent(content: ModuleContent, lesson: Lesson): LessonContent {
  const used = (name: string) =>
    new Set(lesson.blocks.flatMap((b) => (b.kind === 'component' && b.name === name ? [String(b.props.id)] : [])));
  const pick = <T>(record: Record<string, T>, ids: Set<string>) => Object.fromEntries(Object.entries(record).filter(([id]) => ids.has(id)));
  return {
    lesson,
    checks: pick(content.checks, used('check')),
    charts: pick(content.charts, used('chart')),
    exercises: pick(content.exercises, used('exercise'))
  };
}

/**
 * A chunk's data as a module, with every attribute value that repeats (a citation's source title,
 * about a sixth of the lesson chunks' bytes: issue 15) written once and joined in where it is used.
 * The strings the browser gets are the same as `JSON.stringify(value)` would give.
 */
export function dataModule(value: unknown): string {
  const json = JSON.stringify(value);
  // Inside a JSON string an attribute reads title=\"...\" (the quotes escaped, nothing else can be).
  const attr = /title=\\"((?:[^"\\]|\\[^"])*)\\"/g;
  const counts = new Map<string, number>();
  for (const m of json.matchAll(attr)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const shared = [...counts].filter(([text, n]) => n > 1 && text.length * (n - 1) > 16).map(([text]) => text);
  if (!shared.length) return `export default ${json};`;
  const index = new Map(shared.map((text, i) => [text, i]));
  const body = json.replace(attr, (whole, text: string) => (index.has(text) ? `title=\\"" + t[${index.get(text)}] + "\\"` : whole));
  return `const t = [${shared.map((text) => `"${text}"`).join(',')}];\nexport default ${body};`;
}

const PREFIX = 'virtual:hit/';
const RESOLVED = '\0' + PREFIX;

/**
 * The tree as the browser gets it: no authoring paths (they are for build errors only), and
 * objectives by id only: their texts (about 4.4 KB) are virtual:hit/objectives, loaded by the pages
 * that show them, as no first screen does (home's are in closed disclosures).
 */
export function browserTree(tree: CourseTree): CourseTree {
  return {
    ...tree,
    modules: tree.modules.map((m) => ({ ...m, objectives: m.objectives.map(({ id }) => ({ id })), lessons: m.lessons.map(({ file: _file, ...l }) => l) }))
  };
}

/**
 * The tree for the app's course module: as browserTree, with each lesson's `code` (the views it
 * renders with at once: its opening's block views, the same rule as the page's load, and `chart`,
 * which LessonBody loads at once).
 */
function treeWithCode(tree: CourseTree, modules: Record<string, ModuleContent>): CourseTree {
  const isView = (name: string) => (BLOCK_VIEW_NAMES as readonly string[]).includes(name);
  const out = browserTree(tree);
  for (const m of out.modules) {
    for (const l of m.lessons) {
      const blocks = modules[m.slug]?.lessons.find((x) => x.slug === l.slug)?.blocks ?? [];
      const code = openingViewNames(blocks, isView);
      if (blocks.some((b) => b.kind === 'component' && b.name === 'chart')) code.push('chart');
      if (code.length) l.code = code;
    }
  }
  return out;
}

/** Objective texts by id, for virtual:hit/objectives. */
export const objectiveTexts = (tree: CourseTree): Record<string, string> =>
  Object.fromEntries(tree.modules.flatMap((m) => m.objectives.map((o) => [o.id, o.text ?? ''])));

/** `root` holds modules/; HIT_CONTENT_ROOT points elsewhere (test fixtures, a single-module preview). */
export function courseContent(root: string = process.env.HIT_CONTENT_ROOT ?? process.cwd()): Plugin {
  let course: LoadedCourse | undefined;
  let server: ViteDevServer | undefined;

  const load = () => {
    if (process.env.HIT_COURSE_OVERRIDES) {
      // Removed in issue 13: options used to be baked into a build each; now they are package data.
      throw new Error('HIT_COURSE_OVERRIDES is no longer read: build once, then choose options when packaging (npm run package -- --help)');
    }
    course = loadCourse({ root });
    return course;
  };

  return {
    name: 'hit-course-content',
    buildStart() {
      try {
        const loaded = load();
        for (const f of loaded.files) this.addWatchFile(f);
      } catch (e) {
        if (e instanceof ContentErrors) this.error(e.message);
        throw e;
      }
    },
    configureServer(s) {
      server = s;
      s.watcher.add(`${root}/modules`);
      s.watcher.on('change', (file) => {
        if (!file.includes('/modules/')) return;
        try {
          load();
        } catch (e) {
          console.error((e as Error).message);
          return;
        }
        for (const id of [...s.moduleGraph.idToModuleMap.keys()].filter((k) => k.startsWith(RESOLVED))) {
          const mod = s.moduleGraph.getModuleById(id);
          if (mod) s.moduleGraph.invalidateModule(mod);
        }
        s.ws.send({ type: 'full-reload' });
      });
    },
    resolveId(id) {
      return id.startsWith(PREFIX) ? '\0' + id : undefined;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return undefined;
      const c = course ?? load();
      const what = id.slice(RESOLVED.length);
      const json = (value: unknown) => `export default ${JSON.stringify(value)};`;
      if (what === 'course') {
        const loaders = c.tree.modules
          .map((m) => `  ${JSON.stringify(m.slug)}: () => import(${JSON.stringify(PREFIX + 'module/' + m.slug)})`)
          .join(',\n');
        const lessonLoaders = c.tree.modules
          .flatMap((m) => m.lessons.map((l) => `${m.slug}/${l.slug}`))
          .map((key) => `  ${JSON.stringify(key)}: () => import(${JSON.stringify(PREFIX + 'lesson/' + key)})`)
          .join(',\n');
        return (
          `export const course = ${JSON.stringify(treeWithCode(c.tree, c.modules))};\n` +
          `export const moduleLoaders = {\n${loaders}\n};\n` +
          `export const lessonLoaders = {\n${lessonLoaders}\n};\n`
        );
      }
      if (what.startsWith('lesson/')) {
        const [moduleSlug = '', lessonSlug = ''] = what.slice('lesson/'.length).split('/');
        const content = c.modules[moduleSlug];
        const lesson = content?.lessons.find((l) => l.slug === lessonSlug);
        if (!content || !lesson) return this.error(`no lesson "${what}" in this build`);
        // The authoring path is for build errors only, as in browserTree.
        const { file: _file, ...browserLesson } = lesson;
        return dataModule(lessonContent(content, browserLesson));
      }
      if (what.startsWith('module/')) {
        const content = c.modules[what.slice('module/'.length)];
        if (!content) return this.error(`no module "${what}" in this build`);
        const chunk: ModuleChunk = { slug: content.slug, overviewHtml: content.overviewHtml, quiz: content.quiz };
        return dataModule(chunk);
      }
      if (what === 'objectives') return json(objectiveTexts(c.tree));
      if (what === 'icons') return json(c.icons);
      if (what === 'glossary') return dataModule(c.glossary);
      if (what === 'sources') return json(c.sources);
      this.error(`unknown virtual module ${id}`);
    },
    generateBundle(_options, bundle) {
      // The client build only (its chunks are the package's files; the server build is not shipped).
      const environment = (this as { environment?: { config?: { consumer?: string } } }).environment;
      if (environment?.config?.consumer !== 'client' || !course) return;
      const chunks: BundleChunk[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const meta = (output as { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }).viteMetadata;
        chunks.push({
          fileName: output.fileName,
          facadeModuleId: output.facadeModuleId,
          moduleIds: output.moduleIds,
          imports: output.imports,
          dynamicImports: output.dynamicImports,
          css: [...(meta?.importedCss ?? [])],
          assets: [...(meta?.importedAssets ?? [])],
          isEntry: output.isEntry
        });
      }
      const map = buildMapFrom(chunks, browserTree(course.tree), course.modules);
      this.emitFile({ type: 'asset', fileName: BUILD_MAP_FILE, source: JSON.stringify(map, null, 1) + '\n' });
    },
    handleHotUpdate(ctx) {
      if (server && ctx.file.includes('/modules/')) return [];
    }
  };
}
