/**
 * The state codec: packs a LearnerState into suspend_data and back.
 *
 * Why a custom format: SCORM 1.2 allows 4,096 characters of cmi.suspend_data (1.2 RTE 3.4.2.4,
 * CMIString4096), and JSON of a full course runs past that. The format is versioned (`h1`),
 * plain printable text, and sections are separated by `|`:
 *
 *   h1|<savedAt>|<seen>|<location>|<quizzes>|<checks>|<exercises>
 *
 * - savedAt: milliseconds since 1970 in base 36; decides whether the LMS copy or the local backup
 *   is newer on the next launch.
 * - seen: one bit per lesson in course order, 6 bits per character (base64url alphabet).
 * - location: empty (none), `@<lesson index>` for a lesson route, otherwise the route escaped.
 * - quizzes: `key:attempt:seed:index:flags:best:count:answer,answer,...` joined by `;`; key is the
 *   module index in base 36, `_` for the final assessment, or `=<escaped id>` for anything else;
 *   flags: 1 = submitted, 2 = passed; an unanswered item is an empty answer, an empty string `%-`.
 * - checks: ids sorted, each written as <length of prefix shared with the previous id, base 36>
 *   followed by the rest (front coding), joined by `,`.
 * - exercises: `id:value` joined by `;`.
 * Reserved characters `% | ; , :` inside values are written as `%XX` (their UTF-16 code in hex).
 *
 * Budget (see `encodeState`): when the text is longer than the version allows, it sheds, in this
 * order, what the learner loses least by: answers of already submitted attempts (their review;
 * scores, attempts and seeds stay), then exercise states (largest first), then passed knowledge
 * checks (ungraded). An exercise value longer than EXERCISE_VALUE_CAP characters is not stored
 * (cutting it would corrupt it; the exercise starts afresh on the next launch), and in SCORM 1.2
 * exercises share EXERCISES_TOTAL_CAP_12 characters.
 */
import type { CourseTree } from '$lib/content/types';
import type { LearnerState, QuizProgress } from './types';

export const CODEC_VERSION = 'h1';
/** SCORM 1.2 suspend_data limit (1.2 RTE 3.4.2.4, CMIString4096). */
export const SUSPEND_DATA_LIMIT_12 = 4096;
/** SCORM 2004 suspend_data SPM (2004 RTE 4.2.24). */
export const SUSPEND_DATA_LIMIT_2004 = 64000;
/** The worst case must stay under this in 1.2, leaving room for what the course may add later. */
export const WORST_CASE_BUDGET_12 = 3500;
/** Each exercise may keep at most this many characters (the CourseSession contract). */
export const EXERCISE_VALUE_CAP = 200;
/**
 * In SCORM 1.2 all exercises together keep at most this many characters (their `id:value`
 * records): room for 3 exercises at the full 200, or 8 at about 90. Without it 8 exercises at 200
 * (~1,700) and a full set of quiz answers (~1,900) would not fit 4,096. Over the cap, the largest
 * values are left out of suspend_data (they stay in this device's copy).
 */
export const EXERCISES_TOTAL_CAP_12 = 800;
export const FINAL_QUIZ_ID = 'final';

export class StateCodecError extends Error {
  override name = 'StateCodecError';
}

export const emptyState = (): LearnerState => ({ seen: [], location: null, quizzes: {}, checks: [], exercises: {} });

/** Lesson keys (`module/lesson`) in course order: the bit positions of `seen`. */
export function lessonKeys(course: CourseTree): string[] {
  return course.modules.flatMap((m) => m.lessons.map((l) => `${m.slug}/${l.slug}`));
}

const escape = (s: string) => s.replace(/[%|;,:]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
const unescape = (s: string) =>
  s.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function encodeBits(bits: boolean[]): string {
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let b = 0; b < 6; b++) if (bits[i + b]) v |= 1 << b;
    out += B64[v];
  }
  return out.replace(/A+$/, '');
}

function decodeBits(text: string, length: number): boolean[] {
  const bits: boolean[] = new Array(length).fill(false);
  for (let c = 0; c < text.length; c++) {
    const v = B64.indexOf(text[c]!);
    if (v < 0) throw new StateCodecError(`seen: bad character ${text[c]}`);
    for (let b = 0; b < 6; b++) if (v & (1 << b) && c * 6 + b < length) bits[c * 6 + b] = true;
  }
  return bits;
}

const int36 = (text: string, what: string): number => {
  if (!/^[0-9a-z]+$/.test(text)) throw new StateCodecError(`${what}: not a number`);
  return parseInt(text, 36);
};

interface EncodeOptions {
  /** Maximum length of the result (the version's suspend_data limit). */
  limit?: number;
  /** Time stamp written into the state (defaults to now). */
  savedAt?: number;
}

export interface EncodedState {
  data: string;
  /** What had to be left out to fit `limit` (empty when everything fits). */
  shed: ('reviews' | 'exercises' | 'checks')[];
}

function quizKey(course: CourseTree, id: string): string {
  if (id === FINAL_QUIZ_ID) return '_';
  const index = course.modules.findIndex((m) => m.slug === id);
  return index >= 0 ? index.toString(36) : `=${escape(id)}`;
}

function quizIdFromKey(course: CourseTree, key: string): string {
  if (key === '_') return FINAL_QUIZ_ID;
  if (key.startsWith('=')) return unescape(key.slice(1));
  const module = course.modules[int36(key, 'quiz key')];
  if (!module) throw new StateCodecError(`quiz key ${key}: no such module`);
  return module.slug;
}

function encodeQuiz(course: CourseTree, id: string, q: QuizProgress, dropAnswers: boolean): string {
  const flags = (q.submitted ? 1 : 0) | (q.passed ? 2 : 0);
  const answers = dropAnswers ? [] : q.answers.map((a) => (a === null ? '' : a === '' ? '%-' : escape(a)));
  return [
    quizKey(course, id),
    Math.max(0, q.attempt).toString(36),
    (q.seed >>> 0).toString(36),
    Math.max(0, q.index).toString(36),
    String(flags),
    q.best === null ? '' : String(q.best),
    q.answers.length.toString(36),
    answers.join(',')
  ].join(':');
}

function decodeQuiz(course: CourseTree, text: string): [string, QuizProgress] {
  const parts = text.split(':');
  if (parts.length !== 8) throw new StateCodecError('quiz: wrong number of fields');
  const [key, attempt, seed, index, flags, best, count, answers] = parts as [string, string, string, string, string, string, string, string];
  const n = int36(count, 'quiz count');
  const list = answers === '' ? [] : answers.split(',');
  if (list.length !== 0 && list.length !== n) throw new StateCodecError('quiz: answer count');
  const bestValue = best === '' ? null : Number(best);
  if (bestValue !== null && !(bestValue >= 0 && bestValue <= 100)) throw new StateCodecError('quiz: best');
  return [
    quizIdFromKey(course, key),
    {
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
    }
  ];
}

function encodeChecks(ids: string[]): string {
  const sorted = [...new Set(ids)].sort();
  let previous = '';
  return sorted
    .map((id) => {
      let shared = 0;
      while (shared < Math.min(35, previous.length, id.length) && previous[shared] === id[shared]) shared++;
      previous = id;
      return shared.toString(36) + escape(id.slice(shared));
    })
    .join(',');
}

function decodeChecks(text: string): string[] {
  if (text === '') return [];
  let previous = '';
  return text.split(',').map((entry) => {
    const shared = int36(entry.slice(0, 1), 'check prefix');
    if (shared > previous.length) throw new StateCodecError('checks: prefix longer than previous id');
    previous = previous.slice(0, shared) + unescape(entry.slice(1));
    return previous;
  });
}

function encodeLocation(course: CourseTree, location: string | null): string {
  if (location === null) return '';
  const lesson = lessonKeys(course).indexOf(location.replace(/^\//, ''));
  if (lesson >= 0) return `@${lesson.toString(36)}`;
  return escape(location.slice(0, 255));
}

function decodeLocation(course: CourseTree, text: string): string | null {
  if (text === '') return null;
  if (text.startsWith('@')) {
    const key = lessonKeys(course)[int36(text.slice(1), 'location')];
    if (!key) throw new StateCodecError('location: no such lesson');
    return `/${key}`;
  }
  return unescape(text);
}

/**
 * Packs `state` into suspend_data text of at most `limit` characters, shedding in the documented
 * order when it does not fit.
 */
export function encodeState(course: CourseTree, state: LearnerState, options: EncodeOptions = {}): EncodedState {
  const limit = options.limit ?? SUSPEND_DATA_LIMIT_2004;
  const keys = lessonKeys(course);
  const seen = new Set(state.seen);
  const head = [CODEC_VERSION, (options.savedAt ?? Date.now()).toString(36), encodeBits(keys.map((k) => seen.has(k))), encodeLocation(course, state.location)];

  let exercises = Object.entries(state.exercises).filter(([, v]) => v.length <= EXERCISE_VALUE_CAP);
  let checks = state.checks;
  let dropReviews = false;
  const shed: EncodedState['shed'] = [];
  const render = () =>
    [
      ...head,
      Object.entries(state.quizzes)
        .map(([id, q]) => encodeQuiz(course, id, q, dropReviews && q.submitted))
        .join(';'),
      encodeChecks(checks),
      exercises.map(([id, v]) => `${escape(id)}:${escape(v)}`).join(';')
    ].join('|');

  const exerciseCost = () => exercises.reduce((n, [id, v]) => n + escape(id).length + escape(v).length + 2, 0);
  if (limit <= SUSPEND_DATA_LIMIT_12 && exerciseCost() > EXERCISES_TOTAL_CAP_12) {
    shed.push('exercises');
    exercises = [...exercises].sort((a, b) => a[1].length - b[1].length);
    while (exerciseCost() > EXERCISES_TOTAL_CAP_12) exercises = exercises.slice(0, -1);
  }
  let data = render();
  if (data.length > limit) {
    dropReviews = true;
    shed.push('reviews');
    data = render();
  }
  if (data.length > limit) {
    if (!shed.includes('exercises')) shed.push('exercises');
    exercises = [...exercises].sort((a, b) => a[1].length - b[1].length);
    while (data.length > limit && exercises.length > 0) {
      exercises = exercises.slice(0, -1);
      data = render();
    }
  }
  if (data.length > limit) {
    shed.push('checks');
    checks = [];
    data = render();
  }
  return { data, shed };
}

export interface DecodedState {
  state: LearnerState;
  savedAt: number;
}

/**
 * Unpacks suspend_data. Throws StateCodecError on corrupt or truncated text; an older version is
 * migrated (v0 = plain JSON of LearnerState, as a first prototype stored it).
 */
export function decodeState(course: CourseTree, data: string): DecodedState {
  if (data.startsWith('{')) return migrateJson(data);
  const sections = data.split('|');
  if (sections[0] !== CODEC_VERSION) throw new StateCodecError(`unknown version ${sections[0]?.slice(0, 8)}`);
  if (sections.length !== 7) throw new StateCodecError('truncated: wrong number of sections');
  const [, savedAt, seenBits, location, quizzes, checks, exercises] = sections as [string, string, string, string, string, string, string];
  const keys = lessonKeys(course);
  const bits = decodeBits(seenBits, keys.length);
  const state: LearnerState = {
    seen: keys.filter((_, i) => bits[i]),
    location: decodeLocation(course, location),
    quizzes: Object.fromEntries(quizzes === '' ? [] : quizzes.split(';').map((q) => decodeQuiz(course, q))),
    checks: decodeChecks(checks),
    exercises: Object.fromEntries(
      exercises === ''
        ? []
        : exercises.split(';').map((e) => {
            const [id, value, extra] = e.split(':');
            if (id === undefined || value === undefined || extra !== undefined) throw new StateCodecError('exercise: bad record');
            return [unescape(id), unescape(value)];
          })
    )
  };
  return { state, savedAt: int36(savedAt, 'savedAt') };
}

function migrateJson(data: string): DecodedState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new StateCodecError('v0: not valid JSON');
  }
  const p = parsed as Partial<LearnerState> & { savedAt?: number };
  const state = emptyState();
  if (Array.isArray(p.seen)) state.seen = p.seen.filter((s): s is string => typeof s === 'string');
  if (typeof p.location === 'string') state.location = p.location;
  if (Array.isArray(p.checks)) state.checks = p.checks.filter((s): s is string => typeof s === 'string');
  if (p.exercises && typeof p.exercises === 'object') {
    for (const [k, v] of Object.entries(p.exercises)) if (typeof v === 'string') state.exercises[k] = v;
  }
  if (p.quizzes && typeof p.quizzes === 'object') {
    for (const [k, q] of Object.entries(p.quizzes)) {
      if (q && typeof q.attempt === 'number' && typeof q.seed === 'number' && Array.isArray(q.answers)) state.quizzes[k] = q;
    }
  }
  return { state, savedAt: typeof p.savedAt === 'number' ? p.savedAt : 0 };
}

// ---------------------------------------------------------------------------------------------
// Worst case: the largest state this course can produce, for the budget test and the benchmark.
// ---------------------------------------------------------------------------------------------

export interface WorstCaseOptions {
  /**
   * Longest encoded response per answer. Default 16: longer than any non-text encoding the quiz
   * engine writes for this course's items (choice: one character per option, at most 10; matching:
   * 2 per pair; ordering: 1 per step; numeric: the number). Fill-in text may reach 60 characters:
   * pass the real per-item maxima (see tests/bench) when the item bank is at hand.
   */
  responseLength?: number | ((quizId: string, slot: number) => number);
  /** Knowledge check ids; default 30 ids of 24 characters spread over the modules. */
  checkIds?: string[];
  /**
   * Exercise ids; default 8. Values fill EXERCISES_TOTAL_CAP_12: each at EXERCISE_VALUE_CAP
   * while the total allows, the rest share what is left.
   */
  exerciseIds?: string[];
}

/** Every lesson seen, every quiz in its last attempt with every item answered, everything saved. */
export function worstCaseState(course: CourseTree, options: WorstCaseOptions = {}): LearnerState {
  const attempts = course.settings.attemptsPerQuiz || 3;
  const length = options.responseLength ?? 16;
  const answerLength = typeof length === 'number' ? () => length : length;
  const quizzes: Record<string, QuizProgress> = {};
  const quizSizes: [string, number][] = course.modules.filter((m) => m.quiz).map((m) => [m.slug, m.quiz!.draw]);
  if (course.settings.finalAssessmentItems > 0) quizSizes.push([FINAL_QUIZ_ID, course.settings.finalAssessmentItems]);
  for (const [id, draw] of quizSizes) {
    quizzes[id] = {
      attempt: attempts,
      seed: 0xffffffff,
      index: draw - 1,
      answers: Array.from({ length: draw }, (_, slot) => 'x'.repeat(answerLength(id, slot))),
      submitted: false,
      best: 99.5,
      passed: false
    };
  }
  const keys = lessonKeys(course);
  const longestLesson = keys.reduce((a, b) => (b.length > a.length ? b : a), '');
  const prefixes = course.modules.map((m) => m.slug.slice(0, 6));
  const checks =
    options.checkIds ??
    Array.from({ length: 30 }, (_, i) => `${prefixes[i % Math.max(1, prefixes.length)] ?? 'mod'}-kc-${String(i).padStart(2, '0')}-check-review`.slice(0, 24));
  const exerciseIds = options.exerciseIds ?? Array.from({ length: 8 }, (_, i) => `exercise-${i + 1}`);
  const exercises: Record<string, string> = {};
  let room = EXERCISES_TOTAL_CAP_12;
  exerciseIds.forEach((id, i) => {
    const share = Math.floor(room / (exerciseIds.length - i)) - escape(id).length - 2;
    const value = 'x'.repeat(Math.max(0, Math.min(EXERCISE_VALUE_CAP, share)));
    exercises[id] = value;
    room -= escape(id).length + value.length + 2;
  });
  return { seen: keys, location: `/${longestLesson}`, quizzes, checks, exercises };
}

/** The 1.2 suspend_data text of the worst case (no shedding allowed: the caller checks its length). */
export function worstCaseSuspendData(course: CourseTree, options: WorstCaseOptions = {}): string {
  return encodeState(course, worstCaseState(course, options), { limit: Number.POSITIVE_INFINITY, savedAt: 4102444800000 }).data;
}
