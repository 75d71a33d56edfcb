/**
 * The sorting activity's machine: a model-based test (xstate/graph) over every path of a small
 * sort, checking what a learner relies on: each card is judged against its own group, the summary
 * comes only after the last card, the count of right cards is exact, and restart starts clean.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { currentIsRight, pileOf, rightCount, sortMachine, type SortEvent } from './machine';

const input = { groups: ['coder', 'registrar'], answers: ['coder', 'registrar', 'coder'] };
type Snapshot = SnapshotFrom<typeof sortMachine>;

const events: SortEvent[] = [
  { type: 'sort.place', group: 'coder' },
  { type: 'sort.place', group: 'registrar' },
  { type: 'sort.place', group: 'biller' },
  { type: 'sort.next' },
  { type: 'sort.restart' }
];
const model = createTestModel(sortMachine, {
  input,
  events,
  serializeState: (s: Snapshot) => JSON.stringify([s.value, s.context.current, s.context.placed]),
  serializeTransition: () => ''
});

describe('sort machine', () => {
  const paths = model.getShortestPaths();

  it('reaches sorting, feedback and done, and every placement of every card', () => {
    const states = paths.flatMap((p) => [p.state, ...p.steps.map((s) => s.state)]);
    expect(new Set(states.map((s) => s.value))).toEqual(new Set(['sorting', 'feedback', 'done']));
    // 2 choices for each of 3 cards: 8 ways to finish.
    expect(new Set(states.filter((s) => s.matches('done')).map((s) => s.context.placed.join()))).toHaveProperty('size', 8);
  });

  it('on every path the live actor agrees, the count of right cards is exact, and done means every card placed', async () => {
    for (const path of paths) {
      const actor = createActor(sortMachine, { input }).start();
      await path.test({
        events: Object.fromEntries(events.map((e) => [e.type, ({ event }: { event: SortEvent }) => actor.send(event)])),
        states: {
          '*': (expected: Snapshot) => {
            const live = actor.getSnapshot();
            expect(live.value).toEqual(expected.value);
            const { placed, answers } = live.context;
            expect(rightCount(live.context)).toBe(placed.filter((g, i) => g === answers[i]).length);
            if (live.matches('done')) expect(placed.every((g) => g !== null)).toBe(true);
            if (live.matches('feedback')) expect(currentIsRight(live.context)).toBe(placed[live.context.current] === answers[live.context.current]);
            if (live.matches('sorting')) expect(placed[live.context.current]).toBeNull();
          }
        }
      });
    }
  });

  it('ignores a group that is not listed', () => {
    const actor = createActor(sortMachine, { input }).start();
    actor.send({ type: 'sort.place', group: 'biller' });
    expect(actor.getSnapshot().value).toBe('sorting');
  });

  it('piles hold the cards the learner put there; restart empties them', () => {
    const actor = createActor(sortMachine, { input }).start();
    for (const group of ['registrar', 'registrar', 'coder']) {
      actor.send({ type: 'sort.place', group });
      actor.send({ type: 'sort.next' });
    }
    const done = actor.getSnapshot();
    expect(done.value).toBe('done');
    expect(pileOf(done.context, 'registrar')).toEqual([0, 1]);
    expect(rightCount(done.context)).toBe(2);
    actor.send({ type: 'sort.restart' });
    expect(actor.getSnapshot().context).toMatchObject({ current: 0, placed: [null, null, null] });
    expect(actor.getSnapshot().value).toBe('sorting');
  });
});
