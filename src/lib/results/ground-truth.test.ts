/**
 * Issue 14's acceptance test: the figures worked out from Moodle 4.5's real exports equal the ones
 * worked out from answers.json, what each (fictional) student actually answered: difficulty of every
 * question, pick rate of every option, and every learner's score. Figures are compared by item id, so
 * they hold whether or not a question is still in this version of the course.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/loader';
import { analyse, type QuestionStats } from './analysis';
import { itemBankFromCourse } from './bank';
import { loadExports } from './load';

const root = resolve(import.meta.dirname, '../../..');
const fixtures = join(root, 'tests/fixtures/moodle-4.5');
const bank = itemBankFromCourse(loadCourse({ root }), 'test');

interface TruthAnswer {
  item_id: string;
  type: string;
  response: { ids?: string[]; value?: boolean | number };
  correct: boolean;
}
interface Truth {
  students: Record<string, { moodle_name: string; quiz_attempts: { quizId: string; submitted: boolean; score_shown_by_course: number; answers: TruthAnswer[] }[] }>;
}

const truthOf = (folder: string) => JSON.parse(readFileSync(join(fixtures, folder, 'answers.json'), 'utf8')) as Truth;
const file = (folder: string, name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(fixtures, folder, name))) });

/** Every submitted answer of the class (unsubmitted attempts never reached Moodle). */
function submittedAnswers(truth: Truth) {
  return Object.values(truth.students).flatMap((s) => s.quiz_attempts.filter((a) => a.submitted).flatMap((a) => a.answers));
}

function truthFigures(truth: Truth) {
  const byItem = new Map<string, TruthAnswer[]>();
  for (const a of submittedAnswers(truth)) byItem.set(a.item_id, [...(byItem.get(a.item_id) ?? []), a]);
  const difficulty = new Map([...byItem].map(([id, as]) => [id, as.filter((a) => a.correct).length / as.length]));
  const pickRates = new Map<string, Map<string, number>>();
  for (const [id, as] of byItem) {
    if (as[0]!.type !== 'single' && as[0]!.type !== 'multiple') continue;
    const rates = new Map<string, number>();
    for (const a of as) for (const option of a.response.ids ?? []) rates.set(option, (rates.get(option) ?? 0) + 1);
    pickRates.set(id, new Map([...rates].map(([o, n]) => [o, n / as.length])));
  }
  const scores = new Map(
    Object.values(truth.students).map((s) => {
      const finals = s.quiz_attempts.filter((a) => a.quizId === 'final' && a.submitted).map((a) => a.score_shown_by_course);
      return [s.moodle_name, finals.length ? Math.max(...finals) : null];
    })
  );
  return { difficulty, pickRates, scores, responses: submittedAnswers(truth).length };
}

function byId(questions: QuestionStats[]) {
  return new Map(questions.map((q) => [q.id, q]));
}

describe('SCORM 1.2 class: the interactions report in each of Moodle\'s formats gives the class\'s real figures', () => {
  const truth = truthFigures(truthOf('scorm12'));

  for (const name of ['interactions.csv', 'interactions.xlsx', 'interactions.ods']) {
    describe(name, () => {
      const data = loadExports([file('scorm12', name)], bank);
      const analysis = analyse(data, bank);
      const questions = byId([...analysis.questions, ...analysis.unknownQuestions]);

      it('is recognised as the interactions report, with nothing to warn about', () => {
        expect(data.files[0]!.reports.map((r) => r.kind)).toEqual(['interactions']);
        // (The SCO column is named after the course title of the build that was played.)
        expect(data.files[0]!.notes.filter((n) => n.level !== 'info' && !/SCO column is named/.test(n.text))).toEqual([]);
      });

      it('counts every submitted answer exactly once, none dropped', () => {
        expect([...questions.values()].reduce((n, q) => n + q.responses, 0)).toBe(truth.responses);
        expect(analysis.unreadableIds).toEqual([]);
      });

      it('gives every question the difficulty (share right) of the answers given', () => {
        expect([...questions.keys()].sort()).toEqual([...truth.difficulty.keys()].sort());
        for (const [id, p] of truth.difficulty) expect(questions.get(id)!.difficulty, id).toBeCloseTo(p, 10);
      });

      it('gives every option of a choice question the share of answers that picked it', () => {
        for (const [id, rates] of truth.pickRates) {
          const q = questions.get(id)!;
          if (!q.known) continue; // a retired question lists its raw responses instead (tested elsewhere)
          for (const o of q.options) expect(o.rate, `${id} option ${o.label}`).toBeCloseTo(rates.get(o.key) ?? 0, 10);
        }
      });

      it('gives every learner their score: the best final assessment, none for those who did not take it', () => {
        const learners = new Map(analysis.learners.map((l) => [l.name, l]));
        for (const [name, score] of truth.scores) {
          expect(learners.get(name)!.score, `${name} (Moodle's score)`).toBe(score);
          expect(learners.get(name)!.finalBest, `${name} (from the interactions)`).toBe(score);
        }
        // Moodle writes 0 for the two without a score; the page says so instead of showing 0.
        expect(analysis.learners.filter((l) => l.scoreNote).map((l) => l.name).sort()).toEqual(['Test Learner12', 'Test Learner17']);
        expect(learners.get('Test Student')!.status).toBe('Not attempted');
      });
    });
  }

  for (const [basic, grades] of [
    ['basic.csv', 'grades-export.csv'],
    ['basic.xlsx', 'grades-export.xlsx'],
    ['basic.ods', 'grades-export.ods']
  ]) {
    it(`${basic} alone gives the same scores, and ${grades} agrees`, () => {
      const analysis = analyse(loadExports([file('scorm12', basic!), file('scorm12', grades!)], bank), bank);
      expect(analysis.gradeColumn).toBe('SCORM package: HIT course 1.2 class');
      for (const [name, score] of truth.scores) {
        const l = analysis.learners.find((x) => x.name === name)!;
        expect(l.score, name).toBe(score);
        expect(l.gradebook, name).toBe(score);
      }
    });
  }

  it('the csv, xlsx and ods downloads of the same report dropped together count each attempt once', () => {
    const data = loadExports(['interactions.csv', 'interactions.xlsx', 'interactions.ods'].map((n) => file('scorm12', n)), bank);
    const analysis = analyse(data, bank);
    expect([...analysis.questions, ...analysis.unknownQuestions].reduce((n, q) => n + q.responses, 0)).toBe(truth.responses);
    expect(data.notes.map((n) => n.text).join(' ')).toMatch(/16 learner attempts appear in more than one interactions file/);
  });

  it('every learner\'s module quizzes are the modules they reached', () => {
    const analysis = analyse(loadExports([file('scorm12', 'interactions.csv')], bank), bank);
    const raw = truthOf('scorm12');
    for (const s of Object.values(raw.students)) {
      const modules = [...new Set(s.quiz_attempts.filter((a) => a.submitted && a.quizId !== 'final').map((a) => a.quizId))].sort();
      expect([...analysis.learners.find((l) => l.name === s.moodle_name)!.modulesReached].sort(), s.moodle_name).toEqual(modules);
    }
  });
});

describe('SCORM 2004 class: Moodle gives scores but no interactions', () => {
  const truth = truthFigures(truthOf('scorm2004'));

  it('the basic report gives every learner their best final score', () => {
    const analysis = analyse(loadExports([file('scorm2004', 'basic.csv')], bank), bank);
    for (const [name, score] of truth.scores) expect(analysis.learners.find((l) => l.name === name)!.score, name).toBe(score);
  });

  it('the interactions report is read as it is (empty) and the page says the 1.2 zip gives the data', () => {
    const data = loadExports([file('scorm2004', 'interactions.csv'), file('scorm2004', 'interactions.xlsx')], bank);
    const analysis = analyse(data, bank);
    expect(analysis.questions).toEqual([]);
    for (const f of data.files) {
      expect(f.reports.map((r) => r.kind)).toEqual(['interactions']);
      expect(f.notes.map((n) => n.text).join(' ')).toMatch(/Every interaction cell is empty.*SCORM 2004.*SCORM 1\.2 zip/);
    }
    for (const [name, score] of truth.scores) expect(analysis.learners.find((l) => l.name === name)!.score, name).toBe(score);
  });
});

describe('every copied Moodle download is recognised as the report it is', () => {
  const kinds: Record<string, string> = { basic: 'basic', interactions: 'interactions', objectives: 'objectives', grades: 'grades' };
  for (const folder of ['scorm12', 'scorm2004']) {
    for (const name of readdirSync(join(fixtures, folder)).filter((f) => f !== 'answers.json')) {
      it(`${folder}/${name}`, () => {
        const data = loadExports([file(folder, name)], bank);
        expect(data.files[0]!.reports.map((r) => r.kind)).toEqual([kinds[name.split(/[-.]/)[0]!]]);
        expect(data.files[0]!.notes.filter((n) => n.level === 'error' && !/no "Question N" columns/.test(n.text))).toEqual([]);
        expect(() => analyse(data, bank)).not.toThrow();
      });
    }
  }
});
