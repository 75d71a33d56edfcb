import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { placeWagesSchema } from './schemas';
import { payAt, placeSummary, sortPlaces, tableRow, versusNationalMedian } from './wages';

const data = v.parse(
  placeWagesSchema,
  parse(readFileSync(resolve(import.meta.dirname, '../../../modules/09-pay-and-outlook/charts/wage-ranges.yaml'), 'utf8'))
);
const place = (name: string) => data.places.find((p) => p.name === name)!;

describe('sortPlaces', () => {
  it('by median puts Longview first and Walla Walla last in every period (Washington profile)', () => {
    for (const period of ['hourly', 'monthly', 'yearly'] as const) {
      const sorted = sortPlaces(data.places, 'median', period).map((p) => p.name);
      expect(sorted[0]).toBe('Longview');
      expect(sorted.at(-1)).toBe('Walla Walla');
    }
  });
  it('by name is alphabetical and leaves the data in the seed order', () => {
    const sorted = sortPlaces(data.places, 'name', 'hourly').map((p) => p.name);
    expect(sorted.slice(0, 3)).toEqual(['Bellingham', 'Bremerton-Silverdale', 'Clarkston-Lewiston']);
    expect(data.places[0]!.name).toBe('United States');
  });
});

describe('payAt reads one percentile in all three periods', () => {
  it.each([
    ['Olympia-Tumwater', 75, { hourly: 28.07, monthly: 4865, yearly: 58380 }],
    ['United States', 50, { hourly: 19.4, monthly: 3362, yearly: 40350 }],
    ['Washington', 10, { hourly: 15.2, monthly: 2634, yearly: 31610 }]
  ] as const)('%s, %ith percentile', (name, p, expected) => expect(payAt(place(name), p)).toEqual(expected));
});

describe('text of a place', () => {
  it('summary names every percentile with the seed formatting', () => {
    expect(placeSummary(place('Longview'), 'hourly')).toBe(
      'Longview, hourly pay: 10th percentile $16.77, 25th percentile $20.17, median $27.15, 75th percentile $32.68, 90th percentile $37.02.'
    );
  });
  it('table row marks the national and statewide rows', () => {
    expect(tableRow(place('United States'), 'yearly')).toEqual(['United States (national)', '$26,550', '$32,070', '$40,350', '$52,730', '$66,260']);
    expect(tableRow(place('Washington'), 'monthly')[0]).toBe('Washington (statewide)');
  });
  it.each([
    [20.91, 19.4, 'above'],
    [19.4, 19.4, 'equal to'],
    [17.45, 19.4, 'below']
  ] as const)('%f vs national %f is %s', (value, national, word) => expect(versusNationalMedian(value, national)).toBe(word));
});
