/**
 * A minimal XML scanner for the two spreadsheet formats this page reads (xlsx.ts, ods.ts): it walks
 * start tags, end tags and text, decodes the five predefined entities and character references
 * (XML 1.0, sections 4.1 and 4.6), and skips comments, processing instructions and DOCTYPE.
 *
 * Why not a library (measured): SheetJS, the one library that reads both formats, is 437 KB
 * minified with ODS (`xlsx.core.min.js`) and 251 KB without it (`xlsx.mini.min.js`, 79 KB gzipped),
 * and its npm release has been frozen at 0.18.5 since 2022. This scanner, the xlsx and ods readers and
 * the text reader together are 17 KB minified, fflate's unzip (already a dependency) 5.5 KB of that.
 * Spreadsheet XML written by Moodle, Excel and LibreOffice needs none of what an XML library adds
 * (DTDs, namespace resolution, validation). No DOM: runs in Node tests and the page.
 */

export interface XmlHandlers {
  /** `name` is the qualified name as written (`table:table-cell`); `attrs` holds raw-decoded values. */
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** Thrown when the markup is cut off or malformed, so the caller can say the file is damaged. */
export class XmlError extends Error {}

export function scanXml(xml: string, handlers: XmlHandlers): void {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      if (handlers.text && i < n) handlers.text(decodeXmlEntities(xml.slice(i)));
      return;
    }
    if (lt > i && handlers.text) handlers.text(decodeXmlEntities(xml.slice(i, lt)));
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) throw new XmlError('a comment is not closed');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) throw new XmlError('a CDATA section is not closed');
      handlers.text?.(xml.slice(lt + 9, end));
      i = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) throw new XmlError('a processing instruction is not closed');
      i = end + 2;
    } else if (xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt + 2);
      if (end === -1) throw new XmlError('a declaration is not closed');
      i = end + 1;
    } else {
      const end = tagEnd(xml, lt + 1);
      if (end === -1) throw new XmlError('the document ends inside a tag');
      const body = xml.slice(lt + 1, end);
      if (body[0] === '/') {
        handlers.close?.(body.slice(1).trim());
      } else {
        const selfClosing = body.endsWith('/');
        const inner = selfClosing ? body.slice(0, -1) : body;
        const space = inner.search(/\s/);
        const name = space === -1 ? inner : inner.slice(0, space);
        const attrs: Record<string, string> = {};
        if (space !== -1) {
          for (const m of inner.slice(space).matchAll(ATTR)) attrs[m[1]!] = decodeXmlEntities(m[3] ?? m[4] ?? '');
        }
        handlers.open?.(name, attrs, selfClosing);
        if (selfClosing) handlers.close?.(name);
      }
      i = end + 1;
    }
  }
}

/** Index of the `>` closing a tag that starts at `from`, skipping `>` inside quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let j = from; j < xml.length; j++) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return -1;
}

/** The local part of a qualified name: `table:table-cell` -> `table-cell`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
