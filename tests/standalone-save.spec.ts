/**
 * Issue 15, without an LMS (file://, a folder): the state codec is not part of a first visit's
 * first screen (src/lib/lms/standalone.ts). What a learner relies on in the browser: opening home
 * stores nothing and loads no codec; a lesson viewed is kept even if the tab closes at once, before
 * the codec has arrived; and the next visit offers to continue there.
 */
import { expect, test, type Page } from '@playwright/test';
import { course, COURSE_URL, openRoute } from './helpers';

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
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (!body.includes(CODEC_MARK)) await route.fulfill({ response, body });
  });
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
