/**
 * useLazyActor: the view reads the initial snapshot until the machine arrives; events sent before
 * are replayed in order, after the listeners are attached; a failed load can be retried. (Vitest
 * runs in Node, where Svelte's server build makes `$effect` a no-op: this tests the adapter's
 * logic; tests/check-engine.spec.ts tests it in the browser.)
 */
import { describe, expect, it } from 'vitest';
import { knowledgeCheckMachine, createKnowledgeCheckActor } from './knowledge-check.machine';
import { initialCheckSnapshot } from './knowledge-check.initial';
import { useLazyActor } from './use-lazy-actor.svelte';
import { singleItem } from './fixtures';

function setup(load: () => Promise<typeof createKnowledgeCheckActor>) {
  const input = { item: singleItem };
  const check = useLazyActor<typeof knowledgeCheckMachine>(load, input, initialCheckSnapshot(input));
  const passed: string[] = [];
  check.on('check.passed', (e) => passed.push(e.itemId));
  return { check, passed };
}

describe('useLazyActor', () => {
  it('shows the initial snapshot, keeps what is sent, and replays it in order once the machine arrives', async () => {
    let arrive!: (f: typeof createKnowledgeCheckActor) => void;
    const { check, passed } = setup(() => new Promise((resolve) => (arrive = resolve)));
    expect(check.ready).toBe(false);
    expect(check.snapshot).toEqual(initialCheckSnapshot({ item: singleItem }));
    check.send({ type: 'check.answer', response: { kind: 'choice', ids: ['b'] } });
    check.send({ type: 'check.answer', response: { kind: 'choice', ids: ['a'] } });
    check.send({ type: 'check.submit' });
    expect(check.pending.map((e) => e.type)).toEqual(['check.answer', 'check.answer', 'check.submit']);
    expect(check.snapshot.value).toBe('answering');
    arrive(createKnowledgeCheckActor);
    await check.started;
    expect(check.ready).toBe(true);
    expect(check.pending).toEqual([]);
    expect(check.snapshot.value).toBe('correct');
    expect(check.snapshot.context.tries).toBe(1);
    expect(passed).toEqual([singleItem.id]);
    check.send({ type: 'check.tryAgain' });
    expect(check.snapshot.value).toBe('answering');
  });

  it('says a failed load failed, keeps the events, and loads again on request', async () => {
    let attempt = 0;
    const { check, passed } = setup(() => (++attempt === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(createKnowledgeCheckActor)));
    check.send({ type: 'check.answer', response: { kind: 'choice', ids: ['a'] } });
    await Promise.resolve();
    await Promise.resolve();
    expect(check.failed).toBe(true);
    expect(check.ready).toBe(false);
    check.send({ type: 'check.submit' });
    await check.started;
    expect(attempt).toBe(2);
    expect(check.failed).toBe(false);
    expect(check.snapshot.value).toBe('correct');
    expect(passed).toEqual([singleItem.id]);
  });

  it('a retry under way is not a failure: the view says it is checking again, and a second failure is a change it can announce', async () => {
    let attempt = 0;
    let arrive!: (f: typeof createKnowledgeCheckActor) => void;
    const { check } = setup(() => (++attempt === 1 ? Promise.reject(new Error('offline')) : new Promise((resolve) => (arrive = resolve))));
    check.send({ type: 'check.answer', response: { kind: 'choice', ids: ['a'] } });
    check.send({ type: 'check.submit' });
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(check.failed).toBe(true);
    check.load(); // "Load the feedback again"
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(attempt).toBe(2);
    expect(check.failed).toBe(false);
    arrive(createKnowledgeCheckActor);
    await check.started;
    expect(check.snapshot.value).toBe('correct');
  });
});
