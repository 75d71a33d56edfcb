/**
 * Which gradebook column and which download the page uses, from the real Moodle 4.5 exports:
 * - a gradebook export has a column per graded activity (and per display type): the page takes the
 *   column of this activity, says which and why, lets the coordinator pick another, and never mixes
 *   two columns;
 * - two downloads of the same report made at different times: the newer one (by its own
 *   "Last accessed on" and gradebook "Last downloaded" times) wins whatever the order they are given
 *   in, and the page says so.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/loader';
import { analyse } from './analysis';
import { itemBankFromCourse } from './bank';
import { loadExports, type FileInput } from './load';

const root = resolve(import.meta.dirname, '../../..');
const bank = itemBankFromCourse(loadCourse({ root }), 'test');
const fixtures = join(root, 'tests/fixtures/moodle-4.5');
const text = (path: string) => readFileSync(join(fixtures, path), 'utf8');
const input = (name: string, content: string): FileInput => ({ name, bytes: new TextEncoder().encode(content) });
const real = (path: string): FileInput => input(path.split('/').pop()!, text(path));
const notesText = (data: ReturnType<typeof loadExports>) => [...data.notes, ...data.files.flatMap((f) => f.notes)].map((n) => n.text).join(' ');

/** The real comma-separated gradebook export, split into cells (no cell holds a comma or quote). */
const csvRows = (path: string) => text(path).trim().split('\n').map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[ ,]/.test(c) ? `"${c}"` : c)).join(',')).join('\n') + '\n';

describe('gradebook column: the one of this activity, named, never mixed', () => {
  it('with the 2004 gradebook (probe, 1.2 and 2004 columns) and the 1.2 reports, the 1.2 column is used and the page says why', () => {
    const a = analyse(loadExports([real('scorm12/basic.csv'), real('scorm2004/grades-export.csv')], bank), bank);
    expect(a.gradeColumn).toBe('SCORM package: HIT course 1.2 class');
    expect(a.gradeColumnReason).toMatch(/matches the score in the SCORM reports for 6 of 6 learners with a score/);
    expect(a.learners.find((l) => l.name === 'Test Learner13')!.gradebook).toBe(95);
  });

  it('when another activity also has grades for the same learners, the column that agrees with the reports wins (not the first one)', () => {
    // As in a course with a second graded SCORM activity the class also took: the probe column,
    // first in the export, gets a grade for every learner, none equal to this activity's.
    const rows = csvRows('scorm12/grades-export.csv');
    const probe = rows[0]!.indexOf('SCORM package: probe (Real)');
    const other = rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === probe ? (40 + i).toFixed(2) : c))));
    const a = analyse(loadExports([real('scorm12/interactions.csv'), input('grades.csv', csv(other))], bank), bank);
    expect(a.gradeColumn).toBe('SCORM package: HIT course 1.2 class');
    for (const l of a.learners.filter((x) => x.score !== null)) expect(l.gradebook, l.name).toBe(l.score);
  });

  it('Real and Percentage display types of the same activity stay two columns: the Real grade is not overwritten by the percentage', () => {
    // Grades > Export > "Grade export display types": Real and Percentage ticked, Moodle writes
    // "<item> (Real)" then "<item> (Percentage)" with cells like "90.00 %".
    const rows = csvRows('scorm12/grades-export.csv');
    const col = rows[0]!.indexOf('SCORM package: HIT course 1.2 class (Real)');
    const both = rows.map((r, i) => [...r.slice(0, col + 1), i === 0 ? 'SCORM package: HIT course 1.2 class (Percentage)' : r[col] === '-' ? '-' : `${r[col]} %`, ...r.slice(col + 1)]);
    const data = loadExports([real('scorm12/basic.csv'), input('grades.csv', csv(both))], bank);
    expect(data.gradeColumns).toEqual(['SCORM package: probe', 'SCORM package: HIT course 1.2 class', 'SCORM package: HIT course 1.2 class (Percentage)']);
    const a = analyse(data, bank);
    expect(a.gradeColumn).toBe('SCORM package: HIT course 1.2 class');
    expect(a.learners.find((l) => l.name === 'Test Learner11')!.gradebook).toBe(90);
    expect(a.learners.find((l) => l.name === 'Test Learner12')!.gradebook).toBeNull();
  });

  it('a column the coordinator picks is used as picked, and said to be their choice', () => {
    const a = analyse(loadExports([real('scorm12/basic.csv'), real('scorm2004/grades-export.csv')], bank), bank, { gradeColumn: 'SCORM package: HIT course 2004 class' });
    expect(a.gradeColumn).toBe('SCORM package: HIT course 2004 class');
    expect(a.gradeColumnReason).toMatch(/chosen on the page/);
    expect(a.learners.find((l) => l.name === 'Test Learner11')!.gradebook).toBeNull();
  });

  it('when no column agrees with the reports, none is used automatically and the page asks', () => {
    const a = analyse(loadExports([real('scorm2004/basic.csv'), real('scorm12/grades-export.csv')], bank), bank);
    expect(a.gradeColumn).toBeNull();
    expect(a.gradeColumnReason).toMatch(/No gradebook column matches.*pick/);
  });
});

/**
 * An earlier download of the same reports, as Moodle gave it between student13's two sessions
 * (README: session 1 left the final at question 11 around 1:25 PM; session 2 came after everyone):
 * student13 had no score yet (Score 0, SCO "Incomplete"), last accessed 1:25 PM, and none of the
 * final's interactions (the course sends them when the final is submitted).
 */
function earlierDownload(path: string): string {
  const lines = text(path).split('\n');
  return lines
    .map((line) => {
      if (!line.startsWith('"Test Learner13"')) return line;
      const cells = line.split('\t');
      cells[4] = '"Wednesday, 2 December 2026, 1:25 PM"';
      cells[5] = '0';
      cells[6] = 'Incomplete';
      // Interaction groups of four cells follow the SCO column; blank the final's.
      for (let i = 7; i < cells.length; i += 4) if (/^"?final_/.test(cells[i]!)) for (let k = 0; k < 4; k++) cells[i + k] = '';
      return cells.join('\t');
    })
    .join('\n');
}

describe('two downloads of the same report: the newer wins, whatever the order', () => {
  for (const report of ['basic.csv', 'interactions.csv']) {
    for (const order of ['older first', 'newer first'] as const) {
      it(`${report}, ${order}: student13's later state (95%, last accessed 1:33 PM) is used, and the page says which file was newer`, () => {
        const older = input(`older ${report}`, earlierDownload(`scorm12/${report}`));
        const newer = input(`newer ${report}`, text(`scorm12/${report}`));
        const data = loadExports(order === 'older first' ? [older, newer] : [newer, older], bank);
        const a = analyse(data, bank);
        const l13 = a.learners.find((l) => l.name === 'Test Learner13')!;
        expect(l13.score).toBe(95);
        expect(l13.status).toBe('Graded');
        expect(l13.last).toMatch(/1:33 PM/);
        if (report === 'interactions.csv') expect(l13.finalBest).toBe(95);
        expect(notesText(data)).toMatch(new RegExp(`newer download.*1 learner attempt.*"newer ${report.replace('.', '\\.')}".*over.*"older ${report.replace('.', '\\.')}"`));
      });
    }
  }

  it('two gradebook exports: the one downloaded later ("Last downloaded from this course") wins', () => {
    const rows = csvRows('scorm12/grades-export.csv');
    const col = rows[0]!.indexOf('SCORM package: HIT course 1.2 class (Real)');
    const stamp = rows[0]!.indexOf('Last downloaded from this course');
    const earlier = rows.map((r) => (r[0] === 'Test' && r[1] === 'Learner13' ? r.map((c, j) => (j === col ? '-' : j === stamp ? String(Number(c) - 600) : c)) : r.map((c, j) => (j === stamp && c !== 'Last downloaded from this course' ? String(Number(c) - 600) : c))));
    for (const files of [
      [input('grades-older.csv', csv(earlier)), real('scorm12/grades-export.csv')],
      [real('scorm12/grades-export.csv'), input('grades-older.csv', csv(earlier))]
    ]) {
      const data = loadExports([real('scorm12/basic.csv'), ...files], bank);
      expect(analyse(data, bank).learners.find((l) => l.name === 'Test Learner13')!.gradebook).toBe(95);
      expect(notesText(data)).toMatch(/newer gradebook export.*"grades-export\.csv".*over.*"grades-older\.csv"/);
    }
  });
});
