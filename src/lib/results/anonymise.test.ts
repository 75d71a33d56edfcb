/**
 * Issue 14 item 4, "names stay private": the anonymised analysis (CSV, and the page's table) must
 * not let anyone who has the class list work out who is who. The aliases are a permutation drawn from
 * a salt the page makes at random when it opens (never from the names or emails alone), and times
 * are coarsened to the day, since "last accessed 1:33 PM" identifies a learner to anyone who was there.
 * Fixed salts here, so nothing depends on a random draw.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dsvFormat } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/loader';
import { analyse } from './analysis';
import { itemBankFromCourse } from './bank';
import { analysisCsv, inertCell } from './export';
import { loadExports } from './load';

const root = resolve(import.meta.dirname, '../../..');
const bank = itemBankFromCourse(loadCourse({ root }), 'test');
const data = loadExports(
  ['interactions.csv', 'grades-export.csv'].map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(root, 'tests/fixtures/moodle-4.5/scorm12', name))) })),
  bank
);
const emails = data.learners.map((l) => l.email);

/** The Learners block of the exported CSV, as rows (header first). */
function learnerBlock(csv: string): string[][] {
  const block = csv.replace(/^\uFEFF/, '').split('\r\n\r\n').find((b) => b.startsWith('Learners'))!;
  return dsvFormat(',').parseRows(block).slice(1);
}

describe('anonymised export', () => {
  const analysis = analyse(data, bank, { aliasSalt: 'fixed salt for the test' });
  const csv = analysisCsv(analysis, bank, { anonymise: true });
  const [header, ...rows] = learnerBlock(csv);

  it('holds no name, no email and no time of day, only dates', () => {
    expect(csv).not.toMatch(/Test Learner|Test Student|@example\.com/);
    expect(csv).not.toMatch(/\d{1,2}:\d{2}\s*[AP]M/);
    expect(header).toContain('Started on (date)');
    expect(rows.find((r) => r[0] === analysis.learners.find((l) => l.name === 'Test Learner13')!.alias)).toContain('2 December 2026');
  });

  it('lists learners in alias order, not in the order of the export (which is the database order)', () => {
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => `Learner ${i + 1}`));
  });

  it('the spans are rounded to whole hours', () => {
    expect(header).toContain('Span (hours, rounded)');
    const span = header!.indexOf('Span (hours, rounded)');
    for (const r of rows) expect(r[span]).toMatch(/^(\d+|)$/);
  });

  it('with the same salt the aliases stay the same (the page keeps one salt while it is open)', () => {
    const again = analyse(data, bank, { aliasSalt: 'fixed salt for the test' });
    expect(again.learners.map((l) => [l.email, l.alias])).toEqual(analysis.learners.map((l) => [l.email, l.alias]));
  });

  it('who is "Learner 1" depends on the salt, not on the emails: the class list alone does not give the aliases back', () => {
    const first = new Set(
      Array.from({ length: 12 }, (_, i) => analyse(data, bank, { aliasSalt: `salt ${i}` }).learners.find((l) => l.alias === 'Learner 1')!.email)
    );
    // 12 salts, 9 learners: a mapping fixed by the emails would give one person every time.
    expect(first.size).toBeGreaterThan(3);
    for (const e of first) expect(emails).toContain(e);
  });

  it('the named export keeps names, emails and the times Moodle gave', () => {
    const named = analysisCsv(analysis, bank, { anonymise: false });
    expect(named).toContain('Test Learner13,student13@example.com');
    expect(named).toMatch(/2 December 2026, 1:33 PM/);
  });
});

describe('the exported CSV opened in a spreadsheet (OWASP CSV injection)', () => {
  it('a learner name typed as a formula stays text; a negative number stays a number', () => {
    const hostile = { ...data, learners: data.learners.map((l, i) => (i === 0 ? { ...l, name: '=HYPERLINK("http://example.invalid","Open me")' } : l)) };
    const csv = analysisCsv(analyse(hostile, bank, { aliasSalt: 'fixed salt for the test' }), bank, { anonymise: false });
    const cells = learnerBlock(csv).flat();
    expect(cells).toContain(`'=HYPERLINK("http://example.invalid","Open me")`);
    expect(cells.some((c) => /^[=+@]/.test(c))).toBe(false);
    expect(inertCell('-0.25')).toBe('-0.25');
    expect(inertCell('+1 555 0100')).toBe("'+1 555 0100");
    expect(inertCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
