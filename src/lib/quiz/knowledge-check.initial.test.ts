/**
 * What a knowledge check paints before XState loads (knowledge-check.initial.ts) is what the
 * machine's first snapshot shows, for every knowledge check in the course: the view does not
 * change under the learner when the machine arrives (issue 15).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { loadCourse } from '$lib/content/loader';
import { knowledgeCheckMachine } from './knowledge-check.machine';
import { initialCheckSnapshot } from './knowledge-check.initial';
import { orderingItem, singleItem } from './fixtures';

const course = loadCourse({ root: process.env.HIT_CONTENT_ROOT ?? resolve(import.meta.dirname, '../../..') });
const checks = Object.values(course.modules).flatMap((m) => Object.values(m.checks));

describe('a knowledge check before its machine loads', () => {
  it('the course has knowledge checks of several types', () => {
    expect(checks.length).toBeGreaterThan(5);
  });

  it.each([...checks, singleItem, orderingItem].map((item) => [item.id, item] as const))('%s: the xstate-free snapshot is the machine\'s first', (_, item) => {
    const actor = createActor(knowledgeCheckMachine, { input: { item } }).start();
    const first = actor.getSnapshot();
    const before = initialCheckSnapshot({ item });
    expect(before.value).toEqual(first.value);
    expect(before.context).toEqual(first.context);
    // The same item object, not a copy: the views compare and read it as it is.
    expect(before.context.item).toBe(first.context.item);
    actor.stop();
  });
});
