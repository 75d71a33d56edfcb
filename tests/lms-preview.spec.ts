/**
 * `npm run preview:lms` (scorm/preview.ts): a package folder served inside the LMS harness, with
 * the version read from its manifest and the panel showing what the course reports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

function startPreview(folder: string, port: number): Promise<ChildProcess> {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['scorm/preview.ts', folder, '--port', String(port)], { cwd: root });
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
