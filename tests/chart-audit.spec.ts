/**
 * The chart audit (module 02) as a learner uses it: findings chosen with the keyboard, the result
 * announced in the live region and written in words (not colour alone), the best score kept across
 * a reload, and no WCAG A/AA violations with feedback on screen. Answers come from the exercise data.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations, course, openRoute, tabTo } from './helpers';
import type { ChartAuditData } from '../src/lib/exercises/chart-audit/schema';

const ROUTE = '/the-health-record/checking-the-record';
const data = course.modules['the-health-record']!.exercises['chart-audit'] as ChartAuditData;
const chart = data.cases[0]!;
const label = (findingId: string) => data.findings.find((f) => f.id === findingId)!.label;

test.setTimeout(90_000);

/** Exercises load as they near the viewport (LessonBody.svelte), so scroll to the placeholder as a reader would. */
async function openExercise(page: Page) {
  await openRoute(page, ROUTE);
  await page.locator('[data-component="exercise"]').scrollIntoViewIfNeeded();
  const exercise = page.locator('.chart-audit');
  await expect(exercise).toBeVisible();
  return exercise;
}

async function answerEverything(audit: Locator) {
  for (const doc of chart.documents) {
    await audit.getByRole('group', { name: `Your finding for the ${doc.title.toLowerCase()}` }).getByRole('radio', { name: label(doc.answer) }).check();
  }
  const checklist = audit.getByRole('group', { name: data.missingPrompt });
  for (const req of chart.required) {
    const box = checklist.getByRole('checkbox', { name: req.label });
    if (req.present) await expect(box).not.toBeChecked();
    else await box.check();
  }
}

test('a careful audit scores full marks, is announced, and the best score survives a reload', async ({ page }) => {
  const audit = await openExercise(page);
  await expect(audit.getByRole('heading', { name: chart.title })).toBeVisible();
  await answerEverything(audit);

  // Submit from the keyboard, as a keyboard-only learner would.
  await tabTo(page, audit.getByRole('button', { name: 'Check my audit' }));
  await page.keyboard.press('Enter');
  const max = chart.documents.length + chart.required.length;
  await expect(audit.getByRole('status')).toContainText(`You got ${max} of ${max} right.`);
  await expect(audit.getByRole('heading', { name: `Your audit: ${max} of ${max} right` })).toBeFocused();
  await expect(audit.getByText('✓ Correct.')).toHaveCount(max);

  await page.reload();
  await page.locator('[data-component="exercise"]').scrollIntoViewIfNeeded();
  await expect(page.locator('.chart-audit').getByRole('button', { name: new RegExp(`${chart.title}.*best ${max}/${max}`) })).toBeVisible();
});

test('a wrong finding is explained in words and the chart has no WCAG A/AA violations with feedback shown', async ({ page }) => {
  const audit = await openExercise(page);
  const unsigned = chart.documents.find((d) => d.answer === 'unsigned')!;
  const group = audit.getByRole('group', { name: `Your finding for the ${unsigned.title.toLowerCase()}` });

  // Radio groups are one tab stop; arrow keys choose within the group.
  await tabTo(page, group.getByRole('radio', { name: label('ok') }));
  await page.keyboard.press('Space');
  await expect(group.getByRole('radio', { name: label('ok') })).toBeChecked();

  await audit.getByRole('button', { name: 'Check my audit' }).click();
  await expect(audit.getByRole('status')).toContainText('had no finding chosen');
  const item = audit.locator('li.document', { hasText: unsigned.title }).first();
  await expect(item).toContainText('✗ Not quite.');
  await expect(item).toContainText(`You chose: ${label('ok')}. Best finding: ${label('unsigned')}.`);
  expect(await axeViolations(page)).toEqual([]);

  await audit.getByRole('button', { name: 'Try again' }).click();
  await expect(group.getByRole('radio', { name: label('ok') })).toBeEnabled();
});
