/**
 * Every figure a chart file puts in front of a student, formatted exactly as the chart and its
 * table show it, with the field it came from and the source it cites. data.test.ts checks each one
 * against the cited seed text, so what is shown is what the source says.
 */
import { formatValue, PAY_PERIODS, PERCENTILES, PERIOD_UNIT } from './formats';
import type { BarsData, PlaceWagesData, RegionalOutlookData, ThenAndNowData } from './schemas';

export interface ShownFigure {
  /** Dotted path in the chart file, e.g. `places[2].hourly[2]`. */
  field: string;
  value: number;
  /** As displayed: "$20.91", "215,500", "19.4%". */
  text: string;
  source: string;
}

export function placeWageFigures(data: PlaceWagesData): ShownFigure[] {
  return data.places.flatMap((place, i) =>
    PAY_PERIODS.flatMap((period) =>
      place[period].map((value, j) => ({
        field: `places[${i}].${period}[${j}]`,
        value,
        text: formatValue(value, PERIOD_UNIT[period]),
        source: data.source
      }))
    )
  );
}

export function barFigures(data: BarsData): ShownFigure[] {
  const figures = data.bars.map((bar, i) => ({
    field: `bars[${i}].value`,
    value: bar.value,
    text: formatValue(bar.value, data.unit),
    source: data.source
  }));
  if (data.reference)
    figures.push({
      field: 'reference.value',
      value: data.reference.value,
      text: formatValue(data.reference.value, data.unit),
      source: data.source
    });
  return figures;
}

/** Seed 000 prints employment and openings as grouped counts and growth with one decimal. */
export const REGION_UNITS = {
  employment: 'count',
  growth: 'percent-tenths',
  growthAllOccupations: 'percent-tenths',
  openings: 'count'
} as const;

export function regionalFigures(data: RegionalOutlookData): ShownFigure[] {
  return data.regions.flatMap((region, i) =>
    (Object.keys(REGION_UNITS) as (keyof typeof REGION_UNITS)[]).map((key) => ({
      field: `regions[${i}].${key}`,
      value: region[key],
      text: formatValue(region[key], REGION_UNITS[key]),
      source: data.source
    }))
  );
}

export function thenAndNowFigures(data: ThenAndNowData): ShownFigure[] {
  return data.measures.flatMap((measure, i) =>
    measure.points.map((point, j) => ({
      field: `measures[${i}].points[${j}].value`,
      value: point.value,
      text: formatValue(point.value, measure.unit),
      source: point.source
    }))
  );
}

export { PERCENTILES };
