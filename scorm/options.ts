/**
 * Teacher options for `npm run package`, from a config file and command-line flags (flags win).
 * A teacher never edits code: every option is checked here and a wrong one is refused with a
 * message naming the flag or config key, what is allowed and what was given. The course options
 * travel to the build as HIT_COURSE_OVERRIDES (merged over modules/course.yaml by the loader),
 * so their limits mirror courseSchema in src/lib/content/schema.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import type { CourseSettings } from '../src/lib/content/types';
import { MAX_TITLE, type ScormVersion } from './manifest';

/** Config file picked up without --config when it exists in the project root. */
export const DEFAULT_CONFIG_FILE = 'package.config.yaml';

/** What each option accepts, in words a teacher reads in an error message and in --help. */
const FIELDS = {
  scorm: { flag: '--scorm', allowed: 'one of 12, 2004, both' },
  modules: { flag: '--modules', allowed: 'module slugs separated by commas, e.g. the-job,coding (see --help for the list)' },
  masteryScore: { flag: '--mastery', allowed: 'a pass mark in percent from 0 to 100' },
  completion: { flag: '--completion', allowed: 'one of lessons, assessment, both' },
  attemptsPerQuiz: { flag: '--attempts', allowed: 'a whole number of attempts per quiz from 0 (unlimited) to 10' },
  randomise: { flag: '--randomise / --no-randomise', allowed: 'true or false' },
  title: { flag: '--title', allowed: `a course title of 1 to ${MAX_TITLE} characters` },
  moduleZips: { flag: '--quick (sets it false)', allowed: 'true or false' },
  out: { flag: '--out', allowed: 'a folder path' }
} as const;
type Field = keyof typeof FIELDS;

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const optionsSchema = v.strictObject({
  scorm: v.optional(v.picklist(['12', '2004', 'both'])),
  modules: v.optional(v.array(v.pipe(v.string(), v.regex(slug)))),
  masteryScore: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100))),
  completion: v.optional(v.picklist(['lessons', 'assessment', 'both'])),
  attemptsPerQuiz: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10))),
  randomise: v.optional(v.boolean()),
  title: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_TITLE))),
  moduleZips: v.optional(v.boolean()),
  out: v.optional(v.pipe(v.string(), v.minLength(1)))
});
export type RawOptions = v.InferOutput<typeof optionsSchema>;

/** The course settings a teacher may override; everything else in course.yaml stays authored. */
export type CourseOverrides = Partial<
  Pick<CourseSettings, 'title' | 'masteryScore' | 'completion' | 'attemptsPerQuiz' | 'randomise' | 'modules'>
>;

export interface PackageOptions {
  versions: ScormVersion[];
  /** Passed to the build as HIT_COURSE_OVERRIDES; only keys the teacher set. */
  overrides: CourseOverrides;
  /** One zip per module (per version) besides the whole-course zips. */
  moduleZips: boolean;
  /** Output folder, `dist` unless --out. */
  out: string;
  /** Where the options came from, for the summary line. */
  configFile?: string;
}

export class OptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      'These packaging options cannot be used:\n' +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nRun `npm run package -- --help` for every option.'
    );
    this.name = 'OptionsError';
  }
}

export const HELP = `Build the course and its SCORM zips into dist/.

usage: npm run package -- [options]

  --scorm 12|2004|both       SCORM version(s) to build (default both; Moodle: use 12)
  --modules a,b              only these modules, by slug (default: every module)
  --mastery N                pass mark in percent, 0-100 (default from modules/course.yaml)
  --completion RULE          when the LMS is told "completed": lessons (every lesson viewed),
                             assessment (final assessment passed) or both
  --attempts N               attempts per graded quiz, 0 = unlimited, at most 10
  --randomise, --no-randomise  shuffle quiz draws and options, or give everyone the same order
  --title "TEXT"             course title shown in the LMS (at most ${MAX_TITLE} characters)
  --quick                    whole-course zips only (skip the one-zip-per-module packages)
  --out DIR                  output folder (default dist)
  --config FILE              read options from a YAML or JSON file (default: ${DEFAULT_CONFIG_FILE}
                             in the project root when it exists); flags override the file
  --help                     this text

Config file keys: scorm, modules, masteryScore, completion, attemptsPerQuiz, randomise, title,
moduleZips, out (see scorm/package.config.example.yaml).`;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `"${value}"`;
  return JSON.stringify(value);
}

/** A flag's text as a number when it looks like one, else the text (so the message shows it). */
function numberish(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text;
}

/** Validates merged raw options; `origin` tells each key's source for the message. */
export function validateOptions(raw: Record<string, unknown>, origin: Record<string, string> = {}): RawOptions {
  const input = { ...raw };
  // YAML reads `scorm: 12` as a number; the allowed values are written as text.
  if (typeof input.scorm === 'number') input.scorm = String(input.scorm);
  const result = v.safeParse(optionsSchema, input);
  if (result.success) return result.output;
  const problems = new Set<string>();
  for (const issue of result.issues) {
    const key = issue.path?.[0]?.key;
    if (typeof key === 'string' && key in FIELDS) {
      const field = FIELDS[key as Field];
      const value = (raw as Record<string, unknown>)[key];
      problems.add(`${origin[key] ?? field.flag}: expected ${field.allowed}, got ${describe(value)}`);
    } else if (issue.type === 'strict_object' && typeof key === 'string') {
      problems.add(
        `${origin[key] ?? key}: unknown option "${key}"; allowed: ${Object.keys(FIELDS).join(', ')}`
      );
    } else {
      problems.add(issue.message);
    }
  }
  throw new OptionsError([...problems]);
}

export interface ParsedArgs {
  help: boolean;
  raw: Record<string, unknown>;
  origin: Record<string, string>;
  configFile?: string;
}

/** Reads flags (and the config file they point to) into raw options, not yet validated. */
export function readArgs(argv: string[], root: string): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        scorm: { type: 'string' },
        modules: { type: 'string' },
        mastery: { type: 'string' },
        completion: { type: 'string' },
        attempts: { type: 'string' },
        randomise: { type: 'boolean' },
        'no-randomise': { type: 'boolean' },
        title: { type: 'string' },
        quick: { type: 'boolean' },
        out: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    });
  } catch (e) {
    // node:util's message names the bad flag ("Unknown option '--mastry'"); add what is allowed.
    throw new OptionsError([
      `${(e as Error).message.split('.')[0]}; allowed flags: --scorm, --modules, --mastery, --completion, --attempts, --randomise, --no-randomise, --title, --quick, --out, --config, --help`
    ]);
  }
  const flags = parsed.values;
  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};

  let configFile = flags.config;
  if (configFile === undefined && existsSync(resolve(root, DEFAULT_CONFIG_FILE))) configFile = DEFAULT_CONFIG_FILE;
  if (configFile !== undefined) {
    const path = resolve(root, configFile);
    if (!existsSync(path)) throw new OptionsError([`--config: the file ${configFile} does not exist`]);
    let data: unknown;
    try {
      data = parseYaml(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new OptionsError([`${configFile}: not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`]);
    }
    if (data !== null && data !== undefined) {
      if (typeof data !== 'object' || Array.isArray(data)) {
        throw new OptionsError([`${configFile}: expected keys such as "scorm: 12" or "masteryScore: 70", got ${describe(data)}`]);
      }
      for (const [key, value] of Object.entries(data)) {
        raw[key] = value;
        origin[key] = `${configFile}: ${key}`;
      }
    }
  }

  const set = (key: Field, value: unknown, flag: string) => {
    if (value === undefined) return;
    raw[key] = value;
    origin[key] = flag;
  };
  set('scorm', flags.scorm, '--scorm');
  set(
    'modules',
    flags.modules?.split(',').map((s) => s.trim()).filter(Boolean),
    '--modules'
  );
  set('masteryScore', numberish(flags.mastery), '--mastery');
  set('completion', flags.completion, '--completion');
  set('attemptsPerQuiz', numberish(flags.attempts), '--attempts');
  if (flags.randomise && flags['no-randomise']) {
    throw new OptionsError(['--randomise and --no-randomise: give one of them, not both']);
  }
  set('randomise', flags.randomise ? true : flags['no-randomise'] ? false : undefined, flags.randomise ? '--randomise' : '--no-randomise');
  set('title', flags.title, '--title');
  set('moduleZips', flags.quick ? false : undefined, '--quick');
  set('out', flags.out, '--out');
  return { help: flags.help === true, raw, origin, configFile };
}

/** Turns validated options into what the packager does; module slugs are checked against the course. */
export function toPackageOptions(options: RawOptions, availableModules: string[], configFile?: string): PackageOptions {
  const unknown = (options.modules ?? []).filter((m) => !availableModules.includes(m));
  if (unknown.length) {
    throw new OptionsError([
      `--modules: no module named ${unknown.map((m) => `"${m}"`).join(', ')}; the course has: ${availableModules.join(', ')}`
    ]);
  }
  const overrides: CourseOverrides = {};
  if (options.title !== undefined) overrides.title = options.title;
  if (options.masteryScore !== undefined) overrides.masteryScore = options.masteryScore;
  if (options.completion !== undefined) overrides.completion = options.completion;
  if (options.attemptsPerQuiz !== undefined) overrides.attemptsPerQuiz = options.attemptsPerQuiz;
  if (options.randomise !== undefined) overrides.randomise = options.randomise;
  if (options.modules !== undefined && options.modules.length > 0) {
    // Keep course order whatever order the teacher typed, and drop repeats.
    overrides.modules = availableModules.filter((m) => options.modules?.includes(m));
  }
  const scorm = options.scorm ?? 'both';
  return {
    versions: scorm === 'both' ? ['12', '2004'] : [scorm],
    overrides,
    moduleZips: options.moduleZips ?? true,
    out: options.out ?? 'dist',
    configFile
  };
}
