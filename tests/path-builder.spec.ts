/**
 * The training-path builder (module 08) as a learner uses it: keyboard only, results announced in
 * the live region and written in words (not colour), an invalid order explained and fixed, the
 * path kept across a reload, and no WCAG A/AA violations.
 */
import { expect, test } from '@playwright/test';
import { axeViolations, openRoute, tabTo } from './helpers';

const ROUTE = '/training-path/other-routes-and-advancement';
const RHIT = 'Pass the RHIT exam (Registered Health Information Technician, AHIMA)';
const ASSOCIATE = 'Associate degree from a CAHIIM-accredited health information program';
const DIPLOMA = 'High school diploma or equivalent';

// Keyboard walks and axe are slow on a busy 2-core machine.
test.setTimeout(90_000);

test('a keyboard user builds a path, is told why the RHIT exam is out of order, fixes it, and finds it after a reload', async ({ page }) => {
  await openRoute(page, ROUTE);
  // Exercises load as they near the viewport: scroll to where this one sits.
  await page.locator('[data-component="exercise"]').first().scrollIntoViewIfNeeded();
  const builder = page.locator('.path-builder');
  const status = builder.getByRole('status');
  await expect(builder).toBeVisible();
  // Start the keyboard walk at the exercise (a click sets the sequential focus starting point
  // without focusing anything), so the test does not tab through the whole lesson first.
  await builder.getByRole('heading', { level: 3 }).click();

  for (const name of [DIPLOMA, RHIT, ASSOCIATE]) {
    await tabTo(page, builder.getByRole('button', { name: `Add: ${name}` }));
    await page.keyboard.press('Enter');
  }
  await expect(status).toContainText('1 problem');
  const rhitItem = builder.locator('.timeline ol > li', { hasText: RHIT });
  // The problem is spelled out in words with the rule and the missing step, not only coloured.
  await expect(rhitItem).toContainText('Problem:');
  await expect(rhitItem).toContainText('CAHIIM-accredited associate program');
  await expect(rhitItem).toContainText(`${ASSOCIATE}: in your path, but too late`);

  await tabTo(page, builder.getByRole('button', { name: `Move down: ${RHIT}` }));
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Every step in your path is in a valid order.');
  await expect(rhitItem).toContainText('In a valid place');
  await expect(builder.locator('.timeline ol > li').nth(2)).toContainText(RHIT);
  // Focus stays with the moved step (now last, so on its Move up button).
  await expect(builder.getByRole('button', { name: `Move up: ${RHIT}` })).toBeFocused();

  await page.reload();
  await expect(page.locator('.path-builder .timeline ol > li')).toHaveCount(3);
  await expect(page.locator('.path-builder .timeline ol > li').nth(2)).toContainText(RHIT);
});

test('the path builder has no WCAG A/AA violations with a problem on screen', async ({ page }) => {
  await openRoute(page, ROUTE);
  // Exercises load as they near the viewport: scroll to where this one sits.
  await page.locator('[data-component="exercise"]').first().scrollIntoViewIfNeeded();
  const builder = page.locator('.path-builder');
  await builder.getByRole('button', { name: `Add: ${RHIT}` }).click();
  await expect(builder.getByRole('status')).toContainText('1 problem');
  expect(await axeViolations(page)).toEqual([]);
});
