/**
 * Model-based test of the knowledge check (xstate/graph): every state is reached by a generated
 * path, and every path replayed on a live actor tells the LMS "passed" exactly when the learner
 * reached a right answer, never for a wrong one.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { knowledgeCheckMachine, type KnowledgeCheckEvent } from './knowledge-check.machine';
import { singleItem } from './fixtures';
import { encodeResponse } from './response-codec';

type Snapshot = SnapshotFrom<typeof knowledgeCheckMachine>;

const events: KnowledgeCheckEvent[] = [
  { type: 'check.answer', response: { kind: 'choice', ids: ['a'] } },
  { type: 'check.answer', response: { kind: 'choice', ids: ['b'] } },
  { type: 'check.answer', response: null },
  { type: 'check.submit' },
  { type: 'check.tryAgain' }
];

// `tries` grows without bound; cap it so the graph is finite (3 tries show every behaviour).
const serializeState = (s: Snapshot) => JSON.stringify([s.value, s.context.response && encodeResponse(s.context.response), Math.min(s.context.tries, 3)]);
const model = createTestModel(knowledgeCheckMachine, {
  input: { item: singleItem },
  events,
  serializeState,
  serializeTransition: () => '',
  stopWhen: (s) => s.context.tries > 3
});

describe('knowledge check model', () => {
  const paths = model.getShortestPaths();

  it('reaches answering, correct and incorrect', () => {
    const reached = new Set(paths.flatMap((p) => [p.state, ...p.steps.map((s) => s.state)].map((s) => String(s.value))));
    expect([...reached].sort()).toEqual(['answering', 'correct', 'incorrect']);
  });

  it('on every path, reports a pass for each right check and nothing for wrong ones', async () => {
    for (const path of paths) {
      const actor = createActor(knowledgeCheckMachine, { input: { item: singleItem } }).start();
      let passes = 0;
      actor.on('check.passed', () => passes++);
      let expectedPasses = 0;
      await path.test({
        events: Object.fromEntries(events.map((e) => [e.type, ({ event }: { event: KnowledgeCheckEvent }) => actor.send(event)])),
        states: {
          '*': (expected: Snapshot) => {
            const live = actor.getSnapshot();
            expect(live.value).toEqual(expected.value);
            if (live.matches('correct')) expect(live.context.response).toEqual({ kind: 'choice', ids: ['a'] });
            if (live.matches('incorrect')) expect(live.context.response).toEqual({ kind: 'choice', ids: ['b'] });
          }
        }
      });
      for (const [i, step] of path.steps.entries()) {
        const before = i === 0 ? 'answering' : path.steps[i - 1]!.state.value;
        if (step.event.type === 'check.submit' && before === 'answering' && step.state.value === 'correct') expectedPasses++;
      }
      expect(passes).toBe(expectedPasses);
    }
  });
});
