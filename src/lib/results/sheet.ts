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
  /**
   * The text to show while learners are anonymised, when `text` says something about one learner's
   * attempt (its day narrows down who it was). Without it the anonymised page shows `text` with its
   * times cut to the day (export.ts noteText).
   */
  anonymous?: string;
}

export interface ReadFile {
  format: FileFormat;
  /** How the text was decoded and split, for text files (e.g. "UTF-8, tab-separated"). */
  how: string;
  sheets: Sheet[];
  notes: Note[];
}

export class UnreadableFile extends Error {}

/**
 * Cells (and rows) a spreadsheet may unpack to. A Moodle report of 2,000 learners is about a million
 * cells; repeat counts (ODS number-rows/columns-repeated) and far cell references (XLSX `r="XFD9999999"`)
 * let a file of a few KB claim billions, which would stop the page.
 */
export const MAX_CELLS = 10_000_000;

export const tooManyCells = () =>
  new UnreadableFile(
    `The spreadsheet unpacks to more than ${MAX_CELLS / 1_000_000} million cells, far more than a Moodle report of one activity (about a million for 2,000 learners), so it was not opened. Check that it is the right file, or download the report in text format.`
  );

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
