/** Text and ordering for the Washington regional outlook (Washington profile, "Employment and outlook"). */
import { formatValue } from './formats';
import { REGION_UNITS } from './figures';
import type { Region } from './schemas';

export type RegionMeasure = 'growth' | 'employment' | 'openings';

const f = (region: Region, key: keyof typeof REGION_UNITS) => formatValue(region[key], REGION_UNITS[key]);

export function regionLabel(region: Region): string {
  return region.kind === 'state' ? `${region.name} (statewide)` : region.kind === 'nation' ? `${region.name} (national)` : region.name;
}

export function regionSummary(region: Region): string {
  return (
    `${regionLabel(region)}: ${f(region, 'employment')} jobs; growth over 10 years ${f(region, 'growth')} ` +
    `for this occupation against ${f(region, 'growthAllOccupations')} for all occupations; ${f(region, 'openings')} openings a year.`
  );
}

export function regionTableRow(region: Region): string[] {
  return [regionLabel(region), f(region, 'employment'), f(region, 'growth'), f(region, 'growthAllOccupations'), f(region, 'openings')];
}

/**
 * Rows a measure draws. Growth rates are comparable everywhere, so all regions, the state and the
 * nation are drawn; job and opening counts of the state and nation would dwarf the areas, so only
 * the areas are drawn and the totals are written beside the chart (and are in the table).
 */
export function regionsFor(regions: readonly Region[], measure: RegionMeasure): Region[] {
  const drawn = measure === 'growth' ? [...regions] : regions.filter((r) => r.kind === 'area');
  return drawn.sort((a, b) => b[measure] - a[measure] || a.name.localeCompare(b.name, 'en'));
}
