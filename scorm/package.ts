/**
 * `npm run package`: builds the course ONCE, then assembles every SCORM zip from that build in
 * seconds (assemble.ts, the same function the teacher page runs) and makes the teacher page.
 *
 *   dist/hit-career-course-scorm12.zip            whole course, SCORM 1.2 (recommended for Moodle)
 *   dist/hit-career-course-scorm2004.zip          whole course, SCORM 2004 4th Edition
 *   dist/modules/hit-career-01-the-job-scorm12.zip  one module per zip, for separate assignment
 *   dist/unpacked/<zip name>/                     each zip unpacked, as an LMS would (browser tests, preview)
 *   dist/packages.json                            every zip with its size and SHA-256 (read by the benchmark)
 *   dist/teacher.html                             the teacher page: every option, in a browser, no Node
 *
 * Each package is one SCO launching index.html. Options are package data (the options block in
 * index.html, src/lib/content/package-options.ts), never a build setting, so the build stays
 * build/, the one the browser tests serve. Before a zip is written its manifest passes the
 * referential checks (verify.ts, inside assemblePackage) and, when xmllint is installed, the
 * official schemas (schema-check.ts); a failing package is never written.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assemblePackage, courseBaseFrom, type AssembledPackage, type CourseBase } from './assemble';
import { readTree, unpackZip } from './disk';
import { SCHEMA_DIRS, type ScormVersion } from './manifest';
import { HELP, OptionsError, readArgs, toPackageOptions, validateOptions, type PackageOptions } from './options';
import { validateManifestSchemas, xmllintAvailable, SCHEMAS_DIR } from './schema-check';
import type { FileMap } from './zip';

export const ROOT = resolve(import.meta.dirname, '..');
export const BUILD_DIR = join(ROOT, 'build');
/** Budget for the whole-course SCORM 1.2 zip (issue 4, "Measured"): one number, kept with the
 *  benchmark's other budgets in tests/bench/budgets.json. */
export const COURSE_ZIP_BUDGET_BYTES: number = JSON.parse(readFileSync(join(ROOT, 'tests/bench/budgets.json'), 'utf8')).wholeCourseScorm12ZipBytes;

export interface PackageRecord {
  /** Path relative to the output folder, e.g. `modules/hit-career-01-the-job-scorm12.zip`. */
  file: string;
  version: ScormVersion;
  scope: 'course' | 'module';
  /** Module slugs inside. */
  modules: string[];
  title: string;
  /** The package identity the course keys device backups with (its options block). */
  packageId: string;
  bytes: number;
  sha256: string;
  /** Entries in the zip. */
  entries: number;
}

/** Schema files a package of this version carries at its root, by their path in the zip. */
export function schemaFiles(version: ScormVersion): FileMap {
  return readTree(join(SCHEMAS_DIR, SCHEMA_DIRS[version]));
}

/** What packages are made from: a build folder, its map, and the schema files of both versions. */
export function readCourseBase(buildDir: string = BUILD_DIR): CourseBase {
  if (!existsSync(join(buildDir, 'index.html'))) throw new Error(`${buildDir} holds no build: run \`npm run build\` first`);
  return courseBaseFrom(readTree(buildDir), { '12': schemaFiles('12'), '2004': schemaFiles('2004') });
}

export type SchemaCheckMode = 'require' | 'if-available' | 'skip';

/**
 * The xmllint schema check of assembled packages (one xmllint run per version); `require` fails
 * when xmllint is missing (tests). Throws naming the first package that fails.
 */
export function checkSchemas(packages: { pkg: AssembledPackage; version: ScormVersion }[], mode: SchemaCheckMode): void {
  if (mode === 'skip' || (mode === 'if-available' && !xmllintAvailable())) return;
  for (const version of ['12', '2004'] as const) {
    const these = packages.filter((p) => p.version === version);
    validateManifestSchemas(version, these.map((p) => p.pkg.manifest)).forEach((result, i) => {
      if (!result.valid) throw new Error(`${these[i]!.pkg.file}: imsmanifest.xml is not valid SCORM ${version}:\n  ${result.errors.join('\n  ')}`);
    });
  }
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
  /** Milliseconds from having the build to every zip checked and written. */
  assembleMs: number;
}

/** Assembles, checks and writes every package the options ask for, from one build. */
export function runPackager(
  options: PackageOptions,
  deps: { base: CourseBase; log?: (line: string) => void; schemaCheck?: SchemaCheckMode; courseBuilds?: number }
): RunResult {
  const started = performance.now();
  const log = deps.log ?? (() => {});
  const out = resolve(ROOT, options.out);
  cleanOutput(out);
  mkdirSync(out, { recursive: true });
  const records: PackageRecord[] = [];
  const warnings: string[] = [];
  const timestamped = timestampedBuildWarning(deps.base.files);
  if (timestamped) warnings.push(timestamped);

  const { modules: chosen, ...settings } = options.overrides;
  const all = deps.base.map.course.modules;
  const selected = chosen?.length ? all.filter((m) => chosen.includes(m.slug)) : all;
  const requests = options.versions.flatMap((version) => [
    { version, scope: 'course' as const, modules: selected.map((m) => m.slug), settings },
    ...(options.moduleZips ? selected.map((m) => ({ version, scope: 'module' as const, modules: [m.slug], settings })) : [])
  ]);
  // Every package is made and checked before any is written: a failing package is never written.
  const made = requests.map((request) => ({ request, version: request.version, pkg: assemblePackage(deps.base, request) }));
  checkSchemas(made, deps.schemaCheck ?? 'if-available');
  for (const { request, pkg } of made) {
    mkdirSync(join(out, request.scope === 'module' ? 'modules' : '.'), { recursive: true });
    writeFileSync(join(out, pkg.file), pkg.zip);
    unpackZip(pkg.zip, join(out, 'unpacked', pkg.name));
    records.push({
      file: pkg.file,
      version: request.version,
      scope: request.scope,
      modules: pkg.options.modules,
      title: pkg.title,
      packageId: pkg.options.packageId,
      bytes: pkg.zip.byteLength,
      sha256: createHash('sha256').update(pkg.zip).digest('hex'),
      entries: pkg.files.size
    });
    log(`  ${pkg.file}  ${(pkg.zip.byteLength / 1024).toFixed(1)} KB`);
  }

  const course12 = records.find((r) => r.scope === 'course' && r.version === '12' && r.modules.length === all.length);
  if (course12 && course12.bytes > COURSE_ZIP_BUDGET_BYTES) {
    warnings.push(
      `${course12.file} is ${(course12.bytes / 1000).toFixed(0)} KB, over the ${COURSE_ZIP_BUDGET_BYTES / 1000} KB budget for the whole-course zip`
    );
  }
  records.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const assembleMs = Math.round(performance.now() - started);
  writeFileSync(
    join(out, 'packages.json'),
    JSON.stringify(
      {
        budget: { 'hit-career-course-scorm12.zip': COURSE_ZIP_BUDGET_BYTES },
        options: options.overrides,
        // Read by the benchmark (issue 13): course builds this run made, and the time to assemble after them.
        courseBuilds: deps.courseBuilds ?? 0,
        assembleMs,
        packages: records
      },
      null,
      2
    ) + '\n'
  );
  return { records, warnings, assembleMs };
}

/** The one course build of a run: `npm run build` into build/ (what the browser tests serve). */
export function npmBuild(): void {
  const run = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, HIT_BUILD_DIR: BUILD_DIR }, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}\n${run.stderr}`);
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = readArgs(argv, ROOT);
    if (args.help) {
      console.log(HELP);
      try {
        const { loadCourse } = await import('../src/lib/content/loader');
        const root = process.env.HIT_CONTENT_ROOT ? resolve(process.env.HIT_CONTENT_ROOT) : ROOT;
        const { tree } = loadCourse({ root });
        console.log(`\nModules of this course (for --modules):\n${tree.modules.map((m) => `  ${m.slug.padEnd(28)} ${m.number}. ${m.title}`).join('\n')}`);
      } catch (e) {
        console.log(`\n(The module list needs modules/ to load without errors: ${(e as Error).message.split('\n')[0]})`);
      }
      return 0;
    }
    const raw = validateOptions(args.raw, args.origin);
    if (args.configFile) console.log(`Options from ${args.configFile}`);
    let courseBuilds = 0;
    if (args.fromBuild === undefined) {
      console.log('Building the course (once)...');
      npmBuild();
      courseBuilds = 1;
    }
    const buildDir = args.fromBuild === undefined ? BUILD_DIR : resolve(args.fromBuild);
    const base = readCourseBase(buildDir);
    const options = toPackageOptions(raw, base.map.course.modules.map((m) => m.slug), args.configFile, args.origin);
    if (!xmllintAvailable()) {
      console.warn('xmllint is not installed (Debian: apt-get install libxml2-utils): manifests get the referential checks only, not the schema check.');
    }
    console.log('Assembling the packages...');
    const { records, warnings, assembleMs } = runPackager(options, { base, log: (l) => console.log(l), courseBuilds });
    console.log(`\n${records.length} SCORM package(s) in ${options.out}/ in ${(assembleMs / 1000).toFixed(1)} s (sizes and SHA-256 in ${options.out}/packages.json).`);
    if (args.fromBuild === undefined) {
      const { writeTeacherPage } = await import('./teacher/build');
      const page = await writeTeacherPage({ base, out: resolve(ROOT, options.out) });
      console.log(`Teacher page: ${options.out}/teacher.html (${(page.bytes / 1000).toFixed(0)} KB): open it in a browser to make a package with other options.`);
    }
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
  process.exitCode = await main(process.argv.slice(2));
}
