/**
 * Issue 15, parts that load later reserve their space: on every lesson of the built course, the
 * parts below the lesson's opening (knowledge checks, exercises, charts, lesson blocks) load as the
 * reader comes near them, and nothing the reader is looking at moves when they arrive:
 * (a) the cumulative layout shift after the app's first paint, with no user input, stays under 0.01
 *     at a phone (375 px) and a laptop (1280 px) width while the reader scrolls through every part;
 * (b) a keyboard user who reaches the Previous/Next links at the bottom keeps them fully in view
 *     after every part above has loaded (WCAG 2.2 2.4.11 Focus Not Obscured).
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

/** Opens a lesson afresh and waits for the app to replace the static launch screen. */
async function open(page: Page, route: string) {
  await page.goto(`${COURSE_URL}#${route}`);
  await page.locator('#hit-launch').waitFor({ state: 'detached', timeout: 15_000 });
  await expect(page.locator('main h1')).toBeVisible({ timeout: 15_000 });
}

/** Parts still to load: placeholders and loading messages. */
const pending = (page: Page) => page.locator('.interactive .loading');

test.beforeEach(async ({ context }) => {
  await fixRandomSeed(context);
  await context.addInitScript(observeShifts);
});

for (const route of ROUTES) {
  for (const size of WIDTHS) {
    test(`${route} at ${size.width}px: no layout shift while its parts load, scrolled through`, async ({ page }) => {
      await page.setViewportSize(size);
      await open(page, route);
      // The app's first paint: what the reader sees from here must not move.
      await page.evaluate(() => (window as unknown as { __clsStart: () => void }).__clsStart());
      // As a reader scrolls: a step shorter than the 200px margin at which parts start loading,
      // each step once the parts now near the viewport have loaded.
      for (let i = 0; i < 400; i++) {
        await page.waitForFunction(() =>
          [...document.querySelectorAll('.interactive .loading')].every((el) => el.getBoundingClientRect().top > innerHeight + 150)
        );
        await frames(page);
        const atEnd = await page.evaluate(() => {
          window.scrollBy(0, 150);
          return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
        });
        if (atEnd) break;
      }
      await expect(pending(page)).toHaveCount(0);
      await frames(page);
      const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
      expect(cls, `${route} at ${size.width}px: cumulative layout shift`).toBeLessThan(MAX_CLS);
    });
  }

  test(`${route}: the Previous/Next links, reached by keyboard, stay in view while the parts above load`, async ({ page }) => {
    await page.setViewportSize(WIDTHS[1]!);
    await open(page, route);
    const links = page.locator('.lesson-pager a');
    const n = await links.count();
    expect(n, 'the lesson has a Previous or Next link').toBeGreaterThan(0);
    for (let k = 0; k < n; k++) {
      const link = links.nth(k);
      // Focus the link as Tab does: the browser scrolls it into view (the pager is the last thing
      // on the page but the footer, so Shift+Tab from the end would land there too).
      await link.focus();
      await expect(link).toBeFocused();
      // Every part above loads now (what would otherwise happen as the reader scrolls or prints).
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await expect(pending(page)).toHaveCount(0);
      await frames(page);
      await expect(link).toBeFocused();
      const box = await link.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: innerHeight };
      });
      expect(box.top, `${route}: focused link ${k + 1} below the top of the viewport`).toBeGreaterThanOrEqual(-1);
      expect(box.bottom, `${route}: focused link ${k + 1} above the bottom of the viewport`).toBeLessThanOrEqual(box.height + 1); // scroll offsets are whole pixels, layout is not
    }
  });
}
