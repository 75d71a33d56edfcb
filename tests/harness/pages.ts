/**
 * Browser-test helpers for the LMS harness page (tests/harness/): open it around a course, follow
 * links in the course frame as a learner's click does, read what the harness's LMS holds.
 */
import { expect, type Frame, type Page } from '@playwright/test';
import { COURSE_URL } from '../helpers';
import { answerCorrectly, loadAnswerKey } from './answer-key';
import { COURSE_PATH } from '../server';

export type Version = '12' | '2004';
export type HarnessCall = { session: number; method: string; args: string[]; result: string | null; error: string | null; threw: boolean };

export interface Lesson {
  route: string;
  title: string;
}

export interface HarnessOptions {
  /** A course other than the built one, e.g. `/pkg/<zip name>/index.html`. */
  course?: string;
  /** The learner id the LMS gives (default learner-1). */
  learner?: string;
  /** The learner's name as the LMS holds it, "Last, First" (default "Okafor, Amara"). */
  learnerName?: string;
  /** Moodle 4.5's SCORM 2004 quirks (strict-lms.js). */
  moodle?: boolean;
  /** Bytes a beacon may carry while the course unloads. */
  beacon?: number;
  reinitialise?: boolean;
}

export const harnessUrl = (version: Version, fresh: boolean, options: HarnessOptions = {}) =>
  `/harness/?version=${version}&course=${encodeURIComponent(options.course ?? COURSE_URL)}${fresh ? '&fresh=1' : ''}` +
  (options.learner ? `&learner=${encodeURIComponent(options.learner)}` : '') +
  (options.learnerName ? `&learnerName=${encodeURIComponent(options.learnerName)}` : '') +
  (options.moodle ? '&moodle=1' : '') +
  (options.beacon ? `&beacon=${options.beacon}` : '') +
  (options.reinitialise ? '&reinitialise=1' : '');

export async function openHarness(page: Page, version: Version, fresh = true, options: HarnessOptions = {}): Promise<Frame> {
  await page.goto(harnessUrl(version, fresh, options));
  await page.evaluate(() => (window as any).harness.ready);
  return courseFrame(page, options.course);
}

export function courseFrame(page: Page, course = COURSE_URL): Frame {
  const path = course === COURSE_URL ? COURSE_PATH : course.replace(/index\.html$/, '');
  const frame = page.frames().find((f) => f.url().includes(path));
  if (!frame) throw new Error('the course frame is not loaded');
  return frame;
}


/**
 * Follows an in-course link as a learner's click does (the app's router handles it in place), once
 * the app has taken over from index.html's static launch screen (`#hit-launch`, issue 15): before
 * that, no router is listening and a heading that matches may be the static copy's.
 */
export async function follow(frame: Frame, href: string) {
  await frame.locator('#hit-launch').waitFor({ state: 'detached', timeout: 15_000 });
  await frame.evaluate((h) => {
    const link = document.createElement('a');
    link.href = h;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }, href);
}

/** The first module's first lessons, read from the course's own contents pages. */
export async function firstLessons(frame: Frame, count: number): Promise<Lesson[]> {
  await follow(frame, '#/');
  await expect(frame.locator('main h3 a[href^="#/"]').first()).toBeVisible({ timeout: 15_000 });
  const moduleHref = await frame.locator('main h3 a[href^="#/"]').first().getAttribute('href');
  await follow(frame, moduleHref!);
  const links = frame.locator(`main ol.lessons a[href^="${moduleHref}/"]`);
  await expect(links.first()).toBeVisible();
  const lessons: Lesson[] = [];
  for (const link of (await links.all()).slice(0, count)) {
    lessons.push({ route: (await link.getAttribute('href'))!.slice(1), title: (await link.textContent())!.trim() });
  }
  return [...new Map(lessons.map((l) => [l.route, l])).values()];
}

/** Every lesson of the built course, module by module, from its own contents pages. */
export async function allLessons(frame: Frame): Promise<Lesson[]> {
  await follow(frame, '#/');
  const moduleLinks = frame.locator('main h3 a[href^="#/"]');
  await expect(moduleLinks.first()).toBeVisible({ timeout: 15_000 });
  const modules = await moduleLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const lessons: Lesson[] = [];
  for (const href of modules) {
    await follow(frame, href);
    const links = frame.locator(`main ol.lessons a[href^="${href}/"]`);
    await expect(links.first()).toBeVisible({ timeout: 15_000 });
    lessons.push(...(await links.evaluateAll((all) => all.map((a) => ({ route: a.getAttribute('href')!.slice(1), title: a.textContent!.trim() })))));
  }
  return lessons;
}

export async function visit(frame: Frame, lesson: Lesson) {
  await follow(frame, `#${lesson.route}`);
  await expect(frame.locator('main h1')).toHaveText(lesson.title, { timeout: 15_000 });
}

/**
 * Closes the tab as a learner does: its pagehide runs (the course finishes, and the LMS stores what
 * it committed), and this waits until the tab has gone. `page.close({ runBeforeUnload: true })`
 * alone returns before the page has unloaded (Playwright documents it so), so a relaunch opened at
 * once could read the LMS's record before the closed tab's last commit reached it.
 */
export async function closeTab(page: Page) {
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
}

/** The page goes to the background and comes back (switching tabs): the course commits. */
export async function hideAndShow(frame: Frame) {
  await frame.evaluate(() => {
    const set = (state: string) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    set('hidden');
    set('visible');
  });
}

export const harness = {
  calls: (page: Page): Promise<HarnessCall[]> => page.evaluate(() => (window as any).harness.calls),
  violations: (page: Page): Promise<string[]> => page.evaluate(() => (window as any).harness.violations),
  cmi: (page: Page): Promise<any> => page.evaluate(() => (window as any).harness.cmi()),
  fault: (page: Page, kind: string | null) => page.evaluate((k) => (window as any).harness.fault(k), kind),
  relaunch: (page: Page) => page.evaluate(() => (window as any).harness.relaunch())
};

/**
 * Waits until the LMS has committed everything the course set: no SetValue after the last
 * successful Commit. The course throttles commits (src/lib/lms/save-scheduler.ts, one per 5 s
 * at most), so this is the condition a test needs before it counts calls from a fresh mark.
 */
export async function nothingPending(page: Page, timeout = 30_000) {
  await expect
    .poll(
      async () => {
        const calls = await harness.calls(page);
        const lastSet = calls.findLastIndex((c) => c.method.endsWith('SetValue'));
        const lastCommit = calls.findLastIndex((c) => c.method.endsWith('Commit') && c.result === 'true');
        return lastSet < lastCommit;
      },
      { timeout }
    )
    .toBe(true);
}

export const storedLocation = (version: Version, cmi: any): string => (version === '12' ? cmi?.core?.lesson_location : cmi?.location) ?? '';

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
