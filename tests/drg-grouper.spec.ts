/**
 * The DRG grouper simulator (module 04) as a learner uses it: only verified cases are offered,
 * every step is answered from the keyboard, a wrong answer is explained in words in the live
 * region, the result shows the FY2027 weight and the example payment computed from the data, the
 * finished case survives a reload, and there are no WCAG A/AA violations with feedback on screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, course, openRoute, tabTo } from './helpers';
import type { DrgGrouperData } from '../src/lib/exercises/drg-grouper/schema';
import { casesFor, drgOf, examplePayment, formatDollars, formatWeight } from '../src/lib/exercises/drg-grouper/logic';

const ROUTE = '/drgs-and-reimbursement/weights-and-payment';
const data = course.modules['drgs-and-reimbursement']!.exercises['drg-grouper'] as DrgGrouperData;
// The CC-exclusion case the lessons teach (issue 12 review C3): R65.20 is an MCC on its own but
// does not count with a sepsis principal diagnosis.
const excluded = data.cases.find((c) => c.principal === 'A41.9' && c.secondary.includes('R65.20'))!;

test.setTimeout(90_000);

/** Exercises load as they near the viewport (LessonBody.svelte), so scroll to the placeholder as a reader would. */
async function openExercise(page: Page) {
  await openRoute(page, ROUTE);
  await page.locator('[data-component="exercise"]').scrollIntoViewIfNeeded();
  await expect(page.locator('.grouper')).toBeVisible();
}

test('a case is grouped step by step from the keyboard, with the weight and example payment at the end', async ({ page }) => {
  await openExercise(page);
  const grouper = page.locator('.grouper');

  const principal = grouper.getByLabel(data.labels.principal);
  await tabTo(page, principal);
  await principal.selectOption(excluded.principal);

  // Only the verified cases for this principal diagnosis are offered.
  const cases = grouper.getByRole('group', { name: data.labels.variant }).getByRole('radio');
  await expect(cases).toHaveCount(casesFor(data, excluded.principal).length);
  await grouper.getByRole('radio', { name: /R65\.20/ }).check();

  const answer = async (name: string | RegExp) => {
    const radio = grouper.locator('form.step').getByRole('radio', { name });
    await radio.focus();
    await page.keyboard.press('Space');
    await expect(radio).toBeChecked();
    await page.keyboard.press('Enter'); // implicit submit: Check
    const next = grouper.getByRole('button', { name: data.labels.next });
    await expect(next).toBeFocused();
  };

  await answer(new RegExp(`^MDC ${excluded.mdc} `));
  await expect(grouper.getByRole('status')).toContainText(data.labels.correct);
  await page.keyboard.press('Enter');
  await answer(data.labels.partition.medical);
  await page.keyboard.press('Enter');

  // Counting the excluded MCC is the classic mistake: explained in words, not colour alone.
  await answer(data.labels.severity.mcc);
  await expect(grouper.getByRole('status')).toContainText(data.labels.incorrect);
  await expect(grouper.getByRole('status')).toContainText('CC exclusion');
  await page.keyboard.press('Enter');

  await answer(new RegExp(`^${excluded.drg} `));
  await page.keyboard.press('Enter');

  const drg = drgOf(data, excluded.drg)!;
  const result = grouper.locator('.result');
  await expect(result.getByRole('heading', { name: data.steps.result })).toBeFocused();
  await expect(result).toContainText(`${drg.drg} ${drg.title}`);
  await expect(result).toContainText(formatWeight(drg.weight));
  await expect(result).toContainText(formatDollars(examplePayment(drg.weight, data.exampleBaseRate.amount)));
  await expect(result).toContainText("not Medicare's rate");
  await expect(result).toContainText('You got 3 of 4 steps right.');

  await page.reload();
  await page.locator('[data-component="exercise"]').scrollIntoViewIfNeeded();
  await expect(page.locator('.grouper')).toContainText(`Cases finished: 1 of ${data.cases.length}`);
});

test('the simulator has no WCAG A/AA violations with feedback shown', async ({ page }) => {
  await openExercise(page);
  const grouper = page.locator('.grouper');
  await grouper.getByLabel(data.labels.principal).selectOption('M17.11');
  await grouper.getByRole('radio', { name: /J96\.01/ }).check();
  await grouper.locator('form.step').getByRole('radio', { name: /^MDC 10 / }).check();
  await grouper.getByRole('button', { name: data.labels.check, exact: true }).click();
  await expect(grouper.getByRole('status')).toContainText(data.labels.incorrect);
  expect(await axeViolations(page)).toEqual([]);
});
