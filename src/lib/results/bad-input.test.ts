/**
 * Issue 14, item 3: every kind of bad input gets a message saying what was found and what was
 * expected, loses nothing it could read, and never throws. Built from the real SCORM 1.2 exports.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/loader';
import { analyse } from './analysis';
import { itemBankFromCourse, type ItemBank } from './bank';
import { loadExports, type ClassData } from './load';

const root = resolve(import.meta.dirname, '../../..');
const dir = join(root, 'tests/fixtures/moodle-4.5/scorm12');
const bank = itemBankFromCourse(loadCourse({ root }), 'test');
const bytes = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const utf8 = (s: string) => new TextEncoder().encode(s);

function load(name: string, data: Uint8Array, withBank: ItemBank = bank): ClassData {
  return loadExports([{ name, bytes: data }], withBank);
}
const notesOf = (data: ClassData) => data.files.flatMap((f) => f.notes);
const errorsOf = (data: ClassData) => notesOf(data).filter((n) => n.level === 'error').map((n) => n.text);
const totalResponses = (data: ClassData, withBank: ItemBank = bank) => {
  const a = analyse(data, withBank);
  return [...a.questions, ...a.unknownQuestions].reduce((n, q) => n + q.responses, 0);
};
const REAL_RESPONSES = totalResponses(load('interactions.csv', bytes('interactions.csv')));

/** A workbook with the given sheets, each a list of rows of inline strings. */
function xlsx(sheets: { name: string; rows: string[][] }[]): Uint8Array {
  const cell = (v: string) => `<c t="inlineStr"><is><t>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': strToU8(
      `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`
    ),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships>${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`)
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<worksheet><sheetData>${s.rows.map((r) => `<row>${r.map(cell).join('')}</row>`).join('')}</sheetData></worksheet>`);
  });
  return zipSync(files);
}

/** An OpenDocument spreadsheet with the given tables, written the way LibreOffice does (repeats). */
function ods(tables: { name: string; rows: string[][] }[]): Uint8Array {
  const cell = (v: string) => `<table:table-cell office:value-type="string"><text:p>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text:p></table:table-cell>`;
  const content = `<?xml version="1.0"?><office:document-content><office:body><office:spreadsheet>${tables
    .map((t) => `<table:table table:name="${t.name}">${t.rows.map((r) => `<table:table-row>${r.map(cell).join('')}<table:table-cell table:number-columns-repeated="1000"/></table:table-row>`).join('')}<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>`)
    .join('')}</office:spreadsheet></office:body></office:document-content>`;
  return zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8(content) });
}

const tsvRows = (name: string) => text(name).split('\n').filter(Boolean).map((line) => line.split('\t').map((c) => c.replace(/^"|"$/g, '')));

describe('files that are not a Moodle export at all', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty.csv', new Uint8Array(), /empty \(0 bytes\)/],
    ['blank.txt', utf8('\n\n  \n'), /empty: it holds no rows/],
    ['screenshot.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), /image/],
    ['report.pdf', utf8('%PDF-1.7\n...'), /PDF/],
    ['answers.json', utf8('{"students": {}}'), /JSON/],
    ['page.html', utf8('<!DOCTYPE html><html><body>Interactions</body></html>'), /web page saved from the browser.*Download menu/],
    ['old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /Excel 97-2003 \(\.xls\).*save it as \.xlsx/],
    ['hit-career-course-scorm12.zip', zipSync({ 'imsmanifest.xml': strToU8('<manifest/>'), 'index.html': strToU8('<html></html>') }), /SCORM package.*not a report/],
    ['notes.txt', utf8('Remember to check the class on Friday.\n'), /no tabs, commas, semicolons, colons or pipes/],
    ['rapport.txt', utf8('Nom\tAdresse de courriel\tTentative\tCommencé le\tDernier accès le\tNote\n"Zoé"\tz@example.com\t1\t-\t-\t0\n'), /switch your language to English/],
    ['tracking.csv', utf8('username,attempt,sco,element,value\nstudent11,1,3,cmi.core.lesson_status,passed\n'), /not a Moodle SCORM report.*"username", "attempt".*missing: Name, Attempt, Started on, Last accessed on, Score/]
  ];
  for (const [name, data, message] of cases) {
    it(`${name}: says what it is and what was expected`, () => {
      const loaded = load(name, data);
      expect(errorsOf(loaded).join(' ')).toMatch(message);
      expect(loaded.files[0]!.reports).toEqual([]);
      expect(analyse(loaded, bank).learners).toEqual([]);
    });
  }
});

describe('damaged or cut-short files', () => {
  it('a text export cut in the middle of a row keeps every whole row and says the last was cut', () => {
    const full = text('interactions.csv');
    const cut = full.slice(0, full.lastIndexOf('\n', full.length - 2) + 200);
    const loaded = load('interactions.txt', utf8(cut));
    expect(errorsOf(loaded).join(' ')).toMatch(/cut short.*left out; download the report again/);
    expect(loaded.files[0]!.reports[0]).toMatchObject({ kind: 'interactions', rows: 8 });
  });

  it('an objectives report without a final line end keeps its short last row (not taken for a cut)', () => {
    const loaded = load('objectives.txt', utf8(text('objectives.csv').trimEnd()));
    expect(errorsOf(loaded)).toEqual([]);
    expect(loaded.files[0]!.reports[0]).toMatchObject({ kind: 'objectives', rows: 9 });
  });

  it('a text export cut inside a quoted cell says so', () => {
    const full = text('basic.csv');
    const cut = full.slice(0, full.indexOf('"Test Learner11"') + 8);
    expect(errorsOf(load('basic.txt', utf8(cut))).join(' ')).toMatch(/ends inside a quoted cell/);
  });

  it('an .xlsx or .ods cut short is reported as a damaged zip, not a crash', () => {
    for (const name of ['interactions.xlsx', 'interactions.ods']) {
      const whole = bytes(name);
      expect(errorsOf(load(name, whole.subarray(0, Math.floor(whole.length * 0.6)))).join(' '), name).toMatch(/damaged or incomplete zip/);
    }
  });

  it('an xlsx whose sheet XML stops mid-tag is reported as damaged', () => {
    const broken = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="Report" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData><row><c t="inlineStr"><is><t>Name</t></is></c><c t="inl')
    });
    expect(errorsOf(load('report.xlsx', broken)).join(' ')).toMatch(/spreadsheet is damaged.*ends inside a tag/);
  });

  it('a report with its header row but no learners says there are no rows', () => {
    const header = text('interactions.csv').split('\n')[0]! + '\n';
    expect(errorsOf(load('interactions.txt', utf8(header))).join(' ')).toMatch(/no learner rows/);
  });
});

describe('other delimiters, encodings and byte-order marks give the same figures', () => {
  const rows = tsvRows('interactions.csv');
  const quote = (c: string) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const variants: [string, Uint8Array, RegExp][] = [
    ['comma-separated (saved again by a spreadsheet)', utf8(rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n'), /comma-separated/],
    ['semicolon-separated (a European spreadsheet)', utf8(rows.map((r) => r.map(quote).join(';')).join('\r\n') + '\r\n'), /semicolon-separated/],
    ['UTF-8 with a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('interactions.csv')]), /UTF-8 with a byte-order mark, tab-separated/],
    [
      'UTF-16 "Unicode text" as Excel saves it',
      (() => {
        const s = text('interactions.csv');
        const out = new Uint8Array(2 + s.length * 2);
        out.set([0xff, 0xfe]);
        for (let i = 0; i < s.length; i++) {
          out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
          out[3 + 2 * i] = s.charCodeAt(i) >> 8;
        }
        return out;
      })(),
      /UTF-16/
    ]
  ];
  for (const [label, data, how] of variants) {
    it(label, () => {
      const loaded = load('interactions.txt', data);
      expect(loaded.files[0]!.how).toMatch(how);
      expect(loaded.files[0]!.reports.map((r) => r.kind)).toEqual(['interactions']);
      expect(errorsOf(loaded)).toEqual([]);
      expect(totalResponses(loaded)).toBe(REAL_RESPONSES);
    });
  }

  it('a Windows-1252 file is read with a warning and its accents survive', () => {
    const s = text('basic.csv').replace('Test Learner11', 'Zoë Müller');
    const latin1 = new Uint8Array([...s].map((c) => c.charCodeAt(0)));
    const loaded = load('basic.txt', latin1);
    expect(notesOf(loaded).map((n) => n.text).join(' ')).toMatch(/not UTF-8.*Windows-1252/);
    expect(analyse(loaded, bank).learners.map((l) => l.name)).toContain('Zoë Müller');
  });
});

describe('spreadsheets with extra sheets', () => {
  const report = tsvRows('interactions.csv');
  const notes = [['Exported for the programme review'], ['Do not share']];
  for (const [label, make] of [
    ['xlsx', xlsx],
    ['ods', ods]
  ] as const) {
    it(`${label}: the report sheet is read wherever it is, the others are named as left out`, () => {
      const loaded = load(`class.${label}`, make([{ name: 'Notes', rows: notes }, { name: 'Report', rows: report }, { name: 'Chart data', rows: [['x', 'y']] }]));
      expect(loaded.files[0]!.reports).toEqual([{ kind: 'interactions', title: 'SCORM interactions report', sheet: 'Report', rows: 9 }]);
      expect(notesOf(loaded).map((n) => n.text).join(' ')).toMatch(/Sheets "Notes", "Chart data" are not a report and were left out/);
      expect(totalResponses(loaded)).toBe(REAL_RESPONSES);
    });
  }

  it('a workbook none of whose sheets is a report says so', () => {
    expect(errorsOf(load('book.xlsx', xlsx([{ name: 'A', rows: [['Budget', '2026']] }, { name: 'B', rows: [] }]))).join(' ')).toMatch(/None of its 2 sheets is a Moodle report/);
  });
});

describe('another activity or an older version of the course', () => {
  it('questions this version does not know are listed with their figures, never dropped', () => {
    const retired = ['job-q-hospital-share', 'job-q-why-exact'];
    const older: ItemBank = { ...bank, items: bank.items.filter((i) => !retired.includes(i.id)) };
    // Questions the current bank may itself have retired since the class played are unknown already.
    const alreadyUnknown = analyse(load('interactions.csv', bytes('interactions.csv')), bank).unknownQuestions.map((q) => q.id);
    const data = load('interactions.csv', bytes('interactions.csv'), older);
    const analysis = analyse(data, older);
    expect(analysis.unknownQuestions.map((q) => q.id)).toEqual([...new Set([...retired, ...alreadyUnknown])].sort());
    for (const q of analysis.unknownQuestions) {
      expect(q.known).toBe(false);
      expect(q.responses).toBeGreaterThan(0);
      expect(q.difficulty).not.toBeNull();
      expect(q.options.reduce((n, o) => n + o.count, 0)).toBe(q.responses);
    }
    expect(totalResponses(data, older)).toBe(REAL_RESPONSES);
  });

  it("another activity's export: every id unknown, its SCO named differently, all of it still listed", () => {
    const other = text('interactions.csv')
      .replace('Health Information Technician: A Career Course', 'Anatomy basics')
      .replace(/_a(\d+)_([a-z]+)-q-/g, '_a$1_anat-$2-');
    const data = load('interactions.txt', utf8(other));
    expect(notesOf(data).map((n) => n.text).join(' ')).toMatch(/SCO column is named "Anatomy basics".*may be of another activity/);
    const analysis = analyse(data, bank);
    expect(analysis.questions).toEqual([]);
    expect(analysis.unknownQuestions.length).toBeGreaterThan(100);
    expect(totalResponses(data)).toBe(REAL_RESPONSES);
  });

  it('interaction ids not in the course\'s <quiz>_a<n>_<item> form are counted and listed', () => {
    const odd = text('interactions.csv').replace('the-job_a1_job-q-hospital-share', 'Q1 (imported)');
    const analysis = analyse(load('interactions.txt', utf8(odd)), bank);
    expect(analysis.unreadableIds).toEqual([{ id: 'Q1 (imported)', count: 1 }]);
  });

  it('exports of two different activities dropped together are called out', () => {
    const data = loadExports(
      [
        { name: '1.2 basic.csv', bytes: bytes('basic.csv') },
        { name: '2004 basic.csv', bytes: new Uint8Array(readFileSync(join(root, 'tests/fixtures/moodle-4.5/scorm2004/basic.csv'))) }
      ],
      bank
    );
    expect(data.notes.map((n) => n.text).join(' ')).toMatch(/probably exports of different activities/);
  });
});

describe("Moodle's reports as they really are", () => {
  it('the default-options interactions report (responses only) explains Save preferences, and still lists the learners', () => {
    const loaded = load('interactions-default-options.csv', bytes('interactions-default-options.csv'));
    expect(errorsOf(loaded).join(' ')).toMatch(/no "Question N" columns.*Save preferences/);
    const analysis = analyse(loaded, bank);
    expect(analysis.questions).toEqual([]);
    expect(analysis.learners.filter((l) => l.score !== null)).toHaveLength(6);
  });

  it('the basic report without track details warns that 0 may mean no score', () => {
    const loaded = load('basic-default-options.csv', bytes('basic-default-options.csv'));
    expect(notesOf(loaded).map((n) => n.text).join(' ')).toMatch(/Track details: No.*Save preferences/);
    const l12 = analyse(loaded, bank).learners.find((l) => l.name === 'Test Learner12')!;
    expect(l12.score).toBe(0);
    expect(l12.scoreNote).toMatch(/cannot tell/);
  });

  for (const name of ['objectives.csv', 'objectives-default-options.csv', 'objectives.xlsx', 'objectives.ods']) {
    it(`${name} is recognised as the objectives report and its emptiness explained`, () => {
      const loaded = load(name, bytes(name));
      expect(loaded.files[0]!.reports.map((r) => r.kind)).toEqual(['objectives']);
      expect(notesOf(loaded).map((n) => n.text).join(' ')).toMatch(/All 35 objective columns are empty.*Moodle bug.*worked out from the interactions report/);
    });
  }

  it('an objectives report that does hold statuses is read', () => {
    const rows = tsvRows('objectives.csv');
    const statusCol = rows[0]!.indexOf('job-1 status');
    const filled = rows.map((r, i) => (i === 0 || r[2] === '-' ? r : Object.assign([...r, ...Array(rows[0]!.length - r.length).fill('')], { [statusCol]: 'passed' })));
    const analysis = analyse(load('objectives.txt', utf8(filled.map((r) => r.join('\t')).join('\n') + '\n')), bank);
    expect(analysis.objectives.find((o) => o.id === 'job-1')!.reported).toEqual({ passed: 8 });
  });

  it('responses Moodle HTML-escaped (s()) are read back as typed', () => {
    const escaped = text('interactions.csv').replace('the-job_a1_job-q-other-title\trecords', 'the-job_a1_job-q-other-title\tR&amp;D &lt;records&gt;');
    const q = analyse(load('interactions.txt', utf8(escaped)), bank).questions.find((x) => x.id === 'job-q-other-title')!;
    expect(q.options.map((o) => o.text)).toContain('R&D <records>');
  });

  it('without "Result N" columns right and wrong are worked out from the item bank', () => {
    const rows = tsvRows('interactions.csv');
    const keep = rows[0]!.map((h, i) => (/^Result \d+$/.test(h) ? -1 : i)).filter((i) => i >= 0);
    const noResult = rows.map((r) => keep.map((i) => r[i] ?? '').join('\t')).join('\n') + '\n';
    const withResult = analyse(load('interactions.csv', bytes('interactions.csv')), bank);
    const loaded = load('interactions.txt', utf8(noResult));
    expect(notesOf(loaded).map((n) => n.text).join(' ')).toMatch(/No "Result N" columns/);
    const computed = analyse(loaded, bank);
    for (const q of withResult.questions) expect(computed.questions.find((x) => x.id === q.id)!.difficulty, q.id).toBeCloseTo(q.difficulty!, 10);
  });
});

describe('more files that are not what the page reads (review of issue 14)', () => {
  const utf16 = (s: string, bigEndian: boolean) => {
    const out = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      out[2 * i + (bigEndian ? 1 : 0)] = s.charCodeAt(i) & 0xff;
      out[2 * i + (bigEndian ? 0 : 1)] = s.charCodeAt(i) >> 8;
    }
    return out;
  };
  for (const bigEndian of [false, true]) {
    it(`UTF-16 ${bigEndian ? 'big' : 'little'}-endian without a byte-order mark is read as UTF-16, not refused as binary`, () => {
      const loaded = load('interactions.txt', utf16(text('interactions.csv'), bigEndian));
      expect(loaded.files[0]!.how).toMatch(/UTF-16.*without a byte-order mark/);
      expect(errorsOf(loaded)).toEqual([]);
      expect(totalResponses(loaded)).toBe(REAL_RESPONSES);
    });
  }

  const otherLms: [string, string, RegExp][] = [
    ['Canvas gradebook', 'Student,ID,SIS User ID,SIS Login ID,Section,HIT course (1234),Current Score,Final Score\n    Points Possible,,,,,100.00,,\n"Learner, Test",12,,s11,Section 1,90.00,90.00,90.00\n', /Canvas.*not Moodle/],
    ['Canvas quiz report', 'name,id,sis_id,section,section_id,section_sis_id,submitted,attempt,1234: What is ICD-10?,1.0,n correct,n incorrect,score\nTest,1,,S,1,,2026-12-02 13:21:00 UTC,1,a,1.0,1,0,1.0\n', /Canvas.*not Moodle/],
    ['Blackboard Grade Center', '"Last Name","First Name","Username","Student ID","Last Access","Availability","HIT course [Total Pts: 100 Score] |123"\n"Learner11","Test","student11","","2026-12-02","Yes","90"\n', /Blackboard.*not Moodle/],
    ['Brightspace (D2L) grades', 'OrgDefinedId,Username,Last Name,First Name,Email,HIT course Points Grade <Numeric MaxPoints:100>,End-of-Line Indicator\n,#s11,Learner11,Test,s11@example.com,90,#\n', /Brightspace.*not Moodle/]
  ];
  for (const [label, content, message] of otherLms) {
    it(`another LMS's report (${label}) is named as such, without the advice about Moodle's language`, () => {
      const loaded = load('export.csv', utf8(content));
      const errors = errorsOf(loaded).join(' ');
      expect(errors).toMatch(message);
      expect(errors).not.toMatch(/switch your language/);
      expect(loaded.files[0]!.reports).toEqual([]);
    });
  }

  it("a Moodle quiz activity's report (not the SCORM activity's) is named as such, not read as an empty gradebook", () => {
    const quiz = 'Last name\tFirst name\tEmail address\tStatus\tStarted\tCompleted\tDuration\tGrade/10.00\tResponse 1\tResponse 2\nLearner11\tTest\ts@example.com\tFinished\t2 December 2026  1:21 PM\t2 December 2026  1:22 PM\t1 min\t9.00\ta\tb\n';
    const loaded = load('quiz responses.txt', utf8(quiz));
    expect(errorsOf(loaded).join(' ')).toMatch(/Moodle quiz activity.*not the SCORM activity/);
    expect(loaded.files[0]!.reports).toEqual([]);
  });

  it('a report in which nobody has attempted the activity says so instead of showing an empty class', () => {
    const none = text('basic.csv').split('\n').filter((l, i) => i === 0 || /Not attempted/.test(l)).join('\n') + '\n';
    const loaded = load('basic.txt', utf8(none));
    expect(notesOf(loaded).filter((n) => n.level !== 'info').map((n) => n.text).join(' ')).toMatch(/No learner in this report has attempted the activity/);
  });

  it('a file too large to be an export of one activity is refused with its size, before it is read', () => {
    const huge = { name: 'interactions.txt', bytes: new Uint8Array(0), size: 300 * 1024 * 1024 };
    const loaded = loadExports([huge, { name: 'basic.csv', bytes: bytes('basic.csv') }], bank);
    expect(errorsOf(loaded).join(' ')).toMatch(/300 MB.*larger than.*50 MB/);
    // The other file is still read.
    expect(loaded.files[1]!.reports.map((r) => r.kind)).toEqual(['basic']);
  });

  it('a spreadsheet whose sheets would unpack to more than the page can hold is refused, not unpacked', () => {
    // A zip's central directory says each entry's unpacked size (APPNOTE 4.3.12): a workbook of a few
    // KB can claim gigabytes. Here the sheet's entry claims 3 GB.
    const big = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': strToU8('<worksheet/>') });
    const view = new DataView(big.buffer, big.byteOffset, big.byteLength);
    for (let i = 0; i + 46 < big.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50 && new TextDecoder().decode(big.subarray(i + 46, i + 46 + view.getUint16(i + 28, true))) === 'xl/worksheets/sheet1.xml') {
        view.setUint32(i + 24, 3_000_000_000, true);
      }
    }
    expect(errorsOf(load('report.xlsx', big)).join(' ')).toMatch(/unpacks to more than 200 MB/);
  });
});
