/**
 * Package options: what a teacher chose for one SCORM package (SCORM version, modules, pass mark,
 * attempts, randomisation, completion rule, finished-course exit, title), read by the course at
 * launch. One build serves every package; scorm/assemble.ts writes these options into each one.
 *
 * Where they live: a JSON data block in the package's index.html,
 *
 *   <script type="application/json" id="hit-package-options">{"format":1,...}</script>
 *
 * Why a data block and not a classic `<script src="./package-options.js">` (issue 15's constraint:
 * no chained round trip before the first paint, http and file://, the CSP kept):
 * - it costs no request at all: the options arrive with the page the LMS already loads, while a
 *   separate script is one more fetch (parallel, but parser-blocking in <head>, and one of the six
 *   HTTP/1.1 connections an LMS served uncompressed gives the first screen);
 * - it is read synchronously from the DOM, so it works from file:// and inside any LMS frame;
 * - a data block is not executed (HTML, "data block": a script whose type is not a JavaScript MIME
 *   type), so the CSP's `script-src 'self'` plus the bootstrap's hash stays exactly as it is and
 *   scorm/relativize.ts leaves it out of the script hashes.
 *
 * Every build carries the placeholder `null` (src/app.html): "not packaged" (dev server, plain
 * build), which gives the authored settings of modules/course.yaml and no notice. A package whose
 * block is missing, is not JSON or fails the schema below runs with the authored settings and a
 * plain notice, never a crash.
 */
import type { CourseTree, Slug } from './types';

export const PACKAGE_OPTIONS_ELEMENT_ID = 'hit-package-options';
/**
 * A second, independent record of the modules a package holds: `<meta id="hit-package-modules"
 * content="slug,slug">`, written by scorm/assemble.ts next to the options block from the same list
 * that chose the package's files. When the options cannot be used (block missing, broken, of an
 * unknown format), the course still shows only the modules whose files are in the package, and
 * never tries to load the chunks of modules left out.
 */
export const PACKAGE_MODULES_ELEMENT_ID = 'hit-package-modules';
/** The modules record for a package of these modules (the options block is followed by it). */
export function packageModulesElement(modules: readonly Slug[]): string {
  return `<meta name="${PACKAGE_MODULES_ELEMENT_ID}" id="${PACKAGE_MODULES_ELEMENT_ID}" content="${modules.join(',')}">`;
}
/** The block as every build carries it (src/app.html): not packaged. */
export const UNPACKAGED_OPTIONS_BLOCK = `<script type="application/json" id="${PACKAGE_OPTIONS_ELEMENT_ID}">null</script>`;
/** Bumped when the shape changes incompatibly; a course reading an unknown format uses its defaults. */
export const PACKAGE_OPTIONS_FORMAT = 1;
/** The longest title SCORM 1.2 allows (imscp_rootv1p1p2.xsd, titleType maxLength 200). */
export const MAX_TITLE_LENGTH = 200;

/**
 * Each option's limits: the one source for the check below (what the course accepts at launch)
 * and for the teacher's input (scorm/choices.ts builds its valibot schema from them, for the
 * command line's and the teacher page's messages), so the two cannot drift apart.
 */
export const OPTION_LIMITS = {
  scormVersion: ['1.2', '2004'],
  completion: ['lessons', 'assessment', 'both'],
  whenFinished: ['end-attempt', 'keep-open'],
  masteryScore: { min: 0, max: 100 },
  attemptsPerQuiz: { min: 0, max: 10 },
  title: { min: 1, max: MAX_TITLE_LENGTH },
  moduleSlug: /^[a-z0-9]+(?:-[a-z0-9]+)*$/
} as const;

export interface PackageOptions {
  format: typeof PACKAGE_OPTIONS_FORMAT;
  scormVersion: (typeof OPTION_LIMITS.scormVersion)[number];
  /** Manifest identifier plus module set (see CourseSettings.packageId). */
  packageId: string;
  /** At least one module slug, in course order. */
  modules: Slug[];
  title: string;
  masteryScore: number;
  completion: (typeof OPTION_LIMITS.completion)[number];
  attemptsPerQuiz: number;
  randomise: boolean;
  whenFinished: (typeof OPTION_LIMITS.whenFinished)[number];
}

/** At least one module slug, or null. */
function slugList(value: unknown): Slug[] | null {
  return Array.isArray(value) && value.length > 0 && value.every((m) => typeof m === 'string' && OPTION_LIMITS.moduleSlug.test(m)) ? value : null;
}

/**
 * The package options' schema, checked by hand rather than with valibot (which the build and the
 * packager use): measured, valibot's parser added about 8 KB to the first screen, which every
 * learner loads; this check is well under 1 KB. Returns the first problem, or null.
 */
function problemIn(data: unknown): string | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'expected an object of package options';
  const o = data as Record<string, unknown>;
  const L = OPTION_LIMITS;
  const oneOf = (key: string, allowed: readonly string[]) => (allowed.includes(o[key] as string) ? null : `${key}: expected one of ${allowed.join(', ')}`);
  const range = (key: string, { min, max }: { min: number; max: number }, integer: boolean) => {
    const n = o[key];
    return typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n))
      ? null
      : `${key}: expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  };
  const known = ['format', 'scormVersion', 'packageId', 'modules', 'title', 'masteryScore', 'completion', 'attemptsPerQuiz', 'randomise', 'whenFinished'];
  const unknown = Object.keys(o).find((k) => !known.includes(k));
  const title = typeof o.title === 'string' ? o.title.trim().length : -1;
  return (
    (unknown !== undefined ? `${unknown}: unknown option` : null) ??
    (o.format === PACKAGE_OPTIONS_FORMAT ? null : `format: expected ${PACKAGE_OPTIONS_FORMAT}`) ??
    oneOf('scormVersion', L.scormVersion) ??
    (typeof o.packageId === 'string' && o.packageId !== '' ? null : 'packageId: expected a non-empty string') ??
    (slugList(o.modules) ? null : 'modules: expected a list of at least one module slug') ??
    (title >= L.title.min && title <= L.title.max ? null : `title: expected ${L.title.min} to ${L.title.max} characters`) ??
    range('masteryScore', L.masteryScore, false) ??
    oneOf('completion', L.completion) ??
    range('attemptsPerQuiz', L.attemptsPerQuiz, true) ??
    (typeof o.randomise === 'boolean' ? null : 'randomise: expected true or false') ??
    oneOf('whenFinished', L.whenFinished)
  );
}

/** What the course found at launch: options to apply (null: not packaged) and what went wrong. */
export interface LaunchOptions {
  options: PackageOptions | null;
  /** Why the options could not be used, in a few words (for the console and the tests). */
  problem: string | null;
  /**
   * When the options could not be used: the modules the package holds as far as can still be told
   * (the modules record, else the `modules` list of a block that parsed), or null when nothing tells.
   */
  present?: Slug[] | null;
}

/** The modules record's content (`a,b`) as slugs, or null when absent or unusable. */
export function parsePackageModules(content: string | null | undefined): Slug[] | null {
  return content ? slugList(content.split(',')) : null;
}

/** Reads the block's text; `undefined` means the page has no block. Never throws. */
export function parsePackageOptions(text: string | null | undefined, modulesRecord: Slug[] | null = null): LaunchOptions {
  if (text === undefined || text === null) {
    return { options: null, problem: `the page has no #${PACKAGE_OPTIONS_ELEMENT_ID} block`, present: modulesRecord };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { options: null, problem: `the package options are not JSON (${(e as Error).message})`, present: modulesRecord };
  }
  if (data === null) return { options: null, problem: null };
  const problem = problemIn(data);
  // An unknown format may still name its modules: used when the package has no modules record.
  if (problem) return { options: null, problem: `package options: ${problem}`, present: modulesRecord ?? slugList((data as { modules?: unknown } | null)?.modules) };
  const options = data as PackageOptions;
  return { options: { ...options, title: options.title.trim() }, problem: null };
}

/** The options block of the page the course runs in (none outside a browser). */
export function readPackageOptions(doc: Pick<Document, 'getElementById'> | undefined = globalThis.document): LaunchOptions {
  if (!doc) return { options: null, problem: null };
  const record = parsePackageModules(doc.getElementById(PACKAGE_MODULES_ELEMENT_ID)?.getAttribute('content'));
  return parsePackageOptions(doc.getElementById(PACKAGE_OPTIONS_ELEMENT_ID)?.textContent ?? undefined, record);
}

/**
 * The course as this package presents it: the package's options over the authored settings, and
 * only its modules (in course order). Module slugs this build does not have are dropped; a package
 * left with none keeps every module and reports the problem.
 */
export function applyPackageOptions(tree: CourseTree, launch: LaunchOptions): { tree: CourseTree; problem: string | null } {
  const options = launch.options;
  if (!options) {
    // The standard settings, but only the modules the package holds: the others' files are not in it.
    const present = launch.problem && launch.present ? tree.modules.filter((m) => launch.present!.includes(m.slug)) : [];
    if (!present.length || present.length === tree.modules.length) return { tree, problem: launch.problem };
    return { tree: { settings: { ...tree.settings, modules: present.map((m) => m.slug) }, modules: present }, problem: launch.problem };
  }
  const known = tree.modules.filter((m) => options.modules.includes(m.slug));
  const unknown = options.modules.filter((s) => !tree.modules.some((m) => m.slug === s));
  const modules = known.length ? known : tree.modules;
  const { format: _format, ...settings } = options;
  return {
    tree: {
      settings: { ...tree.settings, ...settings, modules: modules.map((m) => m.slug) },
      modules
    },
    problem: unknown.length ? `package options: modules: this build has no module ${unknown.map((s) => `"${s}"`).join(', ')}` : null
  };
}

/**
 * Lesson text links to other modules' pages (`<a href="#/module/lesson">`, markdown.ts renderLink);
 * in a package without that module they would lead to "not found", so they become plain text, as
 * the compiler renders a link to a module left out at build time. Walks any loaded chunk (lessons,
 * module overviews and quiz explanations, glossary) and returns a copy when something changed.
 */
export function unlinkModules<T>(value: T, excluded: ReadonlySet<Slug>): T {
  if (!excluded.size) return value;
  const link = /<a href="#\/([a-z0-9-]+)(?:\/[^"]*)?">([\s\S]*?)<\/a>/g;
  const visit = (x: unknown): unknown => {
    if (typeof x === 'string') {
      return x.includes('<a href="#/') ? x.replace(link, (whole, slug: string, text: string) => (excluded.has(slug) ? `<span class="unlinked">${text}</span>` : whole)) : x;
    }
    if (Array.isArray(x)) return x.map(visit);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, val]) => [k, visit(val)]));
    return x;
  };
  return visit(value) as T;
}

/** What a learner reads when the package's options could not be used. */
export function packageOptionsNotice(tree: CourseTree): string {
  const s = tree.settings;
  return (
    `This course package's settings could not be read, so the course uses its standard settings ` +
    `(pass mark ${s.masteryScore}%, ${s.attemptsPerQuiz === 0 ? 'unlimited attempts' : `${s.attemptsPerQuiz} attempts`} per quiz). ` +
    `Your progress is saved as usual. Please tell your teacher that the package may need to be made again.`
  );
}
