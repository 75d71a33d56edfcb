/**
 * Driving the built course inside the LMS harness (tests/harness/) from Playwright: open the
 * harness for a SCORM version, find the course's frame, follow in-course links as a learner's
 * click does, read what the LMS has committed, and take a graded quiz with every answer right.
 */
import { expect, type Frame, type Page } from '@playwright/test';
import { COURSE_URL } from '../helpers';
import { COURSE_PATH } from '../server';
import { answerCorrectly, loadAnswerKey } from './answer-key';

export type Version = '12' | '2004';

export async function openHarness(page: Page, version: Version, options: { fresh?: boolean; learner?: string } = {}): Promise<Frame> {
  const query = new URLSearchParams({ version, course: COURSE_URL });
  if (options.fresh ?? true) query.set('fresh', '1');
  if (options.learner) query.set('learner', options.learner);
  await page.goto(`/harness/?${query}`);
  await page.evaluate(() => (window as any).harness.ready);
  return courseFrame(page);
}

export function courseFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes(COURSE_PATH));
  if (!frame) throw new Error('the course frame is not loaded');
  return frame;
}

/** Follows an in-course link as a learner's click does (the app's router handles it in place). */
export async function follow(frame: Frame, href: string) {
  await frame.evaluate((h) => {
    const link = document.createElement('a');
    link.href = h;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }, href);
}

/** Opens a lesson and waits for its heading. */
export async function visitLesson(frame: Frame, route: string, title: string) {
  await follow(frame, `#${route}`);
  await expect(frame.locator('main h1')).toHaveText(title, { timeout: 15_000 });
}

/** The CMI the LMS has committed (what it would have stored). */
export const committedCmi = (page: Page): Promise<any> => page.evaluate(() => (window as any).harness.cmi());
export const violations = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).harness.violations);

/** Starts the quiz at `href` (a module's `#/slug/quiz`, or `#/final`), answers every item right and submits. */
export async function passQuiz(frame: Frame, href: string) {
  const key = loadAnswerKey();
  await follow(frame, href);
  await frame.getByRole('button', { name: 'Start the quiz' }).click();
  const total = Number(/of (\d+)/.exec((await frame.locator('#quiz-question-heading').textContent())!)![1]);
  for (let i = 0; i < total; i++) {
    await answerCorrectly(frame, key);
    if (i < total - 1) await frame.getByRole('button', { name: 'Next question' }).click();
  }
  await frame.getByRole('button', { name: 'Submit answers' }).click();
  await expect(frame.getByText('You passed')).toBeVisible();
}
