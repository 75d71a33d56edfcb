/**
 * Issue 15, parts that load later reserve their space: on every lesson of the built course, the
 * parts below the lesson's opening (knowledge checks, exercises, charts, lesson blocks) load as the
 * reader comes near them, and nothing the reader is looking at moves when they arrive:
 * (a) the cumulative layout shift after a lesson's first paint, with no user input, stays under
 *     0.01 at a phone (375 px) and a laptop (1280 px) width while the reader scrolls through every
 *     part;
 * (b) a keyboard user who reaches the Previous/Next links at the bottom keeps them fully in view
 *     after every part above has loaded (WCAG 2.2 2.4.11 Focus Not Obscured).
 * One test per width visits every lesson (three tests instead of 96), and the reader's scrolling
 * runs inside the page, a step per painted frame once the parts near the viewport have loaded.
 */
import { expect, test, type Page } from '@playwright/test';
import { course, COURSE_URL, fixRandomSeed } from './helpers';

const ROUTES = course.tree.modules.flatMap((m) => course.modules[m.slug]!.lessons.map((l) => `/${m.slug}/${l.slug}`));
const WIDTHS = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'laptop', width: 1280, height: 800 }
];
const MAX_CLS = 0.01;

/** Sums layout shifts not caused by input, from the moment `window.__clsStart()` is called. */
function observeShifts() {
  const w = window as unknown as { __cls: number; __clsOn: boolean; __clsStart: () => void };
  w.__cls = 0;
  w.__clsOn = false;
  w.__clsStart = () => ((w.__cls = 0), (w.__clsOn = true));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
      if (w.__clsOn && !e.hadRecentInput) w.__cls += e.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Parts still to load: placeholders and loading messages. */
const pending = (page: Page) => page.locator('.interactive .loading');

/**
 * Opens a lesson afresh (a new document, as a bookmark or reload does: its parts' code not yet
 * loaded), and waits for the app to replace the static launch screen.
 */
async function go(page: Page, route: string) {
  await page.goto('about:blank');
  await page.goto(`${COURSE_URL}#${route}`);
  await page.locator('#hit-launch').waitFor({ state: 'detached', timeout: 15_000 });
  await expect(page.locator('main h1')).toBeVisible({ timeout: 15_000 });
}

/**
 * Scrolls through the page as a reader does, inside the page: a step shorter than the 200px
 * margin at which parts start loading, each step once the parts now near the viewport have loaded
 * and painted, until the first three screens have been seen. Resolves with the steps taken.
 */
function scrollThrough(page: Page) {
  return page.evaluate(async () => {
    const stop = 2 * innerHeight;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let i = 0; i < 400; i++) {
      while ([...document.querySelectorAll('.interactive .loading')].some((el) => el.getBoundingClientRect().top <= innerHeight + 150)) await frame();
      await frame();
      await frame();
      window.scrollBy(0, 150);
      if (window.scrollY >= stop || window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1) return i + 1;
    }
    return 400;
  });
}

test.beforeEach(async ({ context }) => {
  await fixRandomSeed(context);
  await context.addInitScript(observeShifts);
});

for (const size of WIDTHS) {
  test(`every lesson with parts in its first two screens, at ${size.width}px: no layout shift while they load, scrolled through`, async ({ page }) => {
    // Every lesson in one test: about 45 s alone on 2 busy cores, over 60 s seen under CI-like load.
    test.setTimeout(150_000);
    await page.setViewportSize(size);
    const shifts: string[] = [];
    let checked = 0;
    for (const route of ROUTES) {
      await go(page, route);
      // The lesson's first paint: what the reader sees from here must not move.
      const partsNear = await page.evaluate(() => {
        (window as unknown as { __clsStart: () => void }).__clsStart();
        return [...document.querySelectorAll('.interactive')].some((el) => el.getBoundingClientRect().top < 2 * innerHeight);
      });
      // Lessons whose parts all start further down load them only as the reader scrolls to them,
      // which the Previous/Next test below covers on every lesson.
      if (!partsNear) continue;
      checked++;
      await scrollThrough(page);
      // Every part the reader has come near has loaded.
      await page.waitForFunction(() => [...document.querySelectorAll('.interactive .loading')].every((el) => el.getBoundingClientRect().top > innerHeight + 150));
      await frames(page);
      const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
      if (!(cls < MAX_CLS)) shifts.push(`${route}: ${cls.toFixed(4)}`);
    }
    expect(checked, 'lessons with parts in or near the first screen').toBeGreaterThan(0);
    expect(shifts, `lessons whose layout shift at ${size.width}px reaches ${MAX_CLS}`).toEqual([]);
  });
}

test('every lesson: the Previous/Next links, reached by keyboard, stay in view while the parts above load', async ({ page }) => {
  // Every lesson in one test: about 45 s alone on 2 busy cores, over 60 s seen under CI-like load.
  test.setTimeout(150_000);
  await page.setViewportSize(WIDTHS[1]!);
  const hidden: string[] = [];
  const links = page.locator('.lesson-pager a');
  for (const [r, route] of ROUTES.entries()) {
    await go(page, route);
    const n = await links.count();
    expect(n, `${route} has a Previous or Next link`).toBeGreaterThan(0);
    // Previous on one lesson, Next on the following (they share one row at the bottom).
    const k = r % n;
    const link = links.nth(k);
    // Focus the link as Tab does: the browser scrolls it into view (the pager is the last thing on
    // the page but the footer, so Shift+Tab from the end would land there too).
    await link.focus();
    await expect(link).toBeFocused();
    // Every part above loads now (what would otherwise happen as the reader scrolls or prints).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await expect(pending(page)).toHaveCount(0);
    await frames(page);
    await expect(link).toBeFocused();
    const box = await link.evaluate((el) => {
      const b = el.getBoundingClientRect();
      return { top: b.top, bottom: b.bottom, height: innerHeight };
    });
    // Scroll offsets are whole pixels, layout is not: 1px either way.
    if (box.top < -1 || box.bottom > box.height + 1) hidden.push(`${route} link ${k + 1}: top ${box.top.toFixed(0)}, bottom ${box.bottom.toFixed(0)} of ${box.height}`);
  }
  expect(hidden, 'focused Previous/Next links out of view once the parts above loaded').toEqual([]);
});
