/**
 * The final assessment draws from every module's pool, so two modules must not ask the same
 * question in other words: a learner would meet it twice in one attempt, and a coordinator's
 * report would split one weak point over two ids. Each graded item is compared with every item of
 * the other modules by the words of its prompt and its right answer (Jaccard overlap of content
 * words, sources' names left out); a pair above OVERLAP_LIMIT is a near-copy. One fact keeps one
 * home: the item belongs to the module that teaches it, and the other module links there.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from './loader';
import type { QuizItem } from './types';

/** The near-copies the content review found scored 0.45 to 0.71 (a pair of Minnesota items 0.42); distinct items stay below 0.32. */
const OVERLAP_LIMIT = 0.4;

const STOP = new Set(
  (
    'the a an of and or to in for on is are was were be by with as at that this which what these those it its their they ' +
    'from his her how why who does do not no yes than more most true false should you your can has have ' +
    // Source names and the words that cite them say where a fact comes from, not what is asked.
    'bls ooh occupational outlook handbook edition washington profile career data according page'
  ).split(' ')
);

/** Content words of a piece of compiled HTML. */
export function contentWords(html: string): Set<string> {
  return new Set(
    html
      .replace(/<[^>]*>/g, ' ')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOP.has(w))
  );
}

/**
 * What an item asks (its case, when it has one, and its prompt) and what counts as right, as one
 * piece of text. The case counts: "Owen wants to become a manager; his next step?" asks the same
 * as a bare true-false on the route to manager (the review's job-q-advancement ~ train-q-advancement).
 */
function askedAndAnswered(item: QuizItem): string {
  return `${item.caseHtml ?? ''} ${promptAndAnswer(item)}`;
}

function promptAndAnswer(item: QuizItem): string {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return [item.promptHtml, ...item.options.filter((o) => o.correct).map((o) => o.html)].join(' ');
    case 'ordering':
      return [item.promptHtml, ...item.steps.map((s) => s.html)].join(' ');
    case 'matching':
      return [item.promptHtml, ...item.pairs.map((p) => p.promptHtml)].join(' ');
    case 'numeric':
      return `${item.promptHtml} ${item.answer}`;
    case 'true-false':
      return `${item.promptHtml} ${item.answer}`;
    case 'fill-in':
      return `${item.promptHtml} ${item.accepted.join(' ')}`;
  }
}

export function overlap(a: Set<string>, b: Set<string>): number {
  const shared = [...a].filter((w) => b.has(w)).length;
  return shared / (a.size + b.size - shared || 1);
}

const course = loadCourse({ root: resolve(import.meta.dirname, '../../..') });

describe('graded items across modules', () => {
  it('measures overlap by content words', () => {
    const a = contentWords('<p>What percent of technician jobs were in hospitals in 2018?</p> 34');
    const b = contentWords('<p>In 2018, what percent of technician jobs were in hospitals?</p> 34');
    expect(overlap(a, b)).toBe(1);
    expect(overlap(a, contentWords('<p>Which code set do physicians use for office visits?</p>'))).toBeLessThan(0.1);
  });

  it('has no near-copy of an item in another module (both could meet in one final assessment)', () => {
    const items = Object.values(course.modules).flatMap((m) => m.quiz.map((item) => ({ module: m.slug, id: item.id, words: contentWords(askedAndAnswered(item)) })));
    const nearCopies: string[] = [];
    for (const [i, a] of items.entries()) {
      for (const b of items.slice(i + 1)) {
        if (a.module === b.module) continue;
        const score = overlap(a.words, b.words);
        if (score >= OVERLAP_LIMIT) nearCopies.push(`${a.id} ~ ${b.id} (${score.toFixed(2)})`);
      }
    }
    expect(nearCopies).toEqual([]);
  });
});
