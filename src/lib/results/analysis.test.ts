/**
 * The item-analysis maths on classes made to order: point-biserial values worked by hand, each flag
 * raised exactly when its rule says, mastery at the pass mark, aliases that do not follow name order.
 * Classes are built as Moodle interactions exports (one row per learner), through the same reader.
 */
import { describe, expect, it } from 'vitest';
import { analyse, FLAG_RULES, pointBiserial } from './analysis';
import type { BankItem, ItemBank } from './bank';
import { analysisCsv } from './export';
import { loadExports } from './load';

const single = (id: string, objective: string, correct = 'a'): BankItem => ({
  id,
  type: 'single',
  module: 'm1',
  objective,
  difficulty: 2,
  prompt: `Prompt of ${id}`,
  options: ['a', 'b', 'c'].map((o) => ({ id: o, text: `Option ${o} of ${id}`, correct: o === correct }))
});

const bank: ItemBank = {
  courseTitle: 'Test course',
  masteryScore: 80,
  finalItems: 6,
  modules: [{ slug: 'm1', number: 1, title: 'Module one', objectives: [{ id: 'o-1', text: 'First' }, { id: 'o-2', text: 'Second' }], quizDraw: 6 }],
  items: ['q-easy', 'q-hard'].map((id) => single(id, 'o-1')).concat(['q-neg', 'q-pos', 'q-pos2', 'q-pos3'].map((id) => single(id, 'o-2'))),
  version: 'test'
};

/** learners: each a list of [item, response, right?] answered in one m1 quiz attempt. */
function exportOf(learners: [string, boolean][][]): Uint8Array {
  const groups = Math.max(...learners.map((l) => l.length));
  const header = ['Name', 'Email address', 'Attempt', 'Started on', 'Last accessed on', 'Score', 'Test course'];
  for (let n = 0; n < groups; n++) header.push(`Question ${n}`, `Response ${n}`, `Right answer ${n}`, `Result ${n}`);
  const rows = learners.map((answers, i) => {
    const right = answers.filter(([, ok]) => ok).length;
    const cells = [`Learner Name ${String.fromCharCode(65 + (i % 26))}${i}`, `l${i}@example.com`, '1', '2 December 2026, 1:00 PM', '2 December 2026, 1:30 PM', String(right * 25), `${right * 25}/100`];
    for (const [item, ok] of answers) cells.push(`m1_a1_${item.split(':')[0]}`, item.split(':')[1] ?? (ok ? 'a' : 'b'), 'a', ok ? 'correct' : 'wrong');
    return cells;
  });
  return new TextEncoder().encode([header, ...rows].map((r) => r.join('\t')).join('\n') + '\n');
}

describe('point-biserial correlation', () => {
  it('matches values worked by hand', () => {
    // x = 1,1,0,0 against y = 1,0.5,0.5,0: mean x 0.5, mean y 0.5; sxy = 0.5, sxx = 1, syy = 0.5 -> 0.5/sqrt(0.5) = 0.7071
    expect(pointBiserial([1, 1, 0, 0], [1, 0.5, 0.5, 0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(pointBiserial([1, 0, 1, 0], [0, 1, 0, 1])).toBeCloseTo(-1, 12);
  });
  it('is undefined when the question or the rest does not vary, or with fewer than three responses', () => {
    expect(pointBiserial([1, 1, 1], [0.2, 0.5, 0.9])).toBeNull();
    expect(pointBiserial([1, 0, 1], [0.5, 0.5, 0.5])).toBeNull();
    expect(pointBiserial([1, 0], [1, 0])).toBeNull();
  });
});

describe('flags on a class of 12', () => {
  // Strong learners (0-5) get q-pos, q-pos2 and q-pos3 right and q-neg wrong; weak ones (6-11) the
  // opposite. Everyone gets q-easy right; only one gets q-hard right; nobody picks option c.
  const strong = (i: number) => i < 6;
  const learners = Array.from({ length: 12 }, (_, i): [string, boolean][] => [
    ['q-easy', true],
    ['q-hard', i === 0],
    ['q-neg', !strong(i)],
    ['q-pos', strong(i)],
    ['q-pos2', strong(i)],
    ['q-pos3', strong(i)]
  ]);
  const analysis = analyse(loadExports([{ name: 'class.txt', bytes: exportOf(learners) }], bank), bank);
  const q = (id: string) => analysis.questions.find((x) => x.id === id)!;
  const codes = (id: string) => q(id).flags.map((f) => f.code);

  it('too easy and too hard follow the difficulty thresholds', () => {
    expect(q('q-easy').difficulty).toBe(1);
    expect(codes('q-easy')).toContain('too-easy');
    expect(q('q-hard').difficulty).toBeCloseTo(1 / 12, 12);
    expect(codes('q-hard')).toContain('too-hard');
    expect(codes('q-pos')).not.toContain('too-easy');
    expect(codes('q-pos')).not.toContain('too-hard');
  });

  it('negative discrimination flags the question weaker learners get right, not its mirror', () => {
    expect(q('q-neg').discrimination!).toBeLessThan(FLAG_RULES.negativeDiscrimination);
    expect(codes('q-neg')).toContain('negative-discrimination');
    expect(q('q-pos').discrimination!).toBeGreaterThan(0.5);
    expect(codes('q-pos')).not.toContain('negative-discrimination');
    // Everyone right: no spread, no correlation.
    expect(q('q-easy').discrimination).toBeNull();
  });

  it('a wrong option nobody picks is flagged by its letter and text; a picked one is not', () => {
    expect(q('q-pos').flags.filter((f) => f.code === 'unused-distractor').map((f) => f.text)).toEqual(['nobody picks option c ("Option c of q-pos")']);
    expect(q('q-pos').options.map((o) => [o.key, o.count, o.rate])).toEqual([
      ['a', 6, 0.5],
      ['b', 6, 0.5],
      ['c', 0, 0]
    ]);
  });

  it('objective mastery counts learners at the pass mark', () => {
    const o2 = analysis.objectives.find((o) => o.id === 'o-2')!;
    // Strong learners got 3 of o-2's 4 questions right (75% < 80%), weak ones 1: nobody has mastered it.
    expect([o2.share, o2.learners, o2.mastered]).toEqual([0.5, 12, 0]);
    const o1 = analysis.objectives.find((o) => o.id === 'o-1')!;
    expect([o1.learners, o1.mastered]).toEqual([12, 1]);
    const lower = analyse(loadExports([{ name: 'class.txt', bytes: exportOf(learners) }], bank), bank, { passMark: 50 });
    expect(lower.objectives.find((o) => o.id === 'o-2')!.mastered).toBe(6);
  });

  it('quiz scores are right answers over the quiz size, and the span is last access minus start', () => {
    const first = analysis.learners.find((l) => l.email === 'l0@example.com')!;
    expect(first.quizzes).toEqual([{ quiz: 'm1', attempts: 1, best: 83, unfinished: false }]);
    expect(first.spanMinutes).toBe(30);
  });

  it('aliases are Learner 1..n, one each, not in name order', () => {
    const aliases = analysis.learners.map((l) => l.alias);
    expect(new Set(aliases).size).toBe(12);
    expect([...aliases].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Learner ${i + 1}`).sort());
    const byName = [...analysis.learners].sort((a, b) => a.name.localeCompare(b.name)).map((l) => l.alias);
    expect(byName).not.toEqual(Array.from({ length: 12 }, (_, i) => `Learner ${i + 1}`));
  });

  it('the CSV has every table, and no name or email when anonymised', () => {
    const named = analysisCsv(analysis, bank, { anonymise: false });
    const anonymous = analysisCsv(analysis, bank, { anonymise: true });
    for (const title of ['Questions (discrimination:', 'Options and responses', 'Objectives', 'Modules', 'Learners', 'Completion funnel']) expect(anonymous).toContain(title);
    expect(named).toContain('l0@example.com');
    expect(anonymous).not.toMatch(/example\.com|Learner Name/);
    expect(anonymous).toMatch(/q-neg,yes,1\. Module one,o-2,single,Prompt of q-neg,12,12,50\.0,-0\.99,"negative discrimination \(-0\.99\)/);
  });
});

it('a question answered by fewer learners than the rule needs is "too few to judge" and nothing else', () => {
  const learners = Array.from({ length: FLAG_RULES.minLearners - 1 }, (): [string, boolean][] => [['q-easy', true]]);
  const analysis = analyse(loadExports([{ name: 'class.txt', bytes: exportOf(learners) }], bank), bank);
  expect(analysis.questions[0]!.flags.map((f) => f.code)).toEqual(['too-few']);
});
