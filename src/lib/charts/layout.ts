/**
 * Pure chart geometry: D3 scales, ticks and row positions computed from data and the container's
 * width. Svelte layers only draw what these return (D3 does the maths, Svelte renders).
 * Every chart here is a list of labelled rows read from top to bottom, with the label ABOVE its
 * marks, so long names (e.g. "Asotin, Columbia, Ferry ... Counties") never squeeze the plot on a phone.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { max, min } from 'd3-array';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * Room for a reference-line label above, the axis below and a direct value label to the right of
 * the longest mark.
 */
export const ROW_MARGINS: Margins = { top: 24, right: 72, bottom: 36, left: 16 };

/** Narrowest plot we lay out; a container smaller than this scrolls rather than overlapping text. */
export const MIN_WIDTH = 260;
/** Width used before the container has been measured, so the chart is in the first paint. */
export const DEFAULT_WIDTH = 640;

export interface RowPosition {
  /** Baseline of the row's first label line; further lines follow every LINE_HEIGHT px. */
  labelY: number;
  /** Vertical centre of the row's marks. */
  markY: number;
  /** Top of the row's band (for a focus outline covering label and marks). */
  top: number;
  height: number;
}

/** Height of one 13px label line. */
export const LINE_HEIGHT = 16;
/** A row with a one-line label: 16px of label, then the marks. */
export const ROW_HEIGHT = 44;
/** Average width of a 13px system-ui character, rounded up so wrapped lines never overrun. */
export const CHAR_WIDTH = 7;

/**
 * Rows stacked from the top, each a label of `lines[i]` lines above its marks, so a long name
 * ("Asotin, Columbia, Ferry, ... and Whitman Counties") wraps on a phone instead of being cut off.
 */
export function rowPositions(lines: readonly number[], margins: Margins = ROW_MARGINS): RowPosition[] {
  let top = margins.top;
  return lines.map((n) => {
    const extra = (Math.max(1, n) - 1) * LINE_HEIGHT;
    const row = { top, height: ROW_HEIGHT + extra, labelY: top + 14, markY: top + 29 + extra };
    top += row.height;
    return row;
  });
}

export function rowChartHeight(lines: readonly number[], margins: Margins = ROW_MARGINS): number {
  return margins.top + lines.reduce((sum, n) => sum + ROW_HEIGHT + (Math.max(1, n) - 1) * LINE_HEIGHT, 0) + margins.bottom;
}

/** How many characters of label fit across a plot of this width. */
export function labelChars(width: number, margins: Margins = ROW_MARGINS): number {
  return Math.max(12, Math.floor((Math.max(width, MIN_WIDTH) - margins.left - 8) / CHAR_WIDTH));
}

/** A row label's lines at this plot width; bold labels run about an eighth wider. */
export function labelLines(text: string, width: number, strong = false): string[] {
  const chars = labelChars(width);
  return wrapText(text, strong ? Math.floor(chars * 0.88) : chars);
}

/** Greedy word wrap; a single word longer than the line stays whole on its own line. */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** About one tick per 80px, at least 2, so tick labels never collide. */
export function tickCount(innerWidth: number): number {
  return Math.max(2, Math.floor(innerWidth / 80));
}

/**
 * Horizontal value scale across the plot. `zero` starts at 0 (bars: length must be honest);
 * otherwise the domain is the data's extent (percentile ranges, whose position is what matters).
 */
export function valueScale(
  values: readonly number[],
  width: number,
  options: { zero: boolean; margins?: Margins }
): ScaleLinear<number, number> {
  const m = options.margins ?? ROW_MARGINS;
  const w = Math.max(width, MIN_WIDTH);
  const hi = max(values) ?? 1;
  const lo = options.zero ? 0 : (min(values) ?? 0);
  const scale = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).range([m.left, w - m.right]);
  return scale.nice(tickCount(w - m.left - m.right));
}

export interface Tick {
  value: number;
  x: number;
}

export function ticksOf(scale: ScaleLinear<number, number>): Tick[] {
  const [a, b] = scale.range() as [number, number];
  return scale.ticks(tickCount(b - a)).map((value) => ({ value, x: scale(value) }));
}

/** x positions of the five percentiles of one place (10, 25, 50, 75, 90). */
export interface RangeGeometry {
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
}

export function rangeGeometry(
  values: readonly [number, number, number, number, number],
  x: ScaleLinear<number, number>
): RangeGeometry {
  const [p10, p25, p50, p75, p90] = values.map((v) => x(v)) as [number, number, number, number, number];
  return { p10, p25, p50, p75, p90 };
}

/**
 * Year axis for "then and now": two labelled points at their real years, never joined by a line,
 * because nothing is known about the years between (Career Ladders gives 2002, BLS OOH 2019 gives 2018).
 */
export function yearScale(years: readonly number[], width: number, margins: Margins): ScaleLinear<number, number> {
  const lo = (min(years) ?? 2000) - 2;
  const hi = (max(years) ?? 2020) + 2;
  return scaleLinear().domain([lo, hi]).range([margins.left, Math.max(width, MIN_WIDTH) - margins.right]);
}

/** Vertical value scale from 0 (pay and job counts are compared by height from zero). */
export function heightScale(values: readonly number[], height: number, margins: Margins): ScaleLinear<number, number> {
  const hi = max(values) ?? 1;
  return scaleLinear().domain([0, hi]).range([height - margins.bottom, margins.top]).nice(4);
}
