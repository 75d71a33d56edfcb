/**
 * `npm run package`: builds the course with the teacher's options and writes SCORM zips.
 *
 *   dist/hit-career-course-scorm12.zip            whole course, SCORM 1.2 (recommended for Moodle)
 *   dist/hit-career-course-scorm2004.zip          whole course, SCORM 2004 4th Edition
 *   dist/modules/hit-career-01-the-job-scorm12.zip  one module per zip, for separate assignment
 *   dist/unpacked/<zip name>/                     each zip unpacked, as an LMS would (browser tests, preview)
 *   dist/packages.json                            every zip with its byte size (read by the benchmark)
 *
 * Each package is one SCO launching index.html. The SCORM version is not baked into the build
 * (the runtime finds API or API_1484_11), so the 1.2 and 2004 zips of one option set share one
 * build. Before a zip is written its manifest passes the referential checks (verify.ts) and, when
 * xmllint is installed, the official schemas (schema-check.ts); a failing package is never written.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCourse } from '../src/lib/content/loader';
import type { CourseTree } from '../src/lib/content/types';
import { buildManifest, manifestInputFromTree, SCHEMA_DIRS, type ScormVersion } from './manifest';
import { HELP, OptionsError, readArgs, toPackageOptions, validateOptions, type CourseOverrides, type PackageOptions } from './options';
import { validateManifestSchema, xmllintAvailable, SCHEMAS_DIR } from './schema-check';
import { assertPackageSound } from './verify';
import { makeZip, mergeFiles, readTree, unpackZip, type FileMap } from './zip';

export const ROOT = resolve(import.meta.dirname, '..');
/** Where modules/ lives: the repository, or HIT_CONTENT_ROOT (read by the build's Vite plugin too). */
export const CONTENT_ROOT = process.env.HIT_CONTENT_ROOT ? resolve(process.env.HIT_CONTENT_ROOT) : ROOT;
export const LAUNCH_FILE = 'index.html';
/** Budget for the whole-course SCORM 1.2 zip (issue 4, "Measured"): one number, kept with the
 *  benchmark's other budgets in tests/bench/budgets.json. */
export const COURSE_ZIP_BUDGET_BYTES: number = JSON.parse(readFileSync(join(ROOT, 'tests/bench/budgets.json'), 'utf8')).wholeCourseScorm12ZipBytes;

export interface BuiltCourse {
  /** The build's files by relative path (index.html, _app/...). */
  files: FileMap;
  tree: CourseTree;
}

/** Builds the course with overrides; the real one runs `npm run build`, tests pass a fake. */
export type Builder = (overrides: CourseOverrides) => BuiltCourse;

export interface PackageRecord {
  /** Path relative to the output folder, e.g. `modules/hit-career-01-the-job-scorm12.zip`. */
  file: string;
  version: ScormVersion;
  scope: 'course' | 'module';
  /** Module slugs inside. */
  modules: string[];
  title: string;
  bytes: number;
  sha256: string;
  /** Entries in the zip. */
  entries: number;
}

/** Schema files a package of this version carries at its root, by their path in the zip. */
export function schemaFiles(version: ScormVersion): FileMap {
  return readTree(join(SCHEMAS_DIR, SCHEMA_DIRS[version]));
}

export type SchemaCheckMode = 'require' | 'if-available' | 'skip';

/**
 * One zip: manifest from the tree, the build's files, the schema files; refused unless sound.
 * `schemaCheck: 'require'` fails when xmllint is missing (tests); the CLI uses 'if-available'.
 */
export function makePackage(
  built: BuiltCourse,
  options: { version: ScormVersion; scope: 'course' | 'module'; identifier: string; name: string; schemaCheck?: SchemaCheckMode }
): { zip: Uint8Array; manifest: string; title: string; files: FileMap } {
  if (!built.files.has(LAUNCH_FILE)) throw new Error(`${options.name}: the build has no ${LAUNCH_FILE} to launch`);
  const input = manifestInputFromTree(built.tree, {
    version: options.version,
    scope: options.scope,
    identifier: options.identifier,
    files: [...built.files.keys()],
    launch: LAUNCH_FILE
  });
  const manifest = buildManifest(input);
  const schemas = schemaFiles(options.version);
  const files = mergeFiles(mergeFiles(built.files, schemas), new Map([['imsmanifest.xml', new TextEncoder().encode(manifest)]]));
  assertPackageSound(options.name, { manifestXml: manifest, zipPaths: [...files.keys()], controlFiles: [...schemas.keys()] });
  const mode = options.schemaCheck ?? 'if-available';
  if (mode === 'require' || (mode === 'if-available' && xmllintAvailable())) {
    const result = validateManifestSchema(options.version, manifest);
    if (!result.valid) {
      throw new Error(`${options.name}: imsmanifest.xml is not valid SCORM ${options.version}:\n  ${result.errors.join('\n  ')}`);
    }
  }
  return { zip: makeZip(files), manifest, title: input.title, files };
}

/** Zip names a teacher can read: what it holds and which SCORM version. */
export function zipName(version: ScormVersion, module?: { number: number; slug: string }): string {
  const scope = module ? `${String(module.number).padStart(2, '0')}-${module.slug}` : 'course';
  return `hit-career-${scope}-scorm${version}`;
}

/** Only the modules the build's settings include (all when the list is empty). */
function includedModules(tree: CourseTree): CourseTree {
  const wanted = tree.settings.modules;
  return wanted.length ? { ...tree, modules: tree.modules.filter((m) => wanted.includes(m.slug)) } : tree;
}

/** Removes only what a previous run wrote, so other files in the output folder survive. */
function cleanOutput(out: string): void {
  if (!existsSync(out)) return;
  for (const name of readdirSync(out)) {
    if (/^hit-career-.*\.zip$/.test(name) || name === 'packages.json') rmSync(join(out, name), { force: true });
  }
  rmSync(join(out, 'modules'), { recursive: true, force: true });
  rmSync(join(out, 'unpacked'), { recursive: true, force: true });
}

/**
 * SvelteKit names each build by `kit.version.name`, Date.now() unless svelte.config.js sets it;
 * the name lands in _app/version.json and in a chunk (so in chunk hashes too), and then the same
 * sources no longer give byte-identical zips. Returns a warning when the name looks like a time.
 */
export function timestampedBuildWarning(files: FileMap): string | undefined {
  const data = files.get('_app/version.json');
  if (!data) return undefined;
  const name = /"version"\s*:\s*"([^"]*)"/.exec(new TextDecoder().decode(data))?.[1] ?? '';
  if (!/^\d{12,}$/.test(name)) return undefined;
  return `the build is named by the time it ran (_app/version.json "${name}"), so zips differ between runs of the same sources: set kit.version.name in svelte.config.js to a fixed value`;
}

export interface RunResult {
  records: PackageRecord[];
  warnings: string[];
}

/**
 * Builds and writes every package. Per-module builds run first and the whole-course build last,
 * so build/ is left holding the whole course (what `npm run test:e2e` serves).
 */
export function runPackager(
  options: PackageOptions,
  deps: { build: Builder; moduleList: { slug: string; number: number }[]; log?: (line: string) => void; schemaCheck?: SchemaCheckMode }
): RunResult {
  const log = deps.log ?? (() => {});
  const out = resolve(ROOT, options.out);
  cleanOutput(out);
  mkdirSync(out, { recursive: true });
  const records: PackageRecord[] = [];
  const warnings: string[] = [];

  const write = (built: BuiltCourse, version: ScormVersion, scope: 'course' | 'module', module?: { number: number; slug: string }) => {
    const name = zipName(version, module);
    const file = scope === 'module' ? `modules/${name}.zip` : `${name}.zip`;
    const { zip, title, files } = makePackage(built, {
      version,
      scope,
      identifier: module ? `hit-career-${String(module.number).padStart(2, '0')}-${module.slug}` : 'hit-career-course',
      name: file,
      schemaCheck: deps.schemaCheck
    });
    mkdirSync(join(out, scope === 'module' ? 'modules' : '.'), { recursive: true });
    writeFileSync(join(out, file), zip);
    unpackZip(zip, join(out, 'unpacked', name));
    records.push({
      file,
      version,
      scope,
      modules: built.tree.modules.map((m) => m.slug),
      title,
      bytes: zip.byteLength,
      sha256: createHash('sha256').update(zip).digest('hex'),
      entries: files.size
    });
    log(`  ${file}  ${(zip.byteLength / 1024).toFixed(1)} KB`);
  };

  const selected = options.overrides.modules?.length
    ? deps.moduleList.filter((m) => options.overrides.modules?.includes(m.slug))
    : deps.moduleList;
  if (options.moduleZips) {
    for (const module of selected) {
      log(`Building module ${module.number} (${module.slug})...`);
      const built = deps.build({ ...options.overrides, modules: [module.slug] });
      const tree = includedModules(built.tree);
      for (const version of options.versions) write({ ...built, tree }, version, 'module', module);
    }
  }
  log(`Building the whole course${options.overrides.modules?.length ? ` (modules: ${options.overrides.modules.join(', ')})` : ''}...`);
  const course = deps.build(options.overrides);
  const timestamped = timestampedBuildWarning(course.files);
  if (timestamped) warnings.push(timestamped);
  const courseTree = includedModules(course.tree);
  for (const version of options.versions) write({ ...course, tree: courseTree }, version, 'course');

  const course12 = records.find((r) => r.scope === 'course' && r.version === '12');
  if (course12 && course12.bytes > COURSE_ZIP_BUDGET_BYTES) {
    warnings.push(
      `${course12.file} is ${(course12.bytes / 1000).toFixed(0)} KB, over the ${COURSE_ZIP_BUDGET_BYTES / 1000} KB budget for the whole-course zip`
    );
  }
  records.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  writeFileSync(
    join(out, 'packages.json'),
    JSON.stringify({ budget: { 'hit-career-course-scorm12.zip': COURSE_ZIP_BUDGET_BYTES }, options: options.overrides, packages: records }, null, 2) + '\n'
  );
  return { records, warnings };
}

/** The real builder: `npm run build` with HIT_COURSE_OVERRIDES, then the loader for the manifest data. */
export function npmBuild(overrides: CourseOverrides): BuiltCourse {
  // Per-module builds go to a scratch folder; the whole course goes to build/, which the browser
  // tests and `npm run preview` serve (HIT_BUILD_DIR is read by svelte.config.js and relativize).
  const outDir = overrides.modules?.length ? join(ROOT, '.svelte-kit', 'hit-module-build') : join(ROOT, 'build');
  const run = spawnSync('npm', ['run', 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, HIT_COURSE_OVERRIDES: JSON.stringify(overrides), HIT_BUILD_DIR: outDir },
    maxBuffer: 64 * 1024 * 1024
  });
  if (run.status !== 0) {
    throw new Error(`npm run build failed (HIT_COURSE_OVERRIDES=${JSON.stringify(overrides)}):\n${run.stdout}\n${run.stderr}`);
  }
  // Read the files at once: the next build overwrites the folder.
  const files = readTree(outDir);
  const { tree } = loadCourse({ root: CONTENT_ROOT, overrides });
  return { files, tree };
}

function main(argv: string[]): number {
  try {
    const args = readArgs(argv, ROOT);
    if (args.help) {
      console.log(HELP);
      try {
        const { tree } = loadCourse({ root: CONTENT_ROOT });
        console.log(`\nModules of this course (for --modules):\n${tree.modules.map((m) => `  ${m.slug.padEnd(28)} ${m.number}. ${m.title}`).join('\n')}`);
      } catch (e) {
        console.log(`\n(The module list needs modules/ to load without errors: ${(e as Error).message.split('\n')[0]})`);
      }
      return 0;
    }
    const raw = validateOptions(args.raw, args.origin);
    const { tree } = loadCourse({ root: CONTENT_ROOT });
    const moduleList = tree.modules.map((m) => ({ slug: m.slug, number: m.number }));
    const options = toPackageOptions(
      raw,
      moduleList.map((m) => m.slug),
      args.configFile
    );
    if (args.configFile) console.log(`Options from ${args.configFile}`);
    if (!xmllintAvailable()) {
      console.warn('xmllint is not installed (Debian: apt-get install libxml2-utils): manifests get the referential checks only, not the schema check.');
    }
    const { records, warnings } = runPackager(options, { build: npmBuild, moduleList, log: (l) => console.log(l) });
    console.log(`\n${records.length} SCORM package(s) in ${options.out}/ (sizes in ${options.out}/packages.json).`);
    console.log('Moodle: upload hit-career-course-scorm12.zip (Add an activity or resource > SCORM package). See README, "For teachers".');
    for (const w of warnings) console.warn(`warning: ${w}`);
    return 0;
  } catch (e) {
    if (e instanceof OptionsError) {
      console.error(e.message);
      return 2;
    }
    console.error((e as Error).message);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2));
}
