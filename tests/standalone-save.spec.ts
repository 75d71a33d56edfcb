/**
 * Issue 15, without an LMS (file://, a folder): the state codec is not part of a first visit's
 * first screen (src/lib/lms/standalone.ts). What a learner relies on in the browser: opening home
 * stores nothing and loads no codec; a lesson viewed is kept even if the tab closes at once, before
 * the codec has arrived; the next visit offers to continue there, never before its saved copy is
 * read; and after an in-place package update no copy offers to continue on a page that is gone.
 */
import { expect, test, type Page } from '@playwright/test';
import { decodeState, encodeState } from '../src/lib/lms/codec';
import type { CourseTree } from '../src/lib/content/types';
import { course, openRoute } from './helpers';

const mod = course.tree.modules[0]!;
const lesson = mod.lessons[1]!;

/** A text only the state codec's chunk holds (one of its error messages). */
const CODEC_MARK = 'wrong number of sections';

/** Every script the page received whose code is the state codec's (its error messages are in no other file). */
function codecResponses(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().endsWith('.js')) return;
    const body = await response.text().catch(() => '');
    if (body.includes(CODEC_MARK)) seen.push(response.url());
  });
  return seen;
}

const KEY = `hit-course:${encodeURIComponent(course.tree.settings.packageId)}:standalone`;

/** Makes the codec chunk slow (ms) or never arrive (null); the other scripts pass as they are. */
async function codecDelay(page: Page, ms: number | null) {
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    try {
      const response = await route.fetch();
      const body = await response.text();
      if (!body.includes(CODEC_MARK)) return await route.fulfill({ response, body });
      if (ms === null) return; // never answered
      await new Promise((r) => setTimeout(r, ms));
      await route.fulfill({ response, body });
    } catch (error) {
      // The test closed the page while a request was in flight: nothing is waiting for it.
      if (!page.isClosed()) throw error;
    }
  });
}

/** Records, at every DOM change, whether the app's own home (not the launch screen) shows without its "Welcome back". */
async function watchFreshHome(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { freshHome: number; appHome: number };
    w.freshHome = 0;
    w.appHome = 0;
    new MutationObserver(() => {
      const h1 = [...document.querySelectorAll('main h1')].find((h) => !h.closest('#hit-launch'));
      if (!h1) return;
      w.appHome++;
      if (!document.getElementById('resume-heading')) w.freshHome++;
    }).observe(document, { subtree: true, childList: true });
  });
}

const stored = (page: Page) =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.endsWith(':standalone')).map((k) => [k, localStorage.getItem(k)!])));

test('a first visit that opens home stores nothing and never loads the state codec', async ({ page }) => {
  const codec = codecResponses(page);
  await openRoute(page, '/');
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  expect(await stored(page)).toEqual({});
  expect(codec).toEqual([]);
});

test('a lesson viewed on a first visit is kept when the tab closes before the codec arrives, and home then offers to continue there', async ({ context, page }) => {
  // The codec's chunk, if asked for, never arrives on this page.
  await codecDelay(page, null);
  await openRoute(page, `/${mod.slug}/${lesson.slug}`);
  await expect(page.locator('main h1')).toHaveText(lesson.title);
  // Kept at once, as plain JSON, while the codec is not there.
  await expect.poll(async () => Object.values(await stored(page))[0] ?? '').toMatch(/^\{/);
  await page.close({ runBeforeUnload: true });

  const again = await context.newPage();
  await openRoute(again, '/');
  const resume = again.getByRole('region', { name: 'Welcome back' });
  await expect(resume).toContainText(lesson.title);
  await resume.getByRole('button', { name: 'Continue where you left off' }).click();
  await expect(again.locator('main h1')).toHaveText(lesson.title);
  // That return read a saved copy, so it loaded the codec; its own copy soon replaces the JSON.
  await expect.poll(async () => Object.values(await stored(again))[0] ?? '', { timeout: 10_000 }).toMatch(/^h2\|/);
});

test('a return visit never shows the app\'s home before the saved copy is read, even with a slow codec (h2 and JSON copies)', async ({ context, page }) => {
  await codecDelay(page, null);
  await openRoute(page, `/${mod.slug}/${lesson.slug}`);
  await expect.poll(async () => page.evaluate(() => Object.values(localStorage).find((v) => v.startsWith('{')) ?? '')).toMatch(/^\{/);
  await page.close({ runBeforeUnload: true });

  for (const round of ['JSON copy', 'h2 copy']) {
    const again = await context.newPage();
    await codecDelay(again, 1500);
    await watchFreshHome(again);
    await openRoute(again, '/');
    await expect(again.getByRole('region', { name: 'Welcome back' })).toBeVisible();
    const seen = await again.evaluate(() => {
      const w = window as unknown as { freshHome: number; appHome: number };
      return { freshHome: w.freshHome, appHome: w.appHome };
    });
    expect(seen.appHome, round).toBeGreaterThan(0);
    expect(seen.freshHome, round).toBe(0);
    // A JSON copy read is written again as the codec's own at once (so later package updates are checked in full).
    expect(await again.evaluate(() => Object.values(localStorage).some((v) => v.startsWith('{'))), round).toBe(false);
    await again.getByRole('button', { name: 'Continue where you left off' }).click();
    await expect.poll(async () => again.evaluate(() => Object.values(localStorage).find((v) => v.startsWith('h2|')) ?? ''), { timeout: 10_000 }).toMatch(/^h2\|/);
    await again.close({ runBeforeUnload: true });
  }
});

test('after an in-place update that renamed a lesson, neither an h2 nor a JSON copy of the bookmark offers "Continue" to a page that is gone', async ({ context, page }) => {
  await openRoute(page, '/');
  await page.goto('about:blank');
  // The previous package: the same course with one more lesson in the first module, bookmarked there.
  const old: CourseTree = structuredClone(course.tree);
  old.modules[0]!.lessons.push({ ...lesson, slug: 'renamed-since' });
  const state = { seen: [`${mod.slug}/renamed-since`], location: `/${mod.slug}/renamed-since`, quizzes: {}, checks: [], exercises: {} };
  const copies = { h2: encodeState(old, state).data, json: JSON.stringify({ ...state, savedAt: Date.now() }) };
  expect(decodeState(course.tree, copies.h2).changes?.locationRemoved).toBe(true);

  const results: Record<string, string> = {};
  for (const [name, copy] of Object.entries(copies)) {
    const p = await context.newPage();
    await openRoute(p, '/');
    await p.evaluate(([k, v]) => localStorage.setItem(k!, v!), [KEY, copy]);
    await openRoute(p, '/');
    const resume = p.getByRole('region', { name: 'Welcome back' });
    if (await resume.isVisible()) {
      await resume.getByRole('button', { name: 'Continue where you left off' }).click();
      await expect(p).toHaveURL(/renamed-since/);
      await p.waitForTimeout(1000);
      results[name] = `${new URL(p.url()).hash} -> ${(await p.locator('main h1').first().textContent())!.trim()}`;
    } else results[name] = 'no resume offered';
    await p.evaluate(() => localStorage.clear());
    await p.close();
  }
  expect(results.h2).toBe('no resume offered');
  expect(results.json).toBe('no resume offered');
});
