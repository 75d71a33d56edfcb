/**
 * The progress summary a learner reads on the home page and #/progress: each figure follows from
 * the saved state by the course's rules, the course status is exactly courseStatus's (what the LMS
 * is told), and the next step walks the course in order.
 */
import { describe, expect, it } from 'vitest';
import type { CourseTree } from '$lib/content/types';
import { courseStatus } from '$lib/lms/progress';
import type { LearnerState, QuizProgress } from '$lib/lms/types';
import { displayName } from './names';
import { summarise } from './summary';

function tree(settings: Partial<CourseTree['settings']> = {}): CourseTree {
  const mod = (slug: string, number: number, lessons: string[]) => ({
    slug,
    number,
    title: `Module ${slug}`,
    summary: '',
    minutes: 20,
    objectives: [{ id: `${slug}-1`, text: 'Do a thing' }],
    lessons: lessons.map((l, i) => ({ slug: l, title: `Lesson ${l}`, minutes: 5 + i })),
    quiz: { draw: 4, poolSize: 8, fingerprint: `pool-${slug}` }
  });
  return {
    settings: { title: 'T', description: '', language: 'en-US', masteryScore: 80, completion: 'both', attemptsPerQuiz: 3, randomise: false, finalAssessmentItems: 10, modules: [], scormVersion: null, packageId: 'test', whenFinished: 'keep-open', ...settings },
    modules: [mod('a', 1, ['one', 'two']), mod('b', 2, ['three'])]
  };
}

const empty = (): LearnerState => ({ seen: [], location: null, quizzes: {}, checks: [], exercises: {} });
const quiz = (over: Partial<QuizProgress>): QuizProgress => ({ attempt: 1, seed: 1, index: 0, answers: [], submitted: true, best: 50, passed: false, ...over });

describe('summarise', () => {
  it('a new learner: nothing started, the first lesson next, no score', () => {
    const s = summarise(tree(), empty(), 80);
    expect(s.modules.map((m) => m.state)).toEqual(['not-started', 'not-started']);
    expect(s.next).toEqual({ kind: 'lesson', href: '#/a/one', label: 'Module 1: Lesson one' });
    expect(s.status).toEqual({ completed: false, success: 'unknown', score: null });
    expect(s.modules[0]!.quiz).toEqual({ best: null, passed: false, attemptsUsed: 0, attemptsLeft: 3, inProgress: false });
    expect([s.lessonsSeen, s.lessonsTotal, s.minutesSeen, s.minutesTotal]).toEqual([0, 3, 0, 16]);
  });

  it('lessons viewed and study time count per module; the quiz comes next once they are all viewed', () => {
    const s = summarise(tree(), { ...empty(), seen: ['a/one', 'a/two'] }, 80);
    expect(s.modules[0]).toMatchObject({ lessonsSeen: 2, minutesSeen: 11, minutesTotal: 11, nextLesson: null, state: 'in-progress' });
    expect(s.next).toEqual({ kind: 'quiz', href: '#/a/quiz', label: 'Take the quiz of module 1: Module a' });
  });

  it('a failed attempt leaves attempts; a passed quiz meets the module objectives and finishes the module', () => {
    const failed = summarise(tree(), { ...empty(), seen: ['a/one', 'a/two'], quizzes: { a: quiz({ attempt: 1, best: 50 }) } }, 80);
    expect(failed.modules[0]!.quiz).toMatchObject({ best: 50, passed: false, attemptsUsed: 1, attemptsLeft: 2 });
    expect(failed.modules[0]!.objectives[0]!.met).toBe(false);
    expect(failed.next.kind).toBe('quiz');
    const passed = summarise(tree(), { ...empty(), seen: ['a/one', 'a/two'], quizzes: { a: quiz({ attempt: 2, best: 90, passed: true }) } }, 80);
    expect(passed.modules[0]).toMatchObject({ state: 'done', quiz: { attemptsLeft: 1 } });
    expect(passed.modules[0]!.objectives[0]!.met).toBe(true);
    expect(passed.modules[1]!.objectives[0]!.met).toBe(false);
    expect(passed.next).toEqual({ kind: 'lesson', href: '#/b/three', label: 'Module 2: Lesson three' });
  });

  it('an attempt in progress is finished next; out of attempts the module is done without a pass', () => {
    const open = summarise(tree(), { ...empty(), seen: ['a/one', 'a/two'], quizzes: { a: quiz({ attempt: 3, submitted: false }) } }, 80);
    expect(open.modules[0]!.quiz).toMatchObject({ inProgress: true, attemptsLeft: 0 });
    expect(open.next.label).toBe('Finish the quiz of module 1: Module a');
    const spent = summarise(tree(), { ...empty(), seen: ['a/one', 'a/two'], quizzes: { a: quiz({ attempt: 3 }) } }, 80);
    expect(spent.modules[0]!.state).toBe('done');
    expect(spent.next.href).toBe('#/b/three');
  });

  it('unlimited attempts never run out', () => {
    const s = summarise(tree({ attemptsPerQuiz: 0 }), { ...empty(), quizzes: { a: quiz({ attempt: 9 }) } }, 80);
    expect(s.modules[0]!.quiz!.attemptsLeft).toBe(Infinity);
  });

  it('an objective is met by its own module quiz, as the LMS is told, not by the final assessment', () => {
    const state: LearnerState = { ...empty(), quizzes: { a: quiz({ passed: true, best: 90 }), final: quiz({ best: 95, passed: true }) } };
    const s = summarise(tree(), state, 80);
    expect(s.modules.map((m) => m.objectives[0]!.met)).toEqual([true, false]);
  });

  it('passed module quizzes meet their objectives, and a complete course leads to the certificate', () => {
    const state: LearnerState = { ...empty(), seen: ['a/one', 'a/two', 'b/three'], quizzes: { a: quiz({ passed: true, best: 100 }), b: quiz({ passed: true, best: 85 }), final: quiz({ best: 90, passed: true }) } };
    const s = summarise(tree(), state, 80);
    expect(s.status).toEqual({ completed: true, success: 'passed', score: 90 });
    expect(s.modules.flatMap((m) => m.objectives.map((o) => o.met))).toEqual([true, true]);
    expect(s.next).toEqual({ kind: 'certificate', href: '#/certificate', label: 'Your certificate of completion' });
  });

  it('the status is courseStatus with the pass mark given, for every completion rule', () => {
    const state: LearnerState = { ...empty(), seen: ['a/one'], quizzes: { final: quiz({ best: 75 }) } };
    for (const completion of ['lessons', 'assessment', 'both'] as const) {
      for (const passMark of [70, 80]) {
        const course = tree({ completion });
        expect(summarise(course, state, passMark).status).toEqual(courseStatus(course, state, passMark));
      }
    }
  });

  it('with the final failed and no attempts left, the next step is the progress page', () => {
    const state: LearnerState = { ...empty(), seen: ['a/one', 'a/two', 'b/three'], quizzes: { a: quiz({ passed: true }), b: quiz({ passed: true }), final: quiz({ attempt: 3, best: 60 }) } };
    expect(summarise(tree(), state, 80).next.kind).toBe('progress');
  });
});

describe('displayName', () => {
  it.each([
    ['Okafor, Amara', 'Amara Okafor'],
    ['  Reyes ,  Daniel  ', 'Daniel Reyes'],
    ['Reyes, Daniel, Jr.', 'Daniel Reyes Jr.'],
    ['Amara Okafor', 'Amara Okafor'],
    ['Nair, Priya Devi', 'Priya Devi Nair'],
    ['', ''],
    [null, '']
  ])('%s -> %s', (raw, shown) => {
    expect(displayName(raw)).toBe(shown);
  });
});
