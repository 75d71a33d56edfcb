/**
 * The lesson blocks (process, timeline, diagram, sort, scenario) in the built course, each in a
 * lesson that places it: worked by keyboard alone with visible focus, axe clean in every state,
 * no sideways scrolling at 320 px in every state, no motion under prefers-reduced-motion, and
 * printed as their text equivalent. The data each test checks against is the course's own.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { LessonBlock } from '../src/lib/content/types';
import type { DiagramData } from '../src/lib/components/lesson/diagram/schema';
import type { ProcessData } from '../src/lib/components/lesson/process/schema';
import type { ScenarioData } from '../src/lib/components/lesson/scenario/schema';
import type { SortData } from '../src/lib/components/lesson/sort/schema';
import type { TimelineData } from '../src/lib/components/lesson/timeline/schema';
import { axeViolations, course, expectVisibleFocus, openRoute, tabTo } from './helpers';

type Placed<T> = { route: string; data: T; props: Extract<LessonBlock, { kind: 'component' }>['props'] };

/** The first lesson of the course that places a block `name`, and that block's data. */
function firstUse<T>(name: string): Placed<T> {
  for (const m of course.tree.modules) {
    for (const lesson of course.modules[m.slug]!.lessons) {
      const block = lesson.blocks.find((b) => b.kind === 'component' && b.name === name);
      if (block && block.kind === 'component') return { route: `/${m.slug}/${lesson.slug}`, data: block.data as T, props: block.props };
    }
  }
  throw new Error(`no lesson places a ${name} block`);
}

/** Text of compiled HTML as a browser shows it (tags dropped, entities and spaces normalised). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

async function expectNoSidewaysScroll(page: Page, state: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${state}: the page scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

/** Every state is checked twice: axe at full width, and reflow at 320 px. */
async function checkState(page: Page, state: string) {
  expect(await axeViolations(page), state).toEqual([]);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(page, state);
  await page.setViewportSize(size);
}

async function expectNoMotion(block: Locator) {
  const moving = await block.evaluate((root) =>
    [root, ...root.querySelectorAll('*')]
      .map((el) => getComputedStyle(el))
      .filter((s) => parseFloat(s.transitionDuration) > 0.01 || parseFloat(s.animationDuration) > 0.01).length
  );
  expect(moving, 'elements still animated under prefers-reduced-motion').toBe(0);
}

async function open(page: Page, route: string, selector: string): Promise<Locator> {
  await openRoute(page, route);
  const block = page.locator(selector).first();
  await block.scrollIntoViewIfNeeded();
  await expect(block).toBeVisible();
  return block;
}

test('process: steps one at a time by keyboard (arrow keys, Home, End, Next), all at once, and printed whole', async ({ page }) => {
  const { route, data } = firstUse<ProcessData>('process');
  const block = await open(page, route, '.block.process');
  const steps = data.steps.map((s) => text(s.html));
  const listed = data.steps.map((s) => (s.titleHtml ? `${text(s.titleHtml)}: ${text(s.html)}` : text(s.html)));
  const panel = block.getByRole('tabpanel');
  await checkState(page, `${route} process, step 1`);

  const first = block.getByRole('tab', { name: `Step 1 of ${steps.length}` });
  await tabTo(page, first);
  await expect(panel).toContainText(steps[0]!);
  await page.keyboard.press('ArrowRight');
  await expect(block.getByRole('tab', { name: `Step 2 of ${steps.length}` })).toBeFocused();
  await expect(panel).toContainText(steps[1]!);
  await page.keyboard.press('End');
  await expect(block.getByRole('tab', { selected: true })).toHaveAccessibleName(`Step ${steps.length} of ${steps.length}`);
  await expect(panel).toContainText(steps.at(-1)!);
  await page.keyboard.press('Home');
  await tabTo(page, block.getByRole('button', { name: 'Next step' }));
  await page.keyboard.press('Enter');
  await expect(panel).toContainText(`Step 2 of ${steps.length}`);
  await expect(block.getByRole('button', { name: 'Next step' })).toBeFocused();
  await checkState(page, `${route} process, step 2`);

  await tabTo(page, block.getByRole('button', { name: 'Show all steps at once' }));
  await page.keyboard.press('Enter');
  await expect(block.getByRole('button', { name: 'Show all steps at once' })).toHaveAttribute('aria-pressed', 'true');
  await expect(block.locator('ol.all > li')).toHaveText(listed);
  await checkState(page, `${route} process, all steps`);

  await page.getByRole('button', { name: 'Show all steps at once' }).click();
  await page.emulateMedia({ media: 'print' });
  await expect(block.locator('ol.all > li')).toHaveText(listed);
  await expect(block.getByRole('tablist')).toBeHidden();
});

test('timeline: an ordered list of dated events, the same on screen and in print', async ({ page }) => {
  const { route, data } = firstUse<TimelineData>('timeline');
  const block = await open(page, route, '.block.timeline');
  const items = block.getByRole('listitem');
  await expect(items).toHaveCount(data.events.length);
  for (const [i, event] of data.events.entries()) {
    await expect(items.nth(i).locator('.date')).toHaveText(event.date);
    await expect(items.nth(i).locator('.event')).toContainText(text(event.html).slice(0, 20));
  }
  await checkState(page, `${route} timeline`);
  await page.emulateMedia({ media: 'print' });
  await expect(items).toHaveCount(data.events.length);
  await expect(items.first()).toBeVisible();
});

test('diagram: parts explored by keyboard (one Tab stop, arrow keys), described in text, listed and printed', async ({ page }) => {
  const { route, data } = firstUse<DiagramData>('diagram');
  const block = await open(page, route, '.block.diagram');
  const detail = block.locator('.detail');
  const parts = block.locator('svg [role="button"]');
  await expect(parts).toHaveCount(data.parts.length);
  await checkState(page, `${route} diagram, nothing selected`);

  const [a, b] = data.parts;
  await tabTo(page, parts.first());
  await expect(parts.first()).toHaveAccessibleName(new RegExp(`^${a!.label.replace(/[()]/g, '\\$&')}`));
  await page.keyboard.press('Enter');
  await expect(parts.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(detail).toContainText(a!.label);
  await expect(detail).toContainText(text(a!.html));
  await page.keyboard.press('ArrowRight');
  await expect(parts.nth(1)).toBeFocused();
  await expectVisibleFocus(parts.nth(1));
  await expect(detail).toContainText(text(b!.html));
  // One Tab stop: Tab leaves the diagram for the next control, a citation link in the selected
  // part's text where it has one, else the list button.
  await page.keyboard.press('Tab');
  const showList = block.getByRole('button', { name: 'Show as a list' });
  const citation = detail.getByRole('link');
  await expect((await citation.count()) > 0 ? citation.first() : showList).toBeFocused();
  await checkState(page, `${route} diagram, a part selected`);

  await tabTo(page, showList);
  await page.keyboard.press('Enter');
  const list = block.locator('.list');
  await expect(list).toBeVisible();
  for (const p of data.parts) await expect(list).toContainText(p.label);
  await checkState(page, `${route} diagram, as a list`);

  // At 320 px it is laid out again, not shrunk: every part keeps its full width inside the block.
  await page.setViewportSize({ width: 320, height: 640 });
  await expect.poll(() => block.locator('svg').evaluate((svg) => svg.getBoundingClientRect().width)).toBeLessThanOrEqual(320);
  expect(await block.locator('svg').evaluate((svg) => svg.getAttribute('width'))).toBe(String(Math.floor(await block.locator('.canvas').evaluate((c) => c.clientWidth))));

  await page.emulateMedia({ media: 'print' });
  await expect(list).toBeVisible();
  await expect(detail).toBeHidden();
});

test('sort: every card placed by keyboard, told at once whether it fits and why, the score exact, then sorted again', async ({ page }) => {
  const { route, data } = firstUse<SortData>('sort');
  const block = await open(page, route, '.block.sort');
  const label = (id: string) => data.groups.find((g) => g.id === id)!.label;
  await checkState(page, `${route} sort, first card`);

  let right = 0;
  for (const [i, item] of data.items.entries()) {
    await expect(block.locator('.card')).toHaveText(text(item.html));
    // Every other card goes into a wrong group, so both kinds of feedback are seen.
    const wrongGroup = data.groups.find((g) => g.id !== item.group)!;
    const choice = i % 2 === 0 ? label(item.group) : wrongGroup.label;
    if (i % 2 === 0) right++;
    const button = block.getByRole('group').getByRole('button', { name: choice, exact: true });
    await tabTo(page, button);
    await page.keyboard.press('Enter');
    const verdict = block.locator('.verdict');
    await expect(verdict).toContainText(i % 2 === 0 ? 'Right' : `Not quite: the right group is ${label(item.group)}, not ${wrongGroup.label}`);
    await expect(verdict).toContainText(text(item.feedbackHtml));
    const next = block.getByRole('button', { name: i === data.items.length - 1 ? 'See your result' : 'Next card' });
    await expect(next).toBeFocused();
    await expectVisibleFocus(next);
    if (i === 1) await checkState(page, `${route} sort, feedback on a wrong card`);
    await page.keyboard.press('Enter');
  }
  const result = block.locator('.result');
  await expect(result).toBeFocused();
  await expect(result).toHaveText(`You put ${right} of ${data.items.length} cards in the right group.`);
  for (const g of data.groups) await expect(block.locator('.screen-only .key h4', { hasText: g.label })).toBeVisible();
  await checkState(page, `${route} sort, done`);

  await tabTo(page, block.getByRole('button', { name: 'Sort again' }));
  await page.keyboard.press('Enter');
  await expect(block.locator('.card')).toHaveText(text(data.items[0]!.html));
  await expect(block.getByRole('group').getByRole('button').first()).toBeFocused();

  await page.emulateMedia({ media: 'print' });
  await expect(block.locator('.print-only .key li')).toHaveCount(data.items.length);
  await expect(block.locator('.card')).toBeHidden();
});

test('scenario: a path chosen by keyboard to its end, each outcome and why shown, every path listed and printed', async ({ page }) => {
  const { route, data } = firstUse<ScenarioData>('scenario');
  const block = await open(page, route, '.block.scenario');
  await checkState(page, `${route} scenario, first decision`);

  // Follow best choices while they lead on; end on the first choice that ends the case.
  let step = 0;
  for (let decision = 1; ; decision++) {
    await expect(block.locator('.situation')).toContainText(text(data.steps[step]!.situationHtml).slice(0, 40));
    const choices = data.steps[step]!.choices;
    const leadOn = choices.findIndex((c) => c.rating === 'best' && c.next !== null);
    const pick = leadOn >= 0 ? leadOn : choices.findIndex((c) => c.next === null);
    const choice = choices[pick]!;
    // By its text: Chromium's accessible name spaces out inline markup ("( J96.01 )", "query ,").
    await tabTo(page, block.getByRole('group').getByRole('button').filter({ hasText: text(choice.html) }));
    await page.keyboard.press('Enter');
    const heading = block.locator('.verdict h4');
    await expect(heading).toBeFocused();
    await expect(heading).toContainText(text(choice.html));
    await expect(block.locator('.verdict')).toContainText(text(choice.whyHtml).slice(0, 40));
    if (choice.next === null) break;
    await checkState(page, `${route} scenario, outcome of decision ${decision}`);
    await tabTo(page, block.getByRole('button', { name: 'Continue the case' }));
    await page.keyboard.press('Enter');
    await expect(block.locator('.situation h4')).toBeFocused();
    await expect(block.getByText('Your decisions so far')).toBeVisible();
    step = choice.next;
  }
  await expect(block.locator('.block-actions .ended')).toHaveText('The case ends here.');
  await checkState(page, `${route} scenario, ended`);

  await tabTo(page, block.getByRole('button', { name: 'Show every path' }));
  await page.keyboard.press('Enter');
  const paths = block.locator('.all');
  await expect(paths.locator('ol.paths > li')).toHaveCount(data.steps.length);
  await expect(paths.locator('ol.paths ul > li')).toHaveCount(data.steps.reduce((n, s) => n + s.choices.length, 0));
  await checkState(page, `${route} scenario, every path`);

  await tabTo(page, block.getByRole('button', { name: 'Start the case again' }));
  await page.keyboard.press('Enter');
  await expect(block.locator('.situation h4')).toHaveText('Decision 1');

  await page.emulateMedia({ media: 'print' });
  await expect(paths).toBeVisible();
  await expect(block.getByRole('button', { name: 'Show every path' })).toBeHidden();
});

test('under prefers-reduced-motion no block animates', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const [name, selector] of [
    ['process', '.block.process'],
    ['timeline', '.block.timeline'],
    ['diagram', '.block.diagram'],
    ['sort', '.block.sort'],
    ['scenario', '.block.scenario']
  ] as const) {
    const block = await open(page, firstUse(name).route, selector);
    await expectNoMotion(block);
  }
});

test('the blocks arrive with their lesson, and none of their code or styles load on the home page', async ({ page }) => {
  const loaded: string[] = [];
  page.on('response', (r) => {
    if (['script', 'stylesheet'].includes(r.request().resourceType())) loaded.push(r.url());
  });
  await openRoute(page, '/');
  await page.waitForLoadState('networkidle');
  const home = [...loaded];
  expect(home.filter((u) => /\/(Diagram|Process|Timeline|Sort|Scenario|blocks)\./.test(u))).toEqual([]);
  const { route } = firstUse('diagram');
  await openRoute(page, route);
  await expect(page.locator('.block.diagram svg [role="button"]').first()).toBeVisible();
  expect(loaded.filter((u) => !home.includes(u)).some((u) => /\/Diagram\.[\w-]+\.css$/.test(u)), 'the diagram view loads with its lesson').toBe(true);
  await expect(page.getByText('could not be loaded')).toHaveCount(0);
});
