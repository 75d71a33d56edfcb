/**
 * Issue 15: the launch screen index.html paints before any script runs (scorm/launch-screen.ts).
 * It shows the real home opening; the app's page then takes its place without a box moving (no
 * layout shift) inside an LMS and without one; it never shows on another route; a package's own
 * title is what it shows.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { COURSE_PATH } from './server';
import { course, COURSE_URL } from './helpers';

const title = course.tree.settings.title;
const FRAME = ['header.site .bar', 'header.site .course-title', 'header.site nav', 'header.site .progress'];
const OPENING = ['main h1', 'main .home-lead'];

/** The boxes of `selectors` in the course's document (the page, or the LMS harness's frame). */
const boxes = (doc: Page | Frame, selectors: string[]) =>
  doc.evaluate(
    (list) =>
      list.map((sel) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return { sel, x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height) };
      }),
    selectors
  );

/** Opens home as a learner meets it, `scriptsRun` false: only the page and its CSS arrive (what paints first). */
async function openHome(page: Page, { lms, scriptsRun }: { lms: boolean; scriptsRun: boolean }): Promise<Page | Frame> {
  if (!scriptsRun) await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number })[]) (window as unknown as { shifts: number }).shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(lms ? `/harness/?version=12&fresh=1&course=${encodeURIComponent(`${COURSE_URL}#/`)}` : `${COURSE_URL}#/`);
  const doc = lms ? await (async () => {
    await expect.poll(() => page.frames().some((f) => f.url().includes(COURSE_PATH))).toBe(true);
    return page.frames().find((f) => f.url().includes(COURSE_PATH))!;
  })() : page;
  await doc.locator('header.site .bar').first().waitFor();
  if (scriptsRun) {
    await doc.getByRole('heading', { name: 'Start here' }).waitFor();
    await expect(doc.locator('#hit-launch')).toHaveCount(0);
    await expect(doc.locator('main')).toHaveCount(1);
  }
  return doc;
}

const shifts = (doc: Page | Frame) => doc.evaluate(() => (window as unknown as { shifts: number }).shifts);

for (const width of [1280, 320]) {
  test(`in an LMS, home's heading and description paint before any script; the app keeps every box (${width} px)`, async ({ browser }) => {
    const first = await browser.newPage({ viewport: { width, height: 800 } });
    const shell = await openHome(first, { lms: true, scriptsRun: false });
    await expect(shell.locator('#hit-launch main h1')).toHaveText(title);
    await expect(shell.locator('#hit-launch .home-lead')).toHaveText(course.tree.settings.description);
    const painted = await boxes(shell, [...FRAME, ...OPENING]);
    await first.close();

    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const app = await openHome(page, { lms: true, scriptsRun: true });
    expect(await boxes(app, [...FRAME, ...OPENING])).toEqual(painted);
    expect(await shifts(app)).toBe(0);
    await page.close();
  });
}

test('without an LMS, the header paints first and the heading waits while the "not connected" notice is to come; once dismissed, all of it', async ({ browser }) => {
  const fresh = await browser.newPage();
  const shell = await openHome(fresh, { lms: false, scriptsRun: false });
  await expect(shell.locator('#hit-launch .course-title')).toHaveText(title);
  await expect(shell.locator('#hit-launch main')).toHaveCount(0);
  const header = await boxes(shell, FRAME);
  await fresh.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const app = await openHome(page, { lms: false, scriptsRun: true });
  expect(await boxes(app, FRAME)).toEqual(header);
  expect(await shifts(app)).toBe(0);
  await page.getByRole('status').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('status').getByRole('button')).toHaveCount(0);
  const dismissed = await boxes(page, [...FRAME, ...OPENING]);

  // The same browser (its localStorage) on the next launch: the whole opening paints first.
  const again = await context.newPage();
  await again.route('**/_app/immutable/**/*.js', (route) => route.abort());
  await again.goto(`${COURSE_URL}#/`);
  await expect(again.locator('#hit-launch main h1')).toHaveText(title);
  expect(await boxes(again, [...FRAME, ...OPENING])).toEqual(dismissed);
  await context.close();
});

test('on any other route (a bookmark, a reload on a lesson) the launch screen is gone before it could paint', async ({ page }) => {
  const lesson = `/${course.tree.modules[0]!.slug}/${course.tree.modules[0]!.lessons[0]!.slug}`;
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (window as unknown as { launchAtParse: boolean }).launchAtParse = document.getElementById('hit-launch') !== null;
    });
  });
  await page.goto(`${COURSE_URL}#${lesson}`);
  expect(await page.evaluate(() => (window as unknown as { launchAtParse: boolean }).launchAtParse)).toBe(false);
  await expect(page.locator('main h1')).toContainText(course.tree.modules[0]!.lessons[0]!.title);
});

test('a package that renames the course shows its own title on the launch screen, never the authored one', async ({ page }) => {
  await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
  await page.route(`**${COURSE_URL}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('id="hit-package-options">null<', 'id="hit-package-options">{"title":"Records careers, period 3"}<');
    await route.fulfill({ response, body: html });
  });
  await page.goto(COURSE_URL);
  await expect(page.locator('#hit-launch .course-title')).toHaveText('Records careers, period 3');
  await expect(page).toHaveTitle('Records careers, period 3');
});

test('a link on the launch screen clicked while the app is still loading lands where it points, not on home', async ({ page }) => {
  // The app's entry runs (its router reads the address: home), but the pages' own code is slow to
  // come: held until the learner has clicked (a gate, not a fixed delay, so a busy machine cannot
  // let the app take over before the click).
  let release = () => {};
  const clicked = new Promise<void>((r) => (release = r));
  await page.route('**/_app/immutable/nodes/*.js', async (route) => {
    await clicked;
    await route.continue().catch(() => {}); // the test may have ended
  });
  const nodes = page.waitForRequest(/\/_app\/immutable\/nodes\//);
  await page.goto(`${COURSE_URL}#/`, { waitUntil: 'commit' });
  await nodes;
  await expect(page.locator('#hit-launch')).toHaveCount(1);
  await page.locator('#hit-launch nav').getByRole('link', { name: 'Progress' }).click();
  release();
  await expect(page.locator('#hit-launch')).toHaveCount(0);
  await expect(page.locator('main h1')).toHaveText('Your progress');
  expect(new URL(page.url()).hash).toBe('#/progress');
  // It stays there: nothing takes the learner back to home afterwards.
  await page.waitForTimeout(500);
  await expect(page.locator('main h1')).toHaveText('Your progress');
});
