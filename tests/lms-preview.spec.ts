/**
 * `npm run preview:lms` (scorm/preview.ts): a package (a folder, or a zip as the README shows)
 * served inside the LMS harness, with the version read from its manifest and the panel showing
 * what the course reports; and the teacher page it serves, which plays the zip it made there.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const root = resolve(import.meta.dirname, '..');

/** The built course with a minimal manifest of the given version, as an unpacked zip. */
function packageFolder(version: '1.2' | '2004'): string {
  const dir = mkdtempSync(join(tmpdir(), 'preview-spec-'));
  cpSync(join(root, 'build'), dir, { recursive: true });
  const scormType = version === '1.2' ? 'adlcp:scormtype' : 'adlcp:scormType';
  writeFileSync(
    join(dir, 'imsmanifest.xml'),
    `<?xml version="1.0"?>
<manifest identifier="preview-test" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>${version === '1.2' ? '1.2' : '2004 4th Edition'}</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>t</title><item identifier="i" identifierref="r"><title>t</title></item></organization></organizations>
  <resources><resource identifier="r" type="webcontent" ${scormType}="sco" href="index.html"><file href="index.html"/></resource></resources>
</manifest>`
  );
  return dir;
}

function startPreview(target: string, port: number): Promise<ChildProcess> {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['scorm/preview.ts', target, '--port', String(port)], { cwd: root });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('open http://')) ok(child);
    });
    child.on('exit', (code) => fail(new Error(`preview exited with ${code}: ${out}`)));
  });
}

// HIT_PREVIEW_PORT_BASE keeps checkouts that test side by side apart.
const PREVIEW_PORT_BASE = Number(process.env.HIT_PREVIEW_PORT_BASE ?? 4191);
for (const [version, port] of [['1.2', PREVIEW_PORT_BASE], ['2004', PREVIEW_PORT_BASE + 1]] as const) {
  test(`preview:lms serves a SCORM ${version} package in the harness with a live panel`, async ({ page }) => {
    test.setTimeout(60_000);
    const folder = packageFolder(version);
    const preview = await startPreview(folder, port);
    try {
      await page.goto(`http://127.0.0.1:${port}/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`LMS harness SCORM ${version}`);
      const course = page.frameLocator('#course');
      await expect(course.locator('main h1')).toBeVisible({ timeout: 20_000 });
      const panel = page.getByRole('complementary', { name: 'What the course reports' });
      await expect(panel).toContainText(`/ ${version === '1.2' ? '4096' : '64000'} characters`);
      await expect(panel).toContainText(version === '1.2' ? 'LMSInitialize("") → "true"' : 'Initialize("") → "true"');
      await page.getByRole('button', { name: 'Close (finish)' }).click();
      await expect(panel).toContainText(version === '1.2' ? 'LMSFinish("") → "true"' : 'Terminate("") → "true"');
      await expect(panel).toContainText('Violations (0)');
    } finally {
      preview.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

test('preview:lms plays a zip, the README’s own example, and refuses what is not a package', async ({ page }) => {
  test.setTimeout(60_000);
  const zip = join(root, 'dist/hit-career-course-scorm2004.zip');
  expect(existsSync(zip), 'run `npm run package` first').toBe(true);
  const preview = await startPreview(zip, PREVIEW_PORT_BASE + 2);
  try {
    await page.goto(`http://127.0.0.1:${PREVIEW_PORT_BASE + 2}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('LMS harness SCORM 2004');
    await expect(page.frameLocator('#course').locator('main h1')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('complementary', { name: 'What the course reports' })).toContainText('Initialize("") → "true"');
  } finally {
    preview.kill();
  }
  const notZip = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scorm/preview.ts', join(root, 'README.md')], { cwd: root, encoding: 'utf8' });
  expect(notZip.status).toBe(1);
  expect(notZip.stderr).toContain('expected a .zip file or a folder');
});

test('the teacher page served by preview:lms plays the zip it made in the preview LMS', async ({ page, context }) => {
  test.setTimeout(90_000);
  const port = PREVIEW_PORT_BASE + 3;
  const preview = await startPreview(join(root, 'dist/hit-career-course-scorm12.zip'), port);
  try {
    await page.goto(`http://127.0.0.1:${port}/teacher.html`);
    await page.getByRole('textbox', { name: 'Pass mark' }).fill('65');
    await page.getByRole('button', { name: 'Make the package' }).click();
    await page.getByRole('button', { name: 'Play it in the preview LMS' }).click();
    const open = page.getByRole('link', { name: 'Open the package in the preview LMS' });
    const [lms] = await Promise.all([context.waitForEvent('page'), open.click()]);
    await expect(lms.getByRole('heading', { level: 1 })).toHaveText('LMS harness SCORM 1.2');
    const course = lms.frameLocator('#course');
    await expect(course.locator('main h1')).toBeVisible({ timeout: 20_000 });
    // It is the package just made: its pass mark is the one typed on the teacher page.
    const frame = lms.frames().find((f) => f.url().includes('/preview/') && f.url().includes('index.html'))!;
    const options = await frame.evaluate(() => JSON.parse(document.getElementById('hit-package-options')!.textContent!));
    expect(options).toMatchObject({ masteryScore: 65, scormVersion: '1.2' });
    await expect(lms.getByRole('complementary', { name: 'What the course reports' })).toContainText('LMSInitialize("") → "true"');
  } finally {
    preview.kill();
  }
});
