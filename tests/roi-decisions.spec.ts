/**
 * The release-of-information desk (module 05) as a learner uses it: each request is decided from
 * the keyboard, the feedback written for the chosen decision and the rule are announced, the
 * score is kept across a reload, and there are no WCAG A/AA violations with feedback on screen.
 * Answers come from the exercise data.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, course, openRoute, tabTo } from './helpers';
import type { RoiDecisionsData } from '../src/lib/exercises/roi-decisions/schema';
import { decisionLabel } from '../src/lib/exercises/roi-decisions/logic';

const ROUTE = '/privacy-and-release/releasing-records';
const data = course.modules['privacy-and-release']!.exercises['roi-decisions'] as RoiDecisionsData;
const total = data.requests.length;

test.setTimeout(90_000);

/** Exercises load as they near the viewport (LessonBody.svelte), so scroll to the placeholder as a reader would. */
async function openExercise(page: Page) {
  await openRoute(page, ROUTE);
  await page.locator('[data-component="exercise"]').scrollIntoViewIfNeeded();
  await expect(page.locator('.roi')).toBeVisible();
}

test('deciding every request correctly scores full marks, moves focus sensibly and survives a reload', async ({ page }) => {
  await openExercise(page);
  const desk = page.locator('.roi');

  for (const [i, request] of data.requests.entries()) {
    await expect(desk.getByRole('heading', { name: request.title })).toBeVisible();
    const radio = desk.getByRole('radio', { name: decisionLabel(data, request.correct) });
    if (i === 0) await tabTo(page, radio);
    else await radio.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect(desk.getByRole('status')).toContainText(data.labels.correct);
    await expect(desk.getByRole('status')).toContainText(request.rule);
    await expect(desk.getByRole('button', { name: data.labels.next })).toBeFocused();
    await page.keyboard.press('Enter');
  }

  const score = `You decided ${total} of ${total} requests correctly.`;
  await expect(desk.getByRole('heading', { name: score })).toBeFocused();
  await page.reload();
  await page.locator('[data-component="exercise"]').scrollIntoViewIfNeeded();
  await expect(page.locator('.roi').getByRole('heading', { name: score })).toBeVisible();
});

test('a wrong decision shows its own feedback and the best answer, with no WCAG A/AA violations', async ({ page }) => {
  await openExercise(page);
  const desk = page.locator('.roi');
  const first = data.requests[0]!;
  const wrong = data.decisions.find((d) => d.id !== first.correct)!;
  await desk.getByRole('radio', { name: wrong.label }).check();
  await desk.getByRole('button', { name: data.labels.check, exact: true }).click();
  const status = desk.getByRole('status');
  await expect(status).toContainText(data.labels.incorrect);
  await expect(status).toContainText(first.feedback[wrong.id]!);
  await expect(status).toContainText(`${data.labels.bestAnswer} ${decisionLabel(data, first.correct)}`);
  expect(await axeViolations(page)).toEqual([]);
});
