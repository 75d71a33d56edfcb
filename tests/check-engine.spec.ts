/**
 * Issue 15: lesson 1's knowledge check is on its first screen (1280x800, no LMS), but the quiz
 * engine is not. The check paints its first view without XState; the machine's chunk (with
 * XState) loads when the learner points at, focuses or answers the check, and what was done
 * before it arrived (an answer, "Check answer") is replayed once it does.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { course, openRoute } from './helpers';

const MODULE = 'the-job';
const LESSON = course.modules[MODULE]!.lessons[0]!;
const block = LESSON.blocks.find((b) => b.kind === 'component' && b.name === 'check');
const item = course.modules[MODULE]!.checks[String(block?.kind === 'component' && block.props.id)]!;
const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').trim();

// The machine's chunk and, among its imports, the one that holds XState's code (found by a
// string of XState's runtime, so the test does not depend on how the build names chunks).
const client = resolve(import.meta.dirname, '../.svelte-kit/output/client');
const manifest = JSON.parse(readFileSync(resolve(client, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; imports?: string[] }>;
const machine = manifest['src/lib/quiz/knowledge-check.machine.ts']!;
const fileName = (file: string) => file.split('/').pop()!;
const machineFile = fileName(machine.file);
const xstateFiles = (machine.imports ?? []).map((key) => manifest[key]!.file).filter((file) => readFileSync(resolve(client, file), 'utf8').includes('__xstate__')).map(fileName);

test.use({ viewport: { width: 1280, height: 800 } });
test.setTimeout(60_000);

const checkOf = (page: Page) => page.getByRole('region', { name: 'Knowledge check' }).first();
const rightOption = () => {
  if (item.type !== 'single') throw new Error(`lesson 1's check is a ${item.type} item; this test answers single-choice items`);
  return item.options.find((o) => o.correct)!;
};

test('lesson 1 paints its knowledge check without XState, and loads it when the learner points at or focuses the check', async ({ page }) => {
  expect(LESSON.slug).toBe('what-they-do');
  expect(xstateFiles, 'one chunk of the machine holds XState').toHaveLength(1);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(fileName(new URL(request.url()).pathname)));
  await openRoute(page, `/${MODULE}/${LESSON.slug}`);

  // The first view, rendered with the first screen (the check sits just below the fold, within
  // the 200px at which LessonBody loads a part): kicker, question, options, "Check answer" not yet usable.
  const check = checkOf(page);
  await expect(check).toBeVisible();
  await expect(check.locator('.kicker')).toHaveText('Knowledge check');
  await expect(check.getByRole('group')).toContainText(text(item.promptHtml));
  await expect(check.getByRole('radio')).toHaveCount(item.type === 'single' ? item.options.length : 2);
  await expect(check.getByRole('button', { name: 'Check answer' })).toHaveAttribute('aria-disabled', 'true');
  await page.waitForLoadState('networkidle');
  expect(requested).not.toContain(machineFile);
  expect(requested).not.toContain(xstateFiles[0]);

  // Pointing at the check asks for the machine and XState.
  const asked = page.waitForRequest((r) => r.url().endsWith(`/${machineFile}`));
  await check.hover();
  await asked;
  await expect.poll(() => requested.includes(xstateFiles[0]!)).toBe(true);

  // Focusing it does too (a keyboard learner, on a fresh load).
  requested.length = 0;
  await page.mouse.move(0, 0);
  await openRoute(page, `/${MODULE}/${LESSON.slug}`);
  await expect(checkOf(page)).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(requested).not.toContain(machineFile);
  const askedByFocus = page.waitForRequest((r) => r.url().endsWith(`/${machineFile}`));
  await checkOf(page).getByRole('radio').first().focus();
  await askedByFocus;
});

test('an answer and "Check answer" given while the machine is on its way get their verdict when it arrives, and the pass is kept', async ({ page }) => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.route(`**/${machineFile}`, async (route) => {
    held++;
    await released;
    await route.continue();
  });
  await openRoute(page, `/${MODULE}/${LESSON.slug}`);
  const check = checkOf(page);
  const status = check.getByRole('status');
  await check.getByRole('radio', { name: text(rightOption().html), exact: true }).check();
  const button = check.getByRole('button', { name: 'Check answer' });
  await expect(button).toHaveAttribute('aria-disabled', 'false');
  await button.click();
  await expect(status).toHaveText('Checking…');
  expect(held).toBe(1);
  // Still held: no verdict, and the answer stays as given.
  await page.waitForTimeout(300);
  await expect(status).toHaveText('Checking…');
  await expect(check.getByRole('radio', { name: text(rightOption().html), exact: true })).toBeChecked();

  release();
  await expect(status).toContainText('Correct.');
  await expect(check.getByRole('button', { name: 'Try again' })).toBeFocused();
  await expect(check.locator('.kicker')).toHaveText('Knowledge check · answered correctly before');

  // The pass reached the session: a fresh load of the lesson still says so.
  await openRoute(page, `/${MODULE}/${LESSON.slug}`);
  await expect(checkOf(page).locator('.kicker')).toHaveText('Knowledge check · answered correctly before');
});

test('a knowledge check whose machine cannot load says so plainly and loads it on request', async ({ page }) => {
  let offline = true;
  await page.route(`**/${machineFile}`, (route) => (offline ? route.abort() : route.continue()));
  await openRoute(page, `/${MODULE}/${LESSON.slug}`);
  const check = checkOf(page);
  const status = check.getByRole('status');
  await check.getByRole('radio', { name: text(rightOption().html), exact: true }).check();
  await check.getByRole('button', { name: 'Check answer' }).click();
  await expect(status).toContainText('The feedback could not load. Check your connection, then try again.');
  offline = false;
  await status.getByRole('button', { name: 'Load the feedback again' }).click();
  await expect(status).toContainText('Correct.');
  await expect(check.locator('.kicker')).toHaveText('Knowledge check · answered correctly before');
});
