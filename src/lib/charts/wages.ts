/**
 * Pure helpers for the percentile wage table (Washington profile): ordering places, reading one percentile
 * in every pay period, and the text each place's data point and table row show.
 */
import { formatValue, PAY_PERIODS, PERCENTILES, PERIOD_UNIT, percentileName, type PayPeriod, type Percentile } from './formats';
import type { PlaceWages } from './schemas';

export type PlaceOrder = 'median' | 'name';

/** Highest median first (ties by name), or A to Z. A new array; the data keeps the seed's order. */
export function sortPlaces(places: readonly PlaceWages[], by: PlaceOrder, period: PayPeriod): PlaceWages[] {
  const byName = (a: PlaceWages, b: PlaceWages) => a.name.localeCompare(b.name, 'en');
  return [...places].sort(by === 'name' ? byName : (a, b) => b[period][2] - a[period][2] || byName(a, b));
}

export function percentileIndex(p: Percentile): number {
  return PERCENTILES.indexOf(p);
}

/** One percentile of one place in each pay period, as the Washington profile prints them (never converted here). */
export function payAt(place: PlaceWages, p: Percentile): Record<PayPeriod, number> {
  const i = percentileIndex(p);
  return { hourly: place.hourly[i]!, monthly: place.monthly[i]!, yearly: place.yearly[i]! };
}

const KIND_NOTE = { nation: ' (national)', state: ' (statewide)', area: '' } as const;

export function placeLabel(place: PlaceWages): string {
  return place.name + KIND_NOTE[place.kind];
}

/** "Longview, hourly: 10th percentile $16.77, 25th percentile $20.17, median $27.15, ..." */
export function placeSummary(place: PlaceWages, period: PayPeriod): string {
  const parts = PERCENTILES.map((p, i) => `${percentileName(p)} ${formatValue(place[period][i]!, PERIOD_UNIT[period])}`);
  return `${placeLabel(place)}, ${period} pay: ${parts.join(', ')}.`;
}

export function tableRow(place: PlaceWages, period: PayPeriod): string[] {
  return [placeLabel(place), ...place[period].map((v) => formatValue(v, PERIOD_UNIT[period]))];
}

/** Is a place's pay at a percentile above, equal to or below the national median (same period)? */
export function versusNationalMedian(value: number, nationalMedian: number): 'above' | 'equal to' | 'below' {
  return value > nationalMedian ? 'above' : value < nationalMedian ? 'below' : 'equal to';
}

export { PAY_PERIODS };
