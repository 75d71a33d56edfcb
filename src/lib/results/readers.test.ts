/**
 * The spreadsheet readers' corners that Moodle's own files do not show but re-saved copies do:
 * XML entities and CDATA, `>` inside attribute values, rich-text shared strings, inline strings and
 * cells without references (xlsx), repeated cells, spaces and line breaks (ods), and Moodle's dates.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readExportBytes } from './read-file';
import { parseMoodleDate } from './reports';
import { decodeXmlEntities, scanXml, XmlError } from './xml';
import { columnIndex } from './xlsx';

describe('xml scanner', () => {
  it('decodes entities and character references, keeps CDATA as is, skips comments and declarations', () => {
    const texts: string[] = [];
    const opened: [string, Record<string, string>][] = [];
    scanXml('<?xml version="1.0"?><!DOCTYPE x><!-- a > b --><a b="1 &gt; 0" c=\'x\'>R&amp;D &#233;&#x2014;<![CDATA[<raw> & ]]></a>', {
      open: (name, attrs) => opened.push([name, attrs]),
      text: (t) => texts.push(t)
    });
    expect(opened).toEqual([['a', { b: '1 > 0', c: 'x' }]]);
    expect(texts.join('')).toBe('R&D é—<raw> & ');
    expect(decodeXmlEntities('&unknown; &lt;')).toBe('&unknown; <');
  });
  it('throws XmlError on a document cut inside a tag', () => {
    expect(() => scanXml('<a><b c="', {})).toThrow(XmlError);
  });
});

describe('xlsx as Excel and LibreOffice write it', () => {
  it('reads rich-text shared strings, inline strings, booleans, numbers and cells without references', () => {
    const book = zipSync({
      'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="Report" sheetId="1" r:id="rId7"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId7" Target="/xl/worksheets/data.xml"/></Relationships>'),
      'xl/sharedStrings.xml': strToU8('<sst><si><r><t>Na</t></r><r><t xml:space="preserve">me</t></r><rPh><t>ネーム</t></rPh></si><si><t>Line_x000D_</t></si></sst>'),
      'xl/worksheets/data.xml': strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="3"><c t="inlineStr"><is><t>x</t></is></c><c t="b"><v>1</v></c><c><v>30.0</v></c></row></sheetData></worksheet>')
    });
    const read = readExportBytes(book, 'book.xlsx');
    expect(read.sheets).toEqual([{ name: 'Report', rows: [['Name', '', 'Line\r'], [], ['x', 'TRUE', '30']] }]);
    expect(columnIndex('AB12')).toBe(27);
  });
});

describe('ods as LibreOffice writes it', () => {
  it('expands repeated cells, text:s spaces, tabs and line breaks, and takes numbers from office:value', () => {
    const content = `<office:document-content><office:body><office:spreadsheet><table:table table:name="Report"><table:table-row>
      <table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b<text:tab/>c</text:p><text:p>second line</text:p></table:table-cell>
      <table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>r</text:p></table:table-cell>
      <table:table-cell office:value-type="float" office:value="30"><text:p>30.00</text:p></table:table-cell>
      <table:covered-table-cell/><table:table-cell table:number-columns-repeated="1020"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
    const read = readExportBytes(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8(content) }), 'x.ods');
    expect(read.sheets[0]!.rows).toEqual([['a  b\tc\nsecond line', 'r', 'r', '30']]);
  });
});

describe("Moodle's dates", () => {
  it('reads the text download and spreadsheet forms, 12-hour and 24-hour, and nothing else', () => {
    const a = parseMoodleDate('Wednesday, 2 December 2026, 1:31 PM')!;
    expect(parseMoodleDate('2 December 2026, 1:31 PM')).toBe(a);
    expect(parseMoodleDate('2 December 2026, 13:31')).toBe(a);
    expect(parseMoodleDate('Wednesday, 2 December 2026, 12:05 AM')! - a).toBe(-(13 * 60 + 26));
    expect(parseMoodleDate('2026-12-02 13:31')).toBeNull();
    expect(parseMoodleDate('-')).toBeNull();
  });
});
