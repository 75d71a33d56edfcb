/**
 * What the learner is told about the LMS connection and their record, in plain words (notices.ts
 * has the ones the standalone store gives too). Only the LMS session imports this file, so its
 * text loads with that chunk (launch.ts), not on a first screen without an LMS.
 */
import { plural } from './notices';
import type { LmsNotice, NoticeAction } from './types';

export const LMS_NOTICES: Record<'saved-locally' | 'lms-unreachable' | 'not-connected' | 'review-mode' | 'no-credit' | 'partly-saved' | 'partly-lost' | 'lms-unread', string> = {
  'lms-unread':
    'Your LMS could not give the course your saved record just now. So that nothing is written over it, what you do in this session is kept in this browser and sent the next time you open the course from your LMS on this device.',
  'saved-locally':
    'Your LMS did not accept the last save. Your progress is kept in this browser, and the course keeps trying to send it.',
  'lms-unreachable':
    'The course has lost contact with your LMS. Your progress is kept in this browser on this device: reopen the course from your LMS on this device to have it recorded.',
  'not-connected':
    'Your LMS did not start a session for this course, so what you do now cannot be sent to your teacher. The lessons you view are kept in this browser: the next time you open the course from your LMS on this device, you will be asked whether to add them to your record. Quiz results cannot be added later.',
  'review-mode': 'You are reviewing this course: nothing you do now changes what your LMS has recorded.',
  'no-credit': 'This is a practice launch: your LMS keeps your progress, but it may not count towards your grade.',
  'partly-saved':
    'Your LMS has no room for all of your work here: some of it (long typed answers, exercise states, reviews, knowledge checks) is kept in this browser only. Your lessons, scores and attempts are all recorded.',
  'partly-lost':
    'Your LMS has no room for all of your work here, and this browser cannot keep the rest: some long typed answers may be lost when you leave. Your lessons, scores and attempts are all recorded.'
};

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
  const quizzes = summary.quizzes ? ` Quiz results from then (${plural(summary.quizzes, 'quiz', 'quizzes')}) cannot be added.` : '';
  return {
    kind: 'unrecorded-progress',
    message: `This browser holds progress in this course that your LMS never recorded, because it could not start a session at the time${what}. Was it yours?${quizzes}`,
    actions: CLAIM_ACTIONS
  };
}
