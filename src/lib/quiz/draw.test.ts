import { describe, expect, it } from 'vitest';
import { drawAttempt, displayOrder } from './draw';
import { orderingItem, singleChoicePool, singleItem } from './fixtures';
import { mulberry32 } from './random';

const pool = singleChoicePool(12);
const ids = (drawn: ReturnType<typeof drawAttempt>) => drawn.map((d) => d.item.id);

describe('drawAttempt', () => {
  it('draws N distinct items, the same ones and in the same order for the same seed', () => {
    const a = drawAttempt(pool, { count: 8, randomise: true }, 1234, 1);
    const b = drawAttempt(pool, { count: 8, randomise: true }, 1234, 1);
    expect(ids(a)).toHaveLength(8);
    expect(new Set(ids(a)).size).toBe(8);
    expect(a).toEqual(b);
  });

  it('gives another draw for another seed (a retry meets different questions)', () => {
    expect(ids(drawAttempt(pool, { count: 8, randomise: true }, 1, 1))).not.toEqual(ids(drawAttempt(pool, { count: 8, randomise: true }, 2, 1)));
  });

  it('keeps the option order repeatable from the seed', () => {
    const a = drawAttempt([singleItem], { count: 1, randomise: true }, 99, 1);
    expect(a[0]?.order.sort()).toEqual(['a', 'b', 'c']);
    expect(drawAttempt([singleItem], { count: 1, randomise: true }, 99, 1)).toEqual(drawAttempt([singleItem], { count: 1, randomise: true }, 99, 1));
  });

  it('with randomise off, uses authored order and moves on by one draw per attempt', () => {
    const first = drawAttempt(pool, { count: 5, randomise: false }, 7, 1);
    expect(ids(first)).toEqual(pool.slice(0, 5).map((i) => i.id));
    expect(first[0]?.order).toEqual(['a', 'b', 'c']);
    expect(ids(drawAttempt(pool, { count: 5, randomise: false }, 7, 2))).toEqual(pool.slice(5, 10).map((i) => i.id));
    // wraps round the pool
    expect(ids(drawAttempt(pool, { count: 5, randomise: false }, 7, 3))).toEqual([...pool.slice(10), ...pool.slice(0, 3)].map((i) => i.id));
  });

  it('takes items from every module in turn for the final assessment', () => {
    const mixed = [...singleChoicePool(10, 'the-job'), ...singleChoicePool(10, 'drgs'), ...singleChoicePool(10, 'registries')];
    const drawn = drawAttempt(mixed, { count: 9, randomise: true }, 5, 1);
    const perModule = drawn.reduce<Record<string, number>>((acc, d) => ({ ...acc, [d.item.module]: (acc[d.item.module] ?? 0) + 1 }), {});
    expect(perModule).toEqual({ 'the-job': 3, drgs: 3, registries: 3 });
  });

  it('never draws more than the pool holds', () => {
    expect(drawAttempt(pool.slice(0, 3), { count: 8, randomise: true }, 1, 1)).toHaveLength(3);
  });
});

describe('displayOrder', () => {
  it('never starts an ordering item in its correct order, whatever the seed', () => {
    for (let seed = 0; seed < 200; seed++) {
      const order = displayOrder(orderingItem, mulberry32(seed), false);
      expect(order).not.toEqual(['a', 'b', 'c', 'd']);
      expect([...order].sort()).toEqual(['a', 'b', 'c', 'd']);
    }
  });
});
