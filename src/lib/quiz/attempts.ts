/**
 * How many attempts a graded quiz has left: the one rule, used by the quiz itself
 * (graded-quiz.machine.ts) and by the pages that summarise progress (home, #/progress).
 * Kept apart from the machine so those pages do not load the quiz engine.
 */
export function attemptsLeft(quiz: { attemptsAllowed: number; attempt: number }): number {
  return quiz.attemptsAllowed === 0 ? Infinity : Math.max(0, quiz.attemptsAllowed - quiz.attempt);
}

/**
 * Whether a graded quiz is passed: the one rule, used by the quiz's own result
 * (graded-quiz.machine.ts) and by what the course reports to the LMS (lms/progress.ts), so the
 * page and the LMS can never disagree. Passed once any attempt reached the pass mark as it was
 * then (`passed`), or when the best score reaches the pass mark in force now (the teacher or the
 * LMS may have lowered it since, and a shed attempt keeps only its best score).
 */
export function quizPassed(quiz: { passed: boolean; best: number | null }, passMark: number): boolean {
  return quiz.passed || (quiz.best !== null && quiz.best >= passMark);
}
