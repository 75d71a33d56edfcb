/**
 * Packaging measures for `npm run bench` (issue 13), as rows of its table:
 *
 *   course builds per `npm run package`   from dist/packages.json (the run counts its builds): 1
 *   assembling every zip after the build  `npm run package -- --from-build build` into a scratch
 *                                         folder, timed by the packager itself (goal: under 10 s)
 *   in-browser assembly, whole course     dist/teacher.html opened from file:// in Chromium, the
 *                                         standard options, timed by the page (goal: under 1 s)
 *   teacher page size                     dist/teacher.html, bytes
 *
 * `ci` keeps the counts and sizes (checked against budgets.json) and skips the timings.
 */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PackagingRow {
  measure: string;
  value: string;
  budget?: string;
  ok?: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function measurePackaging({ root, ci, budgets }: { root: string; ci: boolean; budgets: Record<string, number> }): Promise<PackagingRow[]> {
  const rows: PackagingRow[] = [];
  const listing = join(root, 'dist/packages.json');
  const teacherPage = join(root, 'dist/teacher.html');
  if (!existsSync(listing) || !existsSync(teacherPage)) {
    return [{ measure: 'packaging', value: 'dist/packages.json or dist/teacher.html missing: run npm run package', ok: false }];
  }

  const { courseBuilds } = JSON.parse(readFileSync(listing, 'utf8')) as { courseBuilds?: number };
  const maxBuilds = budgets.courseBuildsPerPackageRun;
  rows.push({
    measure: 'course builds per `npm run package`',
    value: String(courseBuilds ?? 'not recorded'),
    budget: maxBuilds === undefined ? '' : String(maxBuilds),
    ok: maxBuilds === undefined ? undefined : courseBuilds === maxBuilds
  });

  const bytes = statSync(teacherPage).size;
  const maxBytes = budgets.teacherPageBytes;
  rows.push({
    measure: 'teacher page dist/teacher.html (self-contained)',
    value: `${(bytes / 1000).toFixed(1)} KB`,
    budget: maxBytes === undefined ? '' : `${(maxBytes / 1000).toFixed(1)} KB`,
    ok: maxBytes === undefined ? undefined : bytes <= maxBytes
  });
  if (ci) return rows;

  // Every zip, from the build as it is (no build), as `npm run package` assembles them.
  const out = mkdtempSync(join(tmpdir(), 'hit-bench-packages-'));
  try {
    const t0 = performance.now();
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scorm/package.ts', '--from-build', 'build', '--out', out], { cwd: root, encoding: 'utf8' });
    const wall = performance.now() - t0;
    if (run.status !== 0) {
      rows.push({ measure: 'assembling every zip after the build', value: `failed: ${run.stderr.split('\n')[0]}`, ok: false });
    } else {
      const made = JSON.parse(readFileSync(join(out, 'packages.json'), 'utf8')) as { assembleMs: number; packages: unknown[] };
      rows.push({
        measure: `assembling all ${made.packages.length} zips after the build (checks included; goal under 10 s)`,
        value: seconds(made.assembleMs)
      });
      rows.push({ measure: '  the same, whole command with Node start-up (--from-build)', value: seconds(wall) });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  // The teacher page makes the whole-course zip in the browser (standard options), from disk.
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(teacherPage).href);
    const times: number[] = [];
    // The first run includes the engine warming up; a teacher meets that one, so it is reported.
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Make the package' }).click();
      await page.locator('[data-assembly-ms]').waitFor();
      times.push(Number(await page.locator('[data-assembly-ms]').getAttribute('data-assembly-ms')));
    }
    rows.push({ measure: 'in-browser assembly of the whole-course zip, first try (goal under 1 s)', value: seconds(times[0]!) });
    rows.push({ measure: '  the same, fastest of 3', value: seconds(Math.min(...times)) });
  } finally {
    await browser.close();
  }
  return rows;
}
