/**
 * Just enough XML for imsmanifest.xml: a builder that escapes every text and attribute value (a
 * course title like "Coding & DRGs <intro>" must not break the manifest), and a small
 * non-validating parser so verify.ts can check references without a native XML library.
 * Schema validity is xmllint's job (schema-check.ts); this parser only needs well-formedness.
 */

export interface XmlElement {
  /** Qualified name as written, e.g. `adlcp:masteryscore`. */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

/** Escapes text content and attribute values (quotes too, so one function serves both). */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `el('item', { identifier: 'x' }, child, 'text')`; undefined attributes are left out. */
export function el(
  name: string,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (XmlNode | XmlNode[] | undefined | false)[]
): XmlElement {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) clean[key] = String(value);
  const flat: XmlNode[] = [];
  for (const child of children) {
    if (child === undefined || child === false) continue;
    if (Array.isArray(child)) flat.push(...child);
    else flat.push(child);
  }
  return { name, attrs: clean, children: flat };
}

/** Serialises with two-space indentation; elements holding only text stay on one line. */
export function serialize(root: XmlElement): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + write(root, '') + '\n';
}

function write(node: XmlElement, indent: string): string {
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.children.length === 0) return `${indent}<${node.name}${attrs}/>`;
  if (node.children.every((c) => typeof c === 'string')) {
    return `${indent}<${node.name}${attrs}>${node.children.map((c) => escapeXml(c as string)).join('')}</${node.name}>`;
  }
  const inner = node.children
    .map((c) => (typeof c === 'string' ? indent + '  ' + escapeXml(c) : write(c, indent + '  ')))
    .join('\n');
  return `${indent}<${node.name}${attrs}>\n${inner}\n${indent}</${node.name}>`;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (at character ${offset})`);
    this.name = 'XmlSyntaxError';
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, offset: number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    if (value === undefined) throw new XmlSyntaxError(`unknown entity &${ref};`, offset);
    return value;
  });
}

/**
 * Parses a document into its root element. Handles the XML declaration, comments, CDATA,
 * DOCTYPE (skipped), attributes in either quote style and entity references; whitespace-only
 * text between elements is dropped. Throws XmlSyntaxError on anything not well-formed.
 */
export function parseXml(source: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const nameRe = /[A-Za-z_][\w.:-]*/y;
  const attrRe = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt === -1 ? source.length : lt;
    const text = source.slice(pos, textEnd);
    if (text.trim()) {
      const parent = stack.at(-1);
      if (!parent) throw new XmlSyntaxError('text outside the root element', pos);
      parent.children.push(decode(text, pos));
    }
    if (lt === -1) break;
    pos = lt;
    if (source.startsWith('<?', pos)) {
      const end = source.indexOf('?>', pos);
      if (end === -1) throw new XmlSyntaxError('unclosed processing instruction', pos);
      pos = end + 2;
    } else if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos);
      if (end === -1) throw new XmlSyntaxError('unclosed comment', pos);
      pos = end + 3;
    } else if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos);
      if (end === -1) throw new XmlSyntaxError('unclosed CDATA section', pos);
      const parent = stack.at(-1);
      if (!parent) throw new XmlSyntaxError('CDATA outside the root element', pos);
      parent.children.push(source.slice(pos + 9, end));
      pos = end + 3;
    } else if (source.startsWith('<!', pos)) {
      const end = source.indexOf('>', pos);
      if (end === -1) throw new XmlSyntaxError('unclosed declaration', pos);
      pos = end + 1;
    } else if (source.startsWith('</', pos)) {
      nameRe.lastIndex = pos + 2;
      const m = nameRe.exec(source);
      const open = stack.pop();
      if (!m || !open || open.name !== m[0]) {
        throw new XmlSyntaxError(`closing tag </${m?.[0] ?? '?'}> does not match <${open?.name ?? 'nothing'}>`, pos);
      }
      const end = source.indexOf('>', pos);
      if (end === -1 || source.slice(pos + 2 + m[0].length, end).trim()) throw new XmlSyntaxError('malformed closing tag', pos);
      pos = end + 1;
    } else {
      nameRe.lastIndex = pos + 1;
      const m = nameRe.exec(source);
      if (!m) throw new XmlSyntaxError('malformed tag', pos);
      const element: XmlElement = { name: m[0], attrs: {}, children: [] };
      pos = nameRe.lastIndex;
      for (;;) {
        attrRe.lastIndex = pos;
        const a = attrRe.exec(source);
        if (!a) break;
        const key = a[1] as string;
        if (key in element.attrs) throw new XmlSyntaxError(`attribute ${key} repeated`, pos);
        element.attrs[key] = decode(a[3] ?? a[4] ?? '', pos);
        pos = attrRe.lastIndex;
      }
      const rest = /\s*(\/?)>/y;
      rest.lastIndex = pos;
      const close = rest.exec(source);
      if (!close) throw new XmlSyntaxError(`malformed tag <${element.name}>`, pos);
      pos = rest.lastIndex;
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else if (root) throw new XmlSyntaxError('more than one root element', lt);
      else root = element;
      if (!close[1]) stack.push(element);
    }
  }
  if (stack.length) throw new XmlSyntaxError(`<${stack.at(-1)?.name}> is never closed`, source.length);
  if (!root) throw new XmlSyntaxError('no root element', 0);
  return root;
}

/** Local name without prefix: `adlcp:masteryscore` -> `masteryscore`. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

/** Every descendant element (depth first, document order) whose local name matches. */
export function findAll(root: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (localName(c.name) === local) out.push(c);
      visit(c);
    }
  };
  visit(root);
  return out;
}

/** Child elements (not descendants) with a local name. */
export function childrenNamed(parent: XmlElement, local: string): XmlElement[] {
  return parent.children.filter((c): c is XmlElement => typeof c !== 'string' && localName(c.name) === local);
}

/** Concatenated text of an element's direct text children, trimmed. */
export function textOf(e: XmlElement | undefined): string {
  return e ? e.children.filter((c): c is string => typeof c === 'string').join('').trim() : '';
}

/** Attribute by local name (prefixes differ between 1.2 and 2004: `adlcp:scormtype` vs `adlcp:scormType`). */
export function attrLocal(e: XmlElement, local: string): string | undefined {
  for (const [k, v] of Object.entries(e.attrs)) if (localName(k) === local) return v;
  return undefined;
}
