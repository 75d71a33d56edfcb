/**
 * The code anatomy explorer (module 03) as a learner uses it: step through a code with the arrow
 * keys and hear each character's part, judge codes valid or invalid with explanations in words,
 * keep progress across a reload, and no WCAG A/AA violations. Answers come from the exercise data.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, course, openRoute, tabTo } from './helpers';
import type { CodeExplorerData } from '../src/lib/exercises/code-explorer/schema';

const ROUTE = '/coding-systems/cpt-hcpcs-and-queries';
const data = course.modules['coding-systems']!.exercises['code-explorer'] as CodeExplorerData;
const pcs = data.codes.find((c) => c.code === '0DTJ4ZZ')!;

test.setTimeout(90_000);

/** Exercises load as they near the viewport (LessonBody.svelte), so scroll to the placeholder as a reader would. */
async function openExercise(page: Page) {
  await openRoute(page, ROUTE);
  await page.locator('[data-component="exercise"]').scrollIntoViewIfNeeded();
  const exercise = page.locator('.code-explorer');
  await expect(exercise).toBeVisible();
  return exercise;
}

test('a keyboard user steps through 0DTJ4ZZ and hears each axis', async ({ page }) => {
  const explorer = await openExercise(page);
  await explorer.getByLabel('Choose a code').selectOption(pcs.id);

  const strip = explorer.getByRole('toolbar');
  await tabTo(page, strip.getByRole('button', { name: 'Character 1: 0' }));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const third = strip.getByRole('button', { name: 'Character 3: T' });
  await expect(third).toBeFocused();
  await expect(third).toHaveAttribute('aria-pressed', 'true');
  await expect(explorer.getByRole('status').first()).toHaveText(`Character 3: T. ${pcs.parts[2]!.label}.`);
  await expect(explorer.locator('.detail')).toContainText('Root operation');
  await page.keyboard.press('End');
  await expect(strip.getByRole('button', { name: 'Character 7: Z' })).toBeFocused();
  await expect(explorer.locator('.detail')).toContainText('Qualifier');
});

test('judging every code right is announced, kept after a reload, and the explorer has no WCAG A/AA violations', async ({ page }) => {
  const explorer = await openExercise(page);
  for (const item of data.spot) {
    const group = explorer.getByRole('group', { name: `${data.systemLabels[item.system]} ${item.code}`, exact: true });
    await group.getByRole('radio', { name: item.valid ? 'Valid' : 'Invalid', exact: true }).check();
  }
  await explorer.getByRole('button', { name: 'Check my answers' }).click();
  const n = data.spot.length;
  await expect(explorer.getByRole('status').last()).toContainText(`You judged ${n} of ${n} codes correctly.`);
  await expect(explorer.getByText('✓ Correct.')).toHaveCount(n);
  expect(await axeViolations(page)).toEqual([]);

  await page.reload();
  await page.locator('[data-component="exercise"]').scrollIntoViewIfNeeded();
  await expect(page.locator('.code-explorer')).toContainText(`Your best so far: ${n} of ${n}.`);
});

test('a wrong verdict is explained in words', async ({ page }) => {
  const explorer = await openExercise(page);
  const trap = data.spot.find((s) => s.code === '0SRCOJ9')!;
  await explorer.getByRole('group', { name: `ICD-10-PCS ${trap.code}`, exact: true }).getByRole('radio', { name: 'Valid', exact: true }).check();
  await explorer.getByRole('button', { name: 'Check my answers' }).click();
  const item = explorer.locator('.spot-list li', { hasText: trap.code });
  await expect(item).toContainText('✗ Not quite.');
  await expect(item).toContainText('the letter O');
});
