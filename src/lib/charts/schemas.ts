/**
 * Valibot schemas for chart data files (`modules/<module>/charts/<id>.yaml`), keyed by chart id.
 * The build-time loader parses each file, looks up `chartDataSchemas[id]` (an unknown id is a build
 * error) and validates it; the parsed value reaches `ChartBlock` as `ModuleContent.charts[id]`.
 * Runs in Node at build time: no Svelte or DOM imports here.
 *
 * Every file names the source id(s) of its figures (modules/sources.yaml) and their year, because
 * every number shown to a student carries its source and year (README, "Authoring content").
 */
import * as v from 'valibot';
import { UNITS } from './formats';

const text = (what: string) => v.pipe(v.string(`${what}: expected text`), v.trim(), v.nonEmpty(`${what}: expected non-empty text`));
const sourceId = v.pipe(
  v.string('expected a source id from modules/sources.yaml'),
  v.regex(/^[a-z0-9-]+$/, 'expected a source id (a-z, 0-9, -) from modules/sources.yaml')
);
const amount = v.pipe(v.number('expected a number'), v.finite('expected a finite number'), v.minValue(0, 'expected a number of at least 0'));

/** Fields every chart file carries: what the figure says, and where and when its numbers come from. */
const header = {
  /** Figure title, e.g. "Technician pay across Washington, May 2018". */
  title: text('title'),
  /** The one plain sentence a reader should take away; shown under the title and read as the description. */
  takeaway: text('takeaway'),
  /** Year(s) the figures describe, e.g. "May 2018"; must appear in the cited source's `year`. */
  year: text('year'),
  /** Extra caveats shown under the chart (e.g. "not adjusted for inflation"). */
  notes: v.optional(v.array(text('notes[]')), [])
};

// --- Percentile wage table (Washington profile): wage-ranges and earnings-explorer -------------------------

/** 10th, 25th, median, 75th, 90th percentile, as the Washington profile prints them; must not decrease. */
const fivePercentiles = v.pipe(
  v.array(amount, 'expected a list of five numbers: 10th, 25th, median, 75th, 90th percentile'),
  v.length(5, 'expected five numbers: 10th, 25th, median, 75th, 90th percentile'),
  v.check((p) => p.every((value, i) => i === 0 || value >= (p[i - 1] as number)), 'expected percentiles that do not decrease from 10th to 90th'),
  v.transform((p) => p as [number, number, number, number, number])
);

const place = v.strictObject({
  name: text('name'),
  /** nation = United States, state = Washington, area = a Washington metropolitan area. */
  kind: v.picklist(['nation', 'state', 'area'], 'expected nation, state or area'),
  hourly: fivePercentiles,
  monthly: fivePercentiles,
  yearly: fivePercentiles
});

export const placeWagesSchema = v.pipe(
  v.strictObject({
    ...header,
    source: sourceId,
    places: v.pipe(v.array(place), v.minLength(2, 'expected at least two places')),
    /** Place highlighted before the reader chooses one. */
    defaultPlace: text('defaultPlace')
  }),
  v.check((d) => d.places.filter((p) => p.kind === 'nation').length === 1, 'places: expected exactly one place of kind nation (the national comparison)'),
  v.check((d) => d.places.some((p) => p.name === d.defaultPlace), 'defaultPlace: expected the name of one of the places'),
  v.check((d) => new Set(d.places.map((p) => p.name)).size === d.places.length, 'places: names must be unique')
);
export type PlaceWagesData = v.InferOutput<typeof placeWagesSchema>;
export type PlaceWages = PlaceWagesData['places'][number];

// --- Horizontal bars (BLS OOH, 2019): industries, group comparisons, similar jobs ------------------

const bar = v.strictObject({
  label: text('label'),
  value: amount,
  /** A second fact shown with the bar and in its own table column, e.g. the entry-level education. */
  note: v.optional(text('note')),
  /** The technician occupation itself, drawn darker and labelled, when bars compare it with others. */
  focus: v.optional(v.boolean(), false)
});

export const barsSchema = v.strictObject({
  ...header,
  source: sourceId,
  unit: v.picklist(UNITS, `unit: expected one of ${UNITS.join(', ')}`),
  /** Column header and axis title for the values, e.g. "Median annual wage". */
  valueLabel: text('valueLabel'),
  /** Column header for the bar labels, e.g. "Industry". */
  categoryLabel: text('categoryLabel'),
  /** Column header for `note`, required when any bar has one. */
  noteLabel: v.optional(text('noteLabel')),
  bars: v.pipe(v.array(bar), v.minLength(2, 'expected at least two bars')),
  /** A value drawn as a labelled vertical line across the bars, e.g. the occupation's median. */
  reference: v.optional(v.strictObject({ label: text('reference.label'), value: amount }))
});
export type BarsData = v.InferOutput<typeof barsSchema>;

// --- Washington regional outlook (Washington profile) -------------------------------------------------------

const region = v.strictObject({
  name: text('name'),
  kind: v.picklist(['nation', 'state', 'area'], 'expected nation, state or area'),
  employment: amount,
  /** Growth over 10 years of this occupation, percent. */
  growth: amount,
  /** Growth over 10 years of all occupations in the same region, percent. */
  growthAllOccupations: amount,
  openings: amount
});

export const regionalOutlookSchema = v.strictObject({
  ...header,
  source: sourceId,
  regions: v.pipe(v.array(region), v.minLength(2, 'expected at least two regions'))
});
export type RegionalOutlookData = v.InferOutput<typeof regionalOutlookSchema>;
export type Region = RegionalOutlookData['regions'][number];

// --- Then and now (Career Ladders 2002 and BLS OOH 2019) --------------------------------------------------------------

const datedPoint = v.strictObject({
  year: v.pipe(v.number(), v.integer('expected a whole year'), v.minValue(1900), v.maxValue(2100)),
  value: amount,
  /** Each point names its own source: the two years come from different documents. */
  source: sourceId
});

export const thenAndNowSchema = v.strictObject({
  ...header,
  measures: v.pipe(
    v.array(
      v.strictObject({
        name: text('name'),
        unit: v.picklist(UNITS, `unit: expected one of ${UNITS.join(', ')}`),
        points: v.pipe(
          v.array(datedPoint),
          v.length(2, 'expected exactly two points (then and now)'),
          v.check((p) => (p[0]?.year ?? 0) < (p[1]?.year ?? 0), 'points: expected the earlier year first')
        )
      })
    ),
    v.minLength(1, 'expected at least one measure')
  )
});
export type ThenAndNowData = v.InferOutput<typeof thenAndNowSchema>;

// --- Registry ---------------------------------------------------------------------------------------

/** Which chart component draws each id (see ChartBlock.svelte). */
export const chartKinds = {
  'wage-ranges': 'wage-ranges',
  'earnings-explorer': 'earnings-explorer',
  'pay-by-industry': 'bars',
  'group-pay': 'bars',
  'group-growth': 'bars',
  'similar-occupations': 'bars',
  'wa-regional-outlook': 'regional-outlook',
  'then-and-now': 'then-and-now'
} as const;
export type ChartId = keyof typeof chartKinds;

const schemaOfKind = {
  'wage-ranges': placeWagesSchema,
  'earnings-explorer': placeWagesSchema,
  bars: barsSchema,
  'regional-outlook': regionalOutlookSchema,
  'then-and-now': thenAndNowSchema
} as const;

export const chartDataSchemas: Record<string, v.GenericSchema> = Object.fromEntries(
  Object.entries(chartKinds).map(([id, kind]) => [id, schemaOfKind[kind]])
);

/** Every source id a parsed chart file cites, with the field it was found in (for ContentError). */
export function chartSourceIds(data: unknown): { id: string; field: string }[] {
  const found: { id: string; field: string }[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const field = path ? `${path}.${key}` : key;
        if (key === 'source' && typeof value === 'string') found.push({ id: value, field });
        else walk(value, field);
      }
    }
  };
  walk(data, '');
  return found;
}

/**
 * For the loader: throws (through `requireSource`, which raises ContentError) when a chart cites a
 * source id missing from modules/sources.yaml. Call after validating with chartDataSchemas[id].
 */
export function checkChartSources(data: unknown, requireSource: (id: string, field: string) => void): void {
  for (const { id, field } of chartSourceIds(data)) requireSource(id, field);
}
