import { describe, expect, it } from 'vitest';
import { nextPointIndex, tooltipLeft } from './keyboard';

describe('nextPointIndex moves focus through a chart of 5 points', () => {
  it.each([
    ['ArrowDown', 0, 1],
    ['ArrowRight', 3, 4],
    ['ArrowDown', 4, 4], // stays on the last point rather than wrapping silently
    ['ArrowUp', 2, 1],
    ['ArrowLeft', 0, 0],
    ['Home', 3, 0],
    ['End', 1, 4],
    ['Tab', 2, null], // Tab leaves the chart
    ['Enter', 2, null]
  ] as const)('%s from %i -> %s', (key, from, to) => expect(nextPointIndex(key, from, 5)).toBe(to));
  it('ignores keys in an empty chart', () => expect(nextPointIndex('ArrowDown', 0, 0)).toBeNull());
});

describe('tooltipLeft keeps a 200px tooltip inside a 600px plot', () => {
  it.each([
    [300, 200],
    [50, 0],
    [590, 400]
  ])('anchor %i -> left %i', (x, left) => expect(tooltipLeft(x, 200, 600)).toBe(left));
});
