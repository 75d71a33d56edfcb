/**
 * What every reader (text.ts, xlsx.ts, ods.ts) hands on: the file's sheets as rows of cell text,
 * plus notes on how it was read. A file that cannot be read at all throws UnreadableFile with a
 * sentence for the coordinator saying what was found and what was expected.
 */

export interface Sheet {
  /** Sheet name in a workbook; the file name for a text file. */
  name: string;
  /** Cell text, row by row; trailing empty cells of a row are dropped, empty rows kept. */
  rows: string[][];
}

export type FileFormat = 'text' | 'xlsx' | 'ods';

export interface Note {
  level: 'info' | 'warning' | 'error';
  text: string;
}

export interface ReadFile {
  format: FileFormat;
  /** How the text was decoded and split, for text files (e.g. "UTF-8, tab-separated"). */
  how: string;
  sheets: Sheet[];
  notes: Note[];
}

export class UnreadableFile extends Error {}

/** Drops trailing empty cells and trailing empty rows (spreadsheets pad both). */
export function trimSheetRows(rows: string[][]): string[][] {
  const out = rows.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    return end === row.length ? row : row.slice(0, end);
  });
  let last = out.length;
  while (last > 0 && out[last - 1]!.length === 0) last--;
  return out.slice(0, last);
}
