/**
 * Module 9's wage and outlook charts as a student meets them in the built course (issue 6,
 * items 6-9): drawn on arrival, readable by keyboard point by point with a tooltip that says what
 * the screen reader says, switchable to a table, answering the explorer question, and free of axe
 * violations.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations, course, openRoute } from './helpers';

const MODULE = 'pay-and-outlook';
/** Charts are a lazily loaded chunk; on a busy 2-core machine it can take longer than expect's 5s. */
const CHART_LOAD = { timeout: 20_000 };
const content = course.modules[MODULE]!;

/** Chart ids each lesson places, read from the compiled lessons (so the test follows the content). */
const chartsByLesson = content.lessons.map((lesson) => ({
  slug: lesson.slug,
  ids: lesson.blocks.flatMap((b) => (b.kind === 'component' && b.name === 'chart' ? [String(b.props.id)] : []))
}));

async function openLessonWith(page: Page, chartId: string): Promise<Locator> {
  const lesson = chartsByLesson.find((l) => l.ids.includes(chartId));
  if (!lesson) throw new Error(`no lesson of ${MODULE} places chart ${chartId}`);
  await openRoute(page, `/${MODULE}/${lesson.slug}`);
  const figure = page.locator(`figure[data-chart="${chartId}"]`);
  await expect(figure).toBeVisible(CHART_LOAD);
  return figure;
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

test('every lesson draws its charts on arrival: a named figure with a takeaway, a source and data points', async ({ page }) => {
  // Every lesson of the module, each loading the chart chunk afresh: 10.7 s on a loaded CI machine (seen).
  test.slow();
  // Every chart with a data file is placed by a lesson, and each is checked below.
  expect(chartsByLesson.flatMap((l) => l.ids).sort()).toEqual(Object.keys(content.charts).sort());
  for (const lesson of chartsByLesson) {
    await openRoute(page, `/${MODULE}/${lesson.slug}`);
    for (const id of lesson.ids) {
      const figure = page.locator(`figure[data-chart="${id}"]`);
      const data = content.charts[id] as { title: string; takeaway: string; year: string };
      await expect(figure).toBeVisible(CHART_LOAD);
      // The figure's accessible name is its title and its description the one-sentence takeaway.
      await expect(figure).toHaveAccessibleName(data.title);
      await expect(figure).toHaveAccessibleDescription(data.takeaway.replace(/\s+/g, ' '));
      await expect(figure.locator('svg [data-point]').first()).toBeVisible();
      await expect(figure.locator('.source')).toContainText(`Figures for ${data.year}`);
      await expect(figure.locator('.source a').first()).toHaveAttribute('href', /^#\/sources\//);
    }
  }
});

test('wage ranges: Tab reaches the points, arrows move between places, the tooltip reads the same facts', async ({ page }) => {
  const figure = await openLessonWith(page, 'wage-ranges');
  // The place picker is the last control before the plot; one Tab moves from it into the chart.
  await figure.getByRole('combobox', { name: 'Highlight a place' }).focus();
  await page.keyboard.press('Tab');
  const longview = 'Longview, hourly pay: 10th percentile $16.77, 25th percentile $20.17, median $27.15, 75th percentile $32.68, 90th percentile $37.02.';
  await expect.poll(() => focused(page)).toBe(longview);
  const tooltip = figure.locator('.tooltip');
  await expect(tooltip).toHaveText(longview);
  // The focused point shows a ring (WCAG 2.4.7).
  const ring = figure.locator('[data-point]:focus .ring');
  expect(await ring.evaluate((el) => getComputedStyle(el).stroke)).not.toBe('none');

  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focused(page)).toMatch(/^Vancouver, hourly pay: .* median \$24\.01/);
  await page.keyboard.press('End');
  await expect.poll(() => focused(page)).toMatch(/^Walla Walla, hourly pay: .* median \$17\.45/);
  await page.keyboard.press('Home');
  await expect.poll(() => focused(page)).toBe(longview);
  await page.keyboard.press('Escape');
  await expect(tooltip).toHaveCount(0);

  // One Tab stop for the whole chart: Tab leaves it for the next control.
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-point]') === null)).toBe(true);
});

test('wage ranges: period toggle, sort and highlight change the drawn rows', async ({ page }) => {
  const figure = await openLessonWith(page, 'wage-ranges');
  const points = figure.locator('svg [data-point]');
  await expect(points).toHaveCount(15);
  await figure.getByRole('radio', { name: 'year' }).check();
  await expect(points.first()).toHaveAttribute('aria-label', /^Longview, yearly pay: .* median \$56,483/);
  await figure.getByRole('radio', { name: 'name' }).check();
  await expect(points.first()).toHaveAttribute('aria-label', /^Bellingham, yearly pay/);
  await figure.getByRole('combobox', { name: 'Highlight a place' }).selectOption('Yakima');
  await expect(figure.locator('svg text', { hasText: 'Yakima — chosen' })).toHaveCount(1);
  await expect(points.filter({ hasText: 'Yakima' })).toHaveAttribute('aria-label', /Chosen place\.$/);
});

test('show as table: the same figures as a captioned data table, and back', async ({ page }) => {
  const figure = await openLessonWith(page, 'wage-ranges');
  const toggle = figure.getByRole('button', { name: 'Show as table' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(figure.getByRole('table')).toBeHidden();
  await toggle.click();
  await expect(figure.getByRole('button', { name: 'Hide table' })).toHaveAttribute('aria-expanded', 'true');
  const table = figure.getByRole('table');
  await expect(table).toBeVisible();
  await expect(table.locator('caption')).toContainText('hourly pay by percentile');
  await expect(table.locator('tbody tr')).toHaveCount(15);
  await expect(table.getByRole('row', { name: /Walla Walla/ }).getByRole('cell')).toHaveText(['$14.34', '$15.87', '$17.45', '$19.03', '$22.41']);
  await expect(table.getByRole('row', { name: /United States \(national\)/ }).getByRole('cell')).toHaveText(['$12.76', '$15.42', '$19.40', '$25.35', '$31.86']);
  await figure.getByRole('button', { name: 'Hide table' }).click();
  await expect(table).toBeHidden();
});

test('earnings explorer answers the graded question: Olympia-Tumwater, 75th percentile', async ({ page }) => {
  const figure = await openLessonWith(page, 'earnings-explorer');
  await figure.getByRole('combobox', { name: 'Place' }).selectOption('Olympia-Tumwater');
  await figure.getByRole('radio', { name: '75th' }).check();
  const readout = figure.locator('.readout');
  await expect(readout.locator('td[data-period="hourly"]')).toHaveText('$28.07');
  await expect(readout.locator('td[data-period="monthly"]')).toHaveText('$4,865');
  await expect(readout.locator('td[data-period="yearly"]')).toHaveText('$58,380');
  await expect(readout.getByRole('row', { name: /Year/ })).toContainText('$40,350');
  await expect(readout.locator('[aria-live="polite"]')).toHaveText(
    'Olympia-Tumwater, 75th percentile: $28.07 an hour, $4,865 a month, $58,380 a year; above the national median of $40,350 a year.'
  );
  // The graded pool holds this question with the same answer.
  const item = content.quiz.find((q) => q.id === 'pay-q-explorer-olympia');
  expect(item && item.type === 'numeric' ? item.answer : null).toBe(58380);
});

test('where the jobs are: growth for every region, then openings for the areas with the totals written out', async ({ page }) => {
  const figure = await openLessonWith(page, 'wa-regional-outlook');
  const points = figure.locator('svg [data-point]');
  await expect(points).toHaveCount(14);
  await expect(points.first()).toHaveAttribute('aria-label', /^Grays Harbor, Lewis, Mason, Pacific, and Thurston Counties: 377 jobs; growth over 10 years 27\.6% for this occupation against 14\.1%/);
  await figure.getByRole('radio', { name: 'openings a year' }).check();
  await expect(points).toHaveCount(12);
  await expect(points.first()).toHaveAttribute('aria-label', /^King County: 1,958 jobs; .* 213 openings a year\.$/);
  await expect(figure).toContainText('Washington (statewide) 523; United States (national) 16,800');
});

test('then and now: two labelled points per measure, never joined by a line', async ({ page }) => {
  const figure = await openLessonWith(page, 'then-and-now');
  await expect(figure.locator('svg [data-point]')).toHaveCount(4);
  await expect(figure.locator('svg path, svg polyline')).toHaveCount(0);
  await expect(figure.locator('svg')).toContainText('$23,890');
  await expect(figure.locator('svg')).toContainText('$40,350');
  await expect(figure.locator('svg')).toContainText('147,000');
  await expect(figure.locator('svg')).toContainText('215,500');
});

test('charts resize with their container', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  const figure = await openLessonWith(page, 'pay-by-industry');
  const svg = figure.locator('svg').first();
  const wide = Number(await svg.getAttribute('width'));
  await page.setViewportSize({ width: 420, height: 900 });
  await expect.poll(async () => Number(await svg.getAttribute('width'))).toBeLessThan(wide);
  const plot = await figure.locator('.plot').evaluate((el) => el.clientWidth);
  expect(Number(await svg.getAttribute('width'))).toBeLessThanOrEqual(Math.max(plot, 260));
});

for (const lesson of chartsByLesson) {
  test(`axe finds no violations on lesson "${lesson.slug}", as loaded and with every table open`, async ({ page }) => {
    test.setTimeout(90_000); // two full axe runs over a long lesson on a 2-core machine
    await openRoute(page, `/${MODULE}/${lesson.slug}`);
    await expect(page.locator('figure.chart')).toHaveCount(lesson.ids.length, CHART_LOAD);
    await expect(page.locator('figure.chart svg').first()).toBeVisible();
    expect(await axeViolations(page), 'as loaded').toEqual([]);
    const show = page.getByRole('button', { name: 'Show as table' });
    while ((await show.count()) > 0) await show.first().click();
    await expect(page.getByRole('button', { name: 'Hide table' })).toHaveCount(lesson.ids.length);
    await page.locator('figure.chart [data-point][tabindex="0"]').first().focus();
    await expect(page.locator('figure.chart .tooltip')).toHaveCount(1);
    expect(await axeViolations(page), 'tables open, a tooltip showing').toEqual([]);
  });
}

test('axe finds no violations on the module page', async ({ page }) => {
  // One full axe run: 15.4 s of the standard 30 s on a loaded CI machine (seen).
  test.slow();
  await openRoute(page, `/${MODULE}`);
  expect(await axeViolations(page)).toEqual([]);
});
