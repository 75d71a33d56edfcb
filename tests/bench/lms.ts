/**
 * The LMS runtime's measurement hook for `npm run bench` (tests/bench/bench.ts): how many LMS calls
 * and commits the course makes at launch, per lesson and per quiz, in each SCORM version, and the
 * worst-case SCORM 1.2 suspend_data. Measured, not timed: the real runtime (startCourseSession)
 * runs against the strict test LMS in Node and drives it the way the app does (a lesson page calls
 * visitLesson; the quiz view saves after every answer and move, then on submit reports every
 * answer and the result).
 *
 * Relative imports only: the benchmark runs this under tsx, where `$lib` does not resolve.
 */
import type { CourseTree, ModuleContent, QuizItem } from '../content/types';
import { encodeResponse, type LearnerResponse } from '../quiz/response-codec';
import { correctResponseValues, interactionType, learnerResponseValue } from '../quiz/scoring';
import { FINAL_QUIZ_ID } from './codec';
import { startCourseSession } from './index';
import { createStrictLms, testEnvironment, type HarnessVersion } from './testing/env';
import type { QuizProgress } from './types';
import { worstCaseSuspendDataOf } from './worst-case';

export interface LmsMeasure {
  measure: string;
  value: number;
  /** Key in tests/bench/budgets.json, when one applies. */
  budget?: string;
}

/** The correct response to `item`, as the quiz view would hold it. */
function correctResponse(item: QuizItem): LearnerResponse {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return { kind: 'choice', ids: item.options.filter((o) => o.correct).map((o) => o.id) };
    case 'true-false':
      return { kind: 'true-false', value: item.answer };
    case 'matching':
      return { kind: 'matching', matches: Object.fromEntries(item.pairs.map((p) => [p.id, p.target])) };
    case 'ordering':
      return { kind: 'ordering', ids: item.steps.map((s) => s.id) };
    case 'numeric':
      return { kind: 'numeric', value: item.answer };
    case 'fill-in':
      return { kind: 'fill-in', text: item.accepted[0] ?? '' };
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function measureVersion(version: HarnessVersion, tree: CourseTree, modules: ModuleContent[]): Promise<LmsMeasure[]> {
  const lms = createStrictLms(version);
  const env = testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11' });
  const session = startCourseSession(tree, env);
  const label = version === '12' ? 'SCORM 1.2' : 'SCORM 2004';
  const count = (since: number) => {
    const calls = lms.calls.slice(since);
    return { calls: calls.length, commits: calls.filter((c) => c.method.endsWith('Commit')).length };
  };
  const rows: LmsMeasure[] = [];
  await settle();
  const atLaunch = count(0);
  rows.push({ measure: `${label}: LMS calls at first launch`, value: atLaunch.calls });

  const firstModule = tree.modules[0]!;
  let mark = lms.calls.length;
  session.visitLesson(firstModule.slug, firstModule.lessons[0]!.slug);
  await settle();
  const lesson = count(mark);
  rows.push({ measure: `${label}: LMS calls per lesson`, value: lesson.calls });
  rows.push({ measure: `${label}: commits per lesson`, value: lesson.commits });

  const takeQuiz = async (quizId: string, items: QuizItem[], objectiveIds: string[]) => {
    const start = lms.calls.length;
    const progress: QuizProgress = { attempt: 1, seed: 12345, index: 0, answers: items.map(() => null), submitted: false, best: null, passed: false };
    session.bookmark(quizId === FINAL_QUIZ_ID ? '/final' : `/${quizId}/quiz`);
    session.saveQuiz(quizId, { ...progress, answers: [...progress.answers] });
    items.forEach((item, i) => {
      progress.answers[i] = encodeResponse(correctResponse(item));
      session.saveQuiz(quizId, { ...progress, answers: [...progress.answers] });
      if (i < items.length - 1) session.saveQuiz(quizId, { ...progress, index: (progress.index = i + 1), answers: [...progress.answers] });
    });
    await settle();
    session.saveQuiz(quizId, { ...progress, submitted: true, best: 100, passed: true, answers: [...progress.answers] });
    for (const item of items) {
      session.recordAnswer({
        itemId: item.id,
        quizId,
        attempt: 1,
        type: interactionType(item),
        learnerResponse: learnerResponseValue(item, correctResponse(item)),
        correctResponses: correctResponseValues(item),
        result: 'correct',
        weighting: 1,
        latencyMs: 20_000,
        answeredAt: new Date(Date.UTC(2026, 0, 1)),
        description: item.promptText,
        objectiveId: item.objective
      });
    }
    session.completeQuiz({ quizId, score: 100, passed: true, objectiveIds });
    await settle();
    return count(start);
  };

  const quizModule = modules.find((m) => m.quiz.length > 0);
  const quizMeta = tree.modules.find((m) => m.slug === quizModule?.slug);
  if (quizModule && quizMeta?.quiz) {
    const items = quizModule.quiz.slice(0, quizMeta.quiz.draw);
    const quiz = await takeQuiz(quizModule.slug, items, quizMeta.objectives.map((o) => o.id));
    rows.push({ measure: `${label}: LMS calls per module quiz (${items.length} items)`, value: quiz.calls });
    rows.push({ measure: `${label}: commits per module quiz`, value: quiz.commits });
  }
  const finalItems = modules.flatMap((m) => m.quiz).slice(0, tree.settings.finalAssessmentItems);
  if (finalItems.length > 0) {
    const final = await takeQuiz(FINAL_QUIZ_ID, finalItems, tree.modules.flatMap((m) => m.objectives.map((o) => o.id)));
    rows.push({ measure: `${label}: LMS calls for the final assessment (${finalItems.length} items)`, value: final.calls });
    rows.push({ measure: `${label}: commits for the final assessment`, value: final.commits });
  }
  mark = lms.calls.length;
  env.fire('pagehide');
  rows.push({ measure: `${label}: LMS calls to finish`, value: count(mark).calls });
  rows.push({ measure: `${label}: spec violations seen by the strict test LMS`, value: lms.violations.length });
  return rows;
}

export async function measureLms(loaded: { tree: CourseTree; modules: Record<string, ModuleContent> }): Promise<LmsMeasure[]> {
  const modules = Object.values(loaded.modules);
  return [
    { measure: 'worst-case SCORM 1.2 suspend_data (characters)', value: worstCaseSuspendDataOf(loaded).length, budget: 'worstCaseSuspendData12Chars' },
    ...(await measureVersion('12', loaded.tree, modules)),
    ...(await measureVersion('2004', loaded.tree, modules))
  ];
}
