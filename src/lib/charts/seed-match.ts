/** Finding a figure in a seed document as the seed writes it (used by the data tests). */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * True when `shown` occurs in the seed as a whole figure: not part of a longer number
 * ("19.4" must not match inside "19.40", "5" not inside "15.0%"). The seed may print "$41,890"
 * or "41,890", "34%" or "34" in a table column, so the bare number also counts.
 */
export function seedHasFigure(seed: string, shown: string): boolean {
  const bare = shown.replace(/^\$/, '').replace(/%$/, '');
  const pattern = (s: string) => new RegExp(`(?<![\\d.,])${escapeRegExp(s)}(?![\\d]|[.,]\\d)`);
  return pattern(shown).test(seed) || pattern(bare).test(seed);
}
