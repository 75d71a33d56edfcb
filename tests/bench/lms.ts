/**
 * The LMS part of `npm run bench` (tests/bench/bench.ts): how many calls and commits the course
 * makes at launch, per lesson and per quiz, in each SCORM version; the interaction records of the
 * worst case against the 250 an LMS must keep; the worst-case SCORM 1.2 suspend_data; and the size
 * of the whole data model Moodle's 2004 player sends on each commit. Measured, not timed: the real
 * runtime (startCourseSession) runs against the strict test LMS in Node, driven the way the app
 * drives it (a lesson page calls visitLesson; the quiz view saves after every answer and move, then
 * on submit reports every answer and the result), on a clock the benchmark moves.
 */
import type { CourseTree, ModuleContent, QuizItem } from '../../src/lib/content/types';
import { FINAL_QUIZ_ID } from '../../src/lib/lms/codec';
import { startCourseSession } from '../../src/lib/lms/index';
import { INTERACTION_LIMIT } from '../../src/lib/lms/interaction-budget';
import type { QuizProgress } from '../../src/lib/lms/types';
import { encodeResponse, type LearnerResponse } from '../../src/lib/quiz/response-codec';
import { correctResponseValues, interactionType, learnerResponseValue } from '../../src/lib/quiz/scoring';
import { createStrictLms, testEnvironment, type HarnessVersion } from '../lms/testing/env';
import { adversarialAnswer, adversarialUtf8Answer, worstCaseSuspendDataOf } from '../lms/worst-case';

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

/** A learner reading: a lesson a minute, a question every 20 seconds. */
const LESSON_MS = 60_000;
const QUESTION_MS = 20_000;

function course(version: HarnessVersion, tree: CourseTree, moodle = false) {
  const lms = createStrictLms(version, version === '12' ? { core: { student_id: 'bench' } } : { learner_id: 'bench' }, { moodle2004: moodle });
  const env = testEnvironment({ api: lms.api, apiName: version === '12' ? 'API' : 'API_1484_11' });
  const session = startCourseSession({ ...tree, settings: { ...tree.settings, scormVersion: version === '12' ? '1.2' : '2004' } }, env);
  const count = (since: number) => {
    const calls = lms.calls.slice(since);
    return { calls: calls.length, commits: calls.filter((c) => c.method.endsWith('Commit')).length };
  };

  /** One attempt, answered like the quiz view does (a save per answer and per move), then submitted. */
  const takeQuiz = (quizId: string, items: QuizItem[], attempt: number, right: boolean) => {
    const before = session.getState().quizzes[quizId];
    const progress: QuizProgress = { attempt, seed: 12345 + attempt, index: 0, answers: items.map(() => null), submitted: false, best: before?.best ?? null, passed: before?.passed ?? false };
    session.bookmark(quizId === FINAL_QUIZ_ID ? '/final' : `/${quizId}/quiz`);
    session.saveQuiz(quizId, { ...progress, answers: [...progress.answers] });
    items.forEach((item, i) => {
      progress.answers[i] = encodeResponse(correctResponse(item));
      session.saveQuiz(quizId, { ...progress, answers: [...progress.answers] });
      env.advance(QUESTION_MS);
      if (i < items.length - 1) session.saveQuiz(quizId, { ...progress, index: (progress.index = i + 1), answers: [...progress.answers] });
    });
    const score = right ? 100 : 50;
    const best = Math.max(score, progress.best ?? 0);
    session.saveQuiz(quizId, { ...progress, submitted: true, best, passed: progress.passed || score >= session.passMark, answers: [...progress.answers] });
    for (const item of items) {
      session.recordAnswer({
        itemId: item.id,
        quizId,
        attempt,
        type: interactionType(item),
        learnerResponse: learnerResponseValue(item, correctResponse(item)),
        correctResponses: correctResponseValues(item),
        result: right ? 'correct' : 'incorrect',
        weighting: 1,
        latencyMs: QUESTION_MS,
        answeredAt: new Date(Date.UTC(2026, 0, 1)),
        description: item.promptText,
        objectiveId: item.objective
      });
    }
    session.completeQuiz({ quizId, score: best, passed: best >= session.passMark, objectiveIds: [] });
    env.advance(QUESTION_MS);
  };
  return { lms, env, session, count, takeQuiz };
}

async function measureVersion(version: HarnessVersion, tree: CourseTree, modules: ModuleContent[]): Promise<LmsMeasure[]> {
  const label = version === '12' ? 'SCORM 1.2' : 'SCORM 2004';
  const rows: LmsMeasure[] = [];
  const pools = Object.fromEntries(modules.map((m) => [m.slug, m.quiz]));
  const finalItems = modules.flatMap((m) => m.quiz).slice(0, tree.settings.finalAssessmentItems);

  // A learner's course: every lesson at a lesson a minute, a module quiz, the final.
  const { lms, env, session, count, takeQuiz } = course(version, tree);
  const lessons = tree.modules.flatMap((m) => m.lessons.map((l) => [m.slug, l.slug] as const));
  rows.push({ measure: `${label}: LMS calls at first launch`, value: count(0).calls });
  let mark = lms.calls.length;
  for (const [m, l] of lessons) {
    session.visitLesson(m, l);
    env.advance(LESSON_MS);
  }
  const perLesson = count(mark);
  rows.push({ measure: `${label}: LMS calls per lesson (a lesson a minute)`, value: Math.round((perLesson.calls / lessons.length) * 10) / 10 });
  rows.push({ measure: `${label}: commits per lesson (a lesson a minute)`, value: Math.round((perLesson.commits / lessons.length) * 100) / 100 });
  // Paging through quickly: the commits are throttled.
  {
    const quick = course(version, tree);
    const start = quick.lms.calls.length;
    for (const [m, l] of lessons.slice(0, 10)) {
      quick.session.visitLesson(m, l);
      quick.env.advance(1000);
    }
    quick.env.advance(10_000);
    rows.push({ measure: `${label}: commits for 10 lessons paged through in 10 s`, value: quick.count(start).commits });
  }
  const quizModule = tree.modules.find((m) => m.quiz && pools[m.slug]?.length);
  if (quizModule) {
    const items = pools[quizModule.slug]!.slice(0, quizModule.quiz!.draw);
    mark = lms.calls.length;
    takeQuiz(quizModule.slug, items, 1, true);
    env.advance(10_000);
    const quiz = count(mark);
    rows.push({ measure: `${label}: LMS calls per module quiz (${items.length} items)`, value: quiz.calls });
    rows.push({ measure: `${label}: commits per module quiz`, value: quiz.commits });
    // Each answer given is committed when the learner moves on, the result when submitted (F2).
    rows.push({ measure: `${label}: commits per question of a module quiz`, value: Math.round((quiz.commits / items.length) * 100) / 100, budget: 'commitsPerQuizQuestion' });
  }
  if (finalItems.length > 0) {
    mark = lms.calls.length;
    takeQuiz(FINAL_QUIZ_ID, finalItems, 1, true);
    env.advance(10_000);
    const final = count(mark);
    rows.push({ measure: `${label}: LMS calls for the final assessment (${finalItems.length} items)`, value: final.calls });
    rows.push({ measure: `${label}: commits for the final assessment`, value: final.commits });
    rows.push({ measure: `${label}: commits per question of the final assessment`, value: Math.round((final.commits / finalItems.length) * 100) / 100, budget: 'commitsPerQuizQuestion' });
  }
  mark = lms.calls.length;
  env.fire('pagehide');
  rows.push({ measure: `${label}: LMS calls to finish (unload)`, value: count(mark).calls });
  rows.push({ measure: `${label}: spec violations seen by the strict test LMS`, value: lms.violations.length });

  // The worst case for interactions: every attempt of every quiz, failed each time.
  {
    const worst = course(version, tree);
    const attempts = tree.settings.attemptsPerQuiz || 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      for (const m of tree.modules) if (m.quiz && pools[m.slug]?.length) worst.takeQuiz(m.slug, pools[m.slug]!.slice(0, m.quiz.draw), attempt, false);
    }
    for (let attempt = 1; attempt <= attempts; attempt++) worst.takeQuiz(FINAL_QUIZ_ID, finalItems, attempt, false);
    worst.env.advance(10_000);
    const stored = Object.values(worst.lms.committed()?.interactions ?? {}) as { id: string }[];
    const asked = stored.length + worst.session.interactionsNotRecorded();
    rows.push({ measure: `${label}: graded answers in the worst case (every attempt of every quiz)`, value: asked });
    rows.push({ measure: `${label}: interactions stored in the worst case (an LMS keeps at least ${INTERACTION_LIMIT})`, value: stored.length, budget: 'interactionsWorstCase' });
    rows.push({ measure: `${label}: final assessment answers stored in the worst case (of ${finalItems.length * attempts})`, value: stored.filter((i) => i.id.startsWith(`${FINAL_QUIZ_ID}_`)).length });
  }
  return rows;
}

/** Moodle 4.5's 2004 player sends the whole data model on every commit; at unload as a beacon (64 KiB at most in Chromium). */
function moodle2004CommitSize(tree: CourseTree, modules: ModuleContent[]): LmsMeasure {
  const pools = Object.fromEntries(modules.map((m) => [m.slug, m.quiz]));
  const { lms, env, session, takeQuiz } = course('2004', tree, true);
  for (const m of tree.modules) for (const l of m.lessons) session.visitLesson(m.slug, l.slug);
  for (const m of tree.modules) if (m.quiz && pools[m.slug]?.length) takeQuiz(m.slug, pools[m.slug]!.slice(0, m.quiz.draw), 1, true);
  takeQuiz(FINAL_QUIZ_ID, modules.flatMap((m) => m.quiz).slice(0, tree.settings.finalAssessmentItems), 1, true);
  env.advance(10_000);
  return { measure: 'SCORM 2004 in Moodle: whole data model per commit after every lesson, quiz and the final (bytes; a beacon holds 65,536)', value: lms.lastCommitBytes(), budget: 'moodle2004WholeModelBytes' };
}

/**
 * Worst-case 1.2 suspend_data with adversarial typed answers (tests/lms/worst-case.ts), as written
 * and before shedding, in characters (UTF-16 code units, what SCORM counts) and in UTF-8 bytes
 * (what an LMS storing it in a byte-limited column counts): with answers costliest in characters
 * and with answers costliest in bytes.
 */
function worstCaseRows(loaded: { tree: CourseTree; modules: Record<string, ModuleContent> }): LmsMeasure[] {
  const rows: LmsMeasure[] = [];
  for (const [label, answer] of [
    ['reserved-character answers', adversarialAnswer],
    ['three-byte-character answers', adversarialUtf8Answer]
  ] as const) {
    const { written, size, unshed } = worstCaseSuspendDataOf(loaded, answer);
    rows.push(
      { measure: `worst-case SCORM 1.2 suspend_data, ${label}, as written (characters)`, value: size.chars, budget: 'worstCaseSuspendData12Chars' },
      { measure: `worst-case SCORM 1.2 suspend_data, ${label}, as written (UTF-8 bytes)`, value: size.bytes, budget: 'worstCaseSuspendData12Chars' },
      { measure: `worst-case SCORM 1.2 suspend_data, ${label}, before shedding (characters / UTF-8 bytes ${unshed.bytes}; shed to fit: ${written.shed.join(', ') || 'nothing'})`, value: unshed.chars }
    );
  }
  return rows;
}

export async function measureLms(loaded: { tree: CourseTree; modules: Record<string, ModuleContent> }): Promise<LmsMeasure[]> {
  const modules = Object.values(loaded.modules);
  return [
    ...worstCaseRows(loaded),
    ...(await measureVersion('12', loaded.tree, modules)),
    ...(await measureVersion('2004', loaded.tree, modules)),
    moodle2004CommitSize(loaded.tree, modules)
  ];
}
