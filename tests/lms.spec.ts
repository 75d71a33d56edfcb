/**
 * The built course inside the LMS harness (tests/harness/), for SCORM 1.2 and 2004: a learner
 * starts, makes progress, closes the tab mid-lesson and relaunches into the same place; the LMS
 * fails in the ways real ones do (commit refused, API throws, API gone) and nothing it accepted
 * is lost while the learner is told, in plain words, what is happening.
 */
import { expect, test } from '@playwright/test';
import { answerCorrectly, loadAnswerKey } from './harness/answer-key';

import { COURSE_URL, fixRandomSeed } from './helpers';
import { allLessons, closeTab, courseFrame, firstLessons, follow, harness, hideAndShow, nothingPending, openHarness, storedLocation, visit, type Version } from './harness/pages';

// The course draws quiz questions from Math.random: fixed, so every run answers the same questions.
test.beforeEach(async ({ context }) => fixRandomSeed(context));

for (const version of ['12', '2004'] as Version[]) {
  test.describe(`SCORM ${version === '12' ? '1.2' : '2004'} in the LMS harness`, () => {
    test('closing the tab mid-lesson and relaunching lands in the same place with the same progress', async ({ context }) => {
      // Two launches of the course in the harness: 10-12.5 s on a loaded CI machine (seen).
      test.slow();
      const page = await context.newPage();
      const frame = await openHarness(page, version);
      const [first, second] = await firstLessons(frame, 2);
      await visit(frame, first!);
      await visit(frame, second!);
      await expect(frame.getByText(/2 of \d+ lessons/)).toBeVisible();
      expect(await harness.violations(page)).toEqual([]);

      // Close the tab: the course must finish on pagehide, or the LMS keeps nothing of this visit.
      await closeTab(page);

      const again = await context.newPage();
      const relaunched = await openHarness(again, version, false);
      const stored = await harness.cmi(again);
      expect(version === '12' ? stored.core.entry : stored.entry).toBe('resume');
      await relaunched.getByRole('button', { name: 'Continue where you left off' }).click();
      await expect(relaunched.locator('main h1')).toHaveText(second!.title, { timeout: 15_000 });
      await expect(relaunched.getByText(/2 of \d+ lessons/)).toBeVisible();
      expect(await harness.violations(again)).toEqual([]);
    });

    test('viewing every lesson and passing the final assessment completes and passes the course', async ({ page }) => {
      test.setTimeout(180_000);
      const frame = await openHarness(page, version);
      const lessons = await allLessons(frame);
      for (const lesson of lessons) await visit(frame, lesson);
      await expect(frame.getByText(`${lessons.length} of ${lessons.length} lessons`)).toBeVisible();
      // Lesson commits are throttled (one per 5 s at most): let the last lesson's land before counting.
      await nothingPending(page);

      const key = loadAnswerKey();
      await follow(frame, '#/final');
      await frame.getByRole('button', { name: 'Start the quiz' }).click();
      const total = Number(/of (\d+)/.exec((await frame.locator('#quiz-question-heading').textContent())!)![1]);
      const mark = (await harness.calls(page)).length;
      for (let i = 0; i < total; i++) {
        await answerCorrectly(frame, key);
        if (i < total - 1) await frame.getByRole('button', { name: 'Next question' }).click();
      }
      await frame.getByRole('button', { name: 'Submit answers' }).click();
      await expect(frame.getByText('You passed')).toBeVisible();

      await expect.poll(async () => (await harness.cmi(page)) && Object.keys((await harness.cmi(page)).interactions ?? {}).length).toBe(total);
      const cmi = await harness.cmi(page);
      if (version === '12') {
        expect(cmi.core.lesson_status).toBe('passed');
        expect(cmi.core.score).toMatchObject({ raw: '100', min: '0', max: '100' });
      } else {
        expect(cmi).toMatchObject({ completion_status: 'completed', success_status: 'passed' });
        expect(cmi.score).toMatchObject({ raw: '100', scaled: '1' });
      }
      const interactions = Object.values(cmi.interactions) as any[];
      expect(interactions.every((i) => i.result === 'correct')).toBe(true);
      expect(interactions.every((i) => /^final_a1_[a-z0-9-]+$/.test(i.id))).toBe(true);
      const objectives = Object.values(cmi.objectives) as any[];
      expect(objectives.length).toBeGreaterThan(0);
      // Each module objective carries its own module quiz's result; the final's score is not copied onto them.
      expect(objectives.every((o) => (o.score?.raw ?? '') === '')).toBe(true);
      // Each move to the next question commits the answers given so far, and the result is committed
      // at once (a crash mid-quiz loses at most the answer being typed): one commit per question.
      const commits = (await harness.calls(page)).slice(mark).filter((c) => c.method.endsWith('Commit'));
      expect(commits).toHaveLength(total);
      expect(await harness.violations(page)).toEqual([]);
    });

    test('a quiz left mid-attempt comes back with the same questions, answers and position', async ({ context }) => {
      // Two launches of the course in the harness and a quiz: 11-12.5 s on a loaded CI machine (seen).
      test.slow();
      const page = await context.newPage();
      const frame = await openHarness(page, version);
      await follow(frame, '#/');
      const moduleHref = await frame.locator('main h3 a[href^="#/"]').first().getAttribute('href');
      await follow(frame, `${moduleHref}/quiz`);
      await frame.getByRole('button', { name: 'Start the quiz' }).click();
      await answerCorrectly(frame, loadAnswerKey());
      const firstItem = await frame.locator('main section[data-item-id]').getAttribute('data-item-id');
      await frame.getByRole('button', { name: 'Next question' }).click();
      await expect(frame.locator('#quiz-question-heading')).toHaveText(/^Question 2 of/);
      const secondItem = await frame.locator('main section[data-item-id]').getAttribute('data-item-id');
      await closeTab(page);

      const again = await context.newPage();
      const relaunched = await openHarness(again, version, false);
      await relaunched.getByRole('button', { name: 'Continue where you left off' }).click();
      await expect(relaunched.locator('#quiz-question-heading')).toHaveText(/^Question 2 of/, { timeout: 15_000 });
      await expect(relaunched.locator('main section[data-item-id]')).toHaveAttribute('data-item-id', secondItem!);
      await expect(relaunched.getByRole('button', { name: 'Question 1, answered' })).toBeVisible();
      await relaunched.getByRole('button', { name: 'Previous question' }).click();
      await expect(relaunched.locator('#quiz-question-heading')).toHaveText(/^Question 1 of/);
      await expect(relaunched.locator('main section[data-item-id]')).toHaveAttribute('data-item-id', firstItem!);
      expect(await harness.violations(again)).toEqual([]);
    });

    test('makes no call after finishing and finishes exactly once', async ({ page }) => {
      const frame = await openHarness(page, version);
      const [first] = await firstLessons(frame, 1);
      await visit(frame, first!);
      await page.evaluate(() => (window as any).harness.finish());
      const calls = await harness.calls(page);
      const finishes = calls.filter((c) => c.method === (version === '12' ? 'LMSFinish' : 'Terminate'));
      expect(finishes).toHaveLength(1);
      expect(calls.at(-1)?.method).toBe(finishes[0]!.method);
      expect(await harness.violations(page)).toEqual([]);
      expect(storedLocation(version, await harness.cmi(page))).toBe(first!.route);
    });

    test('when the LMS refuses commits, the learner is told and nothing is lost once it accepts again', async ({ page }) => {
      const frame = await openHarness(page, version);
      const [first, second] = await firstLessons(frame, 2);
      await visit(frame, first!);
      await hideAndShow(frame);
      expect(storedLocation(version, await harness.cmi(page))).toBe(first!.route);

      await harness.fault(page, 'commit-false');
      await visit(frame, second!);
      await hideAndShow(frame);
      const notice = frame.getByRole('status').filter({ hasText: 'did not accept the last save' });
      await expect(notice).toBeVisible();
      // What the LMS accepted before the fault is intact.
      expect(storedLocation(version, await harness.cmi(page))).toBe(first!.route);

      await harness.fault(page, null);
      // The runtime retries with backoff on its own; the notice goes once the LMS has it all.
      await expect(notice).toBeHidden({ timeout: 10_000 });
      expect(storedLocation(version, await harness.cmi(page))).toBe(second!.route);
      expect(await harness.violations(page)).toEqual([]);
    });

    test('when the LMS throws, the course keeps working and retries', async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const frame = await openHarness(page, version);
      const [first, second] = await firstLessons(frame, 2);
      await visit(frame, first!);
      await harness.fault(page, 'throw');
      await visit(frame, second!);
      await hideAndShow(frame);
      await expect(frame.getByRole('status').filter({ hasText: /did not accept the last save|lost contact/ })).toBeVisible();
      await harness.fault(page, null);
      await hideAndShow(frame);
      await expect.poll(async () => storedLocation(version, await harness.cmi(page)), { timeout: 10_000 }).toBe(second!.route);
      expect(errors).toEqual([]);
    });

    test('when the LMS disappears mid-session, progress stays on this device and the next launch resumes from it', async ({ page }) => {
      // Waits out the course's retries (0.5 + 1 + 2 s of wall clock), then relaunches: 10-12 s on a
      // loaded CI machine (seen).
      test.slow();
      const frame = await openHarness(page, version);
      const [first, second] = await firstLessons(frame, 2);
      await visit(frame, first!);
      await hideAndShow(frame);
      await harness.fault(page, 'disappear');
      await visit(frame, second!);
      await hideAndShow(frame);
      // After the retries run out (0.5 + 1 + 2 s) the learner is told in plain words.
      await expect(frame.getByRole('status').filter({ hasText: 'lost contact with your LMS' })).toBeVisible({ timeout: 10_000 });
      expect(storedLocation(version, await harness.cmi(page))).toBe(first!.route);

      await harness.relaunch(page);
      const relaunched = courseFrame(page);
      await relaunched.getByRole('button', { name: 'Continue where you left off' }).click();
      await expect(relaunched.locator('main h1')).toHaveText(second!.title, { timeout: 15_000 });
    });
  });
}

test('with no LMS the course says once, politely, that it is not reporting, and remembers the dismissal', async ({ page }) => {
  await page.goto(COURSE_URL);
  const notice = page.getByRole('status').filter({ hasText: 'not connected to a learning management system' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
  await page.reload();
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.getByText('not connected to a learning management system')).toHaveCount(0);
});
