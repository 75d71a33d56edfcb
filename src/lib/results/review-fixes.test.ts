/**
 * Issue 14, fixes after the adversarial review (M1 identity columns, M2 modules nobody reached,
 * M4 right answers that differ from the bank, and the minors), each on the real SCORM 1.2 exports
 * changed the way a coordinator's file would differ.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dsvFormat } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/loader';
import { analyse, ATTEMPT_RULE, fixed2 } from './analysis';
import { analysisCsv, daysOnly } from './export';
import { correlationText } from '../../results/format';
import { itemBankFromCourse } from './bank';
import { loadExports, type ClassData } from './load';

const root = resolve(import.meta.dirname, '../../..');
const dir = join(root, 'tests/fixtures/moodle-4.5/scorm12');
const bank = itemBankFromCourse(loadCourse({ root }), 'test');
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const utf8 = (s: string) => new TextEncoder().encode(s);
const load = (...files: [string, string][]) => loadExports(files.map(([name, body]) => ({ name, bytes: utf8(body) })), bank);
const notesOf = (data: ClassData) => [...data.notes, ...data.files.flatMap((f) => f.notes)].map((n) => n.text).join(' ');

/** The tab-separated report as rows of cells (Moodle quotes some cells; kept as they are). */
const table = (body: string) => body.split('\n').filter(Boolean).map((line) => line.split('\t'));
const untable = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\n') + '\n';

describe('M1: learners are told apart by their identity columns, found by header', () => {
  const basic = table(text('basic.csv'));

  it('a Department column after Name is not an identity: two learners of one department stay two, with a warning', () => {
    const rows = basic.map((r, i) => [r[0]!, i === 0 ? 'Department' : 'Nursing', ...r.slice(2)]);
    const data = load(['basic-department.txt', untable(rows)]);
    expect(data.learners).toHaveLength(basic.length - 1);
    expect(data.identityFields).toEqual([]);
    expect(notesOf(data)).toMatch(/no identity column \(Username, Email address or ID number\): "Department" is not one\. Learners are told apart by name only/);
  });

  it('two learners with the same name but different usernames are two learners, keyed on the username', () => {
    const rows = basic.map((r, i) => [i === 0 ? r[0]! : '"Test Learner"', i === 0 ? 'Username' : `student${i}`, ...r.slice(1)]);
    const data = load(['basic-same-names.txt', untable(rows)]);
    expect(data.learners).toHaveLength(basic.length - 1);
    expect(new Set(data.learners.map((l) => l.name))).toEqual(new Set(['Test Learner']));
    expect(data.learners.map((l) => l.key).sort()).toEqual(rows.slice(1).map((r) => `username:${r[1]}`).sort());
    expect(data.identityFields).toEqual(['username', 'email']);
    expect(notesOf(data)).not.toMatch(/no identity column/);
  });

  it('the email address is read from its own column wherever it stands (ID number first), and joins the gradebook', () => {
    const rows = basic.map((r, i) => [r[0]!, i === 0 ? 'ID number' : `HIT-${i}`, ...r.slice(1)]);
    const data = load(['basic-id.txt', untable(rows)], ['grades-export.csv', text('grades-export.csv')]);
    const learner = data.learners.find((l) => l.name === 'Test Learner11')!;
    expect(learner.email).toBe('student11@example.com');
    expect(learner.identity.idNumber).toBe(rows.find((r) => r[0] === '"Test Learner11"')![1]);
    expect(learner.key).toBe('email:student11@example.com');
    expect(learner.grades['SCORM package: HIT course 1.2 class']).toBe(90);
    // Every learner of the report is one learner with the gradebook's row (same email), none twice.
    expect(data.learners.filter((l) => l.attempts.length || l.listedNotAttempted)).toHaveLength(basic.length - 1);
    expect(data.learners.filter((l) => l.name === 'Test Learner11')).toHaveLength(1);
  });

  it('a localized identity header (French "Adresse de courriel") is recognized', () => {
    const rows = basic.map((r, i) => (i === 0 ? [r[0]!, 'Adresse de courriel', ...r.slice(2)] : r));
    const data = load(['basic-fr.txt', untable(rows)]);
    expect(data.identityFields).toEqual(['email']);
    expect(data.learners.find((l) => l.name === 'Test Learner11')!.key).toBe('email:student11@example.com');
  });
});

describe('M2: every module of the package is in the funnel and the quiz count, reached by 0 or more', () => {
  const interactions = table(text('interactions.csv'));
  // Only the two learners who took the quizzes of modules 1-3 and no final (student12 and student17).
  const early = untable(interactions.filter((r, i) => i === 0 || /student1[27]@/.test(r[1]!)));

  it('a class that stopped after module 3 (no final taken) still shows modules 4-9, each with 0 quiz takers', () => {
    const analysis = analyse(load(['interactions-early.txt', early]), bank);
    expect(analysis.modules).toHaveLength(9);
    expect(analysis.moduleQuizzes).toBe(9);
    expect(analysis.modulesLeftOut).toEqual([]);
    expect(analysis.modulesFrom).toBe('all');
    expect(analysis.funnel.find((s) => s.label === 'Took the module 3 quiz')!.count).toBe(2);
    for (const n of [4, 5, 6, 7, 8, 9]) expect(analysis.funnel.find((s) => s.label === `Took the module ${n} quiz`)!.count, `module ${n}`).toBe(0);
    expect(analysis.modules.find((m) => m.number === 9)!.quizTakers).toBe(0);
  });

  it("the objectives report's header names the package's modules, even those nobody reached", () => {
    const analysis = analyse(load(['interactions-early.txt', early], ['objectives.csv', text('objectives.csv')]), bank);
    expect(analysis.modulesFrom).toBe('objectives');
    expect(analysis.modules).toHaveLength(9);
    expect(analysis.funnel.find((s) => s.label === 'Took the module 9 quiz')!.count).toBe(0);
  });

  it('an objectives header of modules 1-3 only (a package of some modules) leaves out the others', () => {
    const objectives = table(text('objectives.csv'));
    const keep = objectives[0]!.map((h, i) => i < 7 || /^"?(job|rec|code)-/.test(h));
    const narrow = untable(objectives.map((r) => r.filter((_, i) => keep[i])));
    const analysis = analyse(load(['interactions-early.txt', early], ['objectives-1-3.txt', narrow]), bank);
    expect(analysis.modules.map((m) => m.number)).toEqual([1, 2, 3]);
    expect(analysis.moduleQuizzes).toBe(3);
    expect(analysis.modulesLeftOut.map((m) => m.number)).toEqual([4, 5, 6, 7, 8, 9]);
  });
});

describe('M4: the "Right answer N" columns are read and compared with the bank\'s key', () => {
  const interactions = table(text('interactions.csv'));
  /** The report as an older version of the course would have it: job-q-unsigned-report keyed "b", not "a". */
  const rekeyed = untable(
    interactions.map((r, i) => (i === 0 ? r : r.map((cell, c) => (c >= 9 && (c - 9) % 4 === 0 && /_job-q-unsigned-report"?$/.test(r[c - 2]!) ? 'b' : cell))))
  );

  it('the real export agrees with the bank everywhere: nothing is flagged', () => {
    const analysis = analyse(load(['interactions.csv', text('interactions.csv')]), bank);
    expect(analysis.questions.filter((q) => q.keyDiffers).map((q) => q.id)).toEqual([]);
    expect(analysis.rightFrom).toBe('lms-result');
  });

  it('a re-keyed question is flagged with both keys, on the page data and in the CSV, saying which key the figures use', () => {
    const analysis = analyse(load(['interactions-rekeyed.txt', rekeyed]), bank);
    const q = analysis.questions.find((x) => x.id === 'job-q-unsigned-report')!;
    expect(q.keyDiffers).toEqual({ lmsRight: ['b'], bankKey: 'a', responses: q.responses });
    expect(q.flags.map((f) => f.code)).toContain('key-differs');
    expect(q.flags.find((f) => f.code === 'key-differs')!.text).toMatch(/LMS recorded the right answer as "b".*this course's key is "a".*re-keyed.*Result column/);
    expect(analysis.questions.filter((x) => x.keyDiffers).map((x) => x.id)).toEqual(['job-q-unsigned-report']);
    const csv = analysisCsv(analysis, bank, { anonymise: true });
    expect(csv).toMatch(/right and wrong: The figures use the LMS's Result column/);
    const line = csv.split(/\r?\n/).find((l) => l.startsWith('job-q-unsigned-report,'))!;
    expect(line).toMatch(/LMS's right answer differs|re-keyed/);
    expect(line.endsWith(',b,a')).toBe(true);
  });

  it('without the Result column the figures use the course\'s key, and say so', () => {
    const keep = interactions[0]!.map((h) => !/^"?Result \d+"?$/.test(h));
    const noResult = untable(table(rekeyed).map((r) => r.filter((_, i) => keep[i])));
    const analysis = analyse(load(['interactions-no-result.txt', noResult]), bank);
    expect(analysis.rightFrom).toBe('course-key');
    expect(analysis.rightBasis).toMatch(/this course's key/);
    expect(analysis.questions.find((x) => x.id === 'job-q-unsigned-report')!.keyDiffers?.lmsRight).toEqual(['b']);
  });
});

describe('minor: a discrimination that rounds to zero reads 0.00, never -0.00', () => {
  it('on the page, in the CSV and in flag texts', () => {
    expect(correlationText(-0.0004)).toBe('0.00');
    expect(correlationText(-0)).toBe('0.00');
    expect(fixed2(-0.004)).toBe('0.00');
    expect(fixed2(-0.006)).toBe('-0.01');
    expect(correlationText(0.25)).toBe('0.25');
  });
});

describe('m13: a colon- or pipe-separated gradebook export is read', () => {
  const grades = dsvFormat(',').parseRows(text('grades-export.csv'));
  for (const [separator, name] of [[':', 'colon'], ['|', 'pipe']] as const) {
    it(`${name}-separated: every grade is read, and joins the basic report's learners`, () => {
      const data = load(['basic.csv', text('basic.csv')], [`grades-${name}.txt`, dsvFormat(separator).formatRows(grades) + '\n']);
      const file = data.files[1]!;
      expect(file.how).toMatch(new RegExp(`${name}-separated`));
      expect(file.reports.map((r) => r.kind)).toEqual(['grades']);
      expect(data.gradeColumns).toContain('SCORM package: HIT course 1.2 class');
      expect(data.learners.find((l) => l.name === 'Test Learner11')!.grades['SCORM package: HIT course 1.2 class']).toBe(90);
      expect(data.learners.filter((l) => l.name === 'Test Learner11')).toHaveLength(1);
    });
  }
});

describe('m11: status and score come from the same attempt, by one rule the page states', () => {
  it('a scored first attempt and an unfinished second one: Graded 90, not "Incomplete" beside 90', () => {
    const basic = table(text('basic.csv'));
    const first = basic.find((r) => r[0] === '"Test Learner11"')!;
    const second = [...first];
    second[2] = '2';
    second[5] = '0';
    second[6] = 'Incomplete';
    const analysis = analyse(load(['basic-two-attempts.txt', untable([...basic, second])]), bank);
    const learner = analysis.learners.find((l) => l.name === 'Test Learner11')!;
    expect(learner.attempts).toBe(2);
    expect([learner.status, learner.score]).toEqual(['Graded', 90]);
    expect(ATTEMPT_RULE).toMatch(/best-scoring attempt.*last attempt/);
  });

  it('no scored attempt: the last attempt gives the status', () => {
    const basic = table(text('basic.csv'));
    const first = basic.find((r) => r[0] === '"Test Learner12"')!;
    const second = [...first];
    second[2] = '2';
    second[6] = 'Completed';
    const learner = analyse(load(['basic-two-attempts.txt', untable([...basic, second])]), bank).learners.find((l) => l.name === 'Test Learner12')!;
    expect([learner.status, learner.score]).toEqual(['Completed', null]);
  });
});

describe('m12: exports of per-module activities dropped together are combined per module', () => {
  const interactions = table(text('interactions.csv'));
  /** One module's activity: its SCO column titled as the teacher page titles a per-module zip, and only that module's quiz. */
  function moduleActivity(n: number): string {
    const m = bank.modules.find((x) => x.number === n)!;
    const width = interactions[0]!.length;
    return untable(
      interactions.map((r, i) => {
        if (i === 0) return r.map((h, c) => (c === 6 ? `"Module ${n}: ${m.title} (${bank.courseTitle})"` : h));
        const kept: string[] = [];
        for (let c = 7; c + 3 < r.length; c += 4) if (r[c]!.replace(/"/g, '').startsWith(`${m.slug}_a`)) kept.push(...r.slice(c, c + 4));
        return [...r.slice(0, 7), ...kept, ...Array(Math.max(0, width - 7 - kept.length)).fill('')];
      })
    );
  }

  it('the quizzes of module 1 and module 2, each from its own activity, are both counted', () => {
    const one = analyse(load(['module-1.txt', moduleActivity(1)]), bank);
    const two = analyse(load(['module-2.txt', moduleActivity(2)]), bank);
    const both = analyse(load(['module-1.txt', moduleActivity(1)], ['module-2.txt', moduleActivity(2)]), bank);
    const takers = (a: typeof both, n: number) => a.modules.find((m) => m.number === n)?.quizTakers ?? 0;
    expect(takers(one, 1)).toBe(8);
    expect(takers(two, 2)).toBe(8);
    expect([takers(both, 1), takers(both, 2)]).toEqual([8, 8]);
    const responses = (a: typeof both) => a.questions.reduce((n, q) => n + q.responses, 0);
    expect(responses(both)).toBe(responses(one) + responses(two));
    const data = load(['module-1.txt', moduleActivity(1)], ['module-2.txt', moduleActivity(2)]);
    expect(notesOf(data)).toMatch(/exports of 2 activities.*combined/);
    expect(notesOf(data)).not.toMatch(/probably exports of different activities|SCO column is named/);
  });
});

describe('minor: with the anonymise switch on, the notes show days only, like the rest of the page', () => {
  it('"two downloads differ (last accessed ..., 1:59 PM)" and a gradebook\'s download time lose their time of day', () => {
    const basic = text('basic.csv');
    const newer = basic.replace(/("Test Learner11"[^\n]*?"Wednesday, 2 December 2026, )\d{1,2}:\d{2} PM("\t\d)/, '$11:59 PM$2');
    expect(newer).not.toBe(basic);
    const grades = text('grades-export.csv');
    const newerGrades = grades.replace('90.00,90.00', '95.00,95.00').replace(/1796218675/g, '1796219999');
    const data = load(['older.txt', basic], ['newer.txt', newer], ['grades-export.csv', grades], ['grades-newer.csv', newerGrades]);
    const notes = data.notes.map((n) => n.text).join(' ');
    expect(notes).toMatch(/last accessed 2 December 2026, 1:59 PM/);
    expect(notes).toMatch(/downloaded \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const shown = daysOnly(notes);
    expect(shown).toMatch(/last accessed 2 December 2026\)/);
    expect(shown).not.toMatch(/\d{1,2}:\d{2}/);
  });
});
