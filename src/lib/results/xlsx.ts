/**
 * Reads the cell text of every worksheet of an Office Open XML workbook (.xlsx, ECMA-376 Part 1,
 * section 18: workbook 18.2, shared strings 18.4, sheet data 18.3.1), as Moodle's "Download in Excel
 * format" writes it and as Excel or LibreOffice save it again. Only values are read: no styles,
 * formulas (their cached value is used), dates stay numbers (Moodle writes its dates as text).
 *
 * The zip is opened with fflate (already a dependency); see xml.ts for why there is no library here.
 */
import { localName, scanXml } from './xml';
import { MAX_CELLS, tooManyCells, trimSheetRows, UnreadableFile, type Sheet } from './sheet';

const decoder = new TextDecoder('utf-8');

/** OOXML escapes characters XML cannot hold as `_xHHHH_` (ECMA-376 Part 1, 22.9.2.19 ST_Xstring). */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** `AB12` -> 27 (0-based column index), or -1 when the reference has no column letters. */
export function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) col = col * 26 + (code - 64);
    else if (code >= 97 && code <= 122) col = col * 26 + (code - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** A number cell as a person reads it: `30.0` -> `30`, `42.5` -> `42.5`. */
export function numberText(raw: string): string {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) ? String(n) : raw;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = 0;
  scanXml(xml, {
    open(name) {
      const local = localName(name);
      if (local === 'si') current = [];
      else if (local === 'rPh') inPhonetic++;
      else if (local === 't' && current && !inPhonetic) inText = true;
    },
    close(name) {
      const local = localName(name);
      if (local === 'si' && current) {
        out.push(unescapeOoxml(current.join('')));
        current = null;
      } else if (local === 'rPh') inPhonetic--;
      else if (local === 't') inText = false;
    },
    text(text) {
      if (inText && current) current.push(text);
    }
  });
  return out;
}

function sheetRows(xml: string, strings: string[]): string[][] {
  const rows: string[][] = [];
  let row: string[] | null = null;
  let nextRow = 0;
  let col = 0;
  let cell: { col: number; type: string; value: string[]; inline: string[]; inValue: boolean; inInline: boolean } | null = null;
  /** Cells and rows made so far (padding included), against MAX_CELLS. */
  let made = 0;
  scanXml(xml, {
    open(name, attrs) {
      const local = localName(name);
      if (local === 'row') {
        const r = Number(attrs.r);
        const index = Number.isInteger(r) && r > 0 ? r - 1 : nextRow;
        made += Math.max(index - rows.length, 0) + 1;
        if (made > MAX_CELLS) throw tooManyCells();
        while (rows.length < index) rows.push([]);
        row = [];
        rows[index] = row;
        nextRow = index + 1;
        col = 0;
      } else if (local === 'c' && row) {
        const fromRef = attrs.r ? columnIndex(attrs.r) : -1;
        cell = { col: fromRef >= 0 ? fromRef : col, type: attrs.t ?? 'n', value: [], inline: [], inValue: false, inInline: false };
      } else if (cell && local === 'v') cell.inValue = true;
      else if (cell && local === 't') cell.inInline = true;
    },
    close(name) {
      const local = localName(name);
      if (local === 'c' && cell && row) {
        const raw = cell.value.join('');
        let text: string;
        switch (cell.type) {
          case 's':
            text = strings[Number(raw)] ?? '';
            break;
          case 'inlineStr':
            text = unescapeOoxml(cell.inline.join(''));
            break;
          case 'b':
            text = raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
            break;
          case 'str':
          case 'e':
            text = unescapeOoxml(raw);
            break;
          default:
            text = numberText(raw);
        }
        made += Math.max(cell.col + 1 - row.length, 1);
        if (made > MAX_CELLS) throw tooManyCells();
        while (row.length < cell.col) row.push('');
        row[cell.col] = text;
        col = cell.col + 1;
        cell = null;
      } else if (local === 'v' && cell) cell.inValue = false;
      else if (local === 't' && cell) cell.inInline = false;
      else if (local === 'row') row = null;
    },
    text(text) {
      if (!cell) return;
      if (cell.inValue) cell.value.push(text);
      else if (cell.inInline) cell.inline.push(text);
    }
  });
  return rows;
}

/** Resolves `target` of a workbook relationship against `xl/` (OPC Part 2, 9.3: relative to the source part). */
function partPath(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p && p !== '.') parts.push(p);
  }
  return parts.join('/');
}

export function readXlsx(files: Record<string, Uint8Array>): Sheet[] {
  const text = (path: string) => (files[path] ? decoder.decode(files[path]) : undefined);
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new UnreadableFile('This zip file is not an Excel workbook: it has no xl/workbook.xml.');
  const rels = new Map<string, string>();
  scanXml(text('xl/_rels/workbook.xml.rels') ?? '', {
    open(name, attrs) {
      if (localName(name) === 'Relationship' && attrs.Id && attrs.Target) rels.set(attrs.Id, partPath(attrs.Target));
    }
  });
  const declared: { name: string; path: string }[] = [];
  scanXml(workbook, {
    open(name, attrs) {
      if (localName(name) !== 'sheet') return;
      const id = attrs['r:id'] ?? Object.entries(attrs).find(([k]) => localName(k) === 'id' && k !== 'sheetId')?.[1];
      const path = id ? rels.get(id) : undefined;
      if (path) declared.push({ name: attrs.name ?? path, path });
    }
  });
  const strings = sharedStrings(text('xl/sharedStrings.xml'));
  const sheets: Sheet[] = [];
  for (const { name, path } of declared) {
    const xml = text(path);
    // A chart sheet or a missing part has no cells to read.
    if (xml === undefined || !/<(\w+:)?sheetData[\s>/]/.test(xml)) continue;
    sheets.push({ name, rows: trimSheetRows(sheetRows(xml, strings)) });
  }
  return sheets;
}
