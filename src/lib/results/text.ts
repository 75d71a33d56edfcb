/**
 * Reads a delimited text export: Moodle's "Download in text format" (tab-separated UTF-8, saved as
 * `...-tab_separated.txt`), the gradebook's plain-text export (comma-separated by default; tab, colon or
 * semicolon when chosen, pipes from other tools), or either one saved
 * again by a spreadsheet program (comma or semicolon, UTF-16 "Unicode text", Windows-1252, a BOM).
 * Splitting is d3-dsv's (RFC 4180 quoting); this file decides the encoding and the delimiter and
 * notices a file cut short.
 */
import { dsvFormat } from 'd3-dsv';
import { trimSheetRows, UnreadableFile, type Note, type ReadFile } from './sheet';

interface Decoded {
  text: string;
  encoding: string;
  notes: Note[];
}

/** Byte-order marks (Unicode 15, section 23.8) decide the encoding; otherwise strict UTF-8, then Windows-1252. */
export function decodeText(bytes: Uint8Array): Decoded {
  const notes: Note[] = [];
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'UTF-8 with a byte-order mark', notes };
  }
  if (b[0] === 0xff && b[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'UTF-16 (little-endian, as Excel saves "Unicode text")', notes };
  }
  if (b[0] === 0xfe && b[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'UTF-16 (big-endian)', notes };
  }
  // UTF-16 without a mark (some "Unicode text" savers): ASCII text then has a zero byte in every
  // other place, odd places for little-endian, even for big-endian.
  const sample = b.subarray(0, Math.min(b.length, 2000) & ~1);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? zeroOdd++ : zeroEven++;
  const half = sample.length / 2;
  if (half >= 4 && zeroOdd > 0.6 * half && zeroEven < 0.05 * half) {
    return { text: new TextDecoder('utf-16le').decode(b), encoding: 'UTF-16 (little-endian, without a byte-order mark)', notes };
  }
  if (half >= 4 && zeroEven > 0.6 * half && zeroOdd < 0.05 * half) {
    return { text: new TextDecoder('utf-16be').decode(b), encoding: 'UTF-16 (big-endian, without a byte-order mark)', notes };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'UTF-8', notes };
  } catch {
    notes.push({
      level: 'warning',
      text: 'The file is not UTF-8 (Moodle writes UTF-8): it was read as Windows-1252, the usual encoding of a spreadsheet program on Windows. Check that names with accents look right.'
    });
    return { text: new TextDecoder('windows-1252').decode(b), encoding: 'Windows-1252', notes };
  }
}

const DELIMITERS = [
  { char: '\t', name: 'tab-separated' },
  { char: ',', name: 'comma-separated' },
  { char: ';', name: 'semicolon-separated' },
  // Moodle's gradebook plain-text export offers colon as a separator (Grades > Export > Plain text file >
  // Separator), and some tools write pipes; a cell holding the separator is quoted (fputcsv), so
  // "SCORM package: ..." does not count. Ties go to the earlier entry.
  { char: ':', name: 'colon-separated' },
  { char: '|', name: 'pipe-separated' }
] as const;

/** Counts each candidate delimiter outside quotes in the first line; the most frequent wins. */
export function detectDelimiter(text: string): (typeof DELIMITERS)[number] | null {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: (typeof DELIMITERS)[number] | null = null;
  for (const d of DELIMITERS) if ((counts.get(d.char) ?? 0) > (best ? counts.get(best.char)! : 0)) best = d;
  return best;
}

/** True when a double quote opened in the text is never closed: the file was cut inside a cell. */
function endsInsideQuotes(text: string, delimiter: string): boolean {
  // Quotes come in pairs in a whole file (a field's opening and closing one, `""` inside): only an
  // odd count needs the exact scan below, which a stray quote inside an unquoted cell can also cause.
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  if (count % 2 === 0) return false;
  let quoted = false;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
    } else if (c === '"' && atCellStart) quoted = true;
    atCellStart = !quoted && (c === delimiter || c === '\n' || c === '\r');
  }
  return quoted;
}

export function readDelimitedText(bytes: Uint8Array, fileName: string): ReadFile {
  const { text, encoding, notes } = decodeText(bytes);
  if (text.trim() === '') throw new UnreadableFile('The file is empty: it holds no rows at all. Download the report again from Moodle.');
  if (text.includes('\u0000')) {
    throw new UnreadableFile('This is not a text export: it holds binary data. Expected a Moodle report downloaded in text format (.txt or .csv), ODS or Excel.');
  }
  const delimiter = detectDelimiter(text);
  if (!delimiter) {
    throw new UnreadableFile('The first line has no tabs, commas, semicolons, colons or pipes, so it is not a table. Expected a Moodle report whose first line holds column names such as Name, Email address, Attempt, Started on, Last accessed on, Score.');
  }
  const rows = dsvFormat(delimiter.char).parseRows(text);
  if (endsInsideQuotes(text, delimiter.char)) {
    notes.push({ level: 'error', text: 'The file ends inside a quoted cell: it was cut short while downloading or copying. Its last row was left out; download the report again.' });
    rows.pop();
  } else if (!/[\r\n]$/.test(text) && rows.length > 1 && rows.at(-1)!.length < Math.min(...rows.slice(0, -1).map((r) => r.length))) {
    // Moodle ends every line with a newline; a last line without one that is also shorter than every
    // other row was cut off. (The objectives report's rows are legitimately shorter than its header.)
    notes.push({ level: 'error', text: `The file's last line stops after ${rows.at(-1)!.length} of ${rows[0]!.length} columns without a line end: the file was cut short. That row was left out; download the report again.` });
    rows.pop();
  }
  if (delimiter.char !== '\t' && /\.txt$/i.test(fileName)) {
    notes.push({ level: 'info', text: `Read as ${delimiter.name}: Moodle's own text download is tab-separated, so this file was probably saved again by a spreadsheet program. That is fine.` });
  }
  return { format: 'text', how: `${encoding}, ${delimiter.name}`, sheets: [{ name: fileName, rows: trimSheetRows(rows) }], notes };
}
