/**
 * What the learner is told about their progress and its recording, in plain words. Each message
 * says what happened, what is kept and what the learner can do; none blocks the course.
 */
import type { CourseTree } from '$lib/content/types';
import { FINAL_QUIZ_ID, type PackageChanges } from './codec';
import type { LmsNotice, NoticeAction } from './types';

export const NOTICES: Record<Exclude<LmsNotice['kind'], 'package-updated' | 'unrecorded-progress'>, string> = {
  standalone:
    'This course is not connected to a learning management system (LMS), so your progress is not reported to your teacher. It is kept in this browser on this device.',
  'state-reset':
    'Your saved progress could not be read, so the course starts from the beginning. Everything you do from now on is saved as usual.',
  'saved-locally':
    'Your LMS did not accept the last save. Your progress is kept in this browser, and the course keeps trying to send it.',
  'lms-unreachable':
    'The course has lost contact with your LMS. Your progress is kept in this browser on this device: reopen the course from your LMS on this device to have it recorded.',
  'not-connected':
    'Your LMS did not start a session for this course, so what you do now cannot be sent to your teacher. The lessons you view are kept in this browser: the next time you open the course from your LMS on this device, you will be asked whether to add them to your record. Quiz results cannot be added later, because the LMS cannot tell who took the quiz: take quizzes once the course is connected.',
  'review-mode': 'You are reviewing this course: nothing you do now changes what your LMS has recorded.',
  'no-credit': 'This is a practice launch: your LMS keeps your progress, but it may not count towards your grade.',
  'partly-saved':
    'Your LMS has room for only part of what you have done in this course, so some of it (your longest typed answers, the review of quizzes you have submitted, or where you were in an exercise) is kept in this browser only. Your lessons, scores and attempts are all recorded. Carry on on this device to keep the rest.',
  'lms-not-loaded':
    'Part of this course did not load, so it cannot talk to your learning management system (LMS): your progress is saved on this device only and does not reach your teacher. Reopen the course from your LMS to try again; if this notice comes back, tell your teacher.'
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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

export const CLAIM_ACTIONS: NoticeAction[] = [
  { id: 'claim-progress', label: 'Yes, add it to my record' },
  { id: 'discard-progress', label: 'No, discard it' }
];

/**
 * Asks whether progress made here while the LMS could not say who the learner was is theirs.
 * `quizzes`: quizzes taken then, which are not added (their results cannot be attributed).
 */
export function unrecordedProgressNotice(summary: { lessons: number; quizzes: number }): LmsNotice {
  const what = summary.lessons ? ` (${plural(summary.lessons, 'lesson')} viewed)` : '';
  const quizzes = summary.quizzes
    ? ` Quiz results from then (${plural(summary.quizzes, 'quiz', 'quizzes')}) cannot be added, because your LMS could not tell who took them.`
    : '';
  return {
    kind: 'unrecorded-progress',
    message: `This browser holds progress in this course that your LMS never recorded, because it could not start a session at the time${what}. Was it yours?${quizzes}`,
    actions: CLAIM_ACTIONS
  };
}
