/**
 * Issue 8, "a whole-course keyboard run": inside the LMS harness (SCORM 1.2, as Moodle plays it),
 * a learner who uses only the keyboard opens every lesson of the course in order and passes the
 * final assessment. Every stop is reached with Tab and shows a visible focus indicator; answers are
 * given with arrows, Space, Enter and typing; the LMS ends up with completed/passed and the score.
 */
import { expect, test, type Frame, type Locator, type Page } from '@playwright/test';
import { loadAnswerKey } from './harness/answer-key';
import { course, COURSE_URL, expectVisibleFocus, fixRandomSeed, tabTo } from './helpers';
import { COURSE_PATH } from './server';

// The course draws quiz questions from Math.random: fixed, so every run answers the same questions.
test.beforeEach(async ({ context }) => fixRandomSeed(context));

const key = loadAnswerKey();
const allLessons = course.tree.modules.flatMap((m) => m.lessons.map((l) => ({ module: m, lesson: l })));

async function press(page: Page, target: Locator, keyName = 'Enter') {
  await tabTo(page, target);
  await page.keyboard.press(keyName);
}

const normalise = (text: string) => text.replace(/\[\[([^\]|]+)(\|[^\]]*)?\]\]/g, '$1').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Answers the question on screen correctly with the keyboard alone. */
async function answerByKeyboard(page: Page, frame: Frame) {
  const section = frame.locator('main section[data-item-id]');
  const id = await section.getAttribute('data-item-id');
  const item = key.find((i) => i.id === id);
  if (!item) throw new Error(`item ${id} is not in modules/*/quiz.yaml`);

  switch (item.type) {
    case 'single':
    case 'true-false': {
      const wanted =
        item.type === 'single'
          ? section.locator(`input[type="radio"][value="${item.options!.find((o) => o.correct)!.id}"]`)
          : section.getByRole('radio', { name: item.answer ? 'True' : 'False', exact: true });
      // Tab enters the group at its first radio; arrows move the choice (WAI-ARIA radio group).
      await tabTo(page, section.locator('input[type="radio"]').first());
      for (let i = 0; i < 12 && !(await wanted.isChecked()); i++) {
        await page.keyboard.press(i === 0 && !(await section.locator('input[type="radio"]:checked').count()) ? 'Space' : 'ArrowDown');
      }
      await expect(wanted).toBeChecked();
      await expectVisibleFocus(wanted);
      break;
    }
    case 'multiple':
      for (const option of item.options!.filter((o) => o.correct)) {
        await press(page, section.locator(`input[type="checkbox"][value="${option.id}"]`), 'Space');
      }
      break;
    case 'numeric':
      await tabTo(page, section.locator('input[inputmode="decimal"]'));
      await page.keyboard.type(String(item.answer));
      break;
    case 'fill-in':
      await tabTo(page, section.locator('input[type="text"], input:not([type])').first());
      await page.keyboard.type(item.accepted![0]!);
      break;
    case 'matching':
      for (const select of await section.locator('select').all()) {
        // Each select's id ends with its pair's id (MatchingField: `${uid}-${pair.id}`), whatever the
        // prompt's markup; the label text is the fallback.
        const selectId = (await select.getAttribute('id')) ?? '';
        const label = normalise((await section.locator(`label[for="${selectId}"]`).textContent()) ?? '');
        const pair = item.pairs!.find((p) => selectId.endsWith(`-${p.id}`)) ?? item.pairs!.find((p) => normalise(p.prompt) === label);
        if (!pair) throw new Error(`${item.id}: no pair labelled ${label}`);
        await tabTo(page, select);
        // A focused, closed select changes its value with the arrow keys.
        for (let i = 0; i < 12 && (await select.inputValue()) !== pair.target; i++) await page.keyboard.press('ArrowDown');
        await expect(select).toHaveValue(pair.target);
      }
      break;
    case 'ordering': {
      const wanted = item.steps!.map((s) => normalise(s.text));
      for (let target = 0; target < wanted.length; target++) {
        const texts = (await section.locator('ol li .text').allTextContents()).map(normalise);
        const at = texts.indexOf(wanted[target]!);
        if (at <= target) continue;
        // Focus stays on the moved step's button, so Enter keeps moving the same step up.
        const moveUp = section.locator('ol li').nth(at).locator('button[data-dir="-1"]');
        await tabTo(page, moveUp);
        for (let k = at; k > target; k--) await page.keyboard.press('Enter');
      }
      const finalOrder = (await section.locator('ol li .text').allTextContents()).map(normalise);
      expect(finalOrder).toEqual(wanted);
      break;
    }
  }
}

test('a keyboard-only learner completes every lesson and passes the final assessment inside the LMS', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto(`/harness/?version=12&course=${encodeURIComponent(COURSE_URL)}&fresh=1`);
  await page.evaluate(() => (window as any).harness.ready);
  const frame = page.frames().find((f) => f.url().includes(COURSE_PATH))!;

  // Every request the course makes during the whole run stays inside its own package
  // (issue 8: no CDN, web font or analytics; the harness around it is the LMS's, not ours).
  const packageUrl = new URL(COURSE_PATH, page.url()).href;
  const outside: string[] = [];
  page.on('request', (r) => {
    if (r.frame() === frame && !r.url().startsWith(packageUrl) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  await expect(frame.locator('main h1')).toBeVisible({ timeout: 20_000 });

  // The learner brings focus into the course frame (the LMS page around it is not ours).
  await page.locator('iframe').first().focus();

  // Home -> first module -> its first lesson, by Tab and Enter.
  const first = course.tree.modules[0]!;
  await press(page, frame.getByRole('link', { name: new RegExp(`Module ${first.number}:\\s*${first.title}`) }));
  await expect(frame.locator('main h1')).toContainText(first.title);
  await press(page, frame.locator('main ol.lessons a').first());

  for (const [i, { lesson }] of allLessons.entries()) {
    const h1 = frame.locator('main h1');
    await expect(h1).toHaveText(lesson.title, { timeout: 20_000 });
    await expect(h1).toBeFocused();
    if (i < allLessons.length - 1) await press(page, frame.getByRole('link', { name: /^Next/ }));
  }
  await expect(frame.locator('header .progress')).toContainText(`${allLessons.length} of ${allLessons.length} lessons`);

  // To the final assessment: Contents, then the assessment link, then Start.
  await press(page, frame.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Contents' }));
  await press(page, frame.getByRole('link', { name: 'Go to the final assessment' }));
  await press(page, frame.getByRole('button', { name: 'Start the quiz' }));
  const heading = frame.locator('#quiz-question-heading');
  await expect(heading).toBeVisible();
  const total = Number(/of (\d+)/.exec((await heading.textContent())!)![1]);
  expect(total).toBe(course.tree.settings.finalAssessmentItems);

  for (let q = 0; q < total; q++) {
    await expect(heading).toHaveText(`Question ${q + 1} of ${total}`);
    await answerByKeyboard(page, frame);
    if (q < total - 1) await press(page, frame.getByRole('button', { name: 'Next question' }));
  }
  await press(page, frame.getByRole('button', { name: 'Submit answers' }));
  await expect(frame.getByText('You passed')).toBeVisible();
  await expect(frame.locator('#quiz-score-heading')).toHaveText('Your score: 100%');

  // What the gradebook will show.
  await expect
    .poll(async () => (await page.evaluate(() => (window as any).harness.cmi()))?.core?.lesson_status, { timeout: 15_000 })
    .toBe('passed');
  const cmi = await page.evaluate(() => (window as any).harness.cmi());
  expect(cmi.core.score).toMatchObject({ raw: '100', min: '0', max: '100' });
  expect(Object.keys(cmi.interactions ?? {})).toHaveLength(total);
  expect(await page.evaluate(() => (window as any).harness.violations)).toEqual([]);
  expect(outside).toEqual([]);
});
