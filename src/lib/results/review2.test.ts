/**
 * Issue 14, second adversarial review: R1 (per-module activities: one activity's score never stands
 * for another's), R2 (first start and last access found by time across attempts and activities) and
 * R3 (a spreadsheet's cells are counted as it is unpacked, so a few KB cannot claim billions).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/loader';
import { analyse, ATTEMPT_RULE } from './analysis';
import { analysisCsv } from './export';
import { itemBankFromCourse } from './bank';
import { loadExports } from './load';

const root = resolve(import.meta.dirname, '../../..');
const bank = itemBankFromCourse(loadCourse({ root }), 'test');
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A Moodle 4.5 basic report (text download) of one activity, the SCO column named `sco`. */
const basic = (sco: string, rows: [name: string, email: string, attempt: number, started: string, last: string, score: number][]) =>
  [
    ['Name', 'Email address', 'Attempt', 'Started on', 'Last accessed on', 'Score', sco].join('\t'),
    ...rows.map(([name, email, attempt, started, last, score]) => [name, email, attempt, started, last, score, score ? `${score}/100` : 'Incomplete'].join('\t'))
  ].join('\n') + '\n';

const m1 = basic('Module 1: Foundations (HIT course)', [
  ['Ana B', 'ana@example.com', 1, 'Wednesday, 2 December 2026, 1:31 PM', 'Wednesday, 2 December 2026, 1:40 PM', 95],
  ['Bo C', 'bo@example.com', 1, 'Wednesday, 2 December 2026, 1:31 PM', 'Wednesday, 2 December 2026, 1:40 PM', 95],
  ['Bo C', 'bo@example.com', 2, 'Wednesday, 2 December 2026, 2:31 PM', 'Wednesday, 2 December 2026, 2:40 PM', 95],
  ['Cy D', 'cy@example.com', 1, 'Wednesday, 2 December 2026, 1:31 PM', 'Wednesday, 2 December 2026, 1:40 PM', 90]
]);
const m2 = basic('Module 2: Records (HIT course)', [
  ['Ana B', 'ana@example.com', 1, 'Thursday, 3 December 2026, 1:31 PM', 'Thursday, 3 December 2026, 1:40 PM', 20],
  ['Bo C', 'bo@example.com', 1, 'Friday, 4 December 2026, 1:31 PM', 'Friday, 4 December 2026, 9:40 PM', 85]
]);
const run = () => {
  const data = loadExports([{ name: 'module-1.txt', bytes: utf8(m1) }, { name: 'module-2.txt', bytes: utf8(m2) }], bank);
  const analysis = analyse(data, bank, { aliasSalt: 'fixed', passMark: 80 });
  const who = (name: string) => analysis.learners.find((l) => l.name === name)!;
  return { analysis, who };
};

describe('R1: per-module activities dropped together, each activity counts on its own', () => {
  it('a learner who passed module 1 and failed module 2 does not meet the pass mark', () => {
    const { analysis, who } = run();
    expect(who('Ana B')).toMatchObject({ score: 20, passed: false, status: 'Graded' });
    expect(who('Bo C')).toMatchObject({ score: 85, passed: true });
    expect(analysis.funnel.at(-1)).toMatchObject({ label: 'Reached the 80% pass mark', count: 1 });
    const csv = analysisCsv(analysis, bank, { anonymise: false });
    expect(csv).toMatch(/Ana B,ana@example\.com,Graded,20,no,/);
  });

  it('a learner who never opened one of the activities has no score and has not met the pass mark', () => {
    const { who } = run();
    expect(who('Cy D')).toMatchObject({ score: null, passed: null, status: 'Graded in 1 of 2 activities', scoreNote: 'no score in "Module 2: Records (HIT course)"' });
  });

  it('the page states the rule', () => {
    expect(ATTEMPT_RULE).toMatch(/one activity per module.*lowest.*every activity/);
  });

  it('one activity keeps the best-scoring attempt', () => {
    const data = loadExports([{ name: 'module-1.txt', bytes: utf8(m1) }], bank);
    const l = analyse(data, bank, { aliasSalt: 'fixed' }).learners.find((x) => x.name === 'Ana B')!;
    expect(l).toMatchObject({ score: 95, status: 'Graded' });
  });
});

describe('R2: started, last accessed and span by time, across attempts and activities', () => {
  it("Bo's last access is module 2's on Friday, not module 1's attempt 2", () => {
    const { who } = run();
    const bo = who('Bo C');
    expect(bo.started).toBe('Wednesday, 2 December 2026, 1:31 PM');
    expect(bo.last).toBe('Friday, 4 December 2026, 9:40 PM');
    expect(bo.spanMinutes).toBe(2 * 24 * 60 + 8 * 60 + 9);
  });
});

describe('R3: a small spreadsheet that claims billions of cells is refused, not unpacked', () => {
  const tooMany = /more than 10 million cells, far more than a Moodle report/;
  it('an .ods whose repeated rows repeat a repeated cell (4 KB, a billion cells)', () => {
    const row = '<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>';
    const xml = `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Sheet1">${row.repeat(1000)}</table:table></office:spreadsheet></office:body></office:document-content>`;
    const zip = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8(xml) });
    expect(zip.length).toBeLessThan(10_000);
    const data = loadExports([{ name: 'huge.ods', bytes: zip }], bank);
    expect(data.files[0]!.notes.map((n) => n.text).join(' ')).toMatch(tooMany);
    expect(data.learners).toHaveLength(0);
  });
  it('an .xlsx whose rows reach column XFD and row 2,000,000,000', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}" t="inlineStr"><is><t>x</t></is></c></row>`).join('') + '<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>';
    const zip = zipSync({
      '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      'xl/workbook.xml': strToU8('<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${rows}</sheetData></worksheet>`)
    });
    const data = loadExports([{ name: 'huge.xlsx', bytes: zip }], bank);
    expect(data.files[0]!.notes.map((n) => n.text).join(' ')).toMatch(tooMany);
  });
  it('the real .ods and .xlsx exports are still read', () => {
    const data = loadExports(
      ['interactions.ods', 'basic.xlsx'].map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(root, 'tests/fixtures/moodle-4.5/scorm12', name))) })),
      bank
    );
    expect(data.files.flatMap((f) => f.reports).map((r) => r.kind)).toEqual(['interactions', 'basic']);
    expect(data.learners.length).toBeGreaterThan(8);
  });
});
