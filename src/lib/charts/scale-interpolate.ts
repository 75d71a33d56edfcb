/**
 * What d3-scale gets for `d3-interpolate` in the app build (vite.config.ts, issue 15). d3-scale
 * still computes every scale (domain, ticks, nice, invert); it only asks d3-interpolate for the step
 * between two range values. The real package's generic `interpolate` also reads colors, dates,
 * strings and objects, and its module keeps all of d3-color whatever one imports from it (its
 * color interpolators are built when the module loads): about 16 KB of a lesson's chart code.
 * Here are d3-interpolate 3's number interpolators, written as D3 writes them (the same formula,
 * so the same floating-point positions), and a generic `interpolate` for numbers only, the only
 * ranges this course's scales have (layout.ts): for two numbers D3's generic one is
 * `interpolateNumber`. A range that is not numbers is refused, not silently drawn at NaN.
 */
/** d3-interpolate 3 `interpolateNumber`. */
export function interpolateNumber(a: unknown, b: unknown): (t: number) => number {
  const x = Number(a);
  const y = Number(b);
  return (t) => x * (1 - t) + y * t;
}

/** d3-interpolate 3 `interpolateRound`. */
export function interpolateRound(a: unknown, b: unknown): (t: number) => number {
  const x = Number(a);
  const y = Number(b);
  return (t) => Math.round(x * (1 - t) + y * t);
}

export function interpolate(a: unknown, b: unknown): (t: number) => number {
  if (typeof b !== 'number' || typeof a !== 'number') {
    throw new TypeError(`chart scales here take number ranges only (got ${typeof a} to ${typeof b}); see src/lib/charts/scale-interpolate.ts`);
  }
  return interpolateNumber(a, b);
}

/**
 * D3's `piecewise` (d3-interpolate 3), whose default interpolator is the generic one: here the
 * numbers-only one above. d3-scale uses it for diverging scales only, which this course has none of.
 */
export function piecewise(
  interpolator: ((a: unknown, b: unknown) => (t: number) => number) | unknown[],
  values?: unknown[]
): (t: number) => number {
  if (values === undefined) [values, interpolator] = [interpolator as unknown[], interpolate];
  const between = interpolator as (a: unknown, b: unknown) => (t: number) => number;
  const n = values.length - 1;
  const parts = Array.from({ length: Math.max(n, 0) }, (_, i) => between(values[i], values[i + 1]));
  return (t: number) => {
    const i = Math.max(0, Math.min(n - 1, Math.floor((t *= n))));
    return parts[i]!(t - i);
  };
}
