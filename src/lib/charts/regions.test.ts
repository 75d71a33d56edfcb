import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { regionsFor, regionSummary, regionTableRow } from './regions';
import { regionalOutlookSchema } from './schemas';

const data = v.parse(
  regionalOutlookSchema,
  parse(readFileSync(resolve(import.meta.dirname, '../../../modules/09-pay-and-outlook/charts/wa-regional-outlook.yaml'), 'utf8'))
);

describe('regionsFor orders each measure highest first', () => {
  it.each([
    ['growth', 'Grays Harbor, Lewis, Mason, Pacific, and Thurston Counties', 'United States', 14],
    ['employment', 'King County', 'Asotin, Columbia, Ferry, Garfield, Lincoln, Pend Oreille, Stevens, Walla Walla, and Whitman Counties', 12],
    ['openings', 'King County', 'Asotin, Columbia, Ferry, Garfield, Lincoln, Pend Oreille, Stevens, Walla Walla, and Whitman Counties', 12]
  ] as const)('%s: first %s, last %s, %i rows', (measure, first, last, count) => {
    const rows = regionsFor(data.regions, measure);
    expect(rows[0]!.name).toBe(first);
    expect(rows.at(-1)!.name).toBe(last);
    expect(rows).toHaveLength(count);
  });
});

describe('region text uses the seed formatting', () => {
  const king = data.regions.find((r) => r.name === 'King County')!;
  const benton = data.regions.find((r) => r.name === 'Benton and Franklin Counties')!;
  it('summary', () =>
    expect(regionSummary(king)).toBe(
      'King County: 1,958 jobs; growth over 10 years 21.6% for this occupation against 19.6% for all occupations; 213 openings a year.'
    ));
  it('table row keeps "15.0%" as the Washington profile prints it', () =>
    expect(regionTableRow(benton)).toEqual(['Benton and Franklin Counties', '180', '27.2%', '15.0%', '21']));
});
