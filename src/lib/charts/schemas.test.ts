/**
 * A malformed chart file must fail the build with the field and what was expected (team rule:
 * bad input gets a clear answer). Each row breaks one thing in a valid file and names the message.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { issueToError } from '../content/schema';
import { chartDataSchemas, chartSourceIds, checkChartSources } from './schemas';

const chartsDir = resolve(import.meta.dirname, '../../../modules/09-pay-and-outlook/charts');
const load = (id: string) => parse(readFileSync(resolve(chartsDir, `${id}.yaml`), 'utf8')) as Record<string, any>;

function problems(id: string, mutate: (d: Record<string, any>) => void) {
  const data = structuredClone(load(id));
  mutate(data);
  const schema = chartDataSchemas[id]!;
  const result = v.safeParse(schema, data);
  // Formatted by the loader's own issueToError, so this is the message the build prints.
  return result.success ? [] : result.issues.map((issue) => issueToError(schema, issue, `charts/${id}.yaml`));
}

describe('chart schemas name the field and the expectation', () => {
  const cases: [string, string, (d: Record<string, any>) => void, string, RegExp][] = [
    ['wage-ranges', 'percentiles out of order', (d) => (d.places[2].hourly = [20, 19, 21, 22, 23]), 'places.2.hourly', /do not decrease/],
    ['wage-ranges', 'four percentiles', (d) => (d.places[0].yearly = [1, 2, 3, 4]), 'places.0.yearly', /five numbers/],
    ['wage-ranges', 'a place kind typo', (d) => (d.places[1].kind = 'county'), 'places.1.kind', /nation, state or area/],
    ['wage-ranges', 'no national row', (d) => (d.places = d.places.filter((p: { kind: string }) => p.kind !== 'nation')), '(file)', /exactly one place of kind nation/],
    ['wage-ranges', 'default place not in the data', (d) => (d.defaultPlace = 'Tacoma'), '(file)', /defaultPlace: expected the name of one of the places/],
    ['earnings-explorer', 'missing title', (d) => delete d.title, 'title', /got nothing/],
    ['pay-by-industry', 'unknown unit', (d) => (d.unit = 'euros'), 'unit', /unit: expected one of usd-hour/],
    ['pay-by-industry', 'a value as text', (d) => (d.bars[0].value = '43,470'), 'bars.0.value', /expected a number/],
    ['pay-by-industry', 'a misspelt key', (d) => (d.bars[1].vaule = 1), 'bars.1.vaule', /unknown property "vaule"/],
    ['similar-occupations', 'a source id with spaces', (d) => (d.source = 'BLS OOH'), 'source', /source id/],
    ['wa-regional-outlook', 'negative growth count', (d) => (d.regions[0].openings = -1), 'regions.0.openings', /at least 0/],
    ['then-and-now', 'three points', (d) => d.measures[0].points.push({ year: 2024, value: 1, source: 'bls-ooh-2019' }), 'measures.0.points', /exactly two points/],
    ['then-and-now', 'later year first', (d) => d.measures[1].points.reverse(), 'measures.1.points', /earlier year first/]
  ];
  it.each(cases)('%s: %s -> %s', (id, _what, mutate, field, message) => {
    const found = problems(id, mutate);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((p) => p.field === field && message.test(p.expected)), found.map((p) => p.message).join("; ")).toBe(true);
  });

  it('accepts every chart file of module 9 unchanged', () => {
    for (const id of Object.keys(chartDataSchemas)) expect(problems(id, () => {}), id).toEqual([]);
  });
});

describe('chart source ids for the loader', () => {
  it('lists every cited source with its field, including per-point sources', () => {
    const data = v.parse(chartDataSchemas['then-and-now']!, load('then-and-now'));
    expect(chartSourceIds(data)).toEqual([
      { id: 'oswego-ladders-2002', field: 'measures[0].points[0].source' },
      { id: 'bls-ooh-2019', field: 'measures[0].points[1].source' },
      { id: 'oswego-ladders-2002', field: 'measures[1].points[0].source' },
      { id: 'bls-ooh-2019', field: 'measures[1].points[1].source' }
    ]);
  });
  it('checkChartSources passes each id to requireSource, which throws for an unknown one', () => {
    const known = new Set(['wa-career-2018']);
    const requireSource = (id: string, field: string) => {
      if (!known.has(id)) throw new Error(`${field}: unknown source ${id}`);
    };
    const data = v.parse(chartDataSchemas['wage-ranges']!, load('wage-ranges'));
    expect(() => checkChartSources(data, requireSource)).not.toThrow();
    expect(() => checkChartSources({ ...(data as object), source: 'no-such-source' }, requireSource)).toThrow('source: unknown source no-such-source');
  });
});
