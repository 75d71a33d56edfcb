/**
 * Issue 12 review, findings C20 (remainder), C25a and C27 (second item): cheap checks that the
 * corrected passages stay corrected.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const modules = resolve(import.meta.dirname, '../../modules');
const read = (file: string): string => readFileSync(join(modules, file), 'utf8');

describe('issue 12 review C20: exactness and independence each have one home', () => {
  it('01-01 teaches why the work must be very exact; 06-03 and 07-02 link to it', () => {
    expect(read('01-the-job/01-what-they-do.md')).toMatch(/very exact: medical records are used for research/);
    for (const file of ['06-registries-and-data/03-data-for-quality-and-cost.md', '07-work-life/02-working-conditions.md']) {
      const text = read(file);
      expect(text, file).not.toMatch(/used for research and to decide insurance\s+payments/);
      expect(text, file).toContain('(lesson:the-job/what-they-do)');
    }
  });

  it('07-02 teaches independence and weekly deadlines; 01-02 links to it', () => {
    expect(read('07-work-life/02-working-conditions.md')).toMatch(/They work to weekly deadlines\./);
    const day = read('01-the-job/02-a-days-work.md');
    expect(day).not.toMatch(/weekly\s+deadlines|own tasks and goals/);
    expect(day).toContain('(lesson:work-life/working-conditions)');
  });
});

describe('issue 12 review C25a: the specializations matching item', () => {
  it('no target shares a word of five letters or more with the title it belongs to', () => {
    type Matching = { id: string; pairs: { prompt: string; target: string }[]; targets: { id: string; text: string }[] };
    const quiz = parse(read('01-the-job/quiz.yaml')) as { items: Matching[] };
    const matching = quiz.items.find((i) => i.id === 'job-q-specialist-match');
    expect(matching).toBeDefined();
    const words = (t: string) => new Set(t.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 5));
    for (const pair of matching!.pairs) {
      const target = matching!.targets.find((t) => t.id === pair.target)!;
      const shared = [...words(pair.prompt)].filter((w) => words(target.text).has(w));
      expect(shared, pair.prompt).toEqual([]);
    }
    const manager = matching!.pairs.find((p) => /manager/i.test(p.prompt))!;
    expect(matching!.targets.find((t) => t.id === manager.target)!.text).not.toMatch(/overs|manag/i);
  });
});

describe('issue 12 review C27: the consent on the record-parts flipcard', () => {
  it('names what is agreed to instead of pointing above or below', () => {
    const text = read('02-the-health-record/01-what-a-record-holds.md');
    const card = text.split('\n').find((l) => l.includes(':: A **consent**'));
    expect(card).toBeDefined();
    expect(card).not.toMatch(/\b(above|below)\b/i);
  });
});
