/**
 * Number formats for every figure a chart shows. Each unit is written exactly as the seed documents
 * write it (modules/sources/: hourly "$20.91", monthly "$2,634", yearly "$43,500", counts "215,500",
 * rates "19.4%" or "11%"), so data.test.ts can find the shown text in the cited seed.
 */
import { format } from 'd3-format';

/** How a value is measured; decides its format and its axis wording. */
/**
 * `percent` prints as many decimals as the value has ("11%", "19.4%"); `percent-tenths` always
 * prints one, as the Washington profile's growth table does ("15.0%").
 */
export type Unit = 'usd-hour' | 'usd-month' | 'usd-year' | 'count' | 'percent' | 'percent-tenths';

export const UNITS = ['usd-hour', 'usd-month', 'usd-year', 'count', 'percent', 'percent-tenths'] as const satisfies readonly Unit[];

const cents = format('$,.2f');
const wholeDollars = format('$,.0f');
const grouped = format(',.0f');
// `~` drops trailing zeros: 11 -> "11", 19.4 -> "19.4" (the sources print both precisions).
const rate = format(',.1~f');
const tenths = format(',.1f');

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'usd-hour':
      return cents(value);
    case 'usd-month':
    case 'usd-year':
      return wholeDollars(value);
    case 'count':
      return grouped(value);
    case 'percent':
      return `${rate(value)}%`;
    case 'percent-tenths':
      return `${tenths(value)}%`;
  }
}

/** Short axis tick text: "$40K" reads better than "$40,000" under a narrow chart. */
export function formatTick(value: number, unit: Unit): string {
  switch (unit) {
    case 'usd-hour':
      return format('$,.0f')(value);
    case 'usd-month':
      return format('$,.0f')(value);
    case 'usd-year':
      return value === 0 ? '$0' : `$${format(',.0f')(value / 1000)}K`;
    case 'count':
      return value >= 10_000 ? `${format(',.0f')(value / 1000)}K` : grouped(value);
    case 'percent':
    case 'percent-tenths':
      return `${rate(value)}%`;
  }
}

/** Words for the unit, used in axis titles, table headers and accessible descriptions. */
export const UNIT_WORDS: Record<Unit, string> = {
  'usd-hour': 'dollars per hour',
  'usd-month': 'dollars per month',
  'usd-year': 'dollars per year',
  count: 'number of jobs',
  percent: 'percent',
  'percent-tenths': 'percent'
};

/** Pay periods of the Washington wage table (the Washington profile prints hourly, monthly and yearly rows). */
export type PayPeriod = 'hourly' | 'monthly' | 'yearly';

export const PAY_PERIODS: readonly PayPeriod[] = ['hourly', 'monthly', 'yearly'];

export const PERIOD_UNIT: Record<PayPeriod, Unit> = {
  hourly: 'usd-hour',
  monthly: 'usd-month',
  yearly: 'usd-year'
};

/** Percentiles in the order the Washington profile prints them (10%, 25%, Median, 75%, 90%). */
export const PERCENTILES = [10, 25, 50, 75, 90] as const;
export type Percentile = (typeof PERCENTILES)[number];

export function percentileName(p: Percentile): string {
  return p === 50 ? 'median' : `${p}th percentile`;
}
