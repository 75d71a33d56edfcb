/**
 * Module icons: `modules/NN-slug/icon.svg`, a small drawing shown on the module's card on the
 * home page (decorative: the card's title says what it is). Checked at build time so that an icon
 * stays a drawing: only basic shapes and presentation attributes, no script, event handler, link,
 * style, text, image or external reference; a viewBox; at most ICON_MAX_BYTES.
 *
 * What reaches the home page is small: the viewBox and the shapes. The card draws every icon in the
 * house style (ICON_STYLE: outlines in the text colour), so the <svg> attributes that repeat it are
 * dropped, as are xmlns, width and height; any other <svg> attribute is kept on a <g> around the
 * shapes. Comments and whitespace between tags go too.
 */
import { ContentError, ContentErrors } from './errors';

export const ICON_MAX_BYTES = 1000;

const ELEMENTS = new Set(['svg', 'g', 'path', 'circle', 'ellipse', 'rect', 'line', 'polyline', 'polygon']);
const ATTRIBUTES = new Set([
  'xmlns', 'viewBox', 'd', 'cx', 'cy', 'r', 'rx', 'ry', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'points', 'transform',
  'fill', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray', 'fill-rule', 'clip-rule',
  'opacity', 'fill-opacity', 'stroke-opacity', 'width', 'height'
]);
/** Presentation attributes the home page's <svg> sets on every icon (src/routes/+page.svelte). */
export const ICON_STYLE: Record<string, string> = {
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': '1.75',
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round'
};
/** The <svg>'s own size and namespace: the card sizes the icon, and inline SVG needs no xmlns. */
const DROPPED_ON_SVG = new Set(['width', 'height', 'xmlns']);

export interface ModuleIcon {
  viewBox: string;
  /** The shapes, as SVG markup to place inside the card's <svg>. */
  body: string;
}

/** Returns the icon ready to inline, or throws ContentErrors naming each problem. */
export function checkIcon(source: string, file: string): ModuleIcon {
  const errors: ContentError[] = [];
  const fail = (field: string, expected: string) => errors.push(new ContentError(file, field, expected));
  const text = source.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '').trim();
  if (Buffer.byteLength(text) > ICON_MAX_BYTES) fail('(file)', `expected an icon of at most ${ICON_MAX_BYTES} bytes, got ${Buffer.byteLength(text)}`);
  if (!text.startsWith('<svg')) fail('(file)', 'expected an <svg> element');

  const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  let out = '';
  let last = 0;
  let viewBox = '';
  let rootAttributes = '';
  for (const m of text.matchAll(TAG)) {
    const between = text.slice(last, m.index);
    if (between.trim()) fail('(file)', `expected only shapes, no text, got "${between.trim().slice(0, 30)}"`);
    last = m.index + m[0].length;
    const [, closing = '', name = '', attrs = '', selfClosing = ''] = m;
    if (!ELEMENTS.has(name)) {
      fail(`<${name}>`, `expected one of ${[...ELEMENTS].map((e) => `<${e}>`).join(', ')}`);
      continue;
    }
    if (closing) {
      if (name !== 'svg') out += `</${name}>`;
      continue;
    }
    let kept = '';
    for (const a of attrs.matchAll(/([^\s=>/]+)\s*=\s*("[^"]*"|'[^']*')/g)) {
      const [, attr = '', quoted = ''] = a;
      const value = quoted.slice(1, -1);
      if (name === 'svg' && (DROPPED_ON_SVG.has(attr) || ICON_STYLE[attr] === value)) continue;
      if (!ATTRIBUTES.has(attr)) {
        fail(`<${name}> ${attr}`, 'expected only shape and presentation attributes (no event handler, link, id, class or style)');
        continue;
      }
      if (/url\(|javascript:|[<>&]/i.test(value)) fail(`<${name}> ${attr}`, `expected a plain value, got "${value.slice(0, 30)}"`);
      if (name === 'svg' && attr === 'viewBox') viewBox = value;
      else kept += ` ${attr}="${value}"`;
    }
    if (name === 'svg') rootAttributes = kept;
    else out += `<${name}${kept}${selfClosing ? '/' : ''}>`;
  }
  if (text.slice(last).trim()) fail('(file)', 'expected the file to end with </svg>');
  if (!viewBox) fail('<svg> viewBox', 'expected a viewBox such as "0 0 24 24", so the icon scales');
  if (errors.length) throw new ContentErrors(errors);
  return { viewBox, body: rootAttributes ? `<g${rootAttributes}>${out}</g>` : out };
}
