/**
 * Turns the bytes of a dropped file into sheets of cell text, whatever Moodle download (or re-saved
 * copy) it is: a zip is opened as .xlsx or .ods by what it holds, not by its name; anything else is
 * read as delimited text. Files that are plainly something else (a PDF, an image, an old .xls, a SCORM
 * package, a web page) get a sentence saying what they are and what to download instead.
 */
import { unzipSync } from 'fflate';
import { readOds } from './ods';
import { readDelimitedText } from './text';
import { readXlsx } from './xlsx';
import { XmlError } from './xml';
import { UnreadableFile, type ReadFile } from './sheet';

const INSTEAD = 'Expected one of Moodle\'s SCORM report downloads (text format .txt/.csv, ODS or Excel .xlsx) or a gradebook export.';

const startsWith = (bytes: Uint8Array, ...magic: number[]) => magic.every((m, i) => bytes[i] === m);

/** Unpacked size of the sheets the page will inflate: a few KB of zip can claim gigabytes. */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** Parts of a zip the readers use; everything else is listed but never inflated. */
const WANTED = /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/worksheets\/[^/]+\.xml|content\.xml|mimetype)$/;

export function readSpreadsheetZip(bytes: Uint8Array): ReadFile {
  const names: string[] = [];
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        if (!WANTED.test(f.name)) return false;
        unpacked += f.originalSize;
        return unpacked <= MAX_UNPACKED_BYTES;
      }
    });
  } catch {
    throw new UnreadableFile('The file is a damaged or incomplete zip (an .xlsx or .ods file cut short while downloading?). Download it from Moodle again.');
  }
  if (unpacked > MAX_UNPACKED_BYTES) {
    throw new UnreadableFile(`The spreadsheet unpacks to more than ${MAX_UNPACKED_BYTES / (1024 * 1024)} MB of sheets, far more than a Moodle report of one activity, so it was not opened. Check that it is the right file, or download the report in text format.`);
  }
  const has = (name: string) => names.includes(name);
  try {
    if (has('xl/workbook.xml')) return { format: 'xlsx', how: 'Excel workbook (.xlsx)', sheets: readXlsx(files), notes: [] };
    if (has('content.xml') && new TextDecoder().decode(files.mimetype ?? new Uint8Array()).includes('opendocument.spreadsheet')) {
      return { format: 'ods', how: 'OpenDocument spreadsheet (.ods)', sheets: readOds(files), notes: [] };
    }
  } catch (e) {
    if (e instanceof XmlError) throw new UnreadableFile(`The spreadsheet is damaged (${e.message}). Download it from Moodle again.`);
    throw e;
  }
  if (has('imsmanifest.xml')) throw new UnreadableFile(`This is a SCORM package (it holds imsmanifest.xml), the zip a teacher uploads, not a report. ${INSTEAD}`);
  if (has('word/document.xml') || has('ppt/presentation.xml')) throw new UnreadableFile(`This is a Word or PowerPoint file, not a spreadsheet. ${INSTEAD}`);
  if (has('content.xml')) throw new UnreadableFile(`This is an OpenDocument file but not a spreadsheet. ${INSTEAD}`);
  throw new UnreadableFile(`This is a zip file that is neither an Excel workbook nor an OpenDocument spreadsheet. ${INSTEAD}`);
}

export function readExportBytes(bytes: Uint8Array, fileName: string): ReadFile {
  if (bytes.length === 0) throw new UnreadableFile('The file is empty (0 bytes). Download the report again from Moodle.');
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)) return readSpreadsheetZip(bytes);
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) {
    throw new UnreadableFile('This is an old Excel 97-2003 (.xls) file, which this page cannot read. Open it in a spreadsheet program and save it as .xlsx, .ods or CSV, or download the report from Moodle again in text format.');
  }
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) throw new UnreadableFile(`This is a PDF document, not a report download. ${INSTEAD}`);
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || startsWith(bytes, 0xff, 0xd8, 0xff) || startsWith(bytes, 0x47, 0x49, 0x46)) {
    throw new UnreadableFile(`This is an image (a screenshot?), not a report download. ${INSTEAD}`);
  }
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
  if (/^<(!doctype html|html)/i.test(head)) {
    throw new UnreadableFile('This is a web page saved from the browser, not a download. On the report page use the Download menu ("Download in text format") instead.');
  }
  if (head.startsWith('<')) throw new UnreadableFile(`This is an XML file, not a report download. ${INSTEAD}`);
  if (head.startsWith('{') || head.startsWith('[')) throw new UnreadableFile(`This is a JSON file, not a report download. ${INSTEAD}`);
  return readDelimitedText(bytes, fileName);
}
