/** How the results page writes its figures: whole percents, two-decimal correlations, a dash for none. */
export const NONE = '–';
export const percentText = (share: number | null | undefined) => (share === null || share === undefined ? NONE : `${Math.round(share * 100)}%`);
export const scoreText = (score: number | null | undefined) => (score === null || score === undefined ? NONE : `${Math.round(score * 10) / 10}%`);
/** Two decimals, "0.00" for a value that rounds to zero (never "-0.00"). */
export const correlationText = (r: number | null) => (r === null ? NONE : r.toFixed(2).replace(/^-(0\.00)$/, '$1'));
export function minutesText(minutes: number | null): string {
  if (minutes === null) return NONE;
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.round(minutes / 1440)} days`;
}
