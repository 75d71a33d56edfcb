/**
 * Chart data files against their sources (issue 6, item 9): every number a chart shows must be
 * found in the archived text of the source it cites (modules/sources/<id>.txt), written as that text
 * writes it ("$43,470", "43,470", "19.4%"), and every file's year must be the year its source gives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { archivedText } from '../content/source-archive';
import { barFigures, placeWageFigures, regionalFigures, thenAndNowFigures, type ShownFigure } from './figures';
import { chartDataSchemas, chartKinds, chartSourceIds, type ChartId } from './schemas';
import { escapeRegExp, seedHasFigure } from './seed-match';

const repo = resolve(import.meta.dirname, '../../..');

interface SourceEntry {
  id: string;
  year: string;
  archive?: string;
}
const sources = new Map((parse(readFileSync(join(repo, 'modules/sources.yaml'), 'utf8')) as SourceEntry[]).map((s) => [s.id, s]));

/** The archived text of a source; charts may only cite sources whose text the repo archives. */
function seedText(sourceId: string): string {
  return archivedText(repo, sources.get(sourceId) ?? { id: sourceId });
}

/** Number-like tokens in prose (titles, takeaways, notes, labels). */
const numberToken = /\$?\d+(?:,\d{3})*(?:\.\d+)?%?/g;

interface ChartFile {
  module: string;
  id: string;
  path: string;
  raw: unknown;
}

const chartFiles: ChartFile[] = readdirSync(join(repo, 'modules'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const dir = join(repo, 'modules', d.name, 'charts');
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
    } catch {
      return [];
    }
    return names.map((n) => ({
      module: d.name,
      id: n.replace(/\.yaml$/, ''),
      path: `modules/${d.name}/charts/${n}`,
      raw: parse(readFileSync(join(dir, n), 'utf8'))
    }));
  });

function figuresOf(id: ChartId, data: unknown): ShownFigure[] {
  switch (chartKinds[id]) {
    case 'wage-ranges':
    case 'earnings-explorer':
      return placeWageFigures(data as never);
    case 'bars':
      return barFigures(data as never);
    case 'regional-outlook':
      return regionalFigures(data as never);
    case 'then-and-now':
      return thenAndNowFigures(data as never);
  }
}

/** Dotted paths of every number in a file, except years of dated points (checked separately). */
function numericFields(node: unknown, path = ''): string[] {
  if (typeof node === 'number') return [path];
  if (Array.isArray(node)) return node.flatMap((item, i) => numericFields(item, `${path}[${i}]`));
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, val]) => (k === 'year' ? [] : numericFields(val, path ? `${path}.${k}` : k)));
  return [];
}

function textFields(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((item, i) => textFields(item, `${path}[${i}]`));
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, val]) => (k === 'source' || k === 'year' ? [] : textFields(val, path ? `${path}.${k}` : k)));
  return [];
}

describe('seedHasFigure matches whole figures only', () => {
  const seed = 'Median $19.40 | 15.0% | Offices of physicians 19\nHospitals 34%';
  it.each([
    ['$19.40', true],
    ['$19.4', false],
    ['15.0%', true],
    ['15%', false],
    ['5.0%', false],
    ['19%', true], // bare "19" in a table column
    ['34%', true],
    ['$34', true],
    ['4%', false]
  ])('%s -> %s', (shown, expected) => expect(seedHasFigure(seed, shown)).toBe(expected));
});

describe('module 9 has every chart the lessons place', () => {
  it('has a data file for each registered chart id', () => {
    const ids = chartFiles.filter((f) => f.module === '09-pay-and-outlook').map((f) => f.id).sort();
    expect(ids).toEqual(Object.keys(chartKinds).sort());
  });
});

describe.each(chartFiles.map((f) => [f.path, f] as const))('%s', (_path, file) => {
  const schema = chartDataSchemas[file.id];
  it('has a registered chart id and passes its schema', () => {
    expect(schema, `no schema for chart id ${file.id}`).toBeDefined();
    const result = v.safeParse(schema!, file.raw);
    expect(result.issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`) ?? []).toEqual([]);
  });

  const data = schema ? v.parse(schema, file.raw) : file.raw;
  const cited = [...new Set(chartSourceIds(data).map((s) => s.id))];

  it('cites sources that exist in modules/sources.yaml and have an archived text', () => {
    expect(cited.length).toBeGreaterThan(0);
    for (const id of cited) expect(sources.get(id)?.archive, `source ${id}`).toBeTruthy();
  });

  it('states a year its sources give', () => {
    const d = data as { year: string; measures?: { points: { year: number; source: string }[] }[] };
    if (d.measures) {
      for (const p of d.measures.flatMap((m) => m.points)) expect(sources.get(p.source)?.year).toContain(String(p.year));
    } else {
      for (const id of cited) expect(sources.get(id)?.year).toContain(d.year);
    }
  });

  it('shows every number of the file, each found in its cited source text as that text writes it', () => {
    const figures = figuresOf(file.id as ChartId, data);
    expect(figures.map((f) => f.field).sort()).toEqual(numericFields(file.raw).sort());
    const missing = figures.filter((f) => !seedHasFigure(seedText(f.source), f.text));
    expect(missing.map((f) => `${f.field} = ${f.text} (${f.source})`)).toEqual([]);
  });

  it('quotes in its text only numbers found in its cited source texts (or its own year)', () => {
    const d = data as { year: string };
    const years = d.year.match(/\d{4}(?:-\d{2})?/g) ?? [];
    const seeds = cited.map(seedText);
    const bad: string[] = [];
    for (const [field, value] of textFields(file.raw)) {
      for (const token of value.match(numberToken) ?? []) {
        if (years.some((y) => y === token || y.startsWith(token))) continue;
        if (!seeds.some((s) => seedHasFigure(s, token))) bad.push(`${field}: ${token}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('wage table rows match the Washington profile\'s wage table row by row', () => {
  const seed = seedText('wa-career-2018');
  const files = chartFiles.filter((f) => chartKinds[f.id as ChartId] === 'wage-ranges' || chartKinds[f.id as ChartId] === 'earnings-explorer');
  const rows = files.flatMap((f) =>
    (f.raw as { places: { name: string; hourly: number[]; monthly: number[]; yearly: number[] }[] }).places.map((p) => [f.id, p] as const)
  );
  it.each(rows)('%s: %o', (_id, place) => {
    // The Washington profile prints "Name | Hourly | $a | $b | ... |" then "Monthly | ..." then "Yearly | ...".
    const money = (values: number[], decimals: number) =>
      values.map((n) => `\\$${escapeRegExp(n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }))}`).join(' \\| ');
    const row = new RegExp(
      `${escapeRegExp(place.name)} \\| Hourly \\| ${money(place.hourly, 2)} \\|\\s*\\nMonthly \\| ${money(place.monthly, 0)} \\|[ |]*\\nYearly \\| ${money(place.yearly, 0)}`
    );
    expect(seed).toMatch(row);
  });
});
