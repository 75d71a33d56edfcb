/**
 * Review s26-review2: useLazyActor repros (failing on bd8dde5).
 */
import { describe, expect, it } from 'vitest';
import { knowledgeCheckMachine, createKnowledgeCheckActor } from './knowledge-check.machine';
import { initialCheckSnapshot } from './knowledge-check.initial';
import { useLazyActor } from './use-lazy-actor.svelte';
import { singleItem } from './fixtures';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('review s26: useLazyActor retry', () => {
  it('FAILS: while a retry after a failed load is on its way, `failed` is still true (the view keeps "could not load" instead of "Checking…", and a second failure changes nothing the live region could announce)', async () => {
    let attempt = 0;
    let arrive!: (f: typeof createKnowledgeCheckActor) => void;
    const input = { item: singleItem };
    const check = useLazyActor<typeof knowledgeCheckMachine>(
      () => (++attempt === 1 ? Promise.reject(new Error('offline')) : new Promise((resolve) => (arrive = resolve))),
      input,
      initialCheckSnapshot(input)
    );
    check.send({ type: 'check.answer', response: { kind: 'choice', ids: ['a'] } });
    check.send({ type: 'check.submit' });
    await flush();
    expect(check.failed).toBe(true);
    check.load(); // "Load the feedback again"
    await flush();
    expect(attempt).toBe(2);
    expect(check.failed, 'a retry in flight is not a failure').toBe(false);
    arrive(createKnowledgeCheckActor);
    await check.started;
  });

  it('FAILS: an answer given after "Check answer" while the machine loads is shown, but the replay ends on the earlier, checked answer (right then wrong: passed with the right one)', async () => {
    let arrive!: (f: typeof createKnowledgeCheckActor) => void;
    const input = { item: singleItem };
    const check = useLazyActor<typeof knowledgeCheckMachine>(() => new Promise((resolve) => (arrive = resolve)), input, initialCheckSnapshot(input));
    const right = singleItem.type === 'single' ? singleItem.options.find((o) => o.correct)!.id : 'a';
    const wrong = singleItem.type === 'single' ? singleItem.options.find((o) => !o.correct)!.id : 'b';
    check.send({ type: 'check.answer', response: { kind: 'choice', ids: [right] } });
    check.send({ type: 'check.submit' });
    check.send({ type: 'check.answer', response: { kind: 'choice', ids: [wrong] } });
    // KnowledgeCheck shows the last pending answer (earlyAnswer): the wrong one.
    arrive(createKnowledgeCheckActor);
    await check.started;
    expect(check.snapshot.context.response, 'what the learner last saw selected').toEqual({ kind: 'choice', ids: [wrong] });
  });
});
