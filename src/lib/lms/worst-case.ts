/**
 * The largest suspend_data the real course can produce, from its item banks (build time / Node
 * only: the benchmark and worst-case.test.ts call it with the loader's output).
 *
 * Every lesson seen; every quiz on its last attempt with every drawn item answered by the longest
 * response its item allows (module quizzes draw their longest items, the final the longest of all
 * pools); every knowledge check passed; every exercise saved at its cap.
 */
import type { CourseTree, ModuleContent, QuizItem } from '../content/types';
// Relative imports: the benchmark runs this under tsx, where $lib does not resolve.
import { FILL_IN_MAX_CHARS } from '../quiz/response-codec';
import { FINAL_QUIZ_ID, worstCaseSuspendData, type WorstCaseOptions } from './codec';

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
      // A typed number: sign, digits, point; 12 covers anything a learner means (-123456.7890).
      return 12;
    case 'fill-in':
      return FILL_IN_MAX_CHARS;
  }
}

export function worstCaseOptions(modules: ModuleContent[]): Required<WorstCaseOptions> {
  const pools: Record<string, number[]> = {};
  for (const m of modules) pools[m.slug] = m.quiz.map(longestResponse).sort((a, b) => b - a);
  pools[FINAL_QUIZ_ID] = Object.values(pools).flat().sort((a, b) => b - a);
  return {
    responseLength: (quizId, slot) => pools[quizId]?.[slot] ?? FILL_IN_MAX_CHARS,
    checkIds: modules.flatMap((m) => Object.keys(m.checks)),
    exerciseIds: modules.flatMap((m) => Object.keys(m.exercises))
  };
}

/** The real course's worst-case SCORM 1.2 suspend_data (its length is what the budget is about). */
export function worstCaseSuspendDataOf(loaded: { tree: CourseTree; modules: Record<string, ModuleContent> }): string {
  return worstCaseSuspendData(loaded.tree, worstCaseOptions(Object.values(loaded.modules)));
}
