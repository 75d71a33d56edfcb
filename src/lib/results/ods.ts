/**
 * Reads the cell text of every table of an OpenDocument spreadsheet (.ods, OpenDocument 1.2 Part 1:
 * table:table 9.1.2, table:table-row 9.1.3, table:table-cell 9.1.4 with number-columns-repeated
 * 19.675, text:s 6.1.3, text:tab 6.1.4, text:line-break 6.1.5), as Moodle's "Download in ODS format"
 * writes it and as LibreOffice saves it again (which repeats empty cells and rows with counts).
 * Numbers come from `office:value`, so a re-saved `30.00` still reads `30`.
 *
 * See xml.ts for why there is no library here.
 */
import { localName, scanXml } from './xml';
import { numberText } from './xlsx';
import { MAX_CELLS, tooManyCells, trimSheetRows, UnreadableFile, type Sheet } from './sheet';

/** Repeats larger than this are LibreOffice's padding to the sheet's edge: never real data. */
const MAX_REPEAT = 1000;

export function readOds(files: Record<string, Uint8Array>): Sheet[] {
  const content = files['content.xml'];
  if (!content) throw new UnreadableFile('This zip file is not an OpenDocument spreadsheet: it has no content.xml.');
  const xml = new TextDecoder('utf-8').decode(content);
  const sheets: Sheet[] = [];
  let sheet: Sheet | null = null;
  let row: string[] | null = null;
  let rowRepeat = 1;
  let cell: { repeat: number; value: string | null; paragraphs: string[][]; inP: number } | null = null;
  /** Cells and rows made so far, against MAX_CELLS: each repeat is capped, but they multiply. */
  let made = 0;

  scanXml(xml, {
    open(name, attrs, selfClosing) {
      const local = localName(name);
      if (local === 'table' && name.startsWith('table:')) {
        sheet = { name: attrs['table:name'] ?? `Sheet ${sheets.length + 1}`, rows: [] };
      } else if (local === 'table-row' && sheet) {
        row = [];
        rowRepeat = Math.min(Number(attrs['table:number-rows-repeated'] ?? 1) || 1, MAX_REPEAT);
      } else if ((local === 'table-cell' || local === 'covered-table-cell') && row) {
        const type = attrs['office:value-type'];
        const value =
          type === 'float' || type === 'percentage' || type === 'currency'
            ? numberText(attrs['office:value'] ?? '')
            : type === 'boolean'
              ? (attrs['office:boolean-value'] ?? '').toUpperCase()
              : type === 'date'
                ? (attrs['office:date-value'] ?? null)
                : null;
        cell = { repeat: Math.min(Number(attrs['table:number-columns-repeated'] ?? 1) || 1, MAX_REPEAT), value, paragraphs: [], inP: 0 };
        if (selfClosing) return; // close() follows at once
      } else if (cell && (local === 'p' || local === 'h') && name.startsWith('text:')) {
        cell.inP++;
        if (cell.inP === 1) cell.paragraphs.push([]);
      } else if (cell?.inP && name === 'text:s') {
        cell.paragraphs.at(-1)!.push(' '.repeat(Math.min(Number(attrs['text:c'] ?? 1) || 1, MAX_REPEAT)));
      } else if (cell?.inP && name === 'text:tab') {
        cell.paragraphs.at(-1)!.push('\t');
      } else if (cell?.inP && name === 'text:line-break') {
        cell.paragraphs.at(-1)!.push('\n');
      }
    },
    close(name) {
      const local = localName(name);
      if ((local === 'table-cell' || local === 'covered-table-cell') && cell && row) {
        const text = cell.value ?? cell.paragraphs.map((p) => p.join('')).join('\n');
        made += cell.repeat;
        if (made > MAX_CELLS) throw tooManyCells();
        for (let i = 0; i < cell.repeat; i++) row.push(text);
        cell = null;
      } else if (cell && (local === 'p' || local === 'h') && name.startsWith('text:')) {
        cell.inP--;
      } else if (local === 'table-row' && row && sheet) {
        // LibreOffice pads a sheet with repeated empty rows; keep those cheap.
        const empty = row.every((c) => c === '');
        made += empty ? rowRepeat : row.length * (rowRepeat - 1) + 1;
        if (made > MAX_CELLS) throw tooManyCells();
        for (let i = 0; i < rowRepeat; i++) sheet.rows.push(empty ? [] : i === 0 ? row : [...row]);
        row = null;
      } else if (local === 'table' && name.startsWith('table:') && sheet) {
        sheets.push({ name: sheet.name, rows: trimSheetRows(sheet.rows) });
        sheet = null;
      }
    },
    text(text) {
      if (cell?.inP) cell.paragraphs.at(-1)!.push(text);
    }
  });
  return sheets;
}
