/**
 * Issue 15: "no screen waits more than one round trip for its code". With every response held back
 * by a network latency (the DevTools protocol, 300 ms), a file asked for only once another had
 * arrived shows as one more round trip. Each test counts them for what the learner waits for:
 * - a launch on a lesson (a bookmark, a reload): the page, then every file its first render needs,
 *   asked for together (scorm/launch-preload.ts) — two round trips before the lesson shows;
 * - from a lesson, the next lesson, the module quiz and a lesson with a chart: one round of code.
 */
import { expect, test, type Page } from '@playwright/test';
import { COURSE_PATH } from './server';
import { COURSE_URL, course } from './helpers';

const LATENCY_MS = 300;

type Timed = { name: string; start: number; end: number };

/** Slows every response by LATENCY_MS (no bandwidth limit, so a round trip is the latency). */
async function withLatency(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY_MS, downloadThroughput: -1, uploadThroughput: -1 });
}

/** The course's JS and CSS loaded since the timings were last cleared. */
async function loaded(page: Page): Promise<Timed[]> {
  return page.evaluate((coursePath) => {
    return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => new URL(r.name).pathname.startsWith(coursePath) && /\.(js|css)$/.test(new URL(r.name).pathname) && r.transferSize + r.decodedBodySize > 0)
      .map((r) => ({ name: new URL(r.name).pathname.split('/').pop()!, start: r.startTime, end: r.responseEnd }));
  }, COURSE_PATH);
}

/**
 * Round trips on the way to each file: a file asked for before any other had arrived is in the
 * first round; one asked for after others had arrived, one round after the latest of them.
 */
function rounds(files: Timed[]): Map<string, number> {
  const sorted = [...files].sort((a, b) => a.start - b.start);
  const round = new Map<Timed, number>();
  for (const f of sorted) round.set(f, 1 + Math.max(0, ...sorted.filter((g) => g.end <= f.start).map((g) => round.get(g) ?? 0)));
  return new Map([...round].map(([f, r]) => [f.name, r]));
}

/** Waits until no request has been in flight for a while (lazily loaded parts included). */
async function quiet(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(LATENCY_MS * 2);
  await page.waitForLoadState('networkidle');
}

const lessons = course.tree.modules.flatMap((m) =>
  m.lessons.map((l) => ({ module: m, lesson: l, route: `/${m.slug}/${l.slug}`, hasChart: course.modules[m.slug]!.lessons.find((x) => x.slug === l.slug)!.blocks.some((b) => b.kind === 'component' && b.name === 'chart') }))
);

/** Opens a lesson from the lesson page at `from` by the link named `link`, and returns the rounds of code it waited for. */
async function navigate(page: Page, from: string, link: RegExp | string, heading: string | RegExp) {
  await page.goto(`${COURSE_URL}#${from}`);
  await page.locator('main h1').first().waitFor();
  // A first visit saves plain JSON and asks for the state codec a few seconds later, in the
  // background (src/lib/lms/standalone.ts): wait for its own copy, so that load is not counted as
  // code the next screen waits for.
  await page.waitForFunction(() => Object.values(localStorage).some((v) => v.startsWith('h2|')), undefined, { timeout: 15_000 });
  await quiet(page);
  await page.evaluate(() => performance.clearResourceTimings());
  // By keyboard, so the pointer does not rest where the next screen lays out: a knowledge check
  // that appears under it loads its quiz engine (KnowledgeCheck.svelte), which no screen waits for.
  await page.locator('.lesson-pager').getByRole('link', { name: link }).first().focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1').first()).toHaveText(heading);
  await quiet(page);
  return loaded(page);
}

test.describe('round trips for code (300 ms latency)', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await withLatency(page);
  });

  test('a launch on a lesson asks for everything its first render needs at once: the lesson shows after two round trips', async ({ page }) => {
    const first = lessons[1]!; // a lesson whose opening has a block view (a process): the deepest chain
    await page.addInitScript((t) => {
      const w = window as unknown as { headingAt?: number };
      const tick = () => (document.querySelector('main h1')?.textContent?.includes(t) ? (w.headingAt = performance.now()) : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    }, first.lesson.title);
    await page.goto(`${COURSE_URL}#${first.route}`);
    await expect(page.locator('main h1')).toHaveText(first.lesson.title);
    await quiet(page);
    const headingAt = await page.evaluate(() => (window as unknown as { headingAt: number }).headingAt);
    const files = await loaded(page);
    const before = files.filter((f) => f.start < headingAt);
    // The lesson's own chunk and the view of its opening process are among them.
    expect(before.length).toBeGreaterThan(15);
    const firstArrival = Math.min(...before.map((f) => f.end));
    const late = before.filter((f) => f.start >= firstArrival).map((f) => f.name);
    expect(late, 'files the lesson waited for that were asked for only after another had arrived').toEqual([]);
    // Parts below the first render (the knowledge check near the viewport) are at most one round more.
    expect(Math.max(...rounds(files).values())).toBeLessThanOrEqual(2);
  });

  test('from a lesson, the next lesson waits one round of code at most', async ({ page }) => {
    const [a, b] = [lessons[0]!, lessons[1]!];
    const files = await navigate(page, a.route, /^Next/, b.lesson.title);
    expect(files.map((f) => f.name).length).toBeGreaterThan(0);
    expect(Object.fromEntries(rounds(files))).toEqual(Object.fromEntries(files.map((f) => [f.name, 1])));
  });

  test('from the last lesson of a module, its quiz waits one round of code at most', async ({ page }) => {
    const m = course.tree.modules[0]!;
    const last = `/${m.slug}/${m.lessons.at(-1)!.slug}`;
    const files = await navigate(page, last, 'Take the module quiz', new RegExp(`Module ${m.number}|quiz`, 'i'));
    expect(files.length).toBeGreaterThan(0);
    expect(Object.fromEntries(rounds(files))).toEqual(Object.fromEntries(files.map((f) => [f.name, 1])));
  });

  test('from a lesson without a chart, a lesson with one waits one round of code at most', async ({ page }) => {
    const i = lessons.findIndex((l, k) => k > 0 && l.hasChart && !lessons[k - 1]!.hasChart);
    expect(i).toBeGreaterThan(0);
    const files = await navigate(page, lessons[i - 1]!.route, /^Next/, lessons[i]!.lesson.title);
    expect(files.some((f) => f.name.startsWith('ChartBlock'))).toBe(true);
    expect(Object.fromEntries(rounds(files))).toEqual(Object.fromEntries(files.map((f) => [f.name, 1])));
  });
});
