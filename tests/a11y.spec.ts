/**
 * Issue 8, accessibility everywhere: axe (WCAG 2.0-2.2 A/AA) on every route of the built course with
 * its interactive parts loaded, on the learner notices (standalone, resume), and the semantics of
 * the key components pinned by ARIA snapshots (landmarks, headings, labelled controls, live regions).
 * Quiz states, chart tables and exercises have their own axe checks in quiz/charts/<exercise> specs.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, course, fixRandomSeed, openRoute, TEST_RANDOM_SEED } from './helpers';

// Quiz pages draw their questions from Math.random: fixed, so every run meets the same questions.
test.beforeEach(async ({ context }) => fixRandomSeed(context));

/** Scrolls to the end so lazily loaded checks and exercises are on the page, then waits for them. */
async function loadEverything(page: Page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  // A busy machine can skip past a part in that quick scroll without its observer noticing: visit
  // each part still loading, in the page itself, until none is left. (Playwright's per-element
  // scrollIntoViewIfNeeded waited out the whole test when the page re-rendered and a part it had
  // listed was gone.)
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const pending = [...document.querySelectorAll('.interactive:has(.loading)')];
          for (const part of pending) part.scrollIntoView({ block: 'center' });
          return pending.length;
        }),
      { timeout: 15_000 }
    )
    .toBe(0);
}

// One test per page (module page, each lesson with its checks and exercises, the quiz): a module's
// pages in one test came within seconds of any sensible time limit on CI's two cores.
for (const m of course.tree.modules) {
  const routes = [`/${m.slug}`, ...m.lessons.map((l) => `/${m.slug}/${l.slug}`), ...(m.quiz ? [`/${m.slug}/quiz`] : [])];
  for (const route of routes) {
    test(`axe: no violations on ${route} (module ${m.number}) with its checks and exercises loaded`, async ({ page }) => {
      test.setTimeout(120_000);
      await openRoute(page, route);
      await loadEverything(page);
      expect(await axeViolations(page), route).toEqual([]);
    });
  }
}

for (const m of course.tree.modules) {
  test(`reflow: at 320 CSS px (400% zoom) no page of module ${m.number} scrolls sideways`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const route of [`/${m.slug}`, ...m.lessons.map((l) => `/${m.slug}/${l.slug}`)]) {
      await openRoute(page, route);
      await loadEverything(page);
      // Tables and charts may scroll inside their own containers (WCAG 1.4.10); the page may not.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${route} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    }
  });
}

test('axe: no violations on the final assessment, glossary and sources, with the standalone notice showing', async ({ page }) => {
  test.setTimeout(120_000);
  for (const route of ['/final', '/glossary', '/sources']) {
    await openRoute(page, route);
    await expect(page.getByRole('status').getByText(/not connected to a learning management system/)).toBeVisible();
    expect(await axeViolations(page), route).toEqual([]);
  }
});

test('the resume prompt offers to continue where the learner left off, and passes axe', async ({ page }) => {
  // Three page loads and a full axe run on the contents page: 21.5 s of the standard 30 s on a loaded run (seen).
  test.slow();
  const m = course.tree.modules[1]!;
  const lesson = m.lessons[1]!;
  await openRoute(page, `/${m.slug}/${lesson.slug}`);
  await expect(page.locator('main h1')).toHaveText(lesson.title);
  // A new visit (the learner comes back days later) starts at the contents.
  await openRoute(page, '/');
  const resume = page.getByRole('region', { name: 'Welcome back' });
  await expect(resume).toContainText(`${m.title}: ${lesson.title}`);
  expect(await axeViolations(page)).toEqual([]);
  await resume.getByRole('button', { name: 'Continue where you left off' }).click();
  await expect(page.locator('main h1')).toHaveText(lesson.title);
});

test('semantics: the page shell has a skip link, banner, course navigation, progress, a polite status region and main', async ({ page }) => {
  const m = course.tree.modules[0]!;
  await openRoute(page, `/${m.slug}/${m.lessons[0]!.slug}`);
  await expect(page.locator('body')).toMatchAriaSnapshot(`
    - link "Skip to content"
    - banner:
      - navigation "Course":
        - list:
          - listitem:
            - link "Contents"
          - listitem:
            - link "Progress"
          - listitem:
            - link "Glossary"
          - listitem:
            - link "Sources"
      - paragraph:
        - progressbar "Lessons viewed"
    - status
    - main:
      - article:
        - navigation "Breadcrumb"
        - heading "${m.lessons[0]!.title}" [level=1]
        - navigation "Previous and next lesson":
          - link /Next/
      - navigation "Lessons in this module":
        - list
    - contentinfo
  `);
});

test('semantics: a knowledge check is a labelled region with a grouped question, a check button and a live status', async ({ page }) => {
  const m = course.tree.modules[0]!;
  const withCheck = course.modules[m.slug]!.lessons.find((l) => l.blocks.some((b) => b.kind === 'component' && b.name === 'check'))!;
  await openRoute(page, `/${m.slug}/${withCheck.slug}`);
  const check = page.locator('[data-component="check"]').first();
  await check.scrollIntoViewIfNeeded();
  await expect(check.getByRole('button', { name: 'Check answer' })).toBeVisible();
  await expect(check).toMatchAriaSnapshot(`
    - region "Knowledge check":
      - group
      - button "Check answer"
      - status
  `);
});

test('semantics: a graded question is a region named by its number, with a labelled group or text box and the quiz navigation', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const m = course.tree.modules[0]!;
  const pool = course.modules[m.slug]!.quiz;
  const draw = m.quiz!.draw;
  const poolTypes = new Set(pool.map((i) => i.type));
  const seen = new Set<string>();
  // Attempts drawn from a fixed list of seeds until every item type of the pool has been on screen,
  // so the check covers every type whatever the draw: choices, true/false, matching and ordering
  // answer in a labelled group (fieldset), numeric and fill-in items in a text box named by the prompt.
  for (let s = 0; s < 12 && seen.size < poolTypes.size; s++) {
    // A new learner for each seed: a fresh context has no saved attempt to resume (clearing storage
    // in a page that is still open would not do: the course saves again as the page goes away).
    const context = await browser.newContext({ baseURL });
    await fixRandomSeed(context, TEST_RANDOM_SEED + s);
    const page = await context.newPage();
    await openRoute(page, `/${m.slug}/quiz`);
    await page.getByRole('button', { name: 'Start the quiz' }).click();
    for (let n = 1; n <= draw; n++) {
      if (n > 1) await page.getByRole('button', { name: 'Next question' }).click();
      await expect(page.getByRole('heading', { level: 2, name: `Question ${n} of ${draw}` })).toBeVisible();
      const id = await page.locator('section[data-item-id]').getAttribute('data-item-id');
      const item = pool.find((i) => i.id === id);
      expect(item, `item ${id} is in the ${m.slug} pool`).toBeDefined();
      if (seen.has(item!.type)) continue;
      seen.add(item!.type);
      const answer = item!.type === 'numeric' || item!.type === 'fill-in' ? 'textbox' : 'group';
      await expect(page.locator('main'), `question ${n} (${item!.type})`).toMatchAriaSnapshot(`
        - 'heading "Quiz: ${m.title}" [level=1]'
        - region "Question ${n} of ${draw}":
          - heading "Question ${n} of ${draw}" [level=2]
          - ${answer}
          - button "Previous question"${n === 1 ? ' [disabled]' : ''}
          ${n < draw ? '- button "Next question"' : ''}
          - navigation "Questions"
          - button "Submit answers"
      `);
    }
    await context.close();
  }
  expect([...seen].sort()).toEqual([...poolTypes].sort());
});

test('semantics: a chart is a named figure whose data points are labelled images, with a table view', async ({ page }) => {
  const m = course.tree.modules.find((x) => Object.keys(course.modules[x.slug]!.charts).length)!;
  const lesson = course.modules[m.slug]!.lessons.find((l) => l.blocks.some((b) => b.kind === 'component' && b.name === 'chart'))!;
  await openRoute(page, `/${m.slug}/${lesson.slug}`);
  const figure = page.getByRole('figure').first();
  await expect(figure).toBeVisible();
  await expect(figure).toMatchAriaSnapshot(`
    - figure:
      - group:
        - img
  `);
  await expect(figure.getByRole('button', { name: /table/i })).toBeVisible();
});
