/**
 * Issue 15: the launch screen index.html paints before any script runs (scorm/launch-screen.ts).
 * It shows the real home opening, and without an LMS the "not connected" notice above it until the
 * learner dismisses it; the app's page then takes its place without a box moving (no layout shift)
 * inside an LMS and without one; it never shows on another route; a package's own title is what
 * it shows.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Frame, type Page } from '@playwright/test';
import type { PackageOptions } from '../src/lib/content/package-options';
import { NOTICES } from '../src/lib/lms/notices';
import { withOptionsBlock } from '../scorm/assemble';
import { COURSE_PATH } from './server';
import { axeViolations, course, COURSE_URL } from './helpers';

const title = course.tree.settings.title;
const FRAME = ['header.site .bar', 'header.site .course-title', 'header.site nav', 'header.site .progress'];
const NOTICE = ['.notice-region .notice', '.notice-region .notice p', '.notice-region .notice button'];
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

/**
 * Holds the app's code (`pattern`) until the returned release is called: until then the page shows
 * what the HTML and CSS paint on their own, and the app then takes over in the same document. Layout
 * shifts not caused by input are summed from the start (`shifts`), and the page's largest paints
 * are noted with the element they painted (`lcp`).
 */
async function holdApp(page: Page, pattern = '**/_app/immutable/**/*.js'): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  await page.route(pattern, async (route) => {
    await released;
    await route.continue().catch(() => {}); // the test may have ended
  });
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: number; lcp: string[] };
    w.shifts = 0;
    w.lcp = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { element: Element | null })[]) {
        const el = e.element;
        w.lcp.push(el ? `${el.closest('#hit-launch') ? '#hit-launch ' : ''}${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}` : '?');
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  return release;
}

for (const width of [1280, 320]) {
  test(`in an LMS, home's heading and description paint before any script; the app keeps every box (${width} px)`, async ({ browser }) => {
    const first = await browser.newPage({ viewport: { width, height: 800 } });
    const shell = await openHome(first, { lms: true, scriptsRun: false });
    await expect(shell.locator('#hit-launch main h1')).toHaveText(title);
    await expect(shell.locator('#hit-launch .home-lead')).toHaveText(course.tree.settings.description);
    // The LMS records progress: no "not connected" notice, not even for a moment.
    await expect(shell.locator('.notice-region')).toHaveCount(0);
    const painted = await boxes(shell, [...FRAME, ...OPENING]);
    await first.close();

    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const app = await openHome(page, { lms: true, scriptsRun: true });
    expect(await boxes(app, [...FRAME, ...OPENING])).toEqual(painted);
    await expect(app.locator('.notice')).toHaveCount(0);
    expect(await shifts(app)).toBe(0);
    await page.close();
  });
}

for (const width of [1280, 320]) {
  test(`without an LMS, a first visit paints the "not connected" notice, the heading and the description before any script; the app keeps every box (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const release = await holdApp(page);
    await page.goto(`${COURSE_URL}#/`);
    const screen = page.locator('#hit-launch');
    await expect(screen.locator('.notice[data-kind="standalone"] p')).toHaveText(NOTICES.standalone);
    await expect(screen.locator('.notice').getByRole('button', { name: 'Dismiss' })).toBeVisible();
    await expect(screen.locator('main h1')).toHaveText(title);
    await expect(screen.locator('main .home-lead')).toHaveText(course.tree.settings.description);
    for (const sel of [...NOTICE, ...OPENING]) await expect(screen.locator(sel)).toBeVisible();
    // Painted, not only in the document: the page's largest paint so far is the screen's own text.
    await expect.poll(() => page.evaluate(() => (window as unknown as { lcp: string[] }).lcp.at(-1) ?? '')).toMatch(/^#hit-launch (p\.home-lead|p|h1)$/);
    // The copy is no live region: only the app's announces, once it is there.
    await expect(page.getByRole('status')).toHaveCount(0);
    await expect(page.locator('[aria-live]')).toHaveCount(0);
    // What a learner meets before the app: its Dismiss a real, named, reachable button (axe).
    if (width === 1280) expect(await axeViolations(page)).toEqual([]);
    const painted = await boxes(page, [...FRAME, ...NOTICE, ...OPENING]);

    release();
    await expect(screen).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Start here' })).toBeVisible();
    await expect(page.getByRole('status').locator('.notice[data-kind="standalone"] p')).toHaveText(NOTICES.standalone);
    expect(await boxes(page, [...FRAME, ...NOTICE, ...OPENING])).toEqual(painted);
    expect(await shifts(page)).toBe(0);
  });
}

test('without an LMS, once the notice was dismissed, the next launch paints the opening without it', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const app = await openHome(page, { lms: false, scriptsRun: true });
  expect(await shifts(app)).toBe(0);
  await page.getByRole('status').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('status').getByRole('button')).toHaveCount(0);
  const dismissed = await boxes(page, [...FRAME, ...OPENING]);

  // The same browser (its localStorage) on the next launch: the whole opening, no notice.
  const again = await context.newPage();
  await again.route('**/_app/immutable/**/*.js', (route) => route.abort());
  await again.goto(`${COURSE_URL}#/`);
  await expect(again.locator('#hit-launch main h1')).toHaveText(title);
  await expect(again.locator('#hit-launch .notice-region')).toHaveCount(0);
  await expect(again.locator('.notice')).toHaveCount(0);
  expect(await boxes(again, [...FRAME, ...OPENING])).toEqual(dismissed);
  await context.close();
});

test('the notice\'s Dismiss pressed before the app has taken over works at once, and the app keeps it dismissed', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The app's entry runs, its pages' code is held until the learner has pressed Dismiss.
  const release = await holdApp(page, '**/_app/immutable/nodes/*.js');
  const nodes = page.waitForRequest(/\/_app\/immutable\/nodes\//);
  await page.goto(`${COURSE_URL}#/`, { waitUntil: 'commit' });
  await nodes;
  const screen = page.locator('#hit-launch');
  await expect(screen).toHaveCount(1);
  // By keyboard, as it is reached with Tab: the course title, the four links, then Dismiss.
  const dismiss = screen.locator('.notice').getByRole('button', { name: 'Dismiss' });
  await page.locator('body').focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  await expect(dismiss).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(screen.locator('.notice-region')).toHaveCount(0);
  await expect(screen.locator('main h1')).toHaveText(title);
  const opening = await boxes(page, [...FRAME, ...OPENING]);

  release();
  await expect(screen).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Start here' })).toBeVisible();
  await expect(page.locator('.notice')).toHaveCount(0);
  expect(await boxes(page, [...FRAME, ...OPENING])).toEqual(opening);
  expect(await shifts(page)).toBe(0);

  // Remembered as a dismissal in the app is: the next launch has no notice, before or after mount.
  const again = await context.newPage();
  await again.goto(`${COURSE_URL}#/`);
  await expect(again.getByRole('heading', { name: 'Start here' })).toBeVisible();
  await expect(again.locator('.notice')).toHaveCount(0);
  await context.close();
});

// The screen's own script comes after the stylesheet, so it waits for it, and the browser may paint
// the screen as the stylesheet arrives, before that script has run: what the first paint shows is
// decided in the head (before the stylesheet), or a notice painted there and then taken out would
// move the heading up (seen on the slow profile: a 0.02 layout shift once the notice was dismissed).
for (const lms of [false, true]) {
  test(`${lms ? 'in an LMS' : 'once the notice was dismissed'}, the notice copy never paints, even with a slow stylesheet`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (!lms) await context.addInitScript(() => localStorage.setItem('hit-course:hit-career-course:standalone-notice-dismissed', '1'));
    await context.route('**/_app/immutable/assets/*.css', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue().catch(() => {});
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const doc = await openHome(page, { lms, scriptsRun: true });
    await expect(doc.locator('.notice')).toHaveCount(0);
    expect(await shifts(doc)).toBe(0);
    await context.close();
  });
}

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
  // The page as the packager writes it for a teacher's title (scorm/assemble.ts), app code held back.
  const options = { ...JSON.parse(/id="hit-package-options">([^<]*)</.exec(readFileSync(resolve(import.meta.dirname, '../dist/unpacked/hit-career-course-scorm12/index.html'), 'utf8'))![1]!), title: 'Records careers, period 3' } as PackageOptions;
  let served = '';
  await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
  await page.route(`**${COURSE_URL}`, async (route) => {
    const response = await route.fetch();
    served = withOptionsBlock(await response.text(), options);
    await route.fulfill({ response, body: served });
  });
  await page.goto(COURSE_URL);
  await expect(page.locator('#hit-launch .course-title')).toHaveText('Records careers, period 3');
  await expect(page.locator('#hit-launch h1')).toHaveText('Records careers, period 3');
  await expect(page).toHaveTitle('Records careers, period 3');
  // Written into the page itself, so the first paint has it (a script after the stylesheet could paint the authored one first).
  expect(served).toContain('<h1 data-title>Records careers, period 3</h1>');
  expect(served).toContain('<title>Records careers, period 3</title>');
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

test('a notice dismissed by keyboard in the app leaves focus on the page heading, not on the document (WCAG 2.4.3)', async ({ page }) => {
  await page.goto(`${COURSE_URL}#/`);
  await expect(page.locator('#hit-launch')).toHaveCount(0);
  const dismiss = page.getByRole('status').getByRole('button', { name: 'Dismiss' });
  await dismiss.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').getByRole('button')).toHaveCount(0);
  await expect(page.locator('main h1')).toBeFocused();
});
