/**
 * The graded module quiz and the knowledge checks as a learner meets them in the built course:
 * a whole quiz by keyboard alone (fail, retry with a new draw, pass, review), resuming mid-quiz
 * after a reload, a knowledge check's feedback in its live region, axe on every quiz view, and the
 * quiz engine staying off the first screen. Right and wrong answers come from the module's data.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { QuizItem } from '../src/lib/content/types';
import { axeViolations, course, fixRandomSeed, openRoute, tabTo } from './helpers';

// The course draws quiz questions from Math.random: fixed, so every run answers the same questions.
test.beforeEach(async ({ context }) => fixRandomSeed(context));

const MODULE = 'the-job';
const pool = course.modules[MODULE]!.quiz;
const meta = course.tree.modules.find((m) => m.slug === MODULE)!;
const settings = course.tree.settings;
const DRAW = meta.quiz!.draw;

test.setTimeout(120_000);

const itemById = (id: string) => {
  const item = pool.find((i) => i.id === id);
  if (!item) throw new Error(`item ${id} is not in the ${MODULE} pool`);
  return item;
};
const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').trim();

const question = (page: Page) => page.locator('section[data-item-id]');
async function currentItem(page: Page): Promise<QuizItem> {
  return itemById((await question(page).getAttribute('data-item-id'))!);
}

/** Chooses `target` in a radio group by keyboard: Tab into the group, then arrow keys (which check as they move). */
async function chooseRadio(page: Page, group: Locator, target: Locator) {
  await tabTo(page, group.getByRole('radio').first());
  for (let i = 0; i < 12 && !(await target.isChecked()); i++) {
    if (await target.evaluate((el) => el === document.activeElement)) await page.keyboard.press('Space');
    else await page.keyboard.press('ArrowDown');
  }
  await expect(target).toBeChecked();
}

/** Answers the question on screen with the keyboard only, rightly or wrongly. */
async function answerByKeyboard(page: Page, right: boolean) {
  const item = await currentItem(page);
  const q = question(page);
  switch (item.type) {
    case 'single': {
      const option = item.options.find((o) => o.correct === right)!;
      await chooseRadio(page, q, q.getByRole('radio', { name: text(option.html), exact: true }));
      break;
    }
    case 'true-false': {
      const value = right ? item.answer : !item.answer;
      await chooseRadio(page, q, q.getByRole('radio', { name: value ? 'True' : 'False', exact: true }));
      break;
    }
    case 'multiple': {
      const wanted = right ? item.options.filter((o) => o.correct) : [item.options.find((o) => !o.correct)!];
      // Tab reaches the boxes in display order; tick them in that order.
      const boxes = q.getByRole('checkbox');
      for (let i = 0; i < (await boxes.count()); i++) {
        const box = boxes.nth(i);
        const value = await box.getAttribute('value');
        if (!wanted.some((o) => o.id === value)) continue;
        await tabTo(page, box);
        await page.keyboard.press('Space');
        await expect(box).toBeChecked();
      }
      break;
    }
    case 'matching': {
      for (const pair of item.pairs) {
        const select = q.getByRole('combobox', { name: text(pair.promptHtml), exact: true });
        const goal = right ? pair.target : item.targets.find((t) => t.id !== pair.target)!.id;
        await tabTo(page, select);
        for (let i = 0; i < 15 && (await select.inputValue()) !== goal; i++) await page.keyboard.press('ArrowDown');
        await expect(select).toHaveValue(goal);
      }
      break;
    }
    case 'ordering': {
      // Shown scrambled, never in the right order: wrong means leaving it as it is.
      if (!right) break;
      const steps = q.locator('fieldset li .text');
      for (const [position, step] of item.steps.entries()) {
        const texts = (await steps.allInnerTexts()).map((t) => t.trim());
        const from = texts.findIndex((t) => t === text(step.html));
        if (from <= position) continue;
        const up = q.getByRole('button', { name: `Move up: ${text(step.html)}` });
        await tabTo(page, up);
        for (let i = 0; i < from - position; i++) await page.keyboard.press('Enter');
        await expect(q.getByRole('status')).toHaveText(`${text(step.html)}: moved to position ${position + 1} of ${item.steps.length}.`);
      }
      const order = (await steps.allInnerTexts()).map((t) => t.trim());
      expect(order).toEqual(item.steps.map((s) => text(s.html)));
      break;
    }
    case 'numeric': {
      const box = q.getByRole('textbox');
      await tabTo(page, box);
      await page.keyboard.type(String(right ? item.answer : item.answer + item.tolerance + 1000));
      break;
    }
    case 'fill-in': {
      const box = q.getByRole('textbox');
      await tabTo(page, box);
      await page.keyboard.type(right ? item.accepted[0]! : 'not the answer');
      break;
    }
  }
}

/** Answers every question of the attempt by keyboard, moving on with "Next question", then submits. */
async function takeAttempt(page: Page, right: boolean): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= DRAW; n++) {
    await expect(page.getByRole('heading', { level: 2, name: `Question ${n} of ${DRAW}` })).toBeFocused();
    ids.push((await currentItem(page)).id);
    await answerByKeyboard(page, right);
    const next = n < DRAW ? page.getByRole('button', { name: 'Next question' }) : page.getByRole('button', { name: 'Submit answers' });
    await tabTo(page, next);
    await page.keyboard.press('Enter');
  }
  return ids;
}

test('a learner fails, retries with a new draw and passes the module quiz by keyboard alone, then reviews it', async ({ page }) => {
  await openRoute(page, `/${MODULE}/quiz`);
  await expect(page).toHaveTitle(`Quiz: ${meta.title} — ${settings.title}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Quiz: ${meta.title}`);
  await expect(page.getByText(`${DRAW} questions, drawn from a pool of ${pool.length}.`)).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Start the quiz' }));
  await page.keyboard.press('Enter');

  const firstDraw = await takeAttempt(page, false);
  await expect(page.getByRole('heading', { level: 2, name: 'Your score: 0%' })).toBeFocused();
  await expect(page.getByText(`Not passed yet: the pass mark is ${settings.masteryScore}%.`)).toBeVisible();
  await expect(page.getByText(`You have ${settings.attemptsPerQuiz - 1} attempts left`)).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Try again with new questions' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Attempt 2 of ${settings.attemptsPerQuiz}`)).toBeVisible();
  const secondDraw = await takeAttempt(page, true);
  expect(secondDraw, 'a retry draws afresh').not.toEqual(firstDraw);

  await expect(page.getByRole('heading', { level: 2, name: 'Your score: 100%' })).toBeFocused();
  await expect(page.getByText('You passed')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Review: every question with its verdict, explanation and the lesson it comes from.
  await tabTo(page, page.getByRole('button', { name: 'Review your answers' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: `Question 1 of ${DRAW}: correct` })).toBeFocused();
  const reviewed = await currentItem(page);
  expect(reviewed.id).toBe(secondDraw[0]);
  const lesson = meta.lessons.find((l) => l.slug === reviewed.lesson)!;
  await expect(page.getByRole('link', { name: lesson.title })).toHaveAttribute('href', `#/${MODULE}/${lesson.slug}`);
  await expect(page.locator('.explanation')).toContainText(text(reviewed.explanationHtml).slice(0, 40));
  expect(await axeViolations(page)).toEqual([]);
  await tabTo(page, page.getByRole('button', { name: 'Back to your score' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Your score: 100%' })).toBeFocused();
});

test('leaving mid-quiz and coming back restores the same questions, answers and attempt', async ({ page }) => {
  await openRoute(page, `/${MODULE}/quiz`);
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  const drawn: string[] = [];
  for (let n = 1; n <= 3; n++) {
    // The question on screen is read once its heading says which it is (not the one before).
    await expect(page.getByRole('heading', { level: 2, name: `Question ${n} of ${DRAW}` })).toBeVisible();
    drawn.push((await currentItem(page)).id);
    await answerByKeyboard(page, true);
    await page.getByRole('button', { name: 'Next question' }).click();
  }
  await expect(page.getByRole('heading', { level: 2, name: `Question 4 of ${DRAW}` })).toBeVisible();
  const fourth = (await currentItem(page)).id;
  expect(await axeViolations(page)).toEqual([]);

  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: `Question 4 of ${DRAW}` })).toBeVisible();
  await expect(question(page)).toHaveAttribute('data-item-id', fourth);
  await expect(page.getByText(`Attempt 1 of ${settings.attemptsPerQuiz}`)).toBeVisible();
  const jump = page.getByRole('navigation', { name: 'Questions' });
  for (let n = 1; n <= 3; n++) {
    await expect(jump.getByRole('button', { name: `Question ${n}, answered` })).toBeVisible();
    await jump.getByRole('button', { name: `Question ${n}, answered` }).click();
    await expect(question(page)).toHaveAttribute('data-item-id', drawn[n - 1]!);
  }
  // The first answer is still the one given: for a typed answer its text, for a choice its box.
  await jump.getByRole('button', { name: /^Question 1,/ }).click();
  await expect(question(page)).toHaveAttribute('data-item-id', drawn[0]!);
  const first = await currentItem(page);
  const q = question(page);
  if (first.type === 'fill-in') await expect(q.getByRole('textbox')).toHaveValue(first.accepted[0]!);
  else if (first.type === 'numeric') await expect(q.getByRole('textbox')).toHaveValue(String(first.answer));
  else if (first.type === 'true-false') await expect(q.getByRole('radio', { name: first.answer ? 'True' : 'False', exact: true })).toBeChecked();
  else if (first.type === 'single' || first.type === 'multiple')
    for (const o of first.options.filter((o) => o.correct)) await expect(q.locator(`input[value="${o.id}"]`)).toBeChecked();
});

test('a knowledge check explains a wrong answer in its live region, then confirms the right one', async ({ page }) => {
  const lesson = course.modules[MODULE]!.lessons.find((l) => l.blocks.some((b) => b.kind === 'component' && b.name === 'check'))!;
  const block = lesson.blocks.find((b) => b.kind === 'component' && b.name === 'check')!;
  const item = course.modules[MODULE]!.checks[String(block.kind === 'component' && block.props.id)]!;
  await openRoute(page, `/${MODULE}/${lesson.slug}`);
  // Checks load as they near the viewport: scroll to where the first one sits.
  await page.locator('[data-component="check"]').first().scrollIntoViewIfNeeded();
  const check = page.getByRole('region', { name: 'Knowledge check' }).first();
  await expect(check.getByRole('button', { name: 'Check answer' })).toBeVisible();
  const status = check.getByRole('status');

  // A wrong answer first (the first wrong option, or a wrong value), then the right one.
  const answer = async (right: boolean) => {
    if (item.type === 'single' || item.type === 'multiple') {
      const wanted = right ? item.options.filter((o) => o.correct) : [item.options.find((o) => !o.correct)!];
      for (const o of item.options) {
        const control = check.locator(`input[value="${o.id}"]`);
        if (item.type === 'multiple') await control.setChecked(wanted.includes(o));
        else if (wanted.includes(o)) await control.check();
      }
    } else if (item.type === 'true-false') {
      await check.getByRole('radio', { name: right === item.answer ? 'True' : 'False', exact: true }).check();
    } else if (item.type === 'matching') {
      for (const pair of item.pairs) {
        await check.getByRole('combobox', { name: text(pair.promptHtml) }).selectOption(right ? pair.target : item.targets.find((t) => t.id !== pair.target)!.id);
      }
    } else if (item.type === 'fill-in' || item.type === 'numeric') {
      await check.getByRole('textbox').fill(right ? String(item.type === 'fill-in' ? item.accepted[0] : item.answer) : '999999');
    }
  };
  await answer(false);
  const checkButton = check.getByRole('button', { name: 'Check answer' });
  await checkButton.focus();
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Not quite. Try again.');
  // Announced by the live region while focus stays put, ready to check again.
  await expect(checkButton).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);

  await answer(true);
  await check.getByRole('button', { name: 'Check answer' }).click();
  await expect(status).toContainText('Correct.');
  await expect(status).toContainText(text(item.explanationHtml).slice(0, 40));
  await expect(check.getByRole('button', { name: 'Try again' })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
});

test('review rev15-s23 L3: a knowledge check whose feedback view cannot load says so plainly and loads it on request', async ({ page }) => {
  const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../.svelte-kit/output/client/.vite/manifest.json'), 'utf8'));
  const feedbackFile = String(manifest['src/lib/quiz/ItemFeedback.svelte'].file).split('/').pop();
  let offline = true;
  await page.route(`**/${feedbackFile}`, (route) => (offline ? route.abort() : route.continue()));
  const lesson = course.modules[MODULE]!.lessons.find((l) => l.blocks.some((b) => b.kind === 'component' && b.name === 'check'))!;
  await openRoute(page, `/${MODULE}/${lesson.slug}`);
  await page.locator('[data-component="check"]').first().scrollIntoViewIfNeeded();
  const check = page.getByRole('region', { name: 'Knowledge check' }).first();
  const status = check.getByRole('status');
  // Any answer: the first option, true/false, or a typed value.
  const first = check.locator('input[type="radio"], input[type="checkbox"]').first();
  if (await first.count()) await first.check();
  else await check.getByRole('textbox').first().fill('1');
  await check.getByRole('button', { name: 'Check answer' }).click();
  await expect(status).toContainText('The feedback could not load.');
  offline = false;
  await status.getByRole('button', { name: 'Load the feedback again' }).click();
  await expect(status).toContainText(/Correct\.|Not quite/);
});

test('the quiz engine is not part of the first screen', async ({ page }) => {
  // Each body is read as its response arrives; the checks await every read started so far (a read
  // still under way when the network went idle would otherwise be missed).
  const reads: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) reads.push(response.text().catch(() => ''));
  });
  const scriptsSoFar = () => Promise.all(reads);
  await openRoute(page, '/');
  await page.waitForLoadState('networkidle');
  let scripts = await scriptsSoFar();
  expect(scripts.length).toBeGreaterThan(0);
  // Machine ids are string literals that survive minification.
  expect(scripts.some((s) => s.includes('gradedQuiz') || s.includes('knowledgeCheck'))).toBe(false);

  await openRoute(page, `/${MODULE}/quiz`);
  await page.waitForLoadState('networkidle');
  scripts = await scriptsSoFar();
  expect(scripts.some((s) => s.includes('gradedQuiz'))).toBe(true);
});

test('the final assessment draws its questions from every module with a quiz', async ({ page }) => {
  const banks = Object.values(course.modules).filter((m) => m.quiz.length > 0);
  const count = Math.min(settings.finalAssessmentItems, banks.reduce((n, m) => n + m.quiz.length, 0));
  const moduleOf = new Map(banks.flatMap((m) => m.quiz.map((i) => [i.id, m.slug] as const)));
  await openRoute(page, '/final');
  await expect(page).toHaveTitle(`Final assessment — ${settings.title}`);
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Question 1 of ${count}` })).toBeFocused();
  const modules = new Set<string>();
  const jump = page.getByRole('navigation', { name: 'Questions' });
  for (let n = 1; n <= count; n++) {
    await jump.getByRole('button', { name: new RegExp(`^Question ${n},`) }).click();
    await expect(page.getByRole('heading', { level: 2, name: `Question ${n} of ${count}` })).toBeVisible();
    modules.add(moduleOf.get((await question(page).getAttribute('data-item-id'))!)!);
  }
  // Taken in turn from each module's pool, so every module is represented when the draw allows.
  expect(modules.size).toBe(Math.min(banks.length, count));
  expect(await axeViolations(page)).toEqual([]);
});
