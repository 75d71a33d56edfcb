import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { QuizItem } from '$lib/content/types';
import { knowledgeCheckMachine } from './knowledge-check.machine';
import { orderingItem, singleItem } from './fixtures';

function start(item: QuizItem = singleItem) {
  const actor = createActor(knowledgeCheckMachine, { input: { item } }).start();
  const passed: string[] = [];
  actor.on('check.passed', (e) => passed.push(e.itemId));
  return { actor, passed };
}

describe('knowledge check machine', () => {
  it('ignores a check with no answer', () => {
    const { actor } = start();
    actor.send({ type: 'check.submit' });
    expect(actor.getSnapshot().value).toBe('answering');
    expect(actor.getSnapshot().context.tries).toBe(0);
  });

  it('gives feedback on a wrong answer and lets the learner change it and try again', () => {
    const { actor, passed } = start();
    actor.send({ type: 'check.answer', response: { kind: 'choice', ids: ['b'] } });
    actor.send({ type: 'check.submit' });
    expect(actor.getSnapshot().value).toBe('incorrect');
    expect(passed).toEqual([]);
    actor.send({ type: 'check.answer', response: { kind: 'choice', ids: ['a'] } });
    expect(actor.getSnapshot().value).toBe('answering');
    actor.send({ type: 'check.submit' });
    expect(actor.getSnapshot().value).toBe('correct');
    expect(actor.getSnapshot().context.tries).toBe(2);
    expect(passed).toEqual(['fx-single']);
  });

  it('can be tried again, from scratch, after a right answer (unlimited tries)', () => {
    const { actor, passed } = start();
    for (let i = 0; i < 3; i++) {
      actor.send({ type: 'check.answer', response: { kind: 'choice', ids: ['a'] } });
      actor.send({ type: 'check.submit' });
      expect(actor.getSnapshot().value).toBe('correct');
      actor.send({ type: 'check.tryAgain' });
      expect(actor.getSnapshot().value).toBe('answering');
      expect(actor.getSnapshot().context.response).toBeNull();
    }
    expect(passed).toHaveLength(3);
  });

  it('starts an ordering check scrambled, the same way on every visit, and checkable as shown', () => {
    const a = start(orderingItem).actor.getSnapshot().context;
    const b = start(orderingItem).actor.getSnapshot().context;
    expect(a.order).toEqual(b.order);
    expect(a.order).not.toEqual(['a', 'b', 'c', 'd']);
    expect(a.response).toEqual({ kind: 'ordering', ids: a.order });
    const { actor } = start(orderingItem);
    actor.send({ type: 'check.submit' });
    expect(actor.getSnapshot().value).toBe('incorrect');
  });
});
