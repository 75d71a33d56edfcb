/**
 * Model-based tests (xstate/graph): paths through the graded-quiz machine are generated, not
 * written by hand, so every state and every way to pass and to fail is exercised. Each generated
 * path is replayed on a live actor, and at every step the test checks what a learner relies on:
 * saving and resuming at that moment gives back the same quiz (resume mid-quiz), the score shown
 * matches the answers, and the LMS hears about every submission.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom, type StateValue } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { gradedQuizMachine, progressOf, type GradedQuizEmitted, type GradedQuizEvent, type GradedQuizInput } from './graded-quiz.machine';
import { singleChoicePool } from './fixtures';
import { encodeResponse } from './response-codec';

type Snapshot = SnapshotFrom<typeof gradedQuizMachine>;

/** Two items per attempt, two attempts, pass = both right: small enough to enumerate, big enough for every state. */
const input: GradedQuizInput = {
  quizId: 'the-job',
  pool: singleChoicePool(4),
  drawCount: 2,
  attemptsAllowed: 2,
  masteryScore: 100,
  randomise: false,
  objectiveIds: ['job-1'],
  now: () => 0,
  random: () => 0.5
};

const events: GradedQuizEvent[] = [
  { type: 'quiz.start' },
  { type: 'quiz.answer', response: { kind: 'choice', ids: ['a'] } },
  { type: 'quiz.answer', response: { kind: 'choice', ids: ['b'] } },
  { type: 'quiz.next' },
  { type: 'quiz.previous' },
  { type: 'quiz.submit' },
  { type: 'quiz.review' },
  { type: 'quiz.summary' },
  { type: 'quiz.retry' }
];

/** What distinguishes two quiz states for a learner (the pool and clock never change). */
function serializeState(snapshot: Snapshot): string {
  const c = snapshot.context;
  return JSON.stringify([snapshot.value, c.attempt, c.index, c.answers.map((a) => a && encodeResponse(a)), c.score, c.best, c.passed]);
}

const model = createTestModel(gradedQuizMachine, { input, events, serializeState, serializeTransition: () => '' });

/**
 * Simple paths (no state visited twice) multiply fast: on the two-item model they run to many
 * thousands. A one-item quiz has the same outcomes and retry rules and keeps them enumerable.
 */
const oneItemInput: GradedQuizInput = { ...input, drawCount: 1 };
const oneItemModel = createTestModel(gradedQuizMachine, { input: oneItemInput, events, serializeState, serializeTransition: () => '' });

/** Every state node id a learner can rest in (transient `restoring` and `deciding` pass at once). */
function restingStateIds(): string[] {
  const ids: string[] = [];
  const walk = (node: typeof gradedQuizMachine.root) => {
    for (const child of Object.values(node.states)) {
      if (!['restoring', 'deciding'].includes(child.key)) ids.push(child.path.join('.'));
      walk(child);
    }
  };
  walk(gradedQuizMachine.root);
  return ids;
}

function flatten(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  return Object.entries(value).flatMap(([key, child]) => [prefix + key, ...flatten(child as StateValue, `${prefix}${key}.`)]);
}

let stepsChecked = 0;

/** Replays a generated path on a live actor, checking the learner-facing rules at every step. */
async function replay(path: ReturnType<typeof model.getShortestPaths>[number], quizInput = input) {
  const input = quizInput;
  const actor = createActor(gradedQuizMachine, { input }).start();
  const submitted: GradedQuizEmitted[] = [];
  actor.on('quiz.submitted', (e) => submitted.push(e));
  await path.test({
    events: Object.fromEntries(events.map((e) => [e.type, ({ event }: { event: GradedQuizEvent }) => actor.send(event)])),
    states: {
      '*': (expected: Snapshot) => {
        stepsChecked++;
        const live = actor.getSnapshot();
        expect(live.value).toEqual(expected.value);
        // Resume: a new actor from the saved progress shows the same attempt, draw and answers.
        if (live.context.attempt > 0) {
          const resumed = createActor(gradedQuizMachine, { input: { ...input, saved: JSON.parse(JSON.stringify(progressOf(live.context))) } }).start();
          const r = resumed.getSnapshot();
          expect(r.context.drawn).toEqual(live.context.drawn);
          expect(r.context.answers).toEqual(live.context.answers);
          expect(r.context).toMatchObject({ attempt: live.context.attempt, best: live.context.best, passed: live.context.passed });
          expect(r.matches('result')).toBe(live.matches('result'));
          if (live.matches('result')) expect(r.context.score).toBe(live.context.score);
        }
        // The outcome shown agrees with the score and the attempts left.
        if (live.matches({ result: { outcome: 'passed' } })) expect(live.context.score).toBe(100);
        if (live.matches({ result: { outcome: 'failed' } })) expect(live.context.attempt).toBeLessThan(input.attemptsAllowed);
        if (live.matches({ result: { outcome: 'outOfAttempts' } })) expect(live.context.attempt).toBe(input.attemptsAllowed);
      }
    }
  });
  return { actor, submitted };
}

describe('graded quiz model', () => {
  const shortest = model.getShortestPaths();

  it('reaches every state of the machine', () => {
    const reached = new Set(shortest.flatMap((p) => [p.state, ...p.steps.map((step) => step.state)].flatMap((s) => flatten(s.value))));
    for (const id of restingStateIds()) expect(reached, `state ${id} is never reached`).toContain(id);
  });

  it('replays every shortest path on a live actor, resuming correctly at every step', async () => {
    expect(shortest.length).toBeGreaterThan(20);
    const before = stepsChecked;
    for (const path of shortest) await replay(path);
    expect(stepsChecked - before).toBe(shortest.reduce((n, p) => n + p.steps.length, 0));
  });

  const outcomes = [
    ['passed', 'to pass', true],
    ['failed', 'to fail with a retry left', false],
    ['outOfAttempts', 'to fail with no attempts left', false]
  ] as const;

  it.each(outcomes)('has simple paths %s (%s), and each reports the result to the LMS', async (outcome, _label, passed) => {
    const paths = oneItemModel.getSimplePaths({ toState: (s) => s.matches({ result: { outcome, view: 'summary' } }) });
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const { actor, submitted } = await replay(path, oneItemInput);
      expect(actor.getSnapshot().matches({ result: { outcome } })).toBe(true);
      const last = submitted.at(-1);
      expect(last?.answers).toHaveLength(1);
      expect(last?.result.passed).toBe(passed || actor.getSnapshot().context.passed);
      expect(last?.result.score).toBe(actor.getSnapshot().context.best);
    }
  });
});
