/**
 * What a teacher may choose for a package, and the one check of it, shared by the command line
 * (`npm run package`, options.ts reads flags and config files into raw values) and the teacher
 * page (scorm/teacher/, reads its form fields into the same raw values). Both give the same
 * message for the same mistake: `<where>: expected ..., got ...`, where <where> is the flag or
 * config key on the command line and the field on the page. The limits come from the package
 * options schema the course itself checks at launch (src/lib/content/package-options.ts).
 *
 * Pure: no Node APIs, so it runs unchanged in the teacher page.
 */
import * as v from 'valibot';
import { MAX_TITLE_LENGTH, OPTION_LIMITS as L } from '../src/lib/content/package-options';
import type { CourseSettings } from '../src/lib/content/types';
import type { ScormVersion } from './manifest';

/** What each option accepts, in words a teacher reads in an error message and in --help. */
export const FIELDS = {
  scorm: { flag: '--scorm', label: 'SCORM version', allowed: 'one of 12, 2004, both' },
  modules: { flag: '--modules', label: 'Modules', allowed: 'module slugs separated by commas, e.g. the-job,coding (see --help for the list)' },
  masteryScore: { flag: '--mastery', label: 'Pass mark', allowed: 'a pass mark in percent from 0 to 100' },
  completion: { flag: '--completion', label: 'Completed when', allowed: 'one of lessons, assessment, both' },
  attemptsPerQuiz: { flag: '--attempts', label: 'Attempts per quiz', allowed: 'a whole number of attempts per quiz from 0 (unlimited) to 10' },
  randomise: { flag: '--randomise / --no-randomise', label: 'Question order', allowed: 'true or false' },
  whenFinished: { flag: '--when-finished', label: 'When a learner has finished', allowed: 'one of end-attempt, keep-open' },
  title: { flag: '--title', label: 'Course title', allowed: `a course title of 1 to ${MAX_TITLE_LENGTH} characters, none of them a control character` },
  moduleZips: { flag: '--quick (sets it false)', label: 'One zip per module', allowed: 'true or false' },
  out: { flag: '--out', label: 'Output folder', allowed: 'a folder path' }
} as const;
export type Field = keyof typeof FIELDS;

/**
 * Characters an XML document may hold (XML 1.0 section 2.2, Char): the title goes into
 * imsmanifest.xml, and one control character (pasted from a word processor) makes the manifest
 * ill-formed, which an LMS refuses. Tab, line feed and carriage return are allowed (and collapsed
 * to spaces in the manifest's title).
 */
const XML_TEXT = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

// The limits are the ones the course checks at launch (package-options.ts OPTION_LIMITS).
const choicesSchema = v.strictObject({
  scorm: v.optional(v.picklist(['12', '2004', 'both'])),
  modules: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(L.moduleSlug))), v.minLength(1))),
  masteryScore: v.optional(v.pipe(v.number(), v.finite(), v.minValue(L.masteryScore.min), v.maxValue(L.masteryScore.max))),
  completion: v.optional(v.picklist(L.completion)),
  attemptsPerQuiz: v.optional(v.pipe(v.number(), v.integer(), v.minValue(L.attemptsPerQuiz.min), v.maxValue(L.attemptsPerQuiz.max))),
  randomise: v.optional(v.boolean()),
  whenFinished: v.optional(v.picklist(L.whenFinished)),
  title: v.optional(v.pipe(v.string(), v.regex(XML_TEXT), v.trim(), v.minLength(L.title.min), v.maxLength(L.title.max))),
  moduleZips: v.optional(v.boolean()),
  out: v.optional(v.pipe(v.string(), v.minLength(1)))
});
export type RawOptions = v.InferOutput<typeof choicesSchema>;

/** The course settings a teacher may choose; everything else in course.yaml stays authored. */
export type CourseOverrides = Partial<
  Pick<CourseSettings, 'title' | 'masteryScore' | 'completion' | 'attemptsPerQuiz' | 'randomise' | 'modules' | 'whenFinished'>
>;

export interface PackageOptions {
  versions: ScormVersion[];
  /** Only the settings the teacher set; the rest come from the build's authored settings. */
  overrides: CourseOverrides;
  /** One zip per module (per version) besides the whole-course zips. */
  moduleZips: boolean;
  /** Output folder, `dist` unless --out. */
  out: string;
  /** Where the options came from, for the summary line. */
  configFile?: string;
}

/** One problem with a teacher's choice: which option, where it was given, and what is wrong. */
export interface OptionProblem {
  /** The option, or null for a problem with no single option (an unknown flag). */
  field: Field | null;
  /** The flag, config key or form field that gave it. */
  where: string;
  /** `expected ..., got ...`: the same words on the command line and on the teacher page. */
  text: string;
}

export class OptionsError extends Error {
  readonly problems: OptionProblem[];
  constructor(problems: (OptionProblem | string)[]) {
    const all = problems.map((p) => (typeof p === 'string' ? { field: null, where: '', text: p } : p));
    super(
      'These packaging options cannot be used:\n' +
        all.map((p) => `  - ${p.where ? `${p.where}: ` : ''}${p.text}`).join('\n') +
        '\nRun `npm run package -- --help` for every option.'
    );
    this.name = 'OptionsError';
    this.problems = all;
  }
}

/** A value as a message shows it: text in quotes, anything else as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // Invisible characters are shown as \uXXXX, so the teacher sees what was refused.
  if (typeof value === 'string') return `"${value.replace(/[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
  return JSON.stringify(value);
}

/** A typed number as a number when it looks like one, else the text (so the message shows it). */
export function numberish(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text;
}

/** Typed text (a flag, a form field) as the raw value validateOptions checks. */
export const fromText = {
  modules: (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean),
  masteryScore: numberish,
  attemptsPerQuiz: numberish
};

/** Validates raw options; `origin` tells each key's source (flag, config key, form field) for the message. */
export function validateOptions(raw: Record<string, unknown>, origin: Partial<Record<string, string>> = {}): RawOptions {
  const input = { ...raw };
  // YAML reads `scorm: 12` as a number; the allowed values are written as text.
  if (typeof input.scorm === 'number') input.scorm = String(input.scorm);
  const result = v.safeParse(choicesSchema, input);
  if (result.success) return result.output;
  const problems = new Map<string, OptionProblem>();
  for (const issue of result.issues) {
    const key = issue.path?.[0]?.key;
    if (typeof key === 'string' && key in FIELDS) {
      const field = key as Field;
      const value = raw[key];
      const text = Array.isArray(value) && value.length === 0 ? 'expected at least one module, got none' : `expected ${FIELDS[field].allowed}, got ${describeValue(value)}`;
      problems.set(key, { field, where: origin[key] ?? FIELDS[field].flag, text });
    } else if (issue.type === 'strict_object' && typeof key === 'string') {
      problems.set(key, { field: null, where: origin[key] ?? key, text: `unknown option "${key}"; allowed: ${Object.keys(FIELDS).join(', ')}` });
    } else {
      problems.set(issue.message, { field: null, where: '', text: issue.message });
    }
  }
  throw new OptionsError([...problems.values()]);
}

/** Turns validated options into what the packager does; module slugs are checked against the course. */
export function toPackageOptions(
  options: RawOptions,
  availableModules: string[],
  configFile?: string,
  origin: Partial<Record<string, string>> = {}
): PackageOptions {
  const unknown = (options.modules ?? []).filter((m) => !availableModules.includes(m));
  if (unknown.length) {
    throw new OptionsError([
      {
        field: 'modules',
        where: origin.modules ?? FIELDS.modules.flag,
        text: `no module named ${unknown.map((m) => `"${m}"`).join(', ')}; the course has: ${availableModules.join(', ')}`
      }
    ]);
  }
  const overrides: CourseOverrides = {};
  if (options.title !== undefined) overrides.title = options.title;
  if (options.masteryScore !== undefined) overrides.masteryScore = options.masteryScore;
  if (options.completion !== undefined) overrides.completion = options.completion;
  if (options.attemptsPerQuiz !== undefined) overrides.attemptsPerQuiz = options.attemptsPerQuiz;
  if (options.randomise !== undefined) overrides.randomise = options.randomise;
  if (options.whenFinished !== undefined) overrides.whenFinished = options.whenFinished;
  if (options.modules !== undefined) {
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
