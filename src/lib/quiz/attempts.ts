/**
 * How many attempts a graded quiz has left: the one rule, used by the quiz itself
 * (graded-quiz.machine.ts) and by the pages that summarise progress (home, #/progress).
 * Kept apart from the machine so those pages do not load the quiz engine.
 */
export function attemptsLeft(quiz: { attemptsAllowed: number; attempt: number }): number {
  return quiz.attemptsAllowed === 0 ? Infinity : Math.max(0, quiz.attemptsAllowed - quiz.attempt);
}
