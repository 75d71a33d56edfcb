/**
 * A teacher may package only some modules (`--modules`, or the teacher page): the class's exports
 * then hold questions of those modules only. The funnel, the module and objective tables and
 * "module quizzes taken" must cover the package's modules, not show the others as reached by 0%.
 *
 * The export of such a package is made from the real SCORM 1.2 interactions report by keeping only
 * the interactions of modules 1-3 (quizzes the-job, the-health-record, coding-systems, and their
 * questions in the final), renumbered in answer order as Moodle numbers them.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/loader';
import { analyse } from './analysis';
import { itemBankFromCourse } from './bank';
import { loadExports } from './load';

const root = resolve(import.meta.dirname, '../../..');
const bank = itemBankFromCourse(loadCourse({ root }), 'test');
const full = readFileSync(join(root, 'tests/fixtures/moodle-4.5/scorm12/interactions.csv'), 'utf8');
const KEPT = /^"?(the-job|the-health-record|coding-systems)_a\d+_|^"?final_a\d+_(job|rec|code)-/;

function modules1to3(): string {
  const [header, ...lines] = full.split('\n');
  const width = header!.split('\t').length;
  return [
    header,
    ...lines.map((line) => {
      if (!line) return line;
      const cells = line.split('\t');
      const kept: string[] = [];
      for (let i = 7; i < cells.length; i += 4) if (KEPT.test(cells[i]!)) kept.push(...cells.slice(i, i + 4));
      return [...cells.slice(0, 7), ...kept, ...Array(Math.max(0, width - 7 - kept.length)).fill('')].join('\t');
    })
  ].join('\n');
}

const data = loadExports([{ name: 'modules-1-3.txt', bytes: new TextEncoder().encode(modules1to3()) }], bank);

describe('a package of modules 1-3 only', () => {
  const analysis = analyse(data, bank);

  it('the funnel has the quizzes of modules 1-3 and the final, no phantom module at 0%', () => {
    expect(analysis.funnel.map((s) => s.label)).toEqual([
      'Listed in the report',
      'Opened the activity',
      'Took the module 1 quiz',
      'Took the module 2 quiz',
      'Took the module 3 quiz',
      'Took the final assessment',
      'Reached the 80% pass mark'
    ]);
    expect(analysis.funnel.find((s) => s.label === 'Took the module 3 quiz')!.count).toBe(8);
  });

  it('the module and objective tables cover modules 1-3 only, and the page is told which were left out and why', () => {
    expect(analysis.modules.map((m) => m.number)).toEqual([1, 2, 3]);
    expect(new Set(analysis.objectives.map((o) => o.module))).toEqual(new Set(['the-job', 'the-health-record', 'coding-systems']));
    expect(analysis.modulesLeftOut.map((m) => m.number)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('"module quizzes taken" counts out of the package\'s 3 module quizzes', () => {
    expect(analysis.moduleQuizzes).toBe(3);
    for (const l of analysis.learners.filter((x) => x.attempts > 0)) expect(l.modulesReached, l.name).toEqual(['the-job', 'the-health-record', 'coding-systems']);
  });

  it('the coordinator can say the package has more modules: they are back, reached by 0', () => {
    const all = analyse(data, bank, { modules: bank.modules.map((m) => m.slug) });
    expect(all.modules).toHaveLength(9);
    expect(all.funnel.find((s) => s.label === 'Took the module 9 quiz')!.count).toBe(0);
    expect(all.modulesLeftOut).toEqual([]);
  });
});

describe('the full package (the real export): every module is in, none left out', () => {
  it('all 9 module quizzes are steps of the funnel', () => {
    const analysis = analyse(loadExports([{ name: 'interactions.csv', bytes: new TextEncoder().encode(full) }], bank), bank);
    expect(analysis.modules).toHaveLength(9);
    expect(analysis.modulesLeftOut).toEqual([]);
    expect(analysis.moduleQuizzes).toBe(9);
  });
});
