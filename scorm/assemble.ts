/**
 * The zip recipe: one SCORM package from the one build, as a pure function
 *
 *   build files + teacher's options -> manifest + options block + file list -> zip
 *
 * that runs unchanged in Node (`npm run package`, package.ts) and in the browser (the teacher
 * page, scorm/teacher/), so the same options give byte-identical zips from both. No build step
 * and no Node API: the build map (src/lib/content/build-map.ts) says which files a module subset
 * leaves out, the options go into index.html's data block (src/lib/content/package-options.ts),
 * the manifest comes from manifest.ts and the referential checks from verify.ts. The schema check
 * with xmllint is the command line's extra (schema-check.ts), outside this function.
 */
import { BUILD_MAP_FILE, BUILD_MAP_FORMAT, type BuildMap } from '../src/lib/content/build-map';
import { escapeXml } from './xml';
import { PACKAGE_OPTIONS_FORMAT, packageModulesElement, UNPACKAGED_OPTIONS_BLOCK, type PackageOptions } from '../src/lib/content/package-options';
import type { CourseSettings, ModuleMeta, Slug } from '../src/lib/content/types';
import type { CourseOverrides } from './choices';
import { buildManifest, manifestInputFromTree, type ScormVersion } from './manifest';
import { assertPackageSound } from './verify';
import { makeZip, mergeFiles, sortFiles, type FileMap } from './zip';

/** Everything a package is made from: the build (without its map), its map, the schema files. */
export interface CourseBase {
  files: FileMap;
  map: BuildMap;
  /** Schema files a package of each version carries at its root (CAM: XSDs at the package root). */
  schemas: Record<ScormVersion, FileMap>;
}

export interface PackageRequest {
  version: ScormVersion;
  /** `course`: the chosen modules as one course; `module`: one module as its own activity. */
  scope: 'course' | 'module';
  /** Module slugs to include (every module when absent); `module` scope takes exactly one. */
  modules?: Slug[];
  /** The teacher's settings; anything not given stays as authored. */
  settings?: Omit<CourseOverrides, 'modules'>;
}

export interface AssembledPackage {
  /** Zip name without `.zip`, e.g. `hit-career-course-scorm12`. */
  name: string;
  /** Where it goes in the output folder: `hit-career-course-scorm12.zip`, `modules/...zip`. */
  file: string;
  zip: Uint8Array;
  manifest: string;
  /** The options block written into index.html. */
  options: PackageOptions;
  /** The title the LMS shows (manifest <title>). */
  title: string;
  /** Every file in the zip, by path. */
  files: FileMap;
}

const text = new TextEncoder();
const untext = new TextDecoder();

/** Splits a build's files into the package base (the map is read, and never packaged). */
export function courseBaseFrom(build: FileMap, schemas: Record<ScormVersion, FileMap>): CourseBase {
  const raw = build.get(BUILD_MAP_FILE);
  if (!raw) throw new Error(`the build has no ${BUILD_MAP_FILE}: make it with \`npm run build\` (the content plugin writes it)`);
  const map = JSON.parse(untext.decode(raw)) as BuildMap;
  if (map.format !== BUILD_MAP_FORMAT) throw new Error(`${BUILD_MAP_FILE} has format ${map.format}; this packager reads format ${BUILD_MAP_FORMAT}: rebuild`);
  const files = new Map(build);
  files.delete(BUILD_MAP_FILE);
  return { files: sortFiles(files), map, schemas };
}

/** Zip names a teacher can read: what it holds and which SCORM version. */
export function zipName(version: ScormVersion, module?: Pick<ModuleMeta, 'number' | 'slug'>): string {
  return `hit-career-${module ? moduleScope(module) : 'course'}-scorm${version}`;
}

function moduleScope(module: Pick<ModuleMeta, 'number' | 'slug'>): string {
  return `${String(module.number).padStart(2, '0')}-${module.slug}`;
}

/**
 * The build files a package of these modules needs: everything, less the files that only the
 * other modules need. A file is needed when the app can reach it from an entry point through
 * imports, dynamic imports and stylesheets without passing through a file gated to modules the
 * package leaves out. Files the map does not know (index.html, version.json, static files) stay.
 */
export function filesFor(base: Pick<CourseBase, 'files' | 'map'>, modules: readonly Slug[]): FileMap {
  const { files: graph, gates } = base.map;
  const wanted = new Set(modules);
  const reach = (open: (gate: Slug[]) => boolean) => {
    const seen = new Set<string>();
    const stack = Object.keys(graph).filter((f) => graph[f]!.entry);
    while (stack.length) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const node = graph[file];
      if (!node) continue;
      for (const next of [...node.imports, ...node.dynamicImports, ...node.css, ...node.assets]) {
        const gate = gates[next];
        if (!gate || open(gate)) stack.push(next);
      }
    }
    return seen;
  };
  const everything = reach(() => true);
  const kept = reach((gate) => gate.some((m) => wanted.has(m)));
  const out: FileMap = new Map();
  for (const [path, data] of base.files) if (kept.has(path) || !everything.has(path)) out.set(path, data);
  return out;
}

/** JSON that can sit inside a <script> element: no `</script>` or `<!--` can appear. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * index.html with this package's options in its data block (the build carries the placeholder),
 * followed by the record of the modules it holds (package-options.ts PACKAGE_MODULES_ELEMENT_ID).
 */
export function withOptionsBlock(html: string, options: PackageOptions): string {
  const at = html.indexOf(UNPACKAGED_OPTIONS_BLOCK);
  if (at < 0) throw new Error('index.html has no package options placeholder (src/app.html): rebuild with `npm run build`');
  const block = UNPACKAGED_OPTIONS_BLOCK.replace('>null<', `>${jsonForHtml(options)}<`) + packageModulesElement(options.modules);
  return withTitle(html.slice(0, at) + block + html.slice(at + UNPACKAGED_OPTIONS_BLOCK.length), options.title.trim());
}

/**
 * The package's own title in the page's <title> and the launch screen's title places
 * (scorm/launch-screen.ts, `data-title`), so the first paint shows it: a title changed by a script
 * after the stylesheet could paint the authored one first, and a longer one wrap and move the page.
 */
function withTitle(html: string, title: string): string {
  const text = escapeXml(title);
  return html.replace(/<title>[^<]*<\/title>/, `<title>${text}</title>`).replace(/(<(?:a|h1)\b[^>]*\bdata-title>)[^<]*(<\/(?:a|h1)>)/g, (_, open: string, close: string) => `${open}${text}${close}`);
}

export function assemblePackage(base: CourseBase, request: PackageRequest): AssembledPackage {
  const { course, launch } = base.map;
  const all = course.modules.map((m) => m.slug);
  const asked = request.modules ?? all;
  const unknown = asked.filter((s) => !all.includes(s));
  if (unknown.length) throw new Error(`no module named ${unknown.map((s) => `"${s}"`).join(', ')} in this build; it has ${all.join(', ')}`);
  // Course order, whatever order was asked, without repeats.
  const modules = course.modules.filter((m) => asked.includes(m.slug));
  if (!modules.length) throw new Error('a package needs at least one module');
  if (request.scope === 'module' && modules.length !== 1) throw new Error(`a module package holds one module, got ${modules.length}`);
  const only = modules[0]!;
  const identifier = request.scope === 'module' ? `hit-career-${moduleScope(only)}` : 'hit-career-course';
  const name = zipName(request.version, request.scope === 'module' ? only : undefined);

  const settings: CourseSettings = { ...course.settings, ...request.settings, modules: modules.map((m) => m.slug) };
  // Key order is fixed here, so the same options give the same bytes.
  const options: PackageOptions = {
    format: PACKAGE_OPTIONS_FORMAT,
    scormVersion: request.version === '12' ? '1.2' : '2004',
    // Manifest identifier plus module set: stable when a teacher updates a package in place.
    packageId: `${identifier}:${settings.modules.join(',')}`,
    modules: settings.modules,
    title: settings.title,
    masteryScore: settings.masteryScore,
    completion: settings.completion,
    attemptsPerQuiz: settings.attemptsPerQuiz,
    randomise: settings.randomise,
    whenFinished: settings.whenFinished
  };

  const files = filesFor(base, settings.modules);
  const page = files.get(launch);
  if (!page) throw new Error(`${name}: the build has no ${launch} to launch`);
  files.set(launch, text.encode(withOptionsBlock(untext.decode(page), options)));

  const input = manifestInputFromTree(
    { settings, modules },
    { version: request.version, scope: request.scope, identifier, files: [...files.keys()], launch }
  );
  const manifest = buildManifest(input);
  const schemas = base.schemas[request.version];
  const packageFiles = mergeFiles(mergeFiles(files, schemas), new Map([['imsmanifest.xml', text.encode(manifest)]]));
  const file = request.scope === 'module' ? `modules/${name}.zip` : `${name}.zip`;
  assertPackageSound(file, { manifestXml: manifest, zipPaths: [...packageFiles.keys()], controlFiles: [...schemas.keys()] });
  return { name, file, zip: makeZip(packageFiles), manifest, options, title: input.title, files: packageFiles };
}
