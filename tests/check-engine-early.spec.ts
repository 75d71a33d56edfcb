/**
 * A knowledge check used before its machine's chunk has arrived (issue 15: the check paints
 * without XState, src/lib/quiz/use-lazy-actor.svelte.ts): what the learner chose and pressed is
 * what is checked, by every kind of input, by keyboard and by touch; a chunk that cannot load is
 * said plainly and its retry is announced and leaves focus in the check. Found by the adversarial
 * review of the change (stop 26); tests/check-engine.spec.ts has the main paths.
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { course, openRoute } from './helpers';

const client = resolve(import.meta.dirname, '../.svelte-kit/output/client');
const manifest = JSON.parse(readFileSync(resolve(client, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>;
const machineFile = manifest['src/lib/quiz/knowledge-check.machine.ts']!.file.split('/').pop()!;
const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').trim();

function checkIn(module: string, slug: string) {
  const mod = course.modules[module]!;
  const lesson = mod.lessons.find((l) => l.slug === slug)!;
  const block = lesson.blocks.find((b) => b.kind === 'component' && b.name === 'check')!;
  return mod.checks[String(block.kind === 'component' && block.props.id)]!;
}

/** Holds the machine's chunk until `release()`. */
async function holdMachine(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(`**/${machineFile}`, async (route: Route) => {
    await released;
    await route.continue();
  });
  return () => release();
}

const checkOf = (page: Page) => page.getByRole('region', { name: 'Knowledge check' }).first();

/** Scrolls the lazily loaded parts onto the page (as tests/a11y.spec.ts does), mouse kept at 0,0. */
async function reachCheck(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const region = document.querySelector('section.check');
          if (region) return (region.scrollIntoView({ block: 'center' }), 0);
          for (const part of document.querySelectorAll('.interactive:has(.loading)')) part.scrollIntoView({ block: 'center' });
          window.scrollBy(0, 400);
          return 1;
        }),
      { timeout: 15_000 }
    )
    .toBe(0);
}

test.setTimeout(60_000);

test('single choice: Check answer pressed before the machine arrives: the options wait with it (no other answer can be chosen meanwhile), and the verdict is for the one shown', async ({ page }) => {
  const item = checkIn('the-job', 'what-they-do');
  if (item.type !== 'single') throw new Error('expected single');
  const right = item.options.find((o) => o.correct)!;
  const wrong = item.options.find((o) => !o.correct)!;
  const release = await holdMachine(page);
  await openRoute(page, '/the-job/what-they-do');
  const check = checkOf(page);
  await check.getByRole('radio', { name: text(right.html), exact: true }).check();
  await check.getByRole('button', { name: 'Check answer' }).click();
  await expect(check.getByRole('status')).toHaveText('Checking…');
  await expect(check.getByRole('radio', { name: text(wrong.html), exact: true })).toBeDisabled();
  release();
  await expect(check.getByRole('status')).toContainText('Correct.');
  await expect(check.getByRole('radio', { name: text(right.html), exact: true })).toBeChecked();
  await expect(check.locator('.kicker')).toContainText('answered correctly before');
});

test('numeric: Check answer pressed before the machine arrives: the field waits with it, and the verdict is about the number on screen', async ({ page }) => {
  const item = checkIn('drgs-and-reimbursement', 'weights-and-payment');
  if (item.type !== 'numeric') throw new Error('expected numeric');
  const release = await holdMachine(page);
  await openRoute(page, '/drgs-and-reimbursement/weights-and-payment');
  const check = checkOf(page);
  await reachCheck(page);
  const field = check.getByRole('textbox');
  await field.fill(String(item.answer + 1000));
  await check.getByRole('button', { name: 'Check answer' }).click();
  await expect(check.getByRole('status')).toHaveText('Checking…');
  await expect(field).toBeDisabled();
  release();
  await expect(check.getByRole('status')).not.toHaveText('Checking…');
  await expect(check.getByRole('status')).not.toContainText('Correct.');
  await expect(field).toHaveValue(String(item.answer + 1000));
});

test('ordering: Check answer pressed before the machine arrives on the right order: the steps wait with it and the pass is for the order shown', async ({ page }) => {
  const item = checkIn('coding-systems', 'icd-10-pcs');
  if (item.type !== 'ordering') throw new Error('expected ordering');
  const release = await holdMachine(page);
  await openRoute(page, '/coding-systems/icd-10-pcs');
  const check = checkOf(page);
  await reachCheck(page);
  // Put the steps in the right order with the Move buttons (each move is an answer kept for the machine).
  const labels = item.steps.map((s) => text(s.html));
  for (let target = 0; target < labels.length; target++) {
    for (let guard = 0; guard < labels.length; guard++) {
      const rows = await check.locator('li').allInnerTexts();
      const at = rows.findIndex((r) => r.includes(labels[target]!));
      if (at === target) break;
      await check.getByRole('button', { name: `Move up: ${labels[target]}`, exact: true }).click();
    }
  }
  const shown = await check.locator('li').allInnerTexts();
  await check.getByRole('button', { name: 'Check answer' }).click();
  await expect(check.locator('div.live')).toHaveText('Checking…');
  await expect(check.getByRole('button', { name: `Move down: ${labels[0]}`, exact: true })).toBeDisabled();
  release();
  await expect(check.locator('div.live')).toContainText('Correct.');
  expect(await check.locator('li').allInnerTexts()).toEqual(shown);
});

test('matching: every pair chosen and Check answer pressed before the machine arrives; the verdict covers all of them', async ({ page }) => {
  const item = checkIn('the-job', 'specializations');
  if (item.type !== 'matching') throw new Error('expected matching');
  const release = await holdMachine(page);
  await openRoute(page, '/the-job/specializations');
  await reachCheck(page);
  const check = checkOf(page);
  const selects = check.locator('select');
  for (let i = 0; i < item.pairs.length; i++) await selects.nth(i).selectOption(item.pairs[i]!.target);
  await check.getByRole('button', { name: 'Check answer' }).click();
  await expect(check.locator('div.live')).toHaveText('Checking…');
  release();
  await expect(check.locator('div.live')).toContainText('Correct.');
  for (let i = 0; i < item.pairs.length; i++) await expect(selects.nth(i)).toHaveValue(item.pairs[i]!.target);
});

test('keyboard only: Tab in, arrow keys, Enter on Check answer before the machine arrives; the verdict is for the last arrow choice and focus goes to Try again', async ({ page }) => {
  const item = checkIn('the-job', 'what-they-do');
  if (item.type !== 'single') throw new Error('expected single');
  const release = await holdMachine(page);
  await openRoute(page, '/the-job/what-they-do');
  const check = checkOf(page);
  const radios = check.getByRole('radio');
  await radios.first().focus();
  const n = await radios.count();
  const names: string[] = [];
  for (let i = 0; i < n; i++) names.push((await radios.nth(i).getAttribute('value'))!);
  const rightIdx = names.indexOf(item.options.find((o) => o.correct)!.id);
  await page.keyboard.press('Space');
  for (let i = 0; i < rightIdx; i++) await page.keyboard.press('ArrowDown');
  await expect(radios.nth(rightIdx)).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(check.getByRole('button', { name: 'Check answer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(check.getByRole('status')).toHaveText('Checking…');
  release();
  await expect(check.getByRole('status')).toContainText('Correct.');
  await expect(check.getByRole('button', { name: 'Try again' })).toBeFocused();
});

test('touch at 320 px: tap an option, tap Check answer; no horizontal scroll; verdict once', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const item = checkIn('the-job', 'what-they-do');
  if (item.type !== 'single') throw new Error('expected single');
  await openRoute(page, '/the-job/what-they-do');
  const check = checkOf(page);
  await reachCheck(page);
  const changes: string[] = [];
  await page.exposeFunction('logLive', (t: string) => changes.push(t));
  await check.getByRole('status').evaluate((el) => new MutationObserver(() => (window as unknown as { logLive(t: string): void }).logLive(el.textContent!.trim())).observe(el, { childList: true, subtree: true, characterData: true }));
  await check.getByRole('radio', { name: text(item.options.find((o) => o.correct)!.html), exact: true }).tap();
  await check.getByRole('button', { name: 'Check answer' }).tap();
  await expect(check.getByRole('status')).toContainText('Correct.');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.waitForTimeout(300);
  expect(new Set(changes.filter((t) => t.startsWith('Correct'))).size).toBeLessThanOrEqual(1);
  await context.close();
});

test('the machine fails to load, the learner presses "Load the feedback again" after a wrong answer: focus stays in the check', async ({ page }) => {
  const item = checkIn('the-job', 'what-they-do');
  if (item.type !== 'single') throw new Error('expected single');
  let offline = true;
  await page.route(`**/${machineFile}`, (route) => (offline ? route.abort() : route.continue()));
  await openRoute(page, '/the-job/what-they-do');
  const check = checkOf(page);
  await check.getByRole('radio', { name: text(item.options.find((o) => !o.correct)!.html), exact: true }).check();
  await check.getByRole('button', { name: 'Check answer' }).click();
  const retry = check.getByRole('button', { name: 'Load the feedback again' });
  await expect(retry).toBeVisible();
  offline = false;
  await retry.focus();
  await page.keyboard.press('Enter');
  await expect(check.getByRole('status')).not.toContainText('could not load');
  await expect(check.getByRole('status')).not.toHaveText('Checking…');
  const inCheck = await check.evaluate((el) => el.contains(document.activeElement));
  expect(inCheck, 'focus stays inside the check after the retry button goes away').toBe(true);
});

test('while "Load the feedback again" is loading, the live region says "Checking…", then the verdict', async ({ page }) => {
  const item = checkIn('the-job', 'what-they-do');
  if (item.type !== 'single') throw new Error('expected single');
  let offline = true;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(`**/${machineFile}`, async (route) => {
    if (offline) return route.abort();
    await released;
    await route.continue();
  });
  await openRoute(page, '/the-job/what-they-do');
  const check = checkOf(page);
  const live = check.locator('div.live');
  await check.getByRole('radio', { name: text(item.options.find((o) => o.correct)!.html), exact: true }).check();
  await check.getByRole('button', { name: 'Check answer' }).click();
  await expect(live).toContainText('could not load');
  offline = false;
  await live.getByRole('button', { name: 'Load the feedback again' }).click();
  await page.waitForTimeout(300);
  await expect(live).toHaveText('Checking…');
  release();
  await expect(live).toContainText('Correct.');
});

test('no lesson page loads XState or the machine before any pointer or focus, unless its opening has a sort or a scenario', async ({ page }) => {
  const xstateFiles = new Set<string>();
  const { readdirSync } = await import('node:fs');
  for (const f of readdirSync(resolve(client, '_app/immutable/chunks'))) if (readFileSync(resolve(client, '_app/immutable/chunks', f), 'utf8').includes('__xstate__')) xstateFiles.add(f);
  const report: string[] = [];
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname.split('/').pop()!));
  for (const route of ['/', '/the-job/what-they-do', '/the-job/quiz', '/work-life/working-conditions', '/pay-and-outlook/what-technicians-earn', '/privacy-and-release/minimum-necessary-and-authorizations']) {
    requested.length = 0;
    await openRoute(page, route);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    report.push(`${route}: xstate=${requested.filter((f) => xstateFiles.has(f)).join(',') || '-'} machine=${requested.includes(machineFile)} js=${requested.filter((f) => f.endsWith('.js')).length}`);
  }
  expect(report.filter((r) => !r.includes('/quiz') && !r.includes('xstate=-'))).toEqual([]);
});
