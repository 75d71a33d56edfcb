/**
 * Teacher options for `npm run package`, from a config file and command-line flags (flags win),
 * read into raw values that choices.ts checks: the same check, and the same messages, as the
 * teacher page's. A wrong option is refused with a message naming the flag or config key, what
 * is allowed and what was given.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { MAX_TITLE } from './manifest';
import { describeValue, fromText, OptionsError, type Field } from './choices';

export { OptionsError, toPackageOptions, validateOptions, type CourseOverrides, type PackageOptions, type RawOptions } from './choices';

/** Config file picked up without --config when it exists in the project root. */
export const DEFAULT_CONFIG_FILE = 'package.config.yaml';

export const HELP = `Build the course once and assemble its SCORM zips (and the teacher page) into dist/.

usage: npm run package -- [options]

  --scorm 12|2004|both       SCORM version(s) to make (default both; Moodle: use 12)
  --modules a,b              only these modules, by slug (default: every module)
  --mastery N                pass mark in percent, 0-100 (default from modules/course.yaml)
  --completion RULE          when the LMS is told "completed": lessons (every lesson viewed),
                             assessment (final assessment passed) or both
  --attempts N               attempts per graded quiz, 0 = unlimited, at most 10
  --randomise, --no-randomise  shuffle quiz draws and options, or give everyone the same order
  --when-finished WHAT       once the course is finished: end-attempt (the LMS closes the
                             attempt) or keep-open (the learner may come back to review)
  --title "TEXT"             course title shown in the LMS (at most ${MAX_TITLE} characters)
  --quick                    whole-course zips only (skip the one-zip-per-module packages)
  --out DIR                  output folder (default dist)
  --from-build DIR           assemble from an existing build (what \`npm run build\` wrote to DIR)
                             instead of building; the teacher page is not made
  --config FILE              read options from a YAML or JSON file (default: ${DEFAULT_CONFIG_FILE}
                             in the project root when it exists); flags override the file
  --help                     this text

Config file keys: scorm, modules, masteryScore, completion, attemptsPerQuiz, randomise,
whenFinished, title, moduleZips, out (see scorm/package.config.example.yaml).`;

export interface ParsedArgs {
  help: boolean;
  /** --from-build: the build folder to assemble from (no build). */
  fromBuild?: string;
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
        'when-finished': { type: 'string' },
        quick: { type: 'boolean' },
        'from-build': { type: 'string' },
        out: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    });
  } catch (e) {
    // node:util's message names the bad flag ("Unknown option '--mastry'"); add what is allowed.
    throw new OptionsError([
      `${(e as Error).message.split('.')[0]}; allowed flags: --scorm, --modules, --mastery, --completion, --attempts, --randomise, --no-randomise, --when-finished, --title, --quick, --out, --from-build, --config, --help`
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
        throw new OptionsError([`${configFile}: expected keys such as "scorm: 12" or "masteryScore: 70", got ${describeValue(data)}`]);
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
  set('modules', flags.modules === undefined ? undefined : fromText.modules(flags.modules), '--modules');
  set('masteryScore', fromText.masteryScore(flags.mastery), '--mastery');
  set('completion', flags.completion, '--completion');
  set('attemptsPerQuiz', fromText.attemptsPerQuiz(flags.attempts), '--attempts');
  if (flags.randomise && flags['no-randomise']) {
    throw new OptionsError(['--randomise and --no-randomise: give one of them, not both']);
  }
  set('randomise', flags.randomise ? true : flags['no-randomise'] ? false : undefined, flags.randomise ? '--randomise' : '--no-randomise');
  set('whenFinished', flags['when-finished'], '--when-finished');
  set('title', flags.title, '--title');
  set('moduleZips', flags.quick ? false : undefined, '--quick');
  set('out', flags.out, '--out');
  return { help: flags.help === true, raw, origin, configFile, fromBuild: flags['from-build'] };
}
