/**
 * A graded quiz: a module's quiz, or the course's final assessment. Draws N items from a pool with
 * a saved seed, lets the learner answer and move between them, scores on submit, shows the result
 * and a review of every item, and offers a retry (a fresh draw) while attempts remain.
 *
 *   restoring ─┬─> intro ──start──> answering ──submit (all answered)──> result
 *              ├─> answering                      ^                       │ outcome: passed | failed | outOfAttempts
 *              └─> result                          └───retry (attempts left)─┘ view: summary <-> review
 *
 * It knows nothing of the DOM or the LMS: it emits `quiz.submitted` with the graded answers and the
 * result, and `progressOf(context)` is what the page saves after every change (QuizProgress).
 */
import { assertEvent, assign, emit, setup } from 'xstate';
import type { QuizItem } from '$lib/content/types';
import type { GradedAnswer, QuizProgress, QuizResult } from '$lib/lms/types';
import { attemptsLeft, quizPassed } from './attempts';
import { drawAttempt, type DrawnItem } from './draw';
import { newSeed, type Random } from './random';
import { decodeResponse, encodeResponse, type LearnerResponse } from './response-codec';
import { correctResponseValues, interactionType, isComplete, isCorrect, learnerResponseValue, percent } from './scoring';

export interface GradedQuizInput {
  /** Module slug, or `final`. */
  quizId: string;
  pool: QuizItem[];
  /** Items per attempt (ModuleMeta.quiz.draw, or course finalAssessmentItems). */
  drawCount: number;
  /** course.yaml attemptsPerQuiz: 0 = unlimited. */
  attemptsAllowed: number;
  /** Percent needed to pass (course.yaml masteryScore). */
  masteryScore: number;
  randomise: boolean;
  /** Objectives the score rolls up to: the module's, or every module's for `final`. */
  objectiveIds: string[];
  /** Progress saved earlier (app.learner.quizzes[quizId]) to resume from. */
  saved?: QuizProgress | undefined;
  /** Clock and seed source, replaceable in tests. */
  now?: () => number;
  random?: Random;
}

export interface GradedQuizContext {
  quizId: string;
  pool: QuizItem[];
  drawCount: number;
  attemptsAllowed: number;
  masteryScore: number;
  randomise: boolean;
  objectiveIds: string[];
  /** Attempts started; 0 before the first. */
  attempt: number;
  seed: number;
  drawn: DrawnItem[];
  answers: (LearnerResponse | null)[];
  /** Item on screen while answering, or under review. */
  index: number;
  submitted: boolean;
  /** Score of the current attempt once submitted; null if its answers were not kept (see restore). */
  score: number | null;
  best: number | null;
  passed: boolean;
  /** Time spent on each item this attempt (SCORM interaction latency) and when it was last answered. */
  spentMs: number[];
  answeredAt: (number | null)[];
  shownAt: number;
  now: () => number;
  random: Random;
}

export type GradedQuizEvent =
  | { type: 'quiz.start' }
  | { type: 'quiz.answer'; response: LearnerResponse | null }
  | { type: 'quiz.next' }
  | { type: 'quiz.previous' }
  | { type: 'quiz.goTo'; index: number }
  | { type: 'quiz.submit' }
  | { type: 'quiz.review' }
  | { type: 'quiz.summary' }
  | { type: 'quiz.retry' }
  /** The session's pass mark changed (the LMS's mastery score arrived later): judge by it from now on. */
  | { type: 'quiz.passMark'; masteryScore: number };

/** `progress` is the saved state after scoring: save it before reporting, so a commit carries both. */
export type GradedQuizEmitted = { type: 'quiz.submitted'; answers: GradedAnswer[]; result: QuizResult; progress: QuizProgress };

/** What gets saved after every change: enough to rebuild the same draw, answers and attempt. */
export function progressOf(context: GradedQuizContext): QuizProgress {
  return {
    attempt: context.attempt,
    seed: context.seed,
    index: context.index,
    answers: context.answers.map((a) => (a ? encodeResponse(a) : null)),
    submitted: context.submitted,
    best: context.best,
    passed: context.passed
  };
}

export { attemptsLeft };

/** Answers of a fresh attempt: ordering items start as shown (a learner may agree with that order). */
function freshAnswers(drawn: DrawnItem[]): (LearnerResponse | null)[] {
  return drawn.map((d) => (d.item.type === 'ordering' ? { kind: 'ordering', ids: [...d.order] } : null));
}

function correctCount(context: GradedQuizContext): number {
  return context.drawn.filter((d, i) => isCorrect(d.item, context.answers[i] ?? null)).length;
}

function restore(input: GradedQuizInput): Partial<GradedQuizContext> {
  const saved = input.saved;
  if (!saved || saved.attempt < 1) return { attempt: 0, best: saved?.best ?? null, passed: saved ? quizPassed(saved, input.masteryScore) : false };
  const drawn = drawAttempt(input.pool, { count: input.drawCount, randomise: input.randomise }, saved.seed, saved.attempt);
  // A stale answer (the package changed since it was saved) reads as unanswered, never as an error.
  const answers = drawn.map((d, i) => decodeResponse(d.item, saved.answers[i]) ?? freshAnswers([d])[0] ?? null);
  // The LMS codec may shed a submitted attempt's answers to fit suspend_data (lms/codec.ts): the
  // attempt stays submitted (no second try at it), only its score and review are gone.
  const reviewable = answers.every((a, i) => isComplete((drawn[i] as DrawnItem).item, a));
  const correct = drawn.filter((d, i) => isCorrect(d.item, answers[i] ?? null)).length;
  return {
    attempt: saved.attempt,
    seed: saved.seed,
    drawn,
    answers,
    index: Math.min(Math.max(0, saved.index), drawn.length - 1),
    submitted: saved.submitted,
    score: saved.submitted && reviewable ? percent(correct, drawn.length) : null,
    best: saved.best,
    // The one pass rule (attempts.ts), as the LMS is told: a pass mark lowered since counts.
    passed: quizPassed(saved, input.masteryScore)
  };
}

export const gradedQuizMachine = setup({
  types: {
    input: {} as GradedQuizInput,
    context: {} as GradedQuizContext,
    events: {} as GradedQuizEvent,
    emitted: {} as GradedQuizEmitted
  },
  guards: {
    notStarted: ({ context }) => context.attempt === 0,
    isSubmitted: ({ context }) => context.submitted,
    hasNext: ({ context }) => context.index < context.drawn.length - 1,
    hasPrevious: ({ context }) => context.index > 0,
    isValidIndex: ({ context, event }) => {
      assertEvent(event, 'quiz.goTo');
      return Number.isInteger(event.index) && event.index >= 0 && event.index < context.drawn.length;
    },
    allAnswered: ({ context }) => context.drawn.every((d, i) => isComplete(d.item, context.answers[i] ?? null)),
    /** This attempt's score reached the pass mark (when its answers were shed: whether any attempt passed). */
    reachedMastery: ({ context }) => (context.score === null ? context.passed : context.score >= context.masteryScore),
    hasAttemptsLeft: ({ context }) => attemptsLeft(context) > 0,
    isReviewable: ({ context }) => context.score !== null
  },
  actions: {
    setPassMark: assign(({ context, event }) => {
      assertEvent(event, 'quiz.passMark');
      if (!Number.isFinite(event.masteryScore)) return {};
      return { masteryScore: event.masteryScore, passed: quizPassed({ passed: context.passed, best: context.best }, event.masteryScore) };
    }),
    startAttempt: assign(({ context }) => {
      const attempt = context.attempt + 1;
      const seed = newSeed(context.random);
      const drawn = drawAttempt(context.pool, { count: context.drawCount, randomise: context.randomise }, seed, attempt);
      return {
        attempt,
        seed,
        drawn,
        answers: freshAnswers(drawn),
        index: 0,
        submitted: false,
        score: null,
        spentMs: drawn.map(() => 0),
        answeredAt: drawn.map(() => null),
        shownAt: context.now()
      };
    }),
    recordAnswer: assign(({ context, event }) => {
      assertEvent(event, 'quiz.answer');
      const answers = [...context.answers];
      answers[context.index] = event.response;
      const answeredAt = [...context.answeredAt];
      answeredAt[context.index] = context.now();
      return { answers, answeredAt };
    }),
    /** Adds the time since the item appeared to its latency, before the learner leaves it. */
    addTimeOnItem: assign(({ context }) => {
      const now = context.now();
      const spentMs = [...context.spentMs];
      spentMs[context.index] = (spentMs[context.index] ?? 0) + Math.max(0, now - context.shownAt);
      return { spentMs, shownAt: now };
    }),
    goNext: assign({ index: ({ context }) => context.index + 1 }),
    goPrevious: assign({ index: ({ context }) => context.index - 1 }),
    goTo: assign({
      index: ({ event }) => {
        assertEvent(event, 'quiz.goTo');
        return event.index;
      }
    }),
    goFirst: assign({ index: 0 }),
    score: assign(({ context }) => {
      const score = percent(correctCount(context), context.drawn.length);
      const best = Math.max(score, context.best ?? 0);
      return { submitted: true, score, best, passed: quizPassed({ passed: context.passed, best }, context.masteryScore) };
    }),
    announceSubmitted: emit(({ context }): GradedQuizEmitted => {
      const answers = context.drawn.map(({ item }, i): GradedAnswer => {
        const response = context.answers[i] as LearnerResponse;
        return {
          itemId: item.id,
          quizId: context.quizId,
          attempt: context.attempt,
          type: interactionType(item),
          learnerResponse: learnerResponseValue(item, response),
          correctResponses: correctResponseValues(item),
          result: isCorrect(item, response) ? 'correct' : 'incorrect',
          weighting: 1,
          latencyMs: Math.round(context.spentMs[i] ?? 0),
          answeredAt: new Date(context.answeredAt[i] ?? context.now()),
          description: item.promptText,
          objectiveId: item.objective
        };
      });
      // The best score and "ever passed" roll up: a weaker retry must not undo a pass in the LMS.
      const result: QuizResult = { quizId: context.quizId, score: context.best ?? 0, passed: context.passed, objectiveIds: context.objectiveIds };
      return { type: 'quiz.submitted', answers, result, progress: progressOf(context) };
    })
  }
}).createMachine({
  id: 'gradedQuiz',
  context: ({ input }) => {
    const restored = restore(input);
    const now = input.now ?? Date.now;
    return {
      quizId: input.quizId,
      pool: input.pool,
      drawCount: input.drawCount,
      attemptsAllowed: input.attemptsAllowed,
      masteryScore: input.masteryScore,
      randomise: input.randomise,
      objectiveIds: input.objectiveIds,
      attempt: 0,
      seed: 0,
      drawn: [],
      answers: [],
      index: 0,
      submitted: false,
      score: null,
      best: null,
      passed: false,
      now,
      random: input.random ?? Math.random,
      shownAt: now(),
      ...restored,
      spentMs: (restored.drawn ?? []).map(() => 0),
      answeredAt: (restored.drawn ?? []).map(() => null)
    };
  },
  // Any state: a quiz on screen reads the session's current pass mark (review R9).
  on: { 'quiz.passMark': { actions: 'setPassMark' } },
  initial: 'restoring',
  states: {
    restoring: {
      always: [{ guard: 'notStarted', target: 'intro' }, { guard: 'isSubmitted', target: 'result' }, { target: 'answering' }]
    },
    intro: {
      on: { 'quiz.start': { target: 'answering', actions: 'startAttempt' } }
    },
    answering: {
      on: {
        'quiz.answer': { actions: 'recordAnswer' },
        'quiz.next': { guard: 'hasNext', actions: ['addTimeOnItem', 'goNext'] },
        'quiz.previous': { guard: 'hasPrevious', actions: ['addTimeOnItem', 'goPrevious'] },
        'quiz.goTo': { guard: 'isValidIndex', actions: ['addTimeOnItem', 'goTo'] },
        'quiz.submit': { guard: 'allAnswered', target: 'result', actions: ['addTimeOnItem', 'score', 'announceSubmitted'] }
      }
    },
    result: {
      type: 'parallel',
      on: {
        'quiz.retry': { guard: 'hasAttemptsLeft', target: 'answering', actions: 'startAttempt' }
      },
      states: {
        outcome: {
          initial: 'deciding',
          states: {
            deciding: {
              always: [
                { guard: 'reachedMastery', target: 'passed' },
                { guard: 'hasAttemptsLeft', target: 'failed' },
                { target: 'outOfAttempts' }
              ]
            },
            passed: {},
            /** Below the pass mark with attempts left: the page offers a retry. */
            failed: {},
            outOfAttempts: {}
          }
        },
        view: {
          initial: 'summary',
          states: {
            summary: { on: { 'quiz.review': { guard: 'isReviewable', target: 'review', actions: 'goFirst' } } },
            review: {
              on: {
                'quiz.summary': 'summary',
                'quiz.next': { guard: 'hasNext', actions: 'goNext' },
                'quiz.previous': { guard: 'hasPrevious', actions: 'goPrevious' },
                'quiz.goTo': { guard: 'isValidIndex', actions: 'goTo' }
              }
            }
          }
        }
      }
    }
  }
});
