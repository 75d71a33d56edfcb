/**
 * Issue 14 review 2 R4: while the anonymise switch is on, no text the page shows or writes (file and
 * class notes, the CSV, the CSV's file name) may carry a learner's name, username, email or ID number,
 * a time of day, or, in a note, the day of a learner's attempt (with one attempt that day narrows down
 * who it was). Built from the real SCORM 1.2 exports, plus a second download of the basic report that
 * differs in one attempt, plus a copy with Username and ID number columns, plus the bad-input files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/loader';
import { analyse } from './analysis';
import { itemBankFromCourse } from './bank';
import { analysisCsv, csvFileName, noteText } from './export';
import { loadExports, type ClassData, type FileInput } from './load';

const root = resolve(import.meta.dirname, '../../..');
const dir = join(root, 'tests/fixtures/moodle-4.5/scorm12');
const badDir = join(root, 'tests/fixtures/bad-input');
const bank = itemBankFromCourse(loadCourse({ root }), 'test');
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const input = (name: string, s: string): FileInput => ({ name, bytes: new TextEncoder().encode(s) });
const file = (d: string, name: string): FileInput => ({ name, bytes: new Uint8Array(readFileSync(join(d, name))) });

/** The basic report with a Username and an ID number column after the email (Moodle's "Show user identity"). */
const basic = text('basic.csv');
const withIds = basic
  .split('\n')
  .map((line, i) => {
    if (!line) return line;
    const cells = line.split('\t');
    const n = /\d+/.exec(cells[1] ?? '')?.[0] ?? 'x';
    cells.splice(2, 0, i === 0 ? 'Username' : `uname${n}q`, i === 0 ? '"ID number"' : `ID-77${n}`);
    return cells.join('\t');
  })
  .join('\n');
/** A later download: Test Learner18's one attempt went on to 1:45 PM and 40/100. */
const LATER = '"Test Learner18"\tstudent18@example.com\tuname18q\tID-7718\t1\t"Wednesday, 2 December 2026, 1:32 PM"\t"Wednesday, 2 December 2026, 1:45 PM"\t40\t40/100';
const later = withIds.replace(/^"Test Learner18".*$/m, LATER);
expect(later).not.toBe(withIds);

/** Every name, username, email and ID number in the files (the identity columns of each row). */
function identities(...files: string[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    const rows = f.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.split(/\t|,/).map((c) => c.replace(/^"|"$/g, '').trim()));
    const header = rows[0] ?? [];
    const cols = header.map((h, i) => (/^(Name|First name|Last name|Surname|Username|Email address|ID number)$/i.test(h) ? i : -1)).filter((i) => i >= 0);
    for (const r of rows.slice(1)) for (const c of cols) if (r[c] && r[c] !== '-') out.add(r[c]!);
  }
  return [...out];
}
/** Every attempt's day (as Moodle writes it and as ISO) and time of day, from Started on / Last accessed on. */
function attemptDates(...files: string[]): { days: string[]; times: string[] } {
  const days = new Set<string>();
  const times = new Set<string>();
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  for (const f of files) {
    for (const m of f.matchAll(/(\d{1,2}) ([A-Z][a-z]+) (\d{4}), (\d{1,2}:\d{2}) ?([AP]M)/g)) {
      days.add(`${m[1]} ${m[2]} ${m[3]}`);
      days.add(`${m[3]}-${String(months.indexOf(m[2]!) + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`);
      times.add(m[4]!);
    }
  }
  return { days: [...days], times: [...times] };
}

/** Every piece of text the anonymised page shows or writes: notes as shown, the CSV, its file name. */
function anonymisedTexts(data: ClassData): { notes: string[]; csv: string; fileName: string } {
  const analysis = analyse(data, bank, { aliasSalt: 'fixed salt for the test' });
  return {
    notes: [...data.files.flatMap((f) => f.notes), ...data.notes].map((n) => noteText(n, true)),
    csv: analysisCsv(analysis, bank, { anonymise: true }),
    fileName: csvFileName(true)
  };
}
const TIME = /\b\d{1,2}:\d{2}\b/;

describe('anonymised: no learner identity, attempt day or time in any text', () => {
  const sources = [withIds, later, text('interactions.csv'), text('grades-export.csv'), text('objectives.csv')];
  const ids = identities(...sources);
  const { days, times } = attemptDates(...sources);
  const data = loadExports([input('basic.csv', withIds), input('basic (1).csv', later), file(dir, 'interactions.csv'), file(dir, 'grades-export.csv'), file(dir, 'objectives.csv')], bank);
  const out = anonymisedTexts(data);

  it('the inputs are what the test means: identities, times and a "two downloads differ" note for one attempt', () => {
    expect(ids).toEqual(expect.arrayContaining(['Test Learner18', 'student18@example.com', 'uname18q', 'ID-7718']));
    expect(days).toContain('2 December 2026');
    expect(times).toContain('1:45');
    const shown = [...data.files.flatMap((f) => f.notes), ...data.notes].map((n) => n.text);
    expect(shown.find((t) => t.startsWith('Two downloads'))).toMatch(/for 1 learner attempt: "basic \(1\)\.csv" \(last accessed 2 December 2026, 1:45 PM\)/);
  });

  it('the notes say what differs, but no identity, no attempt day and no time', () => {
    const note = out.notes.find((t) => t.startsWith('Two downloads'));
    expect(note).toBe('Two downloads of the same report differ; the newer download was used for 1 learner attempt: "basic (1).csv" over "basic.csv". Remove the older file if this is not what you meant.');
    for (const t of out.notes) {
      for (const s of [...ids, ...days]) expect(t).not.toContain(s);
      expect(t).not.toMatch(TIME);
    }
  });

  it('the CSV and its file name carry no identity and no time of day (dates only, as the anonymised rule says)', () => {
    for (const s of ids) expect(out.csv).not.toContain(s);
    expect(out.csv).not.toMatch(TIME);
    expect(out.csv).toContain('2 December 2026');
    expect(out.fileName).toBe('class-results-anonymised.csv');
    for (const s of [...ids, ...days, ...times]) expect(out.fileName).not.toContain(s);
  });

  it('the bad-input files and the other single files: no note shown while anonymised carries an identity, attempt day or time', () => {
    const bad = readdirSync(badDir).filter((n) => n !== 'README.md');
    const badTexts = bad.map((n) => readFileSync(join(badDir, n), 'latin1'));
    const all = [...ids, ...identities(...badTexts.map((t) => t.replace(/\0/g, '')))];
    const allDays = [...days, ...attemptDates(...badTexts.map((t) => t.replace(/\0/g, ''))).days];
    const cases: FileInput[][] = [
      ...bad.map((n) => [file(badDir, n)]),
      bad.map((n) => file(badDir, n)),
      [file(dir, 'interactions.csv'), ...bad.map((n) => file(badDir, n))],
      ...readdirSync(dir).filter((n) => n !== 'answers.json').map((n) => [file(dir, n)])
    ];
    let notes = 0;
    for (const c of cases) {
      const o = anonymisedTexts(loadExports(c, bank));
      notes += o.notes.length;
      for (const t of [...o.notes, o.csv]) {
        for (const s of all) expect(t, c.map((f) => f.name).join(', ')).not.toContain(s);
        expect(t).not.toMatch(TIME);
      }
      for (const t of o.notes) for (const s of allDays) expect(t, c.map((f) => f.name).join(', ')).not.toContain(s);
    }
    expect(notes).toBeGreaterThan(cases.length);
  });
});
