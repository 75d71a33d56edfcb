import { describe, expect, it } from 'vitest';
import {
  MIN_WIDTH,
  labelChars,
  labelLines,
  wrapText,
  ROW_MARGINS,
  heightScale,
  rangeGeometry,
  rowChartHeight,
  rowPositions,
  tickCount,
  ticksOf,
  valueScale,
  yearScale
} from './layout';

describe('rowPositions stacks label-above-marks rows', () => {
  // Three rows whose labels take 1, 3 and 1 lines.
  const rows = rowPositions([1, 3, 1]);
  const cases: [number, number, number, number, number][] = [
    // index, top, height, labelY, markY
    [0, 24, 44, 38, 53],
    [1, 68, 76, 82, 129],
    [2, 144, 44, 158, 173]
  ];
  it.each(cases)('row %i: top %i, height %i, label %i, marks %i', (i, top, height, labelY, markY) => {
    expect(rows[i]).toEqual({ top, height, labelY, markY });
  });
  it('leaves room for the axis below the last row', () => {
    expect(rowChartHeight([1, 3, 1])).toBe(24 + 44 + 76 + 44 + 36);
  });
});

describe('wrapText breaks long labels into lines that fit', () => {
  const asotin = 'Asotin, Columbia, Ferry, Garfield, Lincoln, Pend Oreille, Stevens, Walla Walla, and Whitman Counties';
  it.each([
    ['King County', 40, ['King County']],
    [asotin, 120, [asotin]],
    [asotin, 40, ['Asotin, Columbia, Ferry, Garfield,', 'Lincoln, Pend Oreille, Stevens, Walla', 'Walla, and Whitman Counties']],
    ['Supercalifragilistic word', 10, ['Supercalifragilistic', 'word']]
  ] as const)('%s at %i characters', (text, max, lines) => expect(wrapText(text, max)).toEqual(lines));
  it('never gives a line longer than the limit unless one word is', () => {
    for (const line of wrapText(asotin, 30)) expect(line.length).toBeLessThanOrEqual(30);
  });
  it('bold labels wrap sooner than regular ones', () => {
    const label = 'Medical records and health information technicians (this career)';
    // A 296px plot (a 360px phone, less the figure's padding) fits 38 regular characters.
    expect(labelLines(label, 296)).toEqual(['Medical records and health information', 'technicians (this career)']);
    expect(labelLines(label, 296, true)).toEqual(['Medical records and health', 'information technicians (this', 'career)']);
  });
  it.each([
    [640, 88],
    [360, 48],
    [100, 33] // below MIN_WIDTH the plot is laid out at 260px and scrolls
  ])('labelChars(%i) = %i', (width, chars) => expect(labelChars(width)).toBe(chars));
});

describe('tickCount gives about one tick per 80px', () => {
  it.each([
    [100, 2],
    [160, 2],
    [400, 5],
    [560, 7]
  ])('inner width %i -> %i ticks', (w, n) => expect(tickCount(w)).toBe(n));
});

describe('valueScale: bars start at zero, ranges span the data', () => {
  it('maps 0 to the left margin and the nice maximum to the right edge', () => {
    const x = valueScale([43470, 35520], 640, { zero: true });
    expect(x.domain()).toEqual([0, 50000]);
    const cases: [number, number][] = [
      [0, ROW_MARGINS.left],
      [50000, 640 - ROW_MARGINS.right],
      [25000, (ROW_MARGINS.left + 640 - ROW_MARGINS.right) / 2]
    ];
    for (const [value, px] of cases) expect(x(value)).toBeCloseTo(px, 6);
  });
  it('percentile ranges start near the lowest value, not at zero', () => {
    const x = valueScale([12.76, 37.02], 640, { zero: false });
    expect(x.domain()).toEqual([10, 40]);
  });
  it('never lays out narrower than MIN_WIDTH', () => {
    const x = valueScale([10], 100, { zero: true });
    expect(x.range()).toEqual([ROW_MARGINS.left, MIN_WIDTH - ROW_MARGINS.right]);
  });
  it('ticks are positioned by the scale and never fall outside the plot', () => {
    const x = valueScale([0, 66260], 640, { zero: true });
    const ticks = ticksOf(x);
    expect(ticks.map((t) => t.value)).toEqual([0, 10000, 20000, 30000, 40000, 50000, 60000, 70000]);
    for (const t of ticks) {
      expect(t.x).toBeGreaterThanOrEqual(ROW_MARGINS.left);
      expect(t.x).toBeLessThanOrEqual(640 - ROW_MARGINS.right);
    }
  });
});

describe('rangeGeometry places the five percentiles left to right', () => {
  const x = valueScale([10, 40], 568, { zero: false, margins: { top: 0, right: 0, bottom: 0, left: 0 } });
  // domain [10, 40] -> range [0, 568]? MIN_WIDTH does not apply (568 > 260); 30 dollars span 568px.
  const g = rangeGeometry([12.76, 15.42, 19.4, 25.35, 31.86], x);
  const cases: [keyof typeof g, number][] = [
    ['p10', ((12.76 - 10) / 30) * 568],
    ['p25', ((15.42 - 10) / 30) * 568],
    ['p50', ((19.4 - 10) / 30) * 568],
    ['p75', ((25.35 - 10) / 30) * 568],
    ['p90', ((31.86 - 10) / 30) * 568]
  ];
  it.each(cases)('%s at %f px', (key, px) => expect(g[key]).toBeCloseTo(px, 6));
});

describe('then-and-now scales', () => {
  const margins = { top: 10, right: 20, bottom: 30, left: 60 };
  it('puts 2002 and 2018 at their real distance apart, with 2 years of air each side', () => {
    const x = yearScale([2002, 2018], 380, margins);
    expect(x.domain()).toEqual([2000, 2020]);
    expect(x(2002)).toBeCloseTo(60 + (2 / 20) * 300, 6);
    expect(x(2018)).toBeCloseTo(60 + (18 / 20) * 300, 6);
  });
  it('measures height from zero', () => {
    const y = heightScale([23890, 40350], 200, margins);
    expect(y.domain()).toEqual([0, 50000]);
    expect(y(0)).toBe(170);
    expect(y(50000)).toBe(10);
  });
});
