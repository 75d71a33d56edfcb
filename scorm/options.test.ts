import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_FILE, OptionsError, readArgs, toPackageOptions, validateOptions } from './options';

const COURSE_MODULES = ['the-job', 'health-record', 'coding-systems'];
const dirs: string[] = [];
const emptyRoot = () => {
  const d = mkdtempSync(join(tmpdir(), 'hit-options-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Flags (and an optional config file) all the way to what the packager does. */
function optionsFrom(argv: string[], root = emptyRoot()) {
  const args = readArgs(argv, root);
  return toPackageOptions(validateOptions(args.raw, args.origin), COURSE_MODULES, args.configFile);
}

/** The message a teacher sees for these flags. */
function refusal(argv: string[], root = emptyRoot()): string {
  try {
    optionsFrom(argv, root);
  } catch (e) {
    expect(e).toBeInstanceOf(OptionsError);
    return (e as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('defaults', () => {
  it('build both versions, every module, module zips, into dist, with no course override', () => {
    expect(optionsFrom([])).toEqual({ versions: ['12', '2004'], overrides: {}, moduleZips: true, out: 'dist', configFile: undefined });
  });
});

describe('flags', () => {
  it('set every teacher option', () => {
    const options = optionsFrom([
      '--scorm', '12',
      '--modules', 'coding-systems, the-job',
      '--mastery', '70',
      '--completion', 'lessons',
      '--attempts', '0',
      '--no-randomise',
      '--title', 'HIT careers for Period 3',
      '--when-finished', 'end-attempt',
      '--quick',
      '--out', 'out/pkg'
    ]);
    expect(options).toEqual({
      versions: ['12'],
      overrides: {
        title: 'HIT careers for Period 3',
        masteryScore: 70,
        completion: 'lessons',
        attemptsPerQuiz: 0,
        randomise: false,
        whenFinished: 'end-attempt',
        // course order, not the order typed
        modules: ['the-job', 'coding-systems']
      },
      moduleZips: false,
      out: 'out/pkg',
      configFile: undefined
    });
  });

  it('accept --randomise and --scorm 2004', () => {
    const options = optionsFrom(['--randomise', '--scorm', '2004']);
    expect(options.overrides.randomise).toBe(true);
    expect(options.versions).toEqual(['2004']);
  });
});

describe('config file', () => {
  it('is read from --config, YAML numbers and all, and flags override it', () => {
    const root = emptyRoot();
    writeFileSync(join(root, 'period3.yaml'), 'scorm: 12\nmasteryScore: 60\nmodules: [health-record]\nrandomise: false\nmoduleZips: false\n');
    const options = optionsFrom(['--config', 'period3.yaml', '--mastery', '75'], root);
    expect(options.versions).toEqual(['12']);
    expect(options.overrides).toEqual({ masteryScore: 75, modules: ['health-record'], randomise: false });
    expect(options.moduleZips).toBe(false);
    expect(options.configFile).toBe('period3.yaml');
  });

  it(`is picked up from ${DEFAULT_CONFIG_FILE} in the project root without --config`, () => {
    const root = emptyRoot();
    writeFileSync(join(root, DEFAULT_CONFIG_FILE), '{"completion": "assessment"}');
    const options = optionsFrom([], root);
    expect(options.overrides).toEqual({ completion: 'assessment' });
    expect(options.configFile).toBe(DEFAULT_CONFIG_FILE);
  });

  it('names the file and key of a bad value', () => {
    const root = emptyRoot();
    writeFileSync(join(root, 'c.yaml'), 'masteryScore: high\n');
    expect(refusal(['--config', 'c.yaml'], root)).toContain('c.yaml: masteryScore: expected a pass mark in percent from 0 to 100, got "high"');
  });

  it('refuses an unknown key, listing the allowed ones', () => {
    const root = emptyRoot();
    writeFileSync(join(root, 'c.yaml'), 'passMark: 70\n');
    expect(refusal(['--config', 'c.yaml'], root)).toMatch(/c.yaml: passMark: unknown option "passMark"; allowed: scorm, modules, masteryScore/);
  });

  it('refuses a missing file, a file that is not YAML and a file that is not a map', () => {
    const root = emptyRoot();
    expect(refusal(['--config', 'nope.yaml'], root)).toContain('--config: the file nope.yaml does not exist');
    writeFileSync(join(root, 'bad.yaml'), 'a: [1, 2\n');
    expect(refusal(['--config', 'bad.yaml'], root)).toContain('bad.yaml: not valid YAML or JSON');
    writeFileSync(join(root, 'list.yaml'), '- 12\n');
    expect(refusal(['--config', 'list.yaml'], root)).toContain('list.yaml: expected keys such as');
  });
});

describe('invalid options are refused with what is allowed', () => {
  it.each([
    [['--scorm', '1.3'], '--scorm: expected one of 12, 2004, both, got "1.3"'],
    [['--mastery', '120'], '--mastery: expected a pass mark in percent from 0 to 100, got 120'],
    [['--mastery', 'eighty'], '--mastery: expected a pass mark in percent from 0 to 100, got "eighty"'],
    [['--completion', 'quiz'], '--completion: expected one of lessons, assessment, both, got "quiz"'],
    [['--attempts', '2.5'], '--attempts: expected a whole number of attempts per quiz from 0 (unlimited) to 10, got 2.5'],
    [['--attempts', '11'], '--attempts: expected a whole number of attempts per quiz from 0 (unlimited) to 10, got 11'],
    [['--title', '   '], '--title: expected a course title of 1 to 200 characters, none of them a control character, got "   "'],
    // A control character would make imsmanifest.xml ill-formed (XML 1.0 section 2.2): refused here, shown escaped.
    [['--title', 'Period\u00013'], '--title: expected a course title of 1 to 200 characters, none of them a control character, got "Period\\u00013"'],
    [['--title', 'Period\uFFFE3'], '--title: expected a course title of 1 to 200 characters, none of them a control character, got "Period\\ufffe3"'],
    [['--title', 'x'.repeat(201)], '--title: expected a course title of 1 to 200 characters'],
    [['--modules', 'The Job'], '--modules: expected module slugs separated by commas'],
    [['--modules', ','], '--modules: expected at least one module, got none'],
    [['--when-finished', 'close'], '--when-finished: expected one of end-attempt, keep-open, got "close"'],
    [['--modules', 'the-job,payroll'], '--modules: no module named "payroll"; the course has: the-job, health-record, coding-systems']
  ])('%j', (argv, message) => {
    expect(refusal(argv)).toContain(message);
  });

  it('refuses an unknown flag, listing the allowed flags', () => {
    expect(refusal(['--mastry', '70'])).toMatch(/Unknown option '--mastry'; allowed flags: --scorm, --modules, --mastery/);
  });

  it('refuses --randomise together with --no-randomise', () => {
    expect(refusal(['--randomise', '--no-randomise'])).toContain('give one of them, not both');
  });

  it('lists every problem at once and points to --help', () => {
    const message = refusal(['--mastery', '120', '--completion', 'quiz']);
    expect(message).toContain('--mastery');
    expect(message).toContain('--completion');
    expect(message).toContain('npm run package -- --help');
  });
});

describe('--help and --from-build', () => {
  it('are recognised', () => {
    expect(readArgs(['--help'], emptyRoot()).help).toBe(true);
    expect(readArgs(['--from-build', 'build'], emptyRoot()).fromBuild).toBe('build');
  });
});

describe('problems', () => {
  it('carry the option, where it was given and the words, so the teacher page shows the same words under its field', () => {
    try {
      optionsFrom(['--mastery', '120']);
    } catch (e) {
      expect((e as OptionsError).problems).toEqual([
        { field: 'masteryScore', where: '--mastery', text: 'expected a pass mark in percent from 0 to 100, got 120' }
      ]);
      return;
    }
    throw new Error('expected a refusal');
  });
});

describe('scorm/package.config.example.yaml', () => {
  it('is a valid config file, so a teacher who copies it gets no error', () => {
    const args = readArgs(['--config', 'scorm/package.config.example.yaml'], join(import.meta.dirname, '..'));
    const options = toPackageOptions(validateOptions(args.raw, args.origin), COURSE_MODULES, args.configFile);
    expect(options.versions).toEqual(['12']);
    expect(options.overrides).toEqual({ masteryScore: 80, completion: 'both', attemptsPerQuiz: 3, randomise: true, whenFinished: 'keep-open' });
  });
});
