import { describe, expect, it } from 'vitest';
import type { LessonBlock } from '$lib/content/types';
import { OPENING_CHARS, isBlockView, openingViews } from './views';

const prose = (chars: number): LessonBlock => ({ kind: 'html', html: `<p>${'x'.repeat(chars)}</p>` });
const block = (name: string): LessonBlock => ({ kind: 'component', name, props: {} });

describe('which block views arrive with the lesson', () => {
  it('knows the five block views and nothing else', () => {
    for (const name of ['process', 'timeline', 'diagram', 'sort', 'scenario']) expect(isBlockView(name)).toBe(true);
    for (const name of ['check', 'callout', 'chart', 'exercise']) expect(isBlockView(name)).toBe(false);
  });

  it('loads a block in the lesson opening with the lesson, and one after more text lazily', () => {
    expect(openingViews([prose(300), block('process'), prose(OPENING_CHARS), block('sort')])).toEqual(['process']);
    expect(openingViews([prose(OPENING_CHARS + 1), block('diagram')])).toEqual([]);
  });

  it('counts other components before a block as taking room on the first screen', () => {
    expect(openingViews([prose(OPENING_CHARS - 300), block('check'), block('check'), block('sort')])).toEqual([]);
  });
});
