/**
 * Text of compiled HTML, for places that cannot hold markup: a select's options, the SCORM 2004
 * interaction description, live-region announcements. Kept apart from items.ts so views do not
 * pull the build-time schema (valibot) into the browser.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

export function plainTextOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole)
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:!?])/g, '$1')
    .trim();
}
