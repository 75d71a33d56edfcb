/**
 * The largest suspend_data the real course can produce (Node only: the benchmark and
 * worst-case.test.ts call it with the loader's output).
 *
 * Every lesson seen; every quiz on its last attempt, not yet submitted, with every drawn item
 * answered by the longest response its item allows (module quizzes draw their longest items, the
 * final the longest of all pools); every knowledge check passed; the exercises filling their
 * SCORM 1.2 share (EXERCISES_TOTAL_CAP_12, at most EXERCISE_VALUE_CAP each); the bookmark on the
 * lesson with the longest route; the largest interaction count.
 *
 * Adversarial answers: `adversarialAnswer`, every typed character one the codec must escape, so
 * each costs two characters (the most a fill-in answer of FILL_IN_MAX_CHARS can cost in UTF-16 code
 * units, what SCORM counts); `adversarialUtf8Answer`, every typed character one of three UTF-8
 * bytes (the most it can cost in bytes, what an LMS storing UTF-8 in a byte-limited column counts;
 * an emoji is 4 bytes but 2 code units, so 2 per unit).
 */
import type { CourseTree, ModuleContent, QuizItem } from '../../src/lib/content/types';
import { FILL_IN_MAX_CHARS, NUMERIC_MAX_CHARS } from '../../src/lib/quiz/response-codec';
import { encodeState, utf8Length, EXERCISE_VALUE_CAP, EXERCISES_TOTAL_CAP_12, FINAL_QUIZ_ID, lessonKeys, SUSPEND_DATA_BUDGET_12, type EncodedState } from '../../src/lib/lms/codec';
import { INTERACTION_LIMIT } from '../../src/lib/lms/interaction-budget';
import type { LearnerState, QuizProgress } from '../../src/lib/lms/types';

export interface WorstCaseOptions {
  /** Longest encoded response per answer slot (default 16). */
  responseLength?: number | ((quizId: string, slot: number) => number);
  /** Exercise ids (default 8). */
  exerciseIds?: string[];
  /** The answer written into a slot of `length` characters (default `x` repeated). */
  answer?: (length: number) => string;
}

/** Reserved characters of the state codec: each costs two characters in suspend_data. */
const RESERVED = '%|;,:';

/** The costliest answer of `length` characters: nothing but characters the codec must escape. */
export const adversarialAnswer = (length: number) => RESERVED.repeat(Math.ceil(length / RESERVED.length)).slice(0, length);

/** The costliest answer of `length` UTF-16 code units in UTF-8: typed characters of 3 bytes each (€, ü is 2, an emoji 4 for 2 units). */
export const adversarialUtf8Answer = (length: number) => '€'.repeat(length);

/** Longest string the quiz engine's encodeResponse can write for `item` (quiz/response-codec.ts). */
export function longestResponse(item: QuizItem): number {
  switch (item.type) {
    case 'single':
    case 'true-false':
      return 1;
    case 'multiple':
      return item.options.length;
    case 'matching':
      return 2 * item.pairs.length;
    case 'ordering':
      return item.steps.length;
    case 'numeric':
      // A typed number as the quiz engine stores it (response-codec.ts numericText).
      return NUMERIC_MAX_CHARS;
    case 'fill-in':
      return FILL_IN_MAX_CHARS;
  }
}

export function worstCaseOptions(modules: ModuleContent[]): Required<Omit<WorstCaseOptions, 'answer'>> {
  const pools: Record<string, number[]> = {};
  for (const m of modules) pools[m.slug] = m.quiz.map(longestResponse).sort((a, b) => b - a);
  pools[FINAL_QUIZ_ID] = Object.values(pools).flat().sort((a, b) => b - a);
  return {
    responseLength: (quizId, slot) => pools[quizId]?.[slot] ?? FILL_IN_MAX_CHARS,
    exerciseIds: modules.flatMap((m) => Object.keys(m.exercises))
  };
}

export function worstCaseState(course: CourseTree, options: WorstCaseOptions = {}): LearnerState {
  const attempts = course.settings.attemptsPerQuiz || 3;
  const length = options.responseLength ?? 16;
  const answerLength = typeof length === 'number' ? () => length : length;
  const answer = options.answer ?? ((n: number) => 'x'.repeat(n));
  const quizzes: Record<string, QuizProgress> = {};
  const quizSizes: [string, number][] = course.modules.filter((m) => m.quiz).map((m) => [m.slug, m.quiz!.draw]);
  if (course.settings.finalAssessmentItems > 0) quizSizes.push([FINAL_QUIZ_ID, course.settings.finalAssessmentItems]);
  for (const [id, draw] of quizSizes) {
    quizzes[id] = {
      attempt: attempts,
      seed: 0xffffffff,
      index: draw - 1,
      answers: Array.from({ length: draw }, (_, slot) => answer(answerLength(id, slot))),
      submitted: false,
      best: 99.5,
      passed: false
    };
  }
  const keys = lessonKeys(course);
  const longestLesson = keys.reduce((a, b) => (b.length > a.length ? b : a), '');
  const exerciseIds = options.exerciseIds ?? Array.from({ length: 8 }, (_, i) => `exercise-${i + 1}`);
  const exercises: Record<string, string> = {};
  let room = EXERCISES_TOTAL_CAP_12;
  exerciseIds.forEach((id, i) => {
    const share = Math.floor(room / (exerciseIds.length - i)) - id.length - 2;
    const value = 'x'.repeat(Math.max(0, Math.min(EXERCISE_VALUE_CAP, share)));
    exercises[id] = value;
    room -= id.length + value.length + 2;
  });
  return { seen: keys, location: `/${longestLesson}`, quizzes, checks: course.modules.flatMap((m) => m.checks ?? []), exercises };
}

/** The 1.2 suspend_data text of the worst case, with nothing shed (the caller checks its length). */
export function worstCaseSuspendData(course: CourseTree, options: WorstCaseOptions = {}): string {
  return encodeState(course, worstCaseState(course, options), { limit: Number.POSITIVE_INFINITY, savedAt: 4102444800000, interactions: INTERACTION_LIMIT }).data;
}

/** The worst case as the course writes it to a SCORM 1.2 LMS (shedding past SUSPEND_DATA_BUDGET_12). */
export function worstCaseSuspendData12(course: CourseTree, options: WorstCaseOptions = {}): EncodedState {
  return encodeState(course, worstCaseState(course, options), { limit: SUSPEND_DATA_BUDGET_12, savedAt: 4102444800000, interactions: INTERACTION_LIMIT });
}

/** A text's size both ways: UTF-16 code units (SCORM's characters) and UTF-8 bytes. */
export interface TextSize {
  chars: number;
  bytes: number;
}
const sizeOf = (text: string): TextSize => ({ chars: text.length, bytes: utf8Length(text) });

/**
 * The real course's worst-case SCORM 1.2 suspend_data with adversarial answers (`answer`: by
 * default the costliest in characters; `adversarialUtf8Answer` the costliest in bytes): `written` is
 * what the course writes (its size is what the budget is about, in characters and in UTF-8 bytes),
 * `unshed` the size before shedding.
 */
export function worstCaseSuspendDataOf(
  loaded: { tree: CourseTree; modules: Record<string, ModuleContent> },
  answer: (length: number) => string = adversarialAnswer
): { written: EncodedState; size: TextSize; unshed: TextSize } {
  const options = { ...worstCaseOptions(Object.values(loaded.modules)), answer };
  const written = worstCaseSuspendData12(loaded.tree, options);
  return { written, size: sizeOf(written.data), unshed: sizeOf(worstCaseSuspendData(loaded.tree, options)) };
}
