/**
 * Every option of a choice question explains itself: a learner who picks it, right or wrong, is
 * told why (issue 12's review found modules 6-8 giving feedback on the wrong options only, and
 * `reg-kc-rates` option a on none). Quiz banks and knowledge checks of every module. A true/false
 * item has two options too: both `feedbackTrue` and `feedbackFalse` say why (the review found 18
 * items with only an explanation).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lib/content/loader';

const course = loadCourse({ root: resolve(import.meta.dirname, '../..') });

describe.each(Object.entries(course.modules))('module %s', (_slug, content) => {
  const items = [...content.quiz, ...Object.values(content.checks)];
  it('gives feedback on every option of every choice question, the right ones included', () => {
    const silent = items.flatMap((item) =>
      item.type === 'single' || item.type === 'multiple' ? item.options.filter((o) => !o.feedbackHtml?.trim()).map((o) => `${item.id} option ${o.id}`) : []
    );
    expect(silent).toEqual([]);
  });

  it('gives feedback on both answers of every true/false question', () => {
    const silent = items.flatMap((item) =>
      item.type === 'true-false'
        ? [
            ...(item.feedbackTrueHtml?.trim() ? [] : [`${item.id} feedbackTrue`]),
            ...(item.feedbackFalseHtml?.trim() ? [] : [`${item.id} feedbackFalse`])
          ]
        : []
    );
    expect(silent).toEqual([]);
  });
});
