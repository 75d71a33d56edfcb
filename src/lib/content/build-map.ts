/**
 * The build map: what one build of the course tells the packager about itself, written by the
 * content plugin (vite-plugin.ts) as `package-map.json` at the root of the build (never inside a
 * package). One build serves every package (issue 13), so the packager needs to know, without
 * building again:
 * - the authored course (settings and every module's metadata), for the manifest;
 * - which files load which (the bundler's chunk graph), and which files only some modules need
 *   (their lesson and module chunks, and the views of exercises and charts only they place), so a
 *   package of a module subset leaves the other modules' files out (scorm/assemble.ts).
 */
import type { CourseTree, ModuleContent, Slug } from './types';

export const BUILD_MAP_FILE = 'package-map.json';
export const BUILD_MAP_FORMAT = 1;

export interface BuildFile {
  /** Static imports: loading this file loads these too. */
  imports: string[];
  /** Dynamic imports: loaded when the code asks (a lesson, a quiz view, an exercise). */
  dynamicImports: string[];
  /** Stylesheets and other assets (fonts, images) the file brings in. */
  css: string[];
  assets: string[];
  /** An entry point of the app (SvelteKit's start, app and route nodes). */
  entry: boolean;
}

export interface BuildMap {
  format: typeof BUILD_MAP_FORMAT;
  /** The page an LMS launches. */
  launch: string;
  /** The course as authored (modules/course.yaml and every module's metadata). */
  course: CourseTree;
  /** Every JavaScript chunk the bundler wrote, by path in the build. */
  files: Record<string, BuildFile>;
  /** Files only some modules need: a package keeps such a file when it includes one of them. */
  gates: Record<string, Slug[]>;
  /** The chunks a launch asks for first (scorm/launch-preload.ts); absent in a map written before issue 15. */
  launchChunks?: LaunchChunks;
}

/**
 * The chunks a launch on a lesson needs, by what they are (their static imports and stylesheets are
 * in `files`): the lesson route's node and the error page's (SvelteKit loads both for any route),
 * each lesson's chunk by `module/lesson`, each lesson component's view by block name (`check`,
 * `chart`, `exercise:<id>`, `process`...).
 */
export interface LaunchChunks {
  lessonRoute: string[];
  lessons: Record<string, string>;
  views: Record<string, string>;
  /** The state codec's chunk (src/lib/lms/codec.ts), which a return visit without an LMS reads its saved copy with. */
  codec?: string;
}

const LESSON_ID = /^\0?virtual:hit\/lesson\/([a-z0-9-]+\/[a-z0-9-]+)$/;
const BLOCK_VIEW_ID = /\/src\/lib\/components\/lesson\/([a-z]+)\/[A-Z][a-z]*\.svelte$/;

export function launchChunksFrom(chunks: BundleChunk[]): LaunchChunks {
  const found: LaunchChunks = { lessonRoute: [], lessons: {}, views: {} };
  for (const chunk of [...chunks].sort((a, b) => (a.fileName < b.fileName ? -1 : 1))) {
    const has = (tail: string) => chunk.moduleIds.some((id) => id.endsWith(tail));
    if (chunk.isEntry && (has('/src/routes/[module]/[lesson]/+page.svelte') || has('/src/routes/+error.svelte'))) found.lessonRoute.push(chunk.fileName);
    const facade = chunk.facadeModuleId ?? '';
    const lesson = LESSON_ID.exec(facade);
    if (lesson) found.lessons[lesson[1]!] = chunk.fileName;
    const view = VIEW_ID.exec(facade);
    if (view) found.views[view[1] ? `exercise:${view[1]}` : view[2] ? 'chart' : 'check'] = chunk.fileName;
    const block = BLOCK_VIEW_ID.exec(facade);
    if (block) found.views[block[1]!] = chunk.fileName;
    if (facade.endsWith('/src/lib/lms/codec.ts')) found.codec = chunk.fileName;
  }
  return found;
}

/** What vite-plugin.ts hands over from the bundle: one record per JavaScript chunk. */
export interface BundleChunk {
  fileName: string;
  /** The module the chunk was made for (a virtual content module or a Svelte view), when any. */
  facadeModuleId: string | null;
  /** Every module inside the chunk. */
  moduleIds: string[];
  imports: string[];
  dynamicImports: string[];
  css: string[];
  assets: string[];
  isEntry: boolean;
}

const CONTENT_ID = /^\0?virtual:hit\/(?:lesson|module)\/([a-z0-9-]+)(?:\/|$)/;
/** Lesson component views, one chunk each (LessonBody.svelte loads them by name when a lesson places one). */
const VIEW_ID = /\/src\/lib\/(?:exercises\/([a-z0-9-]+)\/Exercise|charts\/(ChartBlock)|quiz\/(KnowledgeCheck))\.svelte$/;

/** Which modules place each kind of lesson component: `exercise:<id>`, `chart`, `check`. */
export function componentUsers(modules: Record<Slug, Pick<ModuleContent, 'lessons'>>): Map<string, Set<Slug>> {
  const users = new Map<string, Set<Slug>>();
  for (const [slug, content] of Object.entries(modules)) {
    for (const lesson of content.lessons) {
      for (const block of lesson.blocks) {
        if (block.kind !== 'component') continue;
        const key = block.name === 'exercise' ? `exercise:${String(block.props.id)}` : block.name;
        if (!users.has(key)) users.set(key, new Set());
        users.get(key)!.add(slug);
      }
    }
  }
  return users;
}

/** The module slugs a chunk serves alone, or null when every package needs it. */
function gateOf(chunk: BundleChunk, users: Map<string, Set<Slug>>, order: Slug[]): Slug[] | null {
  const owners = new Set<Slug>();
  for (const id of chunk.moduleIds) {
    const content = CONTENT_ID.exec(id);
    if (content) owners.add(content[1]!);
  }
  // A content chunk holding only content modules belongs to their modules; any code in it
  // (a chunk the bundler merged) makes it shared.
  if (owners.size && chunk.moduleIds.every((id) => CONTENT_ID.test(id))) return order.filter((s) => owners.has(s));
  const view = chunk.facadeModuleId ? VIEW_ID.exec(chunk.facadeModuleId) : null;
  if (view) {
    const key = view[1] ? `exercise:${view[1]}` : view[2] ? 'chart' : 'check';
    return order.filter((s) => users.get(key)?.has(s));
  }
  return null;
}

export function buildMapFrom(chunks: BundleChunk[], course: CourseTree, modules: Record<Slug, Pick<ModuleContent, 'lessons'>>, launch = 'index.html'): BuildMap {
  const users = componentUsers(modules);
  const order = course.modules.map((m) => m.slug);
  const files: Record<string, BuildFile> = {};
  const gates: Record<string, Slug[]> = {};
  for (const chunk of [...chunks].sort((a, b) => (a.fileName < b.fileName ? -1 : 1))) {
    files[chunk.fileName] = {
      imports: [...chunk.imports].sort(),
      dynamicImports: [...chunk.dynamicImports].sort(),
      css: [...chunk.css].sort(),
      assets: [...chunk.assets].sort(),
      entry: chunk.isEntry
    };
    const gate = gateOf(chunk, users, order);
    if (gate) gates[chunk.fileName] = gate;
  }
  return { format: BUILD_MAP_FORMAT, launch, course, files, gates, launchChunks: launchChunksFrom(chunks) };
}
