/**
 * What the learner is told about their progress and its recording, in plain words. Each message
 * says what happened, what is kept and what the learner can do; none blocks the course.
 */
import type { CourseTree } from '$lib/content/types';
import type { PackageChanges } from './codec';
import { FINAL_QUIZ_ID } from './learner-state';
import type { LmsNotice } from './types';

/** Notices the standalone store gives too (the LMS-only ones are in lms-notices.ts, loaded with the LMS session). */
export const NOTICES: Record<'standalone' | 'state-reset' | 'lms-not-loaded' | 'saved-not-loaded', string> = {
  standalone:
    'This course is not connected to a learning management system (LMS), so your progress is not reported to your teacher. It is kept in this browser on this device.',
  'state-reset':
    'Your saved progress could not be read, so the course starts from the beginning. Everything you do from now on is saved as usual.',
  'lms-not-loaded':
    'Part of this course did not load, so it cannot reach your LMS: your progress is saved on this device only. Reopen the course from your LMS here to be asked whether to add the lessons you view.',
  'saved-not-loaded':
    'Part of this course did not load, so your saved progress could not be read. It is kept as it was: reopen the course to continue where you left off. What you do until then is not saved.'
};

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function quizName(course: CourseTree, id: string): string {
  if (id === FINAL_QUIZ_ID) return 'the final assessment';
  const module = course.modules.find((m) => m.slug === id);
  return module ? `the quiz of module ${module.number} (${module.title})` : 'a quiz';
}

/** "This course was updated since your last visit..." with what was kept and what was not. */
export function packageUpdatedNotice(course: CourseTree, changes: PackageChanges): LmsNotice {
  const gone: string[] = [];
  if (changes.modulesRemoved) gone.push(`${plural(changes.modulesRemoved, 'module')} you had started`);
  const lessons = changes.lessonsRemoved;
  if (lessons) gone.push(`${plural(lessons, 'lesson')} you had viewed`);
  if (changes.quizzesRemoved) gone.push(`${plural(changes.quizzesRemoved, 'quiz', 'quizzes')} you had taken`);
  if (changes.locationRemoved) gone.push('the lesson you were last on');
  const parts = ['This course was updated since your last visit. Your progress in everything that is still in it is kept.'];
  if (gone.length) parts.push(`No longer in the course, so no longer in your progress: ${gone.join(', ')}.`);
  for (const id of changes.quizzesChanged) {
    parts.push(`The questions of ${quizName(course, id)} changed, so your answers to its last attempt were cleared; your attempts and best score stand.`);
  }
  return { kind: 'package-updated', message: parts.join(' ') };
}
