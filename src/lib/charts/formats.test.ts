import { describe, expect, it } from 'vitest';
import { formatTick, formatValue, type Unit } from './formats';

describe('formatValue writes figures the way the seeds print them', () => {
  const cases: [number, Unit, string][] = [
    [20.91, 'usd-hour', '$20.91'],
    [19.4, 'usd-hour', '$19.40'], // YAML 19.40 parses to 19.4; the seed prints "$19.40"
    [2634, 'usd-month', '$2,634'],
    [43500, 'usd-year', '$43,500'],
    [99730, 'usd-year', '$99,730'],
    [215500, 'count', '215,500'],
    [523, 'count', '523'],
    [19.4, 'percent', '19.4%'],
    [11, 'percent', '11%'],
    [5.2, 'percent', '5.2%'],
    [15.0, 'percent-tenths', '15.0%'], // the Washington profile prints "15.0%"
    [8.6, 'percent-tenths', '8.6%']
  ];
  it.each(cases)('%s as %s -> %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });
});

describe('formatTick keeps axis labels short', () => {
  const cases: [number, Unit, string][] = [
    [0, 'usd-year', '$0'],
    [40000, 'usd-year', '$40K'],
    [35, 'usd-hour', '$35'],
    [6000, 'usd-month', '$6,000'],
    [200000, 'count', '200K'],
    [500, 'count', '500'],
    [25, 'percent', '25%']
  ];
  it.each(cases)('%s as %s -> %s', (value, unit, expected) => {
    expect(formatTick(value, unit)).toBe(expected);
  });
});
