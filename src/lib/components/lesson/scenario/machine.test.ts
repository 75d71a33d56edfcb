/**
 * The branching case's machine over a case with a fork, a shared step and two endings: every step
 * is reached, each choice leads exactly where the data says, the case ends only on a choice that
 * ends it, and the path read back is the path taken.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { lastDecision, scenarioMachine, type ScenarioEvent } from './machine';

// 0 -> (1 | 2); 1 -> (2 | end); 2 -> (end | end)
const steps = [{ choices: [{ next: 1 }, { next: 2 }] }, { choices: [{ next: 2 }, { next: null }] }, { choices: [{ next: null }, { next: null }] }];
type Snapshot = SnapshotFrom<typeof scenarioMachine>;
const events: ScenarioEvent[] = [
  { type: 'scenario.choose', choice: 0 },
  { type: 'scenario.choose', choice: 1 },
  { type: 'scenario.choose', choice: 5 },
  { type: 'scenario.continue' },
  { type: 'scenario.restart' }
];
const model = createTestModel(scenarioMachine, {
  input: { steps },
  events,
  serializeState: (s: Snapshot) => JSON.stringify([s.value, s.context.step, s.context.path]),
  serializeTransition: () => ''
});

describe('scenario machine', () => {
  const paths = model.getShortestPaths();

  it('reaches every step and both kinds of ending', () => {
    const states = paths.flatMap((p) => [p.state, ...p.steps.map((s) => s.state)]);
    expect(new Set(states.map((s) => s.context.step))).toEqual(new Set([0, 1, 2]));
    expect(new Set(states.map((s) => s.value))).toEqual(new Set(['choosing', 'outcome', 'ended']));
    expect(states.some((s) => s.matches('ended') && s.context.step === 1)).toBe(true);
    expect(states.some((s) => s.matches('ended') && s.context.step === 2)).toBe(true);
  });

  it('on every path: each decision follows the data, and the case ends exactly on a choice that ends it', async () => {
    for (const path of paths) {
      const actor = createActor(scenarioMachine, { input: { steps } }).start();
      await path.test({
        events: Object.fromEntries(events.map((e) => [e.type, ({ event }: { event: ScenarioEvent }) => actor.send(event)])),
        states: {
          '*': (expected: Snapshot) => {
            const live = actor.getSnapshot();
            expect(live.value).toEqual(expected.value);
            const { path: taken } = live.context;
            taken.slice(1).forEach((d, i) => expect(d.step).toBe(steps[taken[i]!.step]!.choices[taken[i]!.choice]!.next));
            if (taken.length) expect(taken[0]!.step).toBe(0);
            const last = lastDecision(live.context);
            const leadsTo = last ? steps[last.step]!.choices[last.choice]!.next : undefined;
            if (live.matches('ended')) expect(leadsTo).toBeNull();
            if (live.matches('outcome')) expect(leadsTo).not.toBeNull();
            if (live.matches('choosing') && last) expect(live.context.step).toBe(leadsTo);
          }
        }
      });
    }
  });

  it('an unknown choice changes nothing; restart goes back to the first step with an empty path', () => {
    const actor = createActor(scenarioMachine, { input: { steps } }).start();
    actor.send({ type: 'scenario.choose', choice: 7 });
    expect(actor.getSnapshot().value).toBe('choosing');
    actor.send({ type: 'scenario.choose', choice: 0 });
    actor.send({ type: 'scenario.continue' });
    actor.send({ type: 'scenario.choose', choice: 1 });
    expect(actor.getSnapshot().value).toBe('ended');
    expect(actor.getSnapshot().context.path).toEqual([{ step: 0, choice: 0 }, { step: 1, choice: 1 }]);
    actor.send({ type: 'scenario.restart' });
    expect(actor.getSnapshot().context).toMatchObject({ step: 0, path: [] });
  });
});
