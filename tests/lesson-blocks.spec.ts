/**
 * The lesson blocks (process, timeline, diagram, sort, scenario) in the built course, in EVERY lesson
 * that places one: each placement is worked by keyboard alone with visible focus (a process stepped
 * through, every part of a timeline or diagram explored, every card of a sort placed with its
 * feedback read, a scenario's choices followed to an end), axe clean and without sideways scrolling
 * at 320 px in every state, still under prefers-reduced-motion, and printed as its text equivalent.
 *
 * The placements are read at test time: from the content loader (the data each block is checked
 * against) and, as a cross-check, from the lessons' Markdown (`::: name ...` lines), so a block
 * added to any lesson is tested here without editing this file, and fails here if it does not work
 * by keyboard. One page per lesson, its blocks worked in order.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LessonBlock } from '../src/lib/content/types';
import type { DiagramData } from '../src/lib/components/lesson/diagram/schema';
import type { ProcessData } from '../src/lib/components/lesson/process/schema';
import type { ScenarioData } from '../src/lib/components/lesson/scenario/schema';
import type { SortData } from '../src/lib/components/lesson/sort/schema';
import type { TimelineData } from '../src/lib/components/lesson/timeline/schema';
import { axeViolations, course, expectVisibleFocus, openRoute, tabTo } from './helpers';

const BLOCKS = ['process', 'timeline', 'diagram', 'sort', 'scenario'] as const;
type BlockName = (typeof BLOCKS)[number];
type Component = Extract<LessonBlock, { kind: 'component' }>;

/** One placement: the nth block of its kind in a lesson (the nth `.block.<name>` on its page). */
interface Placement {
  name: BlockName;
  nth: number;
  /** `id` of a block with a data file, else its title, else its position. */
  label: string;
  block: Component;
}

interface LessonPlacements {
  route: string;
  file: string;
  placements: Placement[];
}

const root = process.env.HIT_CONTENT_ROOT ?? resolve(import.meta.dirname, '..');

/** Every lesson that places a block, with its placements in page order. */
function lessonsWithBlocks(): LessonPlacements[] {
  return course.tree.modules.flatMap((m) =>
    course.modules[m.slug]!.lessons.flatMap((lesson) => {
      const seen: Record<string, number> = {};
      const placements = lesson.blocks.flatMap((b): Placement[] => {
        if (b.kind !== 'component' || !(BLOCKS as readonly string[]).includes(b.name)) return [];
        const name = b.name as BlockName;
        const nth = (seen[name] = (seen[name] ?? -1) + 1);
        const label = b.props.id ? String(b.props.id) : b.props.title ? `"${b.props.title}"` : `${name} ${nth + 1}`;
        return [{ name, nth, label, block: b }];
      });
      return placements.length ? [{ route: `/${m.slug}/${lesson.slug}`, file: lesson.file ?? '', placements }] : [];
    })
  );
}

const LESSONS = lessonsWithBlocks();

/** The block lines of a lesson's Markdown, as `name` or `name#id`: what an author wrote. */
function markdownPlacements(file: string): string[] {
  const body = readFileSync(resolve(root, file), 'utf8');
  return [...body.matchAll(/^:::\s*([a-z-]+)([^\n]*)$/gm)]
    .filter((m) => (BLOCKS as readonly string[]).includes(m[1]!))
    .map((m) => {
      const id = /\bid="([^"]+)"/.exec(m[2]!)?.[1];
      return id ? `${m[1]}#${id}` : m[1]!;
    });
}

/** Text of compiled HTML as a browser shows it (tags dropped, entities and spaces normalised). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();


/**
 * Called right after a resize: the blocks lay themselves out again for the new width (a resize
 * observer, then a render), so the page is measured until that settles; an overflow that stays
 * fails.
 */
async function expectNoSidewaysScroll(page: Page, state: string) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `${state}: the page scrolls sideways (px)` })
    .toBeLessThanOrEqual(0);
}

/** Every state is checked twice: axe at full width, and reflow at 320 px. */
async function checkState(page: Page, state: string) {
  expect(await axeViolations(page), state).toEqual([]);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(page, `${state}, at 320 px`);
  await page.setViewportSize(size);
}

async function expectNoMotion(block: Locator, state: string) {
  const moving = await block.evaluate((el) =>
    [el, ...el.querySelectorAll('*')]
      .map((e) => getComputedStyle(e))
      .filter((s) => parseFloat(s.transitionDuration) > 0.01 || parseFloat(s.animationDuration) > 0.01).length
  );
  expect(moving, `${state}: elements still animated under prefers-reduced-motion`).toBe(0);
}

/**
 * Scrolls down the lesson as a reader does, so that blocks below its opening (loaded as they come
 * near, views.ts) are on the page, then back to the top; focus stays at the start of the page.
 */
async function readThrough(page: Page) {
  for (let i = 0; i < 200; i++) {
    const atEnd = await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1);
    if (atEnd) break;
    await page.mouse.wheel(0, 500);
    await page.waitForTimeout(30);
  }
  await expect(page.locator('.interactive .loading')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

// ---------------------------------------------------------------------------------------------
// Each kind of block, worked by keyboard from wherever focus is (Tab moves forward to it).

async function workProcess(page: Page, block: Locator, p: Placement, where: string) {
  const data = p.block.data as ProcessData;
  const n = data.steps.length;
  const steps = data.steps.map((s) => text(s.html));
  const toggle = block.getByRole('button', { name: 'Show all steps at once' });
  if (p.block.props.mode === 'all') {
    // Shown whole at first: the list is there, and steps one at a time are one press away.
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await checkState(page, `${where}, all steps`);
    await tabTo(page, toggle);
    await page.keyboard.press('Enter');
  }
  const panel = block.getByRole('tabpanel');
  await checkState(page, `${where}, step 1`);

  // The tabs: arrow keys through every step, End and Home.
  await tabTo(page, block.getByRole('tab', { name: `Step 1 of ${n}` }));
  await expect(panel).toContainText(steps[0]!);
  for (let i = 1; i < n; i++) {
    await page.keyboard.press('ArrowRight');
    await expect(block.getByRole('tab', { name: `Step ${i + 1} of ${n}` })).toBeFocused();
    await expect(panel).toContainText(steps[i]!);
  }
  await page.keyboard.press('Home');
  await expect(block.getByRole('tab', { selected: true })).toHaveAccessibleName(`Step 1 of ${n}`);
  await page.keyboard.press('End');
  await expect(block.getByRole('tab', { selected: true })).toHaveAccessibleName(`Step ${n} of ${n}`);
  await page.keyboard.press('Home');

  // Next step, to the end: focus stays on the button.
  const next = block.getByRole('button', { name: 'Next step' });
  await tabTo(page, next);
  for (let i = 1; i < n; i++) {
    await page.keyboard.press('Enter');
    await expect(panel).toContainText(`Step ${i + 1} of ${n}`);
    await expect(panel).toContainText(steps[i]!);
    await expect(next).toBeFocused();
  }
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await checkState(page, `${where}, step ${n}`);
  const previous = block.getByRole('button', { name: 'Previous step' });
  await tabTo(page, previous);
  await page.keyboard.press('Enter');
  await expect(panel).toContainText(`Step ${n - 1} of ${n}`);

  // All at once, and back.
  await tabTo(page, toggle);
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(block.locator('ol.all > li')).toHaveText(data.steps.map((s) => (s.titleHtml ? `${text(s.titleHtml)}: ${text(s.html)}` : text(s.html))));
  await checkState(page, `${where}, all steps`);
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
}

async function workTimeline(page: Page, block: Locator, p: Placement, where: string) {
  const data = p.block.data as TimelineData;
  const items = block.getByRole('listitem');
  await expect(items).toHaveCount(data.events.length);
  for (const [i, event] of data.events.entries()) {
    await expect(items.nth(i).locator('.date')).toHaveText(event.date);
    await expect(items.nth(i).locator('.event')).toHaveText(text(event.html));
  }
  // Nothing to operate but its links (citations, glossary terms, lessons): each reached by Tab.
  const links = block.getByRole('link');
  for (let i = 0; i < (await links.count()); i++) await tabTo(page, links.nth(i));
  await checkState(page, where);
}

async function workDiagram(page: Page, block: Locator, p: Placement, where: string) {
  const data = p.block.data as DiagramData;
  const detail = block.locator('.detail');
  const parts = block.locator('svg [role="button"]');
  const groupLabel = (id: string | null) => data.groups.find((g) => g.id === id)?.label;
  const nameOf = (part: DiagramData['parts'][number]) => (part.group ? `${part.label} (${groupLabel(part.group)})` : part.label);
  await expect(parts).toHaveCount(data.parts.length);
  await checkState(page, `${where}, nothing selected`);

  // One Tab stop; Enter selects; the arrow keys walk every part, each described in the panel.
  const stop = block.locator('svg [role="button"][tabindex="0"]');
  await expect(stop).toHaveCount(1);
  await tabTo(page, stop);
  await page.keyboard.press('Enter');
  const focused = block.locator('svg [role="button"]:focus');
  const explored = new Set<string>();
  for (let i = 0; i < data.parts.length; i++) {
    if (i > 0) await page.keyboard.press('ArrowRight');
    await expect(focused).toHaveCount(1);
    await expectVisibleFocus(focused);
    await expect(focused).toHaveAttribute('aria-pressed', 'true');
    const name = await focused.getAttribute('aria-label');
    const part = data.parts.find((q) => nameOf(q) === name);
    expect(part, `${where}: part "${name}" is one of the diagram's parts`).toBeDefined();
    await expect(detail).toContainText(part!.label);
    await expect(detail).toContainText(text(part!.html));
    explored.add(part!.id);
    if (i === 0) await checkState(page, `${where}, a part selected`);
  }
  expect([...explored].sort(), `${where}: every part reached by the arrow keys`).toEqual(data.parts.map((q) => q.id).sort());
  await page.keyboard.press('Home');
  await expect(focused).toHaveCount(1);

  // Tab leaves the diagram for the next control: a link in the part's text, else the list button.
  await page.keyboard.press('Tab');
  const showList = block.getByRole('button', { name: 'Show as a list' });
  const citation = detail.getByRole('link');
  await expect((await citation.count()) > 0 ? citation.first() : showList).toBeFocused();

  await tabTo(page, showList);
  await page.keyboard.press('Enter');
  const list = block.locator('.list');
  await expect(list).toBeVisible();
  for (const q of data.parts) await expect(list).toContainText(q.label);
  await checkState(page, `${where}, as a list`);

  // At 320 px it is laid out again, not shrunk: the drawing is exactly as wide as its frame.
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  await expect.poll(() => block.locator('svg').evaluate((svg) => svg.getBoundingClientRect().width)).toBeLessThanOrEqual(320);
  await expect
    .poll(async () => (await block.locator('svg').getAttribute('width')) === String(Math.floor(await block.locator('.canvas').evaluate((c) => c.clientWidth))))
    .toBe(true);
  await page.setViewportSize(size);
}

async function workSort(page: Page, block: Locator, p: Placement, where: string) {
  const data = p.block.data as SortData;
  const label = (id: string) => data.groups.find((g) => g.id === id)!.label;
  await checkState(page, `${where}, first card`);
  // The piles are plain labelled lists, not landmarks: a region per pile would crowd a screen reader's landmark list.
  await expect(block.locator('.piles')).toHaveCount(1);
  await expect(block.locator('.piles').getByRole('region')).toHaveCount(0);

  let right = 0;
  for (const [i, item] of data.items.entries()) {
    await expect(block.locator('.card')).toHaveText(text(item.html));
    // Every other card goes into a wrong group, so both kinds of feedback are seen.
    const wrongGroup = data.groups.find((g) => g.id !== item.group)!;
    const choice = i % 2 === 0 ? label(item.group) : wrongGroup.label;
    if (i % 2 === 0) right++;
    await tabTo(page, block.getByRole('group').getByRole('button', { name: choice, exact: true }));
    await page.keyboard.press('Enter');
    const verdict = block.locator('.verdict');
    await expect(verdict).toContainText(i % 2 === 0 ? `Right: ${label(item.group)}.` : `Not quite: the right group is ${label(item.group)}, not ${wrongGroup.label}.`);
    await expect(verdict).toContainText(text(item.feedbackHtml));
    const next = block.getByRole('button', { name: i === data.items.length - 1 ? 'See your result' : 'Next card' });
    await expect(next).toBeFocused();
    await expectVisibleFocus(next);
    if (i === 1) await checkState(page, `${where}, feedback on a wrong card`);
    await page.keyboard.press('Enter');
    if (i < data.items.length - 1) await expect(block.getByRole('group').getByRole('button').first()).toBeFocused();
  }
  const result = block.locator('.result');
  await expect(result).toBeFocused();
  await expect(result).toHaveText(`You put ${right} of ${data.items.length} cards in the right group.`);
  for (const g of data.groups) await expect(block.locator('.screen-only .key').getByRole('heading', { name: g.label, exact: true })).toBeVisible();
  await checkState(page, `${where}, done`);

  await tabTo(page, block.getByRole('button', { name: 'Sort again' }));
  await page.keyboard.press('Enter');
  await expect(block.locator('.card')).toHaveText(text(data.items[0]!.html));
  await expect(block.getByRole('group').getByRole('button').first()).toBeFocused();
}

async function workScenario(page: Page, block: Locator, p: Placement, where: string) {
  const data = p.block.data as ScenarioData;
  await checkState(page, `${where}, first decision`);

  // Follow best choices while they lead on; end on the first choice that ends the case.
  let step = 0;
  for (let decision = 1; decision <= data.steps.length + 1; decision++) {
    await expect(block.locator('.situation')).toContainText(text(data.steps[step]!.situationHtml).slice(0, 40));
    const choices = data.steps[step]!.choices;
    const leadOn = choices.findIndex((c) => c.rating === 'best' && c.next !== null);
    const choice = choices[leadOn >= 0 ? leadOn : choices.findIndex((c) => c.next === null)]!;
    // By its text: Chromium's accessible name spaces out inline markup ("( J96.01 )", "query ,").
    await tabTo(page, block.getByRole('group').getByRole('button').filter({ hasText: text(choice.html) }));
    await page.keyboard.press('Enter');
    const heading = block.locator('.verdict h4');
    await expect(heading).toBeFocused();
    await expect(heading).toContainText(text(choice.html));
    await expect(block.locator('.verdict')).toContainText(text(choice.outcomeHtml).slice(0, 40));
    await expect(block.locator('.verdict')).toContainText(text(choice.whyHtml).slice(0, 40));
    if (choice.next === null) break;
    if (decision === 1) await checkState(page, `${where}, outcome of decision 1`);
    await tabTo(page, block.getByRole('button', { name: 'Continue the case' }));
    await page.keyboard.press('Enter');
    await expect(block.locator('.situation h4')).toBeFocused();
    await expect(block.getByText('Your decisions so far')).toBeVisible();
    step = choice.next;
  }
  await expect(block.locator('.block-actions .ended')).toHaveText('The case ends here.');
  await checkState(page, `${where}, ended`);

  await tabTo(page, block.getByRole('button', { name: 'Show every path' }));
  await page.keyboard.press('Enter');
  const paths = block.locator('.all');
  await expect(paths.locator('ol.paths > li')).toHaveCount(data.steps.length);
  await expect(paths.locator('ol.paths ul > li')).toHaveCount(data.steps.reduce((n, s) => n + s.choices.length, 0));
  await checkState(page, `${where}, every path`);
  await page.keyboard.press('Enter');

  await tabTo(page, block.getByRole('button', { name: 'Start the case again' }));
  await page.keyboard.press('Enter');
  await expect(block.locator('.situation h4')).toHaveText('Decision 1');
  await expect(block.locator('.situation h4')).toBeFocused();
}

const WORK: Record<BlockName, (page: Page, block: Locator, p: Placement, where: string) => Promise<void>> = {
  process: workProcess,
  timeline: workTimeline,
  diagram: workDiagram,
  sort: workSort,
  scenario: workScenario
};

/** What each block prints: its text equivalent, without its controls. */
async function expectPrinted(block: Locator, p: Placement) {
  if (p.name === 'process') {
    await expect(block.locator('ol.all > li')).toHaveCount((p.block.data as ProcessData).steps.length);
    await expect(block.locator('ol.all')).toBeVisible();
    await expect(block.getByRole('tablist')).toBeHidden();
  } else if (p.name === 'timeline') {
    await expect(block.getByRole('listitem')).toHaveCount((p.block.data as TimelineData).events.length);
    await expect(block.getByRole('listitem').first()).toBeVisible();
  } else if (p.name === 'diagram') {
    await expect(block.locator('.list')).toBeVisible();
    await expect(block.locator('.detail')).toBeHidden();
  } else if (p.name === 'sort') {
    await expect(block.locator('.print-only .key li')).toHaveCount((p.block.data as SortData).items.length);
    await expect(block.locator('.print-only')).toBeVisible();
    await expect(block.locator('.card')).toBeHidden();
  } else {
    await expect(block.locator('.all')).toBeVisible();
    await expect(block.getByRole('button', { name: 'Show every path' })).toBeHidden();
  }
}

// ---------------------------------------------------------------------------------------------

test('every placement is found: the loader sees each block the lessons\' Markdown places, and each kind is placed', () => {
  for (const { file, placements } of LESSONS) {
    expect(
      placements.map((p) => (p.block.props.id ? `${p.name}#${p.block.props.id}` : p.name)),
      file
    ).toEqual(markdownPlacements(file));
  }
  const lessonFiles = course.tree.modules.flatMap((m) => course.modules[m.slug]!.lessons.map((l) => l.file ?? ''));
  const inMarkdown = lessonFiles.flatMap((f) => markdownPlacements(f));
  expect(LESSONS.flatMap((l) => l.placements).length, 'placements the loader sees').toBe(inMarkdown.length);
  for (const name of BLOCKS) expect(LESSONS.some((l) => l.placements.some((p) => p.name === name)), `some lesson places a ${name}`).toBe(true);
});

for (const lesson of LESSONS) {
  const what = lesson.placements.map((p) => `${p.name} ${p.label}`).join(', ');
  test(`${lesson.route}: ${what} by keyboard alone, axe clean and reflowing in every state, printed, still under reduced motion`, async ({ page }) => {
    // Axe and a reflow check per state: allow time for each block.
    test.setTimeout(30_000 + 45_000 * lesson.placements.length);
    await openRoute(page, lesson.route);
    await readThrough(page);
    for (const name of BLOCKS) {
      await expect(page.locator(`.block.${name}`), `${lesson.route}: every ${name} placed is on the page`).toHaveCount(
        lesson.placements.filter((p) => p.name === name).length
      );
    }
    const blockOf = (p: Placement) => page.locator(`.block.${p.name}`).nth(p.nth);

    for (const p of lesson.placements) {
      const block = blockOf(p);
      await block.scrollIntoViewIfNeeded();
      await expect(block).toBeVisible();
      await test.step(`${p.name} ${p.label}`, () => WORK[p.name](page, block, p, `${lesson.route} ${p.name} ${p.label}`));
    }

    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const p of lesson.placements) await expectNoMotion(blockOf(p), `${lesson.route} ${p.name} ${p.label}`);

    await page.emulateMedia({ media: 'print' });
    for (const p of lesson.placements) await test.step(`${p.name} ${p.label} printed`, () => expectPrinted(blockOf(p), p));
  });
}

test('a block below the lesson\'s opening loads as the reader comes near it (by Tab alone too), not with the first screen', async ({ page }) => {
  // Tabs down the lesson one press at a time, checking after each whether the block came: 12.0 s on a loaded run (seen).
  test.slow();
  const first = course.tree.modules[0]!;
  const lesson = LESSONS.find((l) => l.route === `/${first.slug}/${course.modules[first.slug]!.lessons[0]!.slug}`);
  const below = lesson?.placements.at(-1);
  test.skip(!below, 'the first lesson places no block');
  const name = below!.name;
  const view = new RegExp(`/${name[0]!.toUpperCase()}${name.slice(1)}\\.[\\w-]+\\.css$`); // the view chunk brings its stylesheet
  const loaded: string[] = [];
  page.on('response', (r) => loaded.push(r.url()));
  await openRoute(page, lesson!.route);
  await page.waitForLoadState('networkidle');
  expect(loaded.filter((u) => view.test(u)), `the ${name} view is not part of the first screen`).toEqual([]);
  const slot = page.locator(`.interactive[data-component="${name}"]`).last();
  await expect(slot).toContainText(`The ${name} appears here.`);
  // A keyboard user reaches it by Tab alone: moving focus down the lesson brings it near, and it
  // is there before focus has passed it (so the next Tabs go into it, not beyond).
  // At a reader's pace (a press every 150 ms, not as fast as the test can send them), as a part's
  // view takes a round trip to arrive and focusing a knowledge check on the way loads its engine.
  for (let i = 0; i < 300 && (await slot.locator(`.block.${name}`).count()) === 0; i++) {
    await page.keyboard.press('Tab');
    await page.waitForTimeout(150);
  }
  await expect(slot.locator(`.block.${name}`)).toHaveCount(1);
  const focusBeforeBlock = await slot.evaluate((el) => {
    const active = document.activeElement;
    return !!active && active !== document.body && !el.contains(active) && Boolean(el.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_PRECEDING);
  });
  expect(focusBeforeBlock, `focus is still above the ${name} when it appears`).toBe(true);
  await tabTo(page, slot.locator(`.block.${name}`).getByRole('button').first(), 60);
  await expect(slot.locator(`.block.${name}`)).toBeVisible();
  expect(loaded.some((u) => view.test(u)), `the ${name} view loads as the reader reaches it`).toBe(true);
});

test('the blocks\' styles stay inside the blocks: a knowledge check\'s verdict line is not restyled once they load', async ({ page }) => {
  await openRoute(page, LESSONS[0]!.route);
  await readThrough(page);
  const style = await page.evaluate(() => {
    const p = Object.assign(document.createElement('p'), { className: 'verdict' });
    document.querySelector('main')!.appendChild(p);
    const s = getComputedStyle(p);
    return { border: s.borderLeftWidth, padding: s.paddingLeft };
  });
  expect(style).toEqual({ border: '0px', padding: '0px' });
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
  const diagram = LESSONS.find((l) => l.placements.some((p) => p.name === 'diagram'))!;
  await openRoute(page, diagram.route);
  await readThrough(page);
  await expect(page.locator('.block.diagram svg [role="button"]').first()).toBeVisible();
  expect(loaded.filter((u) => !home.includes(u)).some((u) => /\/Diagram\.[\w-]+\.css$/.test(u)), 'the diagram view loads with its lesson').toBe(true);
  await expect(page.getByText('could not be loaded')).toHaveCount(0);
});
