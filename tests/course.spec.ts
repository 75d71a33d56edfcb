/**
 * The course app as a student meets it, served from a deep LMS-like path: home, module and
 * lessons render; every lesson of a module is reachable by keyboard alone; titles, focus,
 * reload, skip link, accessibility and reflow hold.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { absoluteUrls } from '../scorm/relativize';
import { axeViolations, course, COURSE_URL, expectVisibleFocus, openRoute, tabTo } from './helpers';

const first = course.tree.modules[0]!;

test('the built page has no URL that starts with /', () => {
  const html = readFileSync('build/index.html', 'utf8');
  expect(absoluteUrls(html)).toEqual([]);
  expect(html).toContain('./_app/');
});

test('home lists every module with its objectives, minutes and progress', async ({ page }) => {
  await openRoute(page, '/');
  await expect(page).toHaveTitle(course.tree.settings.title);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.tree.settings.title);
  for (const m of course.tree.modules) {
    const card = page.locator('li.module', { has: page.getByRole('link', { name: m.title }) });
    await expect(card).toContainText(`About ${m.minutes} minutes`);
    await expect(card).toContainText(`${m.lessons.length} lessons`);
    await card.getByText('What you will be able to do').click();
    for (const o of m.objectives) await expect(card.getByText(o.text!)).toBeVisible();
  }
  await expect(page.getByRole('progressbar', { name: 'Lessons viewed' })).toBeVisible();
});

test(`every lesson of "${first.title}" is reachable by keyboard alone, with its title and focus`, async ({ page }) => {
  // A Tab walk through every lesson of the module (each Tab press checked in the page): 11.2 s on
  // a loaded CI machine (seen).
  test.slow();
  await openRoute(page, '/');
  await tabTo(page, page.getByRole('link', { name: new RegExp(`Module ${first.number}:\\s*${first.title}`) }));
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toContainText(first.title);
  await expect(page.locator('main h1')).toBeFocused();

  await tabTo(page, page.getByRole('link', { name: first.lessons[0]!.title, exact: true }).first());
  await page.keyboard.press('Enter');

  for (const [i, lesson] of first.lessons.entries()) {
    const h1 = page.locator('main h1');
    await expect(h1).toHaveText(lesson.title);
    // Focus moves to the new heading after navigation (WCAG 2.4.3), and the title names the lesson.
    await expect(h1).toBeFocused();
    await expect(page).toHaveTitle(new RegExp(`^${lesson.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — Module ${first.number}`));
    await expect(page.getByText(`Lesson ${i + 1} of ${first.lessons.length}`, { exact: false }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: lesson.title }).and(page.locator('[aria-current="page"]'))).toBeVisible();
    if (i < first.lessons.length - 1) {
      await tabTo(page, page.getByRole('link', { name: /^Next/ }));
      await page.keyboard.press('Enter');
    }
  }
  // Progress counts what was seen.
  await expect(page.locator('header .progress')).toContainText(`${first.lessons.length} of`);
});

test('previous and next follow the course tree across modules', async ({ page }) => {
  const [a, b] = course.tree.modules;
  expect(b, 'the course has a second module').toBeDefined();
  const last = a!.lessons.at(-1)!;
  await openRoute(page, `/${a!.slug}/${last.slug}`);
  await page.getByRole('link', { name: /^Next/ }).click();
  await expect(page.locator('main h1')).toHaveText(b!.lessons[0]!.title);
  await page.getByRole('link', { name: /^Previous/ }).click();
  await expect(page.locator('main h1')).toHaveText(last.title);
});

test('reloading keeps the learner on the same lesson', async ({ page }) => {
  const lesson = first.lessons[1]!;
  await openRoute(page, `/${first.slug}/${lesson.slug}`);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText(lesson.title);
  expect(page.url()).toContain(`${COURSE_URL}#/${first.slug}/${lesson.slug}`);
});

test('the skip link moves focus to the content', async ({ page }) => {
  await openRoute(page, `/${first.slug}/${first.lessons[0]!.slug}`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expectVisibleFocus(skip);
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('landmarks: banner, navigation, main and contentinfo', async ({ page }) => {
  await openRoute(page, `/${first.slug}/${first.lessons[0]!.slug}`);
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('contentinfo')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Course' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Lessons in this module' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Previous and next lesson' })).toBeVisible();
});

test('a glossary term in a lesson opens its entry in the glossary', async ({ page }) => {
  const withTerm = course.modules[first.slug]!.lessons.find((l) => l.blocks.some((b) => 'html' in b && b.html?.includes('class="term"')));
  expect(withTerm, 'the first module uses a glossary term').toBeDefined();
  await openRoute(page, `/${first.slug}/${withTerm!.slug}`);
  const term = page.locator('main a.term').first();
  const href = (await term.getAttribute('href'))!;
  await term.click();
  await expect(page.locator('main h1')).toHaveText('Glossary');
  await expect(page.locator(`#term-${href.split('/').pop()}`)).toBeFocused();
});

test('an unknown route says so and links home', async ({ page }) => {
  await page.goto(`${COURSE_URL}#/no-such-module`);
  await expect(page.locator('main h1')).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Back to the course contents' })).toBeVisible();
});

for (const [name, route] of [
  ['home', '/'],
  ['a module page', `/${first.slug}`],
  ['a lesson', `/${first.slug}/${first.lessons[0]!.slug}`],
  ['the glossary', '/glossary'],
  ['the sources', '/sources']
] as const) {
  test(`axe finds no WCAG 2.2 A/AA violation on ${name}`, async ({ page }) => {
    await openRoute(page, route);
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('at 320 CSS px (400% zoom) the lesson reflows without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const lesson of first.lessons) {
    await openRoute(page, `/${first.slug}/${lesson.slug}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${lesson.slug} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
});

test('the course requests nothing outside its own package', async ({ page, baseURL }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(`${baseURL}${COURSE_URL.replace('index.html', '')}`) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  await openRoute(page, '/');
  for (const lesson of first.lessons) await openRoute(page, `/${first.slug}/${lesson.slug}`);
  await openRoute(page, '/glossary');
  expect(outside).toEqual([]);
});

test('the page carries a Content-Security-Policy that allows nothing outside the package, and breaks nothing', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await openRoute(page, '/');
  const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  // One hash per inline script: SvelteKit's bootstrap, the launch screen's two (scorm/launch-screen.ts:
  // its decision in the head, its own after the screen) and the launch preload's (scorm/launch-preload.ts).
  expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')+(;|$)/);
  const inline = await page.evaluate(() => document.querySelectorAll('script:not([src]):not([type="application/json"])').length);
  expect(inline).toBe(4);
  expect(csp!.match(/'sha256-/g)).toHaveLength(inline);
  expect(csp).not.toMatch(/https?:|\*/);
  for (const lesson of first.lessons) await openRoute(page, `/${first.slug}/${lesson.slug}`);
  expect(violations).toEqual([]);
});

test('the print stylesheet hides navigation and keeps the lesson', async ({ page }) => {
  await openRoute(page, `/${first.slug}/${first.lessons[0]!.slug}`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Previous and next lesson' })).toBeHidden();
  await expect(page.locator('header.site')).toBeHidden();
  await expect(page.locator('main h1')).toBeVisible();
});
