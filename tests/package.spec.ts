/**
 * The SCORM zips in dist/ as a teacher uploads them (run `npm run package` first):
 * - every zip listed in dist/packages.json exists at its listed size, its manifest is valid
 *   against the official schemas and sound (references, files), and the whole-course 1.2 zip
 *   stays within its size budget;
 * - a one-module zip's OWN unpacked content (dist/unpacked/<zip>/, served at /pkg/<zip>/, not the
 *   dev build) plays in the strict LMS harness in both SCORM versions: it initialises, records
 *   every lesson, reports the completion its completion rule gives, finishes, resumes, and after
 *   the final assessment is passed reports completed, passed and the score.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCourse } from '../src/lib/content/loader';
import type { CourseOverrides } from '../scorm/options';
import { COURSE_ZIP_BUDGET_BYTES, schemaFiles, type PackageRecord } from '../scorm/package';
import { validateManifestSchema, xmllintAvailable } from '../scorm/schema-check';
import { verifyPackage } from '../scorm/verify';
import { readTree } from '../scorm/disk';
import { readZip } from '../scorm/zip';
import { answerCorrectly, loadAnswerKey } from './harness/answer-key';
import { fixRandomSeed, followInAppLink } from './helpers';

// The course draws quiz questions from Math.random: fixed, so every run answers the same questions.
test.beforeEach(async ({ context }) => fixRandomSeed(context));

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const listingFile = join(dist, 'packages.json');
// Without the zips this file fails one test with the fix, rather than stopping the whole run.
const listing = existsSync(listingFile)
  ? (JSON.parse(readFileSync(listingFile, 'utf8')) as { options: CourseOverrides; packages: PackageRecord[] })
  : { options: {}, packages: [] };
test('npm run package has written dist/packages.json', () => {
  expect(existsSync(listingFile), 'dist/packages.json is missing: run `npm run package` before the browser tests').toBe(true);
});

/** The zips' course, as the packager built it (same teacher options). */
const contentRoot = process.env.HIT_CONTENT_ROOT ?? root;

test.describe('the zips in dist/', () => {
  for (const record of listing.packages) {
    test(`${record.file} is a valid, sound SCORM ${record.version} package`, () => {
      const zip = readFileSync(join(dist, record.file));
      expect(zip.byteLength, 'size listed in packages.json').toBe(record.bytes);
      const files = readZip(zip);
      const manifest = new TextDecoder().decode(files.get('imsmanifest.xml'));
      expect(xmllintAvailable(), 'xmllint is needed for the schema check (tests/setup-system.sh installs it)').toBe(true);
      expect(validateManifestSchema(record.version, manifest).errors).toEqual([]);
      const controlFiles = [...schemaFiles(record.version).keys()];
      expect(verifyPackage({ manifestXml: manifest, zipPaths: [...files.keys()], controlFiles })).toEqual([]);
      // A module subset leaves files out: never one that a file it keeps imports statically.
      for (const [path, data] of files) {
        if (!path.endsWith('.js')) continue;
        const code = new TextDecoder().decode(data);
        for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["'](\.\.?\/[^"']+)["']/g)) {
          const target = new URL(m[1]!, `file:///${path}`).pathname.slice(1);
          expect(files.has(target), `${path} imports ${m[1]}`).toBe(true);
        }
      }
      // What the browser test plays is exactly what the zip holds.
      const unpacked = readTree(join(dist, 'unpacked', record.file.replace(/^modules\//, '').replace(/\.zip$/, '')));
      expect([...unpacked.keys()]).toEqual([...files.keys()]);
      for (const [path, data] of files) expect(Buffer.from(unpacked.get(path)!).equals(Buffer.from(data)), path).toBe(true);
    });
  }

  test(`the whole-course SCORM 1.2 zip stays within ${COURSE_ZIP_BUDGET_BYTES / 1000} KB`, () => {
    const course12 = listing.packages.find((p) => p.scope === 'course' && p.version === '12');
    expect(course12, 'npm run package makes hit-career-course-scorm12.zip').toBeDefined();
    const largest = [...readZip(readFileSync(join(dist, course12!.file))).entries()]
      .sort(([, a], [, b]) => b.byteLength - a.byteLength)
      .slice(0, 5)
      .map(([path, data]) => `${path} ${(data.byteLength / 1024).toFixed(0)} KB`);
    expect(course12!.bytes, `${course12!.file} is ${(course12!.bytes / 1024).toFixed(0)} KB; largest files (unzipped): ${largest.join(', ')}`).toBeLessThanOrEqual(
      COURSE_ZIP_BUDGET_BYTES
    );
  });
});

/** What tests/harness/harness.js puts on the harness page's window. */
interface Harness {
  ready: Promise<void>;
  calls: { method: string; args: string[]; result: string | null }[];
  violations: string[];
  // The CMI object as scorm-again renders it; its shape differs between 1.2 and 2004.
  cmi(): any;
  finish(): Promise<void>;
  relaunch(): Promise<void>;
}
type HarnessWindow = Window & { harness: Harness };

/** The committed CMI fields a teacher's gradebook and reports read. */
interface Reported {
  completion: string;
  success: string;
  score: string;
  location: string;
  suspendData: string;
}

async function reported(page: Page, version: '12' | '2004'): Promise<Reported> {
  const cmi = await page.evaluate(() => (window as unknown as HarnessWindow).harness.cmi());
  expect(cmi, 'the course committed its data to the LMS').toBeTruthy();
  return version === '12'
    ? {
        completion: cmi.core.lesson_status,
        success: cmi.core.lesson_status,
        score: cmi.core.score?.raw ?? '',
        location: cmi.core.lesson_location,
        suspendData: cmi.suspend_data
      }
    : {
        completion: cmi.completion_status,
        success: cmi.success_status,
        score: cmi.score?.scaled ?? '',
        location: cmi.location,
        suspendData: cmi.suspend_data
      };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const version of ['12', '2004'] as const) {
  // A one-module zip keeps the walk short; --quick runs have only the whole-course zip.
  const record =
    listing.packages.find((p) => p.scope === 'module' && p.version === version) ??
    listing.packages.find((p) => p.scope === 'course' && p.version === version);
  if (!record) continue;
  const name = record.file.replace(/^modules\//, '').replace(/\.zip$/, '');
  const { tree } = loadCourse({ root: contentRoot, overrides: { ...listing.options, modules: record.modules } });

  test(`${record.file}: its own content plays in a SCORM ${version} LMS through completion, and resumes`, async ({ page }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`/harness/?version=${version}&fresh=1&course=${encodeURIComponent(`/pkg/${name}/index.html`)}`);
    await page.waitForFunction(() => 'harness' in window);
    await page.evaluate(() => (window as unknown as HarnessWindow).harness.ready);
    const course = page.frameLocator('#course');
    await expect(course.locator('main h1')).toBeVisible();

    // The course found the LMS and opened the attempt.
    const calls = await page.evaluate(() => (window as unknown as HarnessWindow).harness.calls);
    expect(calls[0]).toMatchObject({ method: version === '12' ? 'LMSInitialize' : 'Initialize', result: 'true' });

    // Visit every lesson of every module in the zip by clicking, as a learner does. (Setting the
    // frame's location.hash from outside would make the router reload the page and end the session.)
    const lessons = tree.modules.flatMap((m) => m.lessons.map((l) => ({ module: m.slug, ...l })));
    expect(lessons.length).toBeGreaterThan(0);
    const firstModule = tree.modules[0]!;
    await course.getByRole('link', { name: new RegExp(`Module ${firstModule.number}:\\s*${escapeRegExp(firstModule.title)}`) }).first().click();
    await course.locator('main').getByRole('link', { name: lessons[0]!.title, exact: true }).first().click();
    for (const [i, lesson] of lessons.entries()) {
      await expect(course.locator('main h1')).toHaveText(lesson.title);
      if (i < lessons.length - 1) await course.getByRole('link', { name: /^Next/ }).click();
    }
    const last = lessons.at(-1)!;

    // Close the course as a learner closing the window: it must finish the attempt itself.
    await page.evaluate(() => (window as unknown as HarnessWindow).harness.finish());
    expect(await page.evaluate(() => (window as unknown as HarnessWindow).harness.violations)).toEqual([]);
    const afterLessons = await reported(page, version);
    // Lessons alone complete the course only under the "lessons" rule; otherwise the
    // assessment is still to come and the LMS must not see "completed".
    expect(afterLessons.completion).toBe(tree.settings.completion === 'lessons' ? 'completed' : 'incomplete');
    // No score yet: nothing for an LMS to compare with the mastery score (Moodle would fail the learner).
    expect(afterLessons.score).toBe('');
    expect(afterLessons.location).toContain(last.slug);

    // Relaunch from the LMS: the attempt resumes where the learner left off, progress kept.
    await page.evaluate(() => (window as unknown as HarnessWindow).harness.relaunch());
    await course.getByRole('button', { name: 'Continue where you left off' }).click();
    await expect(course.locator('main h1')).toHaveText(last.title);
    const lastModule = tree.modules.find((m) => m.slug === last.module)!;
    await expect(course.getByRole('navigation', { name: 'Lessons in this module' }).getByRole('img', { name: 'viewed' })).toHaveCount(
      lastModule.lessons.length
    );

    // Pass the final assessment with every answer right (answer key from modules/*/quiz.yaml).
    const frame = page.frames().find((f) => f.url().includes(`/pkg/${name}/`))!;
    await followInAppLink(frame, '#/final');
    await course.getByRole('button', { name: 'Start the quiz' }).click();
    const total = Number(/of (\d+)/.exec((await course.locator('#quiz-question-heading').textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(0);
    const key = loadAnswerKey();
    for (let i = 0; i < total; i++) {
      await answerCorrectly(frame, key);
      if (i < total - 1) await course.getByRole('button', { name: 'Next question' }).click();
    }
    await course.getByRole('button', { name: 'Submit answers' }).click();
    await expect(course.getByText('You passed')).toBeVisible();

    // What the LMS records: completed and passed with 100%, under every completion rule.
    await page.evaluate(() => (window as unknown as HarnessWindow).harness.finish());
    const done = await reported(page, version);
    if (version === '12') {
      expect(done.completion).toBe('passed');
      expect(done.score).toBe('100');
    } else {
      expect(done).toMatchObject({ completion: 'completed', success: 'passed', score: '1' });
    }
    expect(done.suspendData.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as HarnessWindow).harness.violations)).toEqual([]);
    expect(errors).toEqual([]);
  });
}
