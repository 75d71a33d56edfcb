/**
 * The state codec: packs a LearnerState into suspend_data and back, keyed by stable ids.
 *
 * Why a custom format: SCORM 1.2 allows 4,096 characters of cmi.suspend_data (1.2 RTE 3.4.2.4,
 * CMIString4096), and JSON of a full course runs past that. Why ids and not positions: an LMS lets
 * a teacher replace a package in place (Moodle: "update package"), so a lesson may be inserted or a
 * module removed between two launches; saved progress must then land on the same lessons and quizzes,
 * and whatever no longer exists is dropped (and reported, see `PackageChanges`), never moved onto
 * something else.
 *
 *   h2|<savedAt>|<course fingerprint>|<interactions>.<flags>|<seen>|<location>|<quizzes>|<checks>|<exercises>
 *
 * - Keys: a module, a lesson (within its module) and a knowledge check (within its module) is
 *   written as the 3-character digest of its slug (digest.ts); an id whose digest another id of the
 *   same set shares is spelt out as `~<length, 2 base-36 digits><escaped id>`.
 * - savedAt: milliseconds since 1970 in base 36 (which copy is newer: the LMS's or this device's).
 * - course fingerprint: changes when any module, lesson, quiz pool or check changes; when it
 *   matches, nothing was changed and decoding reports no changes.
 * - counters `<interactions>.<flags>.<attempt>`: how many interaction records this attempt has
 *   written (base 36), so a relaunch that finds fewer in the LMS never writes over them; flags (a
 *   bit set): 1 = the course ended the attempt, 2 = the LMS accepted a commit of this attempt (so an
 *   LMS that later returns a fresh record has started a new attempt, restore.ts), 4 = the attempt
 *   began on a blank LMS record (lms-session.ts writes only decided status then); attempt = the
 *   attempt's id (when it started, base 36), so a copy is only merged into its own attempt.
 * - seen: per module `<module key>:<lesson key><lesson key>...`, joined by `;`.
 * - location: empty (none), `@<module key><lesson key>` for a lesson route, otherwise the route.
 * - quizzes: `<key>:<attempt>:<seed>:<index>:<flags>:<best>:<pool fingerprint>:<count>:<answers>`
 *   joined by `;`; key `_` is the final assessment; flags 1 = submitted, 2 = passed; answers joined
 *   by `,` (an unanswered item is empty, an empty string `%-`). A quiz whose pool fingerprint
 *   changed keeps its attempts, seed, best score and pass, and loses only its answers.
 * - checks: per module `<module key>:<check key>...` joined by `;` (passed knowledge checks).
 * - exercises: `id:value` joined by `;`.
 * Reserved characters `% | ; , :` inside values are written as 2-character escapes (`%p %v %s %m
 * %k`); the `%XX` form (their UTF-16 code in hex) that earlier copies hold is still read.
 *
 * Size: an LMS may keep suspend_data in a column limited in UTF-8 bytes rather than characters, where
 * "café" is 5 and an emoji 4. So the text is measured by `storedSize`, its UTF-8 length, which is never
 * below its length in UTF-16 code units (what SCORM's CMIString4096 counts): a text within the
 * limit by that measure is within it by both.
 *
 * Budget (see `encodeState`): when the text is longer than the limit, it sheds, in this order, what
 * the learner loses least by: answers of already submitted attempts (their review; scores, attempts
 * and seeds stay), then exercise states (largest first), then answers of open attempts (longest
 * first: typed answers; the item shows unanswered again), then passed knowledge checks (ungraded).
 * Never shed: seen lessons, the bookmark, each quiz's attempt, seed, position, best score and pass.
 * An answer longer than ANSWER_MAX_CHARS is cut, an exercise value longer than EXERCISE_VALUE_CAP
 * characters is not stored, and in SCORM 1.2 exercises share EXERCISES_TOTAL_CAP_12 characters. In
 * SCORM 1.2 the limit the course writes to is SUSPEND_DATA_BUDGET_12, below the LMS's 4,096.
 *
 * Older formats still restore: `h1` (positional: lesson bitmap in course order, quizzes by module
 * index) is read against the current course, and v0 (JSON) as before.
 */
import type { CourseTree, ModuleMeta } from '$lib/content/types';
import { digest } from './digest';
import { emptyState, FINAL_QUIZ_ID, lessonKeys, quizFingerprints } from './learner-state';
import type { LearnerState, QuizProgress } from './types';

export { emptyState, FINAL_QUIZ_ID, lessonKeys } from './learner-state';

export const CODEC_VERSION = 'h2';
/** SCORM 1.2 suspend_data limit (1.2 RTE 3.4.2.4, CMIString4096). */
export const SUSPEND_DATA_LIMIT_12 = 4096;
/** SCORM 2004 suspend_data SPM (2004 RTE 4.2.23). */
export const SUSPEND_DATA_LIMIT_2004 = 64000;
/**
 * What the course lets SCORM 1.2 suspend_data grow to (issue 11: worst case <= 3,000 of the 4,096),
 * so content added later still fits; past it, the encoder sheds (see the file comment).
 */
export const SUSPEND_DATA_BUDGET_12 = 3000;
/** The suspend_data length the course writes to in an LMS whose limit is `lmsLimit`. */
export const suspendDataBudget = (lmsLimit: number) => (lmsLimit <= SUSPEND_DATA_LIMIT_12 ? Math.min(lmsLimit, SUSPEND_DATA_BUDGET_12) : lmsLimit);
/** Each exercise may keep at most this many characters (the CourseSession contract). */
export const EXERCISE_VALUE_CAP = 200;
/**
 * In SCORM 1.2 all exercises together keep at most this many UTF-8 bytes (their `id:value`
 * records; characters for plain text): two exercises at the full 200, or five at about 95. Over the cap, the largest values
 * are left out of suspend_data (they stay in this device's copy).
 */
export const EXERCISES_TOTAL_CAP_12 = 500;

export class StateCodecError extends Error {
  override name = 'StateCodecError';
}

/**
 * Reserved characters and their 2-character escapes. The letters are outside [0-9a-f], so text
 * written by the first encoder of this format (`%XX`, 3 characters: the UTF-16 code in hex) is
 * still read (`unescape`), and `%-` (an empty answer) stays free.
 */
const ESCAPES: Record<string, string> = { '%': '%p', '|': '%v', ';': '%s', ',': '%m', ':': '%k' };
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([c, e]) => [e[1]!, c]));
const escape = (s: string) => s.replace(/[%|;,:]/g, (c) => ESCAPES[c]!);
const unescape = (s: string) =>
  s.replace(/%(?:([0-9a-f]{2})|([pvsmk]))/g, (_, hex: string | undefined, letter: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : UNESCAPES[letter!]!));

/**
 * Longest answer a quiz slot keeps (UTF-16 code units). The quiz engine writes at most 60 for a
 * typed fill-in answer and 17 for a number (quiz/response-codec.ts), and every learner_response it
 * becomes is within the LMS's (1.2 CMIFeedback 255, RTE 3.4.2.7; 2004 fill-in SPM 250, RTE 4.2.9);
 * anything longer is cut here, never in the middle of a surrogate pair.
 */
export const ANSWER_MAX_CHARS = 60;

/** `text` cut to `max` UTF-16 code units without splitting a surrogate pair. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

const int36 = (text: string, what: string): number => {
  if (!/^[0-9a-z]+$/.test(text)) throw new StateCodecError(`${what}: not a number`);
  return parseInt(text, 36);
};

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

const KEY_LENGTH = 3;

/**
 * The UTF-8 length of `text` in bytes (a lone surrogate as the 3 bytes of its replacement
 * character): never below `text.length`, so a limit held by this measure holds for both.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** How much of the LMS's limit `text` takes: its UTF-8 bytes (see the file comment). */
export const storedSize = utf8Length;

/** A set of ids and the keys written for them (a digest, or the id spelt out when digests clash). */
class KeySpace {
  private readonly toKey = new Map<string, string>();
  private readonly fromKey = new Map<string, string>();

  constructor(ids: readonly string[]) {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(digest(id, KEY_LENGTH), (counts.get(digest(id, KEY_LENGTH)) ?? 0) + 1);
    for (const id of ids) {
      const short = digest(id, KEY_LENGTH);
      const key = counts.get(short) === 1 ? short : literalKey(id);
      this.toKey.set(id, key);
      this.fromKey.set(key, id);
    }
  }

  key(id: string): string | undefined {
    return this.toKey.get(id);
  }

  /** The id of a key read back, or undefined when this course has no such id (any more). */
  id(key: string): string | undefined {
    // A spelt-out id written with the earlier %XX escapes is read by the id it spells.
    return this.fromKey.get(key) ?? (key.startsWith('~') ? this.fromKey.get(literalKey(unescape(key.slice(3)))) : undefined);
  }
}

function literalKey(id: string): string {
  const text = escape(id);
  return `~${text.length.toString(36).padStart(2, '0')}${text}`;
}

/** Splits a run of keys (`abc~05hello...`) into keys. */
function readKeys(text: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '~') {
      const length = int36(text.slice(i + 1, i + 3), 'key length');
      keys.push(text.slice(i, i + 3 + length));
      i += 3 + length;
    } else {
      keys.push(text.slice(i, i + KEY_LENGTH));
      i += KEY_LENGTH;
    }
  }
  if (i !== text.length) throw new StateCodecError('keys: truncated');
  return keys;
}

interface CourseKeys {
  modules: KeySpace;
  lessons: Map<string, KeySpace>;
  checks: Map<string, KeySpace>;
  /** Module slug of each check id. */
  checkModule: Map<string, string>;
  quizFingerprint: Map<string, string>;
  fingerprint: string;
}

const keyCache = new WeakMap<CourseTree, CourseKeys>();

function courseKeys(course: CourseTree): CourseKeys {
  const cached = keyCache.get(course);
  if (cached) return cached;
  const checkModule = new Map<string, string>();
  for (const m of course.modules) for (const id of m.checks ?? []) checkModule.set(id, m.slug);
  const keys: CourseKeys = {
    modules: new KeySpace(course.modules.map((m) => m.slug)),
    lessons: new Map(course.modules.map((m) => [m.slug, new KeySpace(m.lessons.map((l) => l.slug))])),
    checks: new Map(course.modules.map((m) => [m.slug, new KeySpace(m.checks ?? [])])),
    checkModule,
    quizFingerprint: new Map(Object.entries(quizFingerprints(course))),
    fingerprint: courseFingerprint(course)
  };
  keyCache.set(course, keys);
  return keys;
}

function courseFingerprint(course: CourseTree): string {
  const describe = (m: ModuleMeta) => `${m.slug}(${m.lessons.map((l) => l.slug).join(',')})q${m.quiz?.fingerprint ?? ''}c${(m.checks ?? []).join(',')}`;
  return digest([course.settings.finalAssessmentItems, ...course.modules.map(describe)].join('|'));
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

interface EncodeOptions {
  /** Maximum length of the result (the version's suspend_data limit). */
  limit?: number;
  /** Time stamp written into the state (defaults to now). */
  savedAt?: number;
  /** Interaction records written in this attempt. */
  interactions?: number;
  /** The course ended the attempt (cmi.exit normal / ""). */
  ended?: boolean;
  /** The LMS has accepted a commit of this attempt. */
  reachedLms?: boolean;
  /** The attempt's id ([0-9a-z]*; '' = unknown). */
  attempt?: string;
  /** The attempt began on a blank LMS record (lms-session.ts: only decided status is written). */
  blankStart?: boolean;
}

export interface EncodedState {
  data: string;
  /** What had to be left out to fit `limit` (empty when everything fits). */
  shed: ('reviews' | 'exercises' | 'answers' | 'checks')[];
}

/** An answer as written (empty = unanswered, `%-` = an empty string). */
const answerText = (a: string | null) => (a === null ? '' : a === '' ? '%-' : escape(capText(a, ANSWER_MAX_CHARS)));

/** `dropped`: slots of this quiz whose answers are shed (written as unanswered). */
function encodeQuiz(keys: CourseKeys, id: string, q: QuizProgress, dropAnswers: boolean, dropped?: ReadonlySet<number>): string | null {
  const key = id === FINAL_QUIZ_ID ? '_' : keys.modules.key(id);
  if (key === undefined) return null;
  const flags = (q.submitted ? 1 : 0) | (q.passed ? 2 : 0);
  const answers = dropAnswers ? [] : q.answers.map((a, slot) => (dropped?.has(slot) ? '' : answerText(a)));
  return [
    key,
    Math.max(0, q.attempt).toString(36),
    (q.seed >>> 0).toString(36),
    Math.max(0, q.index).toString(36),
    String(flags),
    q.best === null ? '' : String(q.best),
    keys.quizFingerprint.get(id) ?? '',
    q.answers.length.toString(36),
    answers.join(',')
  ].join(':');
}

function encodeSeen(course: CourseTree, keys: CourseKeys, seen: readonly string[]): string {
  const set = new Set(seen);
  return course.modules
    .map((m) => {
      const lessons = keys.lessons.get(m.slug)!;
      const seenHere = m.lessons.filter((l) => set.has(`${m.slug}/${l.slug}`)).map((l) => lessons.key(l.slug));
      return seenHere.length ? `${keys.modules.key(m.slug)}:${seenHere.join('')}` : '';
    })
    .filter(Boolean)
    .join(';');
}

/** Front coding would not help 3-character keys; checks are grouped by module instead. */
function encodeChecks(course: CourseTree, keys: CourseKeys, checks: readonly string[]): string {
  const byModule = new Map<string, string[]>();
  for (const id of new Set(checks)) {
    const module = keys.checkModule.get(id);
    // A check that is not in this package any more is not saved.
    if (module) byModule.set(module, [...(byModule.get(module) ?? []), id]);
  }
  return course.modules
    .filter((m) => byModule.has(m.slug))
    .map((m) => `${keys.modules.key(m.slug)}:${byModule.get(m.slug)!.map((id) => keys.checks.get(m.slug)!.key(id)).join('')}`)
    .join(';');
}

function encodeLocation(course: CourseTree, keys: CourseKeys, location: string | null): string {
  if (location === null) return '';
  const [, moduleSlug, lessonSlug, extra] = location.split('/');
  const module = course.modules.find((m) => m.slug === moduleSlug);
  if (module && lessonSlug && extra === undefined && module.lessons.some((l) => l.slug === lessonSlug)) {
    return `@${keys.modules.key(module.slug)}${keys.lessons.get(module.slug)!.key(lessonSlug)}`;
  }
  return escape(location.slice(0, 255));
}

/**
 * Packs `state` into suspend_data text of at most `limit` in `storedSize` (UTF-8 bytes, so also at
 * most `limit` UTF-16 code units), shedding in the documented order when it does not fit.
 */
export function encodeState(course: CourseTree, state: LearnerState, options: EncodeOptions = {}): EncodedState {
  const limit = options.limit ?? SUSPEND_DATA_LIMIT_2004;
  const keys = courseKeys(course);
  const head = [
    CODEC_VERSION,
    (options.savedAt ?? Date.now()).toString(36),
    keys.fingerprint,
    `${Math.max(0, options.interactions ?? 0).toString(36)}.${(options.ended ? 1 : 0) | (options.reachedLms ? 2 : 0) | (options.blankStart ? 4 : 0)}${options.attempt ? `.${options.attempt.replace(/[^0-9a-z]/g, '')}` : ''}`,
    encodeSeen(course, keys, state.seen),
    encodeLocation(course, keys, state.location)
  ];

  let exercises = Object.entries(state.exercises).filter(([, v]) => v.length <= EXERCISE_VALUE_CAP);
  let checks = state.checks;
  let dropReviews = false;
  /** Shed answers of open attempts: quiz id -> slots. */
  const dropped = new Map<string, Set<number>>();
  const shed: EncodedState['shed'] = [];
  const render = () =>
    [
      ...head,
      Object.entries(state.quizzes)
        .map(([id, q]) => encodeQuiz(keys, id, q, dropReviews && q.submitted, dropped.get(id)))
        .filter((q): q is string => q !== null)
        .join(';'),
      encodeChecks(course, keys, checks),
      exercises.map(([id, v]) => `${escape(id)}:${escape(v)}`).join(';')
    ].join('|');

  const exerciseCost = () => exercises.reduce((n, [id, v]) => n + storedSize(escape(id)) + storedSize(escape(v)) + 2, 0);
  const largestLast = () => [...exercises].sort((a, b) => storedSize(escape(a[1])) - storedSize(escape(b[1])));
  if (limit <= SUSPEND_DATA_LIMIT_12 && exerciseCost() > EXERCISES_TOTAL_CAP_12) {
    shed.push('exercises');
    exercises = largestLast();
    while (exerciseCost() > EXERCISES_TOTAL_CAP_12) exercises = exercises.slice(0, -1);
  }
  let data = render();
  if (storedSize(data) > limit && Object.values(state.quizzes).some((q) => q.submitted && q.answers.some((a) => a !== null))) {
    dropReviews = true;
    shed.push('reviews');
    data = render();
  }
  if (storedSize(data) > limit) {
    if (!shed.includes('exercises')) shed.push('exercises');
    exercises = largestLast();
    while (storedSize(data) > limit && exercises.length > 0) {
      exercises = exercises.slice(0, -1);
      data = render();
    }
  }
  if (storedSize(data) > limit) {
    // Answers of open attempts, longest first (typed answers, by their UTF-8 bytes), as few as it takes.
    const open = Object.entries(state.quizzes)
      .filter(([, q]) => !q.submitted)
      .flatMap(([id, q]) => q.answers.map((a, slot) => ({ id, slot, cost: storedSize(answerText(a)) })))
      .filter((a) => a.cost > 0)
      .sort((a, b) => b.cost - a.cost);
    if (open.length) shed.push('answers');
    while (storedSize(data) > limit && open.length > 0) {
      let excess = storedSize(data) - limit;
      while (excess > 0 && open.length > 0) {
        const next = open.shift()!;
        dropped.set(next.id, (dropped.get(next.id) ?? new Set()).add(next.slot));
        excess -= next.cost;
      }
      data = render();
    }
  }
  if (storedSize(data) > limit) {
    shed.push('checks');
    checks = [];
    data = render();
  }
  return { data, shed };
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/** What saved progress referred to that this package no longer has (or has changed). */
export interface PackageChanges {
  /** Modules of the saved progress that are not in this package. */
  modulesRemoved: number;
  /** Seen lessons that are not in this package (modules removed included). */
  lessonsRemoved: number;
  /** Quizzes whose questions changed, so the saved answers of their last attempt were cleared. */
  quizzesChanged: string[];
  /** Quizzes (and their attempts) of modules that are not in this package. */
  quizzesRemoved: number;
  /** The bookmarked lesson is not in this package. */
  locationRemoved: boolean;
}

export interface DecodedState {
  state: LearnerState;
  savedAt: number;
  /** Interaction records the attempt had written when this was saved. */
  interactions: number;
  /** The course had ended the attempt (finished, `whenFinished: end-attempt`). */
  ended: boolean;
  /** The LMS had accepted a commit of the attempt when this was saved. */
  reachedLms: boolean;
  /** The attempt's id ('' = saved before attempts had ids). */
  attempt: string;
  /** The attempt began on a blank LMS record. */
  blankStart: boolean;
  /** null when the package is the one the progress was saved in. */
  changes: PackageChanges | null;
}

const noChanges = (): PackageChanges => ({ modulesRemoved: 0, lessonsRemoved: 0, quizzesChanged: [], quizzesRemoved: 0, locationRemoved: false });

/** True when `changes` holds anything worth telling the learner. */
export function hasChanges(changes: PackageChanges | null): changes is PackageChanges {
  return !!changes && (changes.modulesRemoved > 0 || changes.lessonsRemoved > 0 || changes.quizzesChanged.length > 0 || changes.quizzesRemoved > 0 || changes.locationRemoved);
}

/**
 * Unpacks suspend_data. Throws StateCodecError on corrupt or truncated text; an older version is
 * migrated (h1 = positional, v0 = plain JSON of LearnerState).
 */
export function decodeState(course: CourseTree, data: string): DecodedState {
  if (data.startsWith('{')) return migrateJson(course, data);
  if (data.startsWith('h1|')) return migrateH1(course, data);
  const sections = data.split('|');
  if (sections[0] !== CODEC_VERSION) throw new StateCodecError(`unknown version ${sections[0]?.slice(0, 8)}`);
  if (sections.length !== 9) throw new StateCodecError('truncated: wrong number of sections');
  const [, savedAt, fingerprint, counters, seen, location, quizzes, checks, exercises] = sections as [string, string, string, string, string, string, string, string, string];
  const keys = courseKeys(course);
  const changes = noChanges();
  const [interactions = '', flags = '', attempt = ''] = counters.split('.');
  const flagBits = flags === '' ? 0 : int36(flags, 'flags');
  const moduleOf = (key: string) => keys.modules.id(key);

  const state: LearnerState = emptyState();
  for (const group of seen === '' ? [] : seen.split(';')) {
    const [moduleKey = '', lessonRun = ''] = group.split(':');
    const lessonKeysRead = readKeys(lessonRun);
    const module = moduleOf(moduleKey);
    if (!module) {
      changes.modulesRemoved++;
      changes.lessonsRemoved += lessonKeysRead.length;
      continue;
    }
    for (const key of lessonKeysRead) {
      const lesson = keys.lessons.get(module)!.id(key);
      if (lesson) state.seen.push(`${module}/${lesson}`);
      else changes.lessonsRemoved++;
    }
  }

  if (location.startsWith('@')) {
    const [moduleKey = '', lessonKey] = readKeys(location.slice(1));
    const module = moduleOf(moduleKey);
    const lesson = module && lessonKey ? keys.lessons.get(module)!.id(lessonKey) : undefined;
    if (module && lesson) state.location = `/${module}/${lesson}`;
    else changes.locationRemoved = true;
  } else if (location !== '') {
    state.location = unescape(location);
  }

  for (const text of quizzes === '' ? [] : quizzes.split(';')) {
    const decoded = decodeQuiz(text);
    const id = decoded.key === '_' ? FINAL_QUIZ_ID : moduleOf(decoded.key);
    if (!id || !keys.quizFingerprint.has(id)) {
      changes.quizzesRemoved++;
      continue;
    }
    const progress = decoded.progress;
    if (decoded.fingerprint !== keys.quizFingerprint.get(id)) {
      // Other questions now: the attempt, its seed, best score and pass stand; its answers do not.
      if (progress.answers.some((a) => a !== null)) changes.quizzesChanged.push(id);
      progress.answers = [];
      progress.index = 0;
    }
    state.quizzes[id] = progress;
  }

  for (const group of checks === '' ? [] : checks.split(';')) {
    const [moduleKey = '', run = ''] = group.split(':');
    const module = moduleOf(moduleKey);
    for (const key of readKeys(run)) {
      const id = module ? keys.checks.get(module)!.id(key) : undefined;
      if (id) state.checks.push(id);
    }
  }
  state.exercises = decodeExercises(exercises);

  return {
    state,
    savedAt: int36(savedAt, 'savedAt'),
    interactions: interactions === '' ? 0 : int36(interactions, 'interactions'),
    ended: (flagBits & 1) === 1,
    reachedLms: (flagBits & 2) === 2,
    blankStart: (flagBits & 4) === 4,
    attempt: /^[0-9a-z]*$/.test(attempt) ? attempt : '',
    changes: fingerprint === keys.fingerprint ? null : changes
  };
}

function decodeQuiz(text: string): { key: string; fingerprint: string; progress: QuizProgress } {
  const parts = text.split(':');
  if (parts.length !== 9) throw new StateCodecError('quiz: wrong number of fields');
  const [key, attempt, seed, index, flags, best, fingerprint, count, answers] = parts as [string, string, string, string, string, string, string, string, string];
  return { key, fingerprint, progress: quizProgress(attempt, seed, index, flags, best, count, answers) };
}

function quizProgress(attempt: string, seed: string, index: string, flags: string, best: string, count: string, answers: string): QuizProgress {
  const n = int36(count, 'quiz count');
  const list = answers === '' ? [] : answers.split(',');
  if (list.length !== 0 && list.length !== n) throw new StateCodecError('quiz: answer count');
  const bestValue = best === '' ? null : Number(best);
  if (bestValue !== null && !(bestValue >= 0 && bestValue <= 100)) throw new StateCodecError('quiz: best');
  return {
    attempt: int36(attempt, 'attempt'),
    seed: int36(seed, 'seed'),
    index: int36(index, 'index'),
    answers: Array.from({ length: n }, (_, i) => {
      const a = list[i];
      return a === undefined || a === '' ? null : a === '%-' ? '' : unescape(a);
    }),
    submitted: (Number(flags) & 1) === 1,
    passed: (Number(flags) & 2) === 2,
    best: bestValue
  };
}

function decodeExercises(text: string): Record<string, string> {
  return Object.fromEntries(
    text === ''
      ? []
      : text.split(';').map((e) => {
          const [id, value, extra] = e.split(':');
          if (id === undefined || value === undefined || extra !== undefined) throw new StateCodecError('exercise: bad record');
          return [unescape(id), unescape(value)];
        })
  );
}

// ---------------------------------------------------------------------------------------------
// Older formats
// ---------------------------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * h1 (the first release): lessons as a bitmap in course order, quizzes keyed by module index,
 * location `@<lesson index>`. It carries no fingerprint, so it is read against the current course
 * as it stands; an index past the end (a module or lesson removed since) is dropped, not an error.
 */
function migrateH1(course: CourseTree, data: string): DecodedState {
  const sections = data.split('|');
  if (sections.length !== 7) throw new StateCodecError('truncated: wrong number of sections');
  const [, savedAt, seenBits, location, quizzes, checks, exercises] = sections as [string, string, string, string, string, string, string];
  const keys = lessonKeys(course);
  const state = emptyState();
  for (let c = 0; c < seenBits.length; c++) {
    const v = B64.indexOf(seenBits[c]!);
    if (v < 0) throw new StateCodecError(`seen: bad character ${seenBits[c]}`);
    for (let b = 0; b < 6; b++) {
      const key = keys[c * 6 + b];
      if (v & (1 << b) && key) state.seen.push(key);
    }
  }
  if (location.startsWith('@')) {
    const key = keys[int36(location.slice(1), 'location')];
    if (key) state.location = `/${key}`;
  } else if (location !== '') state.location = unescape(location);
  for (const text of quizzes === '' ? [] : quizzes.split(';')) {
    const parts = text.split(':');
    if (parts.length !== 8) throw new StateCodecError('quiz: wrong number of fields');
    const [key, attempt, seed, index, flags, best, count, answers] = parts as [string, string, string, string, string, string, string, string];
    const id = key === '_' ? FINAL_QUIZ_ID : key.startsWith('=') ? unescape(key.slice(1)) : course.modules[int36(key, 'quiz key')]?.slug;
    if (id) state.quizzes[id] = quizProgress(attempt, seed, index, flags, best, count, answers);
  }
  let previous = '';
  for (const entry of checks === '' ? [] : checks.split(',')) {
    const shared = int36(entry.slice(0, 1), 'check prefix');
    if (shared > previous.length) throw new StateCodecError('checks: prefix longer than previous id');
    previous = previous.slice(0, shared) + unescape(entry.slice(1));
    state.checks.push(previous);
  }
  state.exercises = decodeExercises(exercises);
  return { state, savedAt: int36(savedAt, 'savedAt'), interactions: 0, ended: false, reachedLms: false, attempt: '', blankStart: false, changes: null };
}

/**
 * v0, plain JSON of a LearnerState: the first release's format, and what the standalone store
 * writes while this codec has not loaded yet (standalone.ts `interimCopy`), which adds `pools` (each
 * saved quiz's pool fingerprint) and `lessonLocation` (the location is a lesson). It is read against
 * the current course as h2 is: lessons, checks and quizzes the package no longer has are dropped, a
 * bookmarked lesson that is gone is cleared, answers given against a pool that changed are cleared
 * (when the copy says which pool), and the changes are reported.
 */
function migrateJson(course: CourseTree, data: string): DecodedState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new StateCodecError('v0: not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object') throw new StateCodecError('v0: not an object');
  const p = parsed as Partial<LearnerState> & { savedAt?: number; pools?: Record<string, unknown>; lessonLocation?: unknown };
  const lessons = new Set(lessonKeys(course));
  const modules = new Set(course.modules.map((m) => m.slug));
  const checks = new Set(course.modules.flatMap((m) => m.checks ?? []));
  const pools = quizFingerprints(course);
  const changes = noChanges();
  const state = emptyState();
  const modulesGone = new Set<string>();
  for (const key of Array.isArray(p.seen) ? p.seen : []) {
    if (typeof key !== 'string') continue;
    if (lessons.has(key)) state.seen.push(key);
    else {
      changes.lessonsRemoved++;
      const module = key.split('/')[0]!;
      if (!modules.has(module)) modulesGone.add(module);
    }
  }
  changes.modulesRemoved = modulesGone.size;
  if (typeof p.location === 'string') {
    // A first-release copy does not say whether its location is a lesson: `/<module>/<lesson>` has
    // two parts, as `/glossary/<id>`, `/sources/<id>` and `/<module>/quiz` do (src/routes/).
    const lessonShaped = p.lessonLocation === undefined ? /^\/(?!glossary\/|sources\/)[^/]+\/(?!quiz$)[^/]+$/.test(p.location) : p.lessonLocation === true;
    if (lessonShaped && !lessons.has(p.location.slice(1))) changes.locationRemoved = true;
    else state.location = p.location;
  }
  if (Array.isArray(p.checks)) state.checks = p.checks.filter((s): s is string => typeof s === 'string' && checks.has(s));
  if (p.exercises && typeof p.exercises === 'object') {
    for (const [k, v] of Object.entries(p.exercises)) if (typeof v === 'string') state.exercises[k] = v;
  }
  if (p.quizzes && typeof p.quizzes === 'object') {
    for (const [id, q] of Object.entries(p.quizzes)) {
      if (!(q && typeof q.attempt === 'number' && typeof q.seed === 'number' && Array.isArray(q.answers))) continue;
      if (!Object.hasOwn(pools, id)) {
        changes.quizzesRemoved++;
        continue;
      }
      const savedPool = p.pools?.[id];
      if (typeof savedPool === 'string' && savedPool !== pools[id]) {
        // Other questions now: the attempt, its seed, best score and pass stand; its answers do not.
        if (q.answers.some((a) => a !== null)) changes.quizzesChanged.push(id);
        state.quizzes[id] = { ...q, answers: [], index: 0 };
      } else state.quizzes[id] = q;
    }
  }
  return { state, savedAt: typeof p.savedAt === 'number' ? p.savedAt : 0, interactions: 0, ended: false, reachedLms: false, attempt: '', blankStart: false, changes: hasChanges(changes) ? changes : null };
}
