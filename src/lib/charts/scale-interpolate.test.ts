import { describe, expect, it } from 'vitest';
// @ts-expect-error d3-interpolate ships no types (and @types/d3-interpolate is not a dependency); used here only as the reference.
import * as d3 from 'd3-interpolate';
import { interpolate, interpolateNumber, interpolateRound, piecewise } from './scale-interpolate';

// The app build gives d3-scale these in place of d3-interpolate (vite.config.ts): a chart must
// draw every bar and tick at exactly the pixel D3's own interpolators give.
const pairs: [number, number][] = [
  [48, 752],
  [320, 40],
  [0, 1],
  [-3.5, 1e6]
];
const ts = [0, 0.1, 1 / 3, 0.5, 0.7, 0.999, 1, 1.2, -0.1];

describe('number-only interpolators for d3-scale', () => {
  it('give the same positions as d3-interpolate for number ranges', () => {
    for (const [a, b] of pairs) {
      for (const t of ts) {
        expect(interpolate(a, b)(t)).toBe(d3.interpolate(a, b)(t));
        expect(interpolateNumber(a, b)(t)).toBe(d3.interpolateNumber(a, b)(t));
        expect(interpolateRound(a, b)(t)).toBe(d3.interpolateRound(a, b)(t));
      }
    }
    for (const t of ts) expect(piecewise([0, 10, 40])(t)).toBe(d3.piecewise([0, 10, 40])(t));
  });

  it('refuse a range that is not numbers instead of drawing at NaN', () => {
    expect(() => interpolate('red', 'blue')).toThrow(/number ranges only/);
  });
});
