/** A column of a SortableTable: its header, its sort key and its cell text. */
export interface Column<Row> {
  id: string;
  label: string;
  /** Sort key; null sorts last whichever the direction. */
  value: (row: Row) => string | number | null;
  /** Cell text; defaults to the value. */
  text?: (row: Row) => string;
  numeric?: boolean;
  /** Keep the cell on one line (dates). */
  nowrap?: boolean;
  /** Give the column room for prose (a question's text). */
  wide?: boolean;
  /** One long token (an id, an e-mail address): on paper it may break anywhere to fit the page. */
  token?: boolean;
}
