/** Shared helpers for the browser tests. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type FileChooser, type Frame, type Locator, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { loadCourse } from '../src/lib/content/loader';
import { COURSE_PATH } from './server';

export const COURSE_URL = `${COURSE_PATH}index.html`;

/** The course as the build sees it (titles, slugs), so tests never hard-code lesson lists. */
export const course = loadCourse({ root: process.env.HIT_CONTENT_ROOT ?? resolve(import.meta.dirname, '..') });

/** The seed every browser test draws its quizzes from (any fixed number would do). */
export const TEST_RANDOM_SEED = 20261202;

/**
 * Makes `Math.random` repeatable in every page and frame of `context` (mulberry32 from `seed`, the
 * generator of src/lib/quiz/random.ts), so that a graded quiz, whose attempt seed comes from
 * `Math.random`, draws the same questions in the same order on every run: a test never passes or
 * fails by the draw. Retries still draw afresh (the next number of the same sequence).
 */
export async function fixRandomSeed(context: BrowserContext, seed = TEST_RANDOM_SEED) {
  await context.addInitScript((start: number) => {
    let state = start >>> 0;
    Math.random = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }, seed);
}

/** Opens a hash route of the built course, e.g. `/the-job/duties`. */
export async function openRoute(page: Page, route = '/') {
  // A fresh load each time, as when a learner opens a link: a same-document hash change would
  // leave the previous page's heading on screen while the next one loads.
  if (page.url().includes(COURSE_URL)) await page.goto('about:blank');
  await page.goto(`${COURSE_URL}#${route}`);
  await expect(page.locator('main h1')).toBeVisible({ timeout: 15_000 });
}

/**
 * Presses Tab until `target` has focus (or leaves it there if it has), as a keyboard user would,
 * and checks the focus is visible (an outline of at least 2px, WCAG 2.4.7 / 2.4.11). Fails if it
 * is never reached. Works inside a frame: the target's own document is asked.
 */
export async function tabTo(page: Page, target: Locator, max = 400) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      await expectVisibleFocus(target);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/**
 * Presses `key` on the focused file input and chooses `files` in the dialog it opens, as a keyboard user does.
 * Playwright turns on file-chooser interception without waiting for the browser to confirm it, so a key
 * pressed at once can open a chooser nobody intercepts and the test waits forever (microsoft/playwright#28023,
 * puppeteer/puppeteer#6040). So: subscribe first, make a round trip to the page, and press again if the
 * dialog was lost (a lost press is gone, not late: waiting longer never brings it).
 */
export async function chooseFilesByKey(page: Page, key: string, files: string[]) {
  const opened: FileChooser[] = [];
  const onChooser = (chooser: FileChooser) => opened.push(chooser);
  page.on('filechooser', onChooser);
  try {
    await page.evaluate(() => document.activeElement?.tagName);
    for (let press = 0; press < 3 && opened.length === 0; press++) {
      await page.keyboard.press(key);
      await expect.poll(() => opened.length, { timeout: 5_000 }).toBeGreaterThan(0).catch(() => undefined);
    }
    const [chooser] = opened;
    if (!chooser) throw new Error(`pressing ${key} on the focused file input never opened the file chooser (3 presses)`);
    await chooser.setFiles(files);
  } finally {
    page.off('filechooser', onChooser);
  }
}

export async function expectVisibleFocus(target: Locator) {
  const outline = await target.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style, 'focused element shows an outline').not.toBe('none');
  expect(outline.width, 'outline is at least 2px').toBeGreaterThanOrEqual(2);
}

/** axe against WCAG 2.0/2.1/2.2 A and AA rules; returns the violations (expected: none). */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Follows an in-app link inside a course frame, as a learner's click does: the router handles it
 * in place. (Setting the frame's location.hash from outside makes the router reload the page and
 * end the LMS session.)
 */
export async function followInAppLink(frame: Frame, hash: string) {
  // Once the app has replaced index.html's static launch screen (see follow in tests/harness/pages.ts).
  await frame.locator('#hit-launch').waitFor({ state: 'detached', timeout: 15_000 });
  await frame.evaluate((h) => {
    const link = Object.assign(document.createElement('a'), { href: h });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }, hash);
}
