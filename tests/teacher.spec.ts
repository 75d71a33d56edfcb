/**
 * The teacher page (dist/teacher.html, `npm run package` makes it) as a teacher meets it: opened
 * from disk (file://), options chosen by keyboard and mouse, the zip made in the browser and
 * downloaded. The zip must be byte for byte the command line's for the same options, valid
 * against the official schemas, and play in the strict test LMS with the options applied: a
 * learner scoring 70% passes with a pass mark of 70 and fails with 80, the modules left out are
 * absent, and a spent attempt limit holds. Bad options get the command line's words.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildMap } from '../src/lib/content/build-map';
import { unpackZip } from '../scorm/disk';
import { validateManifestSchema } from '../scorm/schema-check';
import { makeZip, readZip } from '../scorm/zip';
import { answerCorrectly, answerWrongly, loadAnswerKey } from './harness/answer-key';
import { axeViolations, course, fixRandomSeed, followInAppLink, tabTo } from './helpers';
import { UPLOADED_DIR } from './server';

// The course draws quiz questions from Math.random: fixed, so every run answers the same questions.
test.beforeEach(async ({ context }) => fixRandomSeed(context));

const root = resolve(import.meta.dirname, '..');
const teacherPage = join(root, 'dist/teacher.html');
const buildMap = () => JSON.parse(readFileSync(join(root, 'build/package-map.json'), 'utf8')) as BuildMap;

/** Two of the course's modules: the package of this test holds these and no others. */
const [first, second, ...excluded] = course.tree.modules;
const chosen = [first!, second!];

interface Choice {
  modules: string[];
  mastery: string;
  attempts: string;
  scorm?: '12' | '2004';
  /** "Completed when": left at the standard (both) unless given. */
  completion?: 'lessons' | 'assessment';
}

async function openTeacherPage(page: Page) {
  expect(existsSync(teacherPage), 'dist/teacher.html is missing: run `npm run package` first').toBe(true);
  await page.goto(pathToFileURL(teacherPage).href);
  await expect(page.getByRole('button', { name: 'Make the package' })).toBeVisible();
}

/** Sets the options as a teacher does: ticks the modules, types the numbers. */
async function choose(page: Page, choice: Choice) {
  if (choice.scorm === '2004') await page.getByLabel('SCORM 2004 4th Edition').check();
  await page.getByRole('button', { name: 'Uncheck all' }).click();
  for (const slug of choice.modules) {
    const m = course.tree.modules.find((x) => x.slug === slug)!;
    await page.getByRole('checkbox', { name: new RegExp(`^Module ${m.number}: `) }).check();
  }
  await page.getByRole('textbox', { name: 'Pass mark' }).fill(choice.mastery);
  await page.getByRole('textbox', { name: 'Attempts per quiz' }).fill(choice.attempts);
  if (choice.completion === 'assessment') await page.getByLabel('the final assessment passed', { exact: true }).check();
  if (choice.completion === 'lessons') await page.getByLabel('every lesson viewed', { exact: true }).check();
}

/** Makes the zip on the page and downloads it; also returns the size and SHA-256 the page shows. */
async function makeAndDownload(page: Page) {
  await page.getByRole('button', { name: 'Make the package' }).click();
  const link = page.getByRole('link', { name: /^Download hit-career-/ });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const zip = readFileSync((await download.path())!);
  return {
    name: download.suggestedFilename(),
    zip,
    shownSha256: await page.locator('[data-sha256]').getAttribute('data-sha256'),
    shownBytes: Number(await page.locator('[data-bytes]').getAttribute('data-bytes'))
  };
}

async function teacherZip(browser: Browser, choice: Choice) {
  const page = await browser.newPage();
  await openTeacherPage(page);
  await choose(page, choice);
  const made = await makeAndDownload(page);
  await page.close();
  return made;
}

/** `npm run package` for the same options, from the same build (no rebuild: --from-build). */
function commandLine(args: string[], { quick = true } = {}): { zip?: Buffer; moduleZips: Map<string, Buffer>; stderr: string; status: number | null } {
  const out = mkdtempSync(join(tmpdir(), 'hit-cli-'));
  try {
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scorm/package.ts', '--from-build', 'build', ...(quick ? ['--quick'] : []), '--out', out, ...args], {
      cwd: root,
      encoding: 'utf8'
    });
    const zips = ['hit-career-course-scorm12.zip', 'hit-career-course-scorm2004.zip'].map((f) => join(out, f)).filter(existsSync);
    const moduleDir = join(out, 'modules');
    const moduleZips = new Map(existsSync(moduleDir) ? readdirSync(moduleDir).map((f) => [f, readFileSync(join(moduleDir, f))] as const) : []);
    return { zip: zips[0] ? readFileSync(zips[0]) : undefined, moduleZips, stderr: run.stderr, status: run.status };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The manifest's identifiers (manifest, organization, item, resource): what an LMS matches an update by. */
function manifestIdentifiers(zip: Buffer): string[] {
  const manifest = new TextDecoder().decode(readZip(new Uint8Array(zip)).get('imsmanifest.xml'));
  return [...manifest.matchAll(/\bidentifier="([^"]+)"/g)].map((m) => m[1]!);
}

/** Unpacks a zip as an LMS does, and opens it in the strict test LMS. */
async function playInLms(page: Page, name: string, zip: Buffer, version: '12' | '2004' = '12') {
  unpackZip(new Uint8Array(zip), join(UPLOADED_DIR, name));
  await page.goto(`/harness/?version=${version}&fresh=1&course=${encodeURIComponent(`/uploaded/${name}/index.html`)}`);
  await page.waitForFunction(() => 'harness' in window);
  await page.evaluate(() => (window as unknown as { harness: { ready: Promise<void> } }).harness.ready);
  const frame = page.frameLocator('#course');
  await expect(frame.locator('main h1')).toBeVisible({ timeout: 20_000 });
  return frame;
}

/** Takes the final assessment answering exactly `right` questions correctly. */
async function takeFinal(page: Page, name: string, right: number) {
  const frame = page.frames().find((f) => f.url().includes(`/uploaded/${name}/`))!;
  await followInAppLink(frame, '#/final');
  const course = page.frameLocator('#course');
  await course.getByRole('button', { name: 'Start the quiz' }).click();
  const total = Number(/of (\d+)/.exec((await course.locator('#quiz-question-heading').textContent()) ?? '')?.[1]);
  const key = loadAnswerKey();
  for (let i = 0; i < total; i++) {
    await (i < right ? answerCorrectly(frame, key) : answerWrongly(frame, key));
    if (i < total - 1) await course.getByRole('button', { name: 'Next question' }).click();
  }
  await course.getByRole('button', { name: 'Submit answers' }).click();
  await expect(course.getByRole('heading', { name: /Your score/ })).toBeVisible();
  return total;
}

const cmi = (page: Page) => page.evaluate(() => (window as unknown as { harness: { cmi(): any } }).harness.cmi());

test.describe('the teacher page, opened from disk', () => {
  test('makes the command line’s zip byte for byte, with a valid manifest, and only the chosen modules’ files', async ({ browser }) => {
    // The zip is made twice, in the page and by the command line (a child process): 11 s on a
    // loaded CI machine (seen), most of it the command line's.
    test.slow();
    const choice = { modules: chosen.map((m) => m.slug), mastery: '70', attempts: '1' };
    const made = await teacherZip(browser, choice);
    expect(made.name).toBe('hit-career-course-scorm12.zip');

    const cli = commandLine(['--scorm', '12', '--modules', choice.modules.join(','), '--mastery', '70', '--attempts', '1']);
    expect(cli.status, cli.stderr).toBe(0);
    expect(made.zip.equals(cli.zip!), 'the page’s zip is the command line’s, byte for byte (rebuild with `npm run package` if build/ changed since)').toBe(true);

    // What the page shows is what was downloaded.
    expect(made.shownSha256).toBe(createHash('sha256').update(made.zip).digest('hex'));
    expect(made.shownBytes).toBe(made.zip.byteLength);

    const files = readZip(new Uint8Array(made.zip));
    const manifest = new TextDecoder().decode(files.get('imsmanifest.xml'));
    expect(validateManifestSchema('12', manifest).errors).toEqual([]);
    expect(manifest).toContain('<adlcp:masteryscore>70</adlcp:masteryscore>');

    // The other modules' chunks are left out; the chosen modules' are in.
    const { gates } = buildMap();
    for (const [file, modules] of Object.entries(gates)) {
      const needed = modules.some((m) => choice.modules.includes(m));
      expect(files.has(file), `${file} (needed by ${modules.join(', ')})`).toBe(needed);
    }
  });

  test('makes one zip per module, each the command line’s modules/ zip byte for byte, so per-module activities can be updated in place', async ({ page }) => {
    // Both zips made in the page and by a full command-line run, then axe: 18 s on a loaded CI machine (seen).
    test.slow();
    await openTeacherPage(page);
    await choose(page, { modules: chosen.map((m) => m.slug), mastery: '70', attempts: '2' });
    await page.getByRole('radio', { name: /^one zip per module you check/ }).check();
    await page.getByRole('button', { name: 'Make the package' }).click();
    const links = page.getByRole('link', { name: /^Download hit-career-/ });
    await expect(links).toHaveCount(chosen.length);

    const cli = commandLine(['--scorm', '12', '--modules', chosen.map((m) => m.slug).join(','), '--mastery', '70', '--attempts', '2'], { quick: false });
    expect(cli.status, cli.stderr).toBe(0);
    expect([...cli.moduleZips.keys()].sort()).toHaveLength(chosen.length);
    for (let i = 0; i < chosen.length; i++) {
      const m = chosen[i]!;
      const name = `hit-career-${String(m.number).padStart(2, '0')}-${m.slug}-scorm12.zip`;
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Download ${name}` }).click()]);
      expect(download.suggestedFilename()).toBe(name);
      const zip = readFileSync((await download.path())!);
      const fromCli = cli.moduleZips.get(name)!;
      expect(fromCli, `the command line made ${name}`).toBeDefined();
      // The identifiers an LMS matches an update by are the command line's: hit-career-NN-slug.
      expect(manifestIdentifiers(zip)).toEqual(manifestIdentifiers(fromCli));
      expect(manifestIdentifiers(zip)[0]).toBe(`hit-career-${String(m.number).padStart(2, '0')}-${m.slug}`);
      expect(zip.equals(fromCli), `${name}: the page’s zip is the command line’s, byte for byte`).toBe(true);
      const shown = page.locator(`[data-zip="${name}"] [data-sha256]`);
      await expect(shown).toHaveAttribute('data-sha256', createHash('sha256').update(zip).digest('hex'));
      const options = JSON.parse(/id="hit-package-options">([^<]*)</.exec(new TextDecoder().decode(readZip(new Uint8Array(zip)).get('index.html')))![1]!);
      expect(options).toMatchObject({ modules: [m.slug], masteryScore: 70, attemptsPerQuiz: 2 });
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'sideways scroll at 320 px').toBeLessThanOrEqual(0);
  });

  test('never offers a zip made from other options than those on screen: a change after making withdraws it, and says so', async ({ page }) => {
    await openTeacherPage(page);
    const mastery = page.getByRole('textbox', { name: 'Pass mark' });
    const link = page.getByRole('link', { name: /^Download hit-career-/ });
    const stale = page.getByText('You changed the options after making the package');
    await mastery.fill('70');
    await page.getByRole('button', { name: 'Make the package' }).click();
    await expect(link).toBeVisible();
    // A changed pass mark, then a changed module tick: each withdraws the zip made before.
    await mastery.fill('90');
    await expect(link).toHaveCount(0);
    await expect(stale).toBeVisible();
    await mastery.fill('70');
    await expect(link).toBeVisible();
    await page.getByRole('checkbox', { name: new RegExp(`^Module ${second!.number}: `) }).uncheck();
    await expect(link).toHaveCount(0);
    await mastery.fill('90');
    const made = await makeAndDownload(page);
    const manifest = new TextDecoder().decode(readZip(new Uint8Array(made.zip)).get('imsmanifest.xml'));
    expect(manifest).toContain('<adlcp:masteryscore>90</adlcp:masteryscore>');
    await expect(stale).toHaveCount(0);
  });

  test('gives the command line’s message for an option it cannot use', async ({ page }) => {
    test.setTimeout(120_000);
    await openTeacherPage(page);
    for (const [field, value, flag] of [
      ['Pass mark', '120', '--mastery'],
      ['Attempts per quiz', 'three', '--attempts'],
      ['Course title', ' ', '--title']
    ] as const) {
      await page.reload();
      await page.getByRole('textbox', { name: field }).fill(value);
      await page.getByRole('button', { name: 'Make the package' }).click();
      const shown = (await page.locator(`[id$="-problem"]`).first().textContent())!.trim();
      const cli = commandLine([flag, value]);
      expect(cli.status).toBe(2);
      expect(cli.stderr).toContain(`  - ${flag}: ${shown}\n`);
      // The problem summary takes focus (a named group, so a screen reader says what it is) and links to the field.
      await expect(page.getByRole('heading', { name: 'These options cannot be used yet' })).toBeVisible();
      await expect(page.getByRole('group', { name: 'These options cannot be used yet' })).toBeFocused();
      await expect(page.getByRole('textbox', { name: field })).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByRole('link', { name: field })).toBeVisible();
      await expect(page.getByRole('link', { name: /^Download/ })).toHaveCount(0);
      if (flag === '--mastery') expect(await axeViolations(page)).toEqual([]);
    }
    await page.reload();
    // A decimal comma or a % sign is refused (as on the command line); the field's description says how to write it.
    await expect(page.getByRole('textbox', { name: 'Pass mark' })).toHaveAccessibleDescription(/with a point for decimals and no % sign, such as 70 or 72\.5/);
    await page.getByRole('button', { name: 'Uncheck all' }).click();
    await page.getByRole('button', { name: 'Make the package' }).click();
    const shown = (await page.locator('#modules-problem').textContent())!.trim();
    // The summary's link lands on the first checkbox, which carries the error itself.
    await page.getByRole('link', { name: 'Modules' }).click();
    const firstBox = page.getByRole('checkbox', { name: new RegExp(`^Module ${first!.number}: `) });
    await expect(firstBox).toBeFocused();
    await expect(firstBox).toHaveAttribute('aria-invalid', 'true');
    await expect(firstBox).toHaveAccessibleDescription(shown);
    expect(commandLine(['--modules', ',']).stderr).toContain(`  - --modules: ${shown}\n`);
  });

  test('is accessible: axe finds nothing, it works by keyboard alone, and it reflows at 320 px; it requests nothing', async ({ page }) => {
    // Three full axe runs, a keyboard walk and a zip made in the page: 28.5 s of the standard 30 s
    // on a loaded CI machine (seen).
    test.slow();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await openTeacherPage(page);
    expect(await axeViolations(page)).toEqual([]);
    // Keyboard only: the kind of package is a radio group (arrow keys), then back to one course.
    const perModule = page.getByRole('radio', { name: /^one zip per module you check/ });
    const oneCourse = page.getByRole('radio', { name: /^one course of the modules you check/ });
    await tabTo(page, oneCourse);
    await page.keyboard.press('ArrowDown');
    await expect(perModule).toBeChecked();
    await expect(perModule).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('ArrowUp');
    await expect(oneCourse).toBeChecked();
    // Type a pass mark, make the package, reach the download link.
    const mastery = page.getByRole('textbox', { name: 'Pass mark' });
    await tabTo(page, mastery);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('75');
    await tabTo(page, page.getByRole('button', { name: 'Make the package' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: '2. Download it' })).toBeFocused();
    // What a screen reader says on arriving there: the heading and that the package is ready.
    await expect(page.getByRole('heading', { name: '2. Download it' })).toHaveAccessibleDescription(/^Your package is ready\./);
    const link = page.getByRole('link', { name: /^Download hit-career-/ });
    await tabTo(page, link);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const files = readZip(new Uint8Array(readFileSync((await download.path())!)));
    expect(new TextDecoder().decode(files.get('imsmanifest.xml'))).toContain('<adlcp:masteryscore>75</adlcp:masteryscore>');
    expect(await axeViolations(page)).toEqual([]);

    // Offline by construction: nothing but the page itself and the zip it made (a blob: URL).
    expect(requests.filter((u) => u !== pathToFileURL(teacherPage).href && !u.startsWith('blob:'))).toEqual([]);

    await page.setViewportSize({ width: 320, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'the page scrolls sideways at 320 px').toBeLessThanOrEqual(0);
  });
});

test.describe('a package made on the teacher page, played in the test LMS', () => {
  for (const [mastery, outcome] of [['70', 'passed'], ['80', 'failed']] as const) {
    test(`70% on the final assessment ${outcome === 'passed' ? 'passes' : 'fails'} with a pass mark of ${mastery}; the attempt limit of 1 holds; only the chosen modules are there`, async ({
      browser,
      page
    }) => {
      test.setTimeout(180_000);
      // Completed when the final assessment is passed: with the standard rule (lessons too) a 1.2
      // package sends no passed status or score before every lesson has been viewed.
      const made = await teacherZip(browser, { modules: chosen.map((m) => m.slug), mastery, attempts: '1', completion: 'assessment' });
      const name = `pass-mark-${mastery}`;
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const frame = await playInLms(page, name, made.zip);

      // Only the chosen modules, with the package's title and pass mark.
      for (const m of chosen) await expect(frame.getByRole('link', { name: new RegExp(`Module ${m.number}:`) }).first()).toBeVisible();
      for (const m of excluded) await expect(frame.getByRole('link', { name: new RegExp(`Module ${m.number}:`) })).toHaveCount(0);

      const total = await takeFinal(page, name, 14);
      expect(total).toBe(20);
      await expect(frame.getByRole('heading', { name: 'Your score: 70%' })).toBeVisible();
      if (outcome === 'passed') await expect(frame.getByText(`You passed (pass mark ${mastery}%)`)).toBeVisible();
      else await expect(frame.getByText(`the pass mark is ${mastery}%`)).toBeVisible();
      // One attempt, spent: no retry.
      await expect(frame.getByText('You have used your one attempt.')).toBeVisible();
      await expect(frame.getByRole('button', { name: /Try again/ })).toHaveCount(0);

      await page.evaluate(() => (window as unknown as { harness: { finish(): Promise<void> } }).harness.finish());
      const reported = await cmi(page);
      expect(reported.core.lesson_status).toBe(outcome);
      expect(reported.core.score.raw).toBe('70');
      expect(reported.interactions).toBeDefined();

      // Relaunched, the limit still holds.
      await page.evaluate(() => (window as unknown as { harness: { relaunch(): Promise<void> } }).harness.relaunch());
      await expect(frame.locator('main h1')).toBeVisible();
      await followInAppLink(page.frames().find((f) => f.url().includes(`/uploaded/${name}/`))!, '#/final');
      await expect(frame.getByRole('heading', { name: /Your (best )?score: 70%/ })).toBeVisible();
      await expect(frame.getByRole('button', { name: 'Start the quiz' })).toHaveCount(0);
      await expect(frame.getByRole('button', { name: /Try again/ })).toHaveCount(0);
      expect(await page.evaluate(() => (window as unknown as { harness: { violations: string[] } }).harness.violations)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  test('an excluded module’s pages are not there, and lesson links to it read as plain text', async ({ browser, page }) => {
    // A zip made in the page, unpacked and launched in the LMS harness: 13 s on a loaded CI machine (seen).
    test.slow();
    const made = await teacherZip(browser, { modules: [first!.slug], mastery: '80', attempts: '3' });
    const frame = await playInLms(page, 'one-module', made.zip);
    await expect(frame.getByRole('link', { name: new RegExp(`Module ${second!.number}:`) })).toHaveCount(0);
    const inner = page.frames().find((f) => f.url().includes('/uploaded/one-module/'))!;
    const go = (hash: string) => followInAppLink(inner, hash);
    await go(`#/${second!.slug}`);
    await expect(frame.locator('main h1')).toHaveText('Page not found');
    // The first lesson links to other modules' pages: in this package they are plain text.
    const lesson = first!.lessons[0]!;
    await go(`#/${first!.slug}/${lesson.slug}`);
    await expect(frame.locator('main h1')).toHaveText(lesson.title);
    const hrefs = await inner.evaluate(() => [...document.querySelectorAll('main a[href^="#/"]')].map((a) => a.getAttribute('href') ?? ''));
    const others = course.tree.modules.slice(1).map((m) => m.slug);
    expect(hrefs.filter((h) => others.some((slug) => h === `#/${slug}` || h.startsWith(`#/${slug}/`)))).toEqual([]);
    await expect(frame.locator('main .unlinked').first()).toBeVisible();
    // Its final assessment draws every question of the one module's pool (fewer than 20): a retry
    // brings the same questions back, and the page says so rather than promising new ones.
    await go('#/final');
    const intro = frame.getByRole('region', { name: 'Before you start' });
    await expect(intro).toContainText('You have 3 attempts, each with the same questions in a new order.');
    await expect(intro).not.toContainText('new set of questions');
  });

  test('a module the package holds that fails to load stops the final assessment with an error, never a graded draw from fewer modules; a retry loads it', async ({ page }) => {
    // Every file only the second module needs (the build map's gates) fails, as on a weak network.
    const gated = Object.entries(buildMap().gates).filter(([, g]) => g.length === 1 && g[0] === second!.slug).map(([f]) => f);
    expect(gated.length).toBeGreaterThan(0);
    let failing = true;
    await page.route('**/uploaded/chunk-fails-once/**', (route) =>
      failing && gated.some((f) => route.request().url().endsWith(`/${f}`)) ? route.abort() : route.continue()
    );
    const frame = await playInLms(page, 'chunk-fails-once', readFileSync(join(root, 'dist/hit-career-course-scorm12.zip')));
    const inner = page.frames().find((f) => f.url().includes('/uploaded/chunk-fails-once/'))!;
    await followInAppLink(inner, '#/final');
    await expect(frame.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
    await expect(frame.getByRole('button', { name: 'Start the quiz' })).toHaveCount(0);
    failing = false;
    await followInAppLink(inner, '#/');
    await followInAppLink(inner, '#/final');
    await expect(frame.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
  });

  test('a package whose options block is broken runs with the standard settings and says so, never crashing', async ({ page }) => {
    const zip = readFileSync(join(root, 'dist/hit-career-course-scorm12.zip'));
    const files = readZip(new Uint8Array(zip));
    const html = new TextDecoder().decode(files.get('index.html')).replace(/(id="hit-package-options">)[^<]*/, '$1{"format":1,"masteryScore":');
    files.set('index.html', new TextEncoder().encode(html));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const frame = await playInLms(page, 'broken-options', Buffer.from(makeZip(files)));
    await expect(frame.getByText("This course package's settings could not be read, so the course uses its standard settings")).toBeVisible();
    for (const m of course.tree.modules) await expect(frame.getByRole('link', { name: new RegExp(`Module ${m.number}:`) }).first()).toBeVisible();
    await frame.getByRole('button', { name: 'Dismiss' }).last().click();
    await expect(frame.getByText("settings could not be read")).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  for (const [damage, edit] of [
    ['missing', (html: string) => html.replace(/<script type="application\/json" id="hit-package-options">[^<]*<\/script>/, '')],
    ['broken', (html: string) => html.replace(/(id="hit-package-options">)[^<]*/, '$1{"format":1,"masteryScore":')],
    ['of an unknown format', (html: string) => html.replace(/(id="hit-package-options">)\{"format":1,/, '$1{"format":2,')]
  ] as const) {
    test(`a one-module package whose options block is ${damage} shows only the module it holds, says so plainly, and never crashes`, async ({ page }) => {
      const name = `hit-career-${String(first!.number).padStart(2, '0')}-${first!.slug}-scorm12`;
      const files = readZip(new Uint8Array(readFileSync(join(root, `dist/modules/${name}.zip`))));
      const before = new TextDecoder().decode(files.get('index.html'));
      const html = edit(before);
      expect(html, 'the damage was applied').not.toBe(before);
      files.set('index.html', new TextEncoder().encode(html));
      const errors: string[] = [];
      const missing: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
      const folder = `damaged-${damage.replace(/\W+/g, '-')}`;
      const frame = await playInLms(page, folder, Buffer.from(makeZip(files)));
      await expect(frame.getByText("This course package's settings could not be read, so the course uses its standard settings")).toBeVisible();
      await expect(frame.getByRole('link', { name: new RegExp(`Module ${first!.number}:`) }).first()).toBeVisible();
      for (const m of [second!, ...excluded]) await expect(frame.getByRole('link', { name: new RegExp(`Module ${m.number}:`) })).toHaveCount(0);
      // The final assessment draws from the module that is there: no missing chunk is asked for.
      const inner = page.frames().find((f) => f.url().includes(`/uploaded/${folder}/`))!;
      await followInAppLink(inner, '#/final');
      await expect(frame.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
      await frame.getByRole('button', { name: 'Start the quiz' }).click();
      await expect(frame.locator('#quiz-question-heading')).toBeVisible();
      expect(missing).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});
