/**
 * Benchmark rows for the coordinators' results page (issue 14), called from bench.ts:
 *
 *   size   dist/results.html raw and gzipped (budget resultsPageBytes: it is one file a coordinator opens)
 *   times  parse and analyse in Chromium, as the page itself measures them (User Timing entries
 *          `results:parse` and `results:analyse`), for the real Moodle interactions export and for a
 *          2,000-learner export made by repeating its rows under new names; plus the time until the
 *          tables are on screen. Goal: parse + analyse under one second. Printed, never asserted.
 */
import type { Browser, Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

type Row = { measure: string; value: string; budget?: string; ok?: boolean };

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;

/** The real export with its learner rows repeated (renamed, so each copy is a new learner) to `learners` rows. */
export function repeatedExport(tsv: string, learners: number): string {
  const lines = tsv.split('\n').filter((l) => l.length);
  const [header, ...rows] = lines;
  const out = [header!];
  for (let i = 0; out.length - 1 < learners; i++) {
    const row = rows[i % rows.length]!;
    const copy = Math.floor(i / rows.length);
    out.push(row.replace(/^"([^"]*)"\t([^\t@]*)@/, (_, name: string, user: string) => `"${name} ${copy}"\t${user}.${copy}@`));
  }
  return out.join('\n') + '\n';
}

/**
 * Gives the page one file the way a file input does, built inside the page (handing Playwright an
 * 8 MB buffer would time Playwright's own transfer), and returns the page's own timings and the time
 * until a frame shows the learners table.
 */
async function timeFile(page: Page, url: string, name: string, text: string) {
  await page.goto(url);
  const shown = await page.evaluate(
    ({ name, text }) =>
      new Promise<number>((done) => {
        performance.clearMeasures();
        const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type: 'text/plain' }));
        input.files = transfer.files;
        // (No named inner functions: tsx would wrap them in a helper the page does not have.)
        const observer = new MutationObserver(() => {
          if (![...document.querySelectorAll('caption')].some((c) => c.textContent === 'Each learner: status, score and progress')) return;
          observer.disconnect();
          requestAnimationFrame(() => done(performance.now() - t0));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        const t0 = performance.now();
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }),
    { name, text }
  );
  const [parse, analyse] = await page.evaluate(() => ['results:parse', 'results:analyse'].map((n) => performance.getEntriesByName(n).at(-1)!.duration));
  return { parse: parse!, analyse: analyse!, shown };
}

export async function measureResults({ browser, root, ci, budgets }: { browser: Browser; root: string; ci: boolean; budgets: Record<string, number> }): Promise<Row[]> {
  const file = join(root, 'dist/results.html');
  if (!existsSync(file)) return [{ measure: 'results page', value: 'dist/results.html missing: run npm run build:results', ok: false }];
  const html = readFileSync(file);
  const budget = budgets.resultsPageBytes;
  const rows: Row[] = [
    { measure: 'results page dist/results.html (raw)', value: kb(html.length), budget: budget === undefined ? '' : kb(budget), ok: budget === undefined ? undefined : html.length <= budget },
    { measure: 'results page dist/results.html (gzip)', value: kb(gzipSync(html).length) }
  ];
  if (ci) return rows;

  const real = readFileSync(join(root, 'tests/fixtures/moodle-4.5/scorm12/interactions.csv'), 'utf8');
  const big = repeatedExport(real, 2000);
  const page = await browser.newPage();
  const url = pathToFileURL(file).href;
  // One warm-up run, so the figures are not the first compile of the page's code.
  await timeFile(page, url, 'warm-up.txt', real);
  const small = await timeFile(page, url, 'interactions.txt', real);
  const large = await timeFile(page, url, 'interactions-2000.txt', big);
  await page.close();
  const ms = (n: number) => `${Math.round(n)} ms`;
  rows.push(
    { measure: 'results: parse + analyse, real interactions export (9 learners, 43 KB)', value: `${ms(small.parse + small.analyse)} (${ms(small.parse)} + ${ms(small.analyse)})` },
    { measure: `results: parse + analyse, 2,000-learner export (${kb(Buffer.byteLength(big))}), goal < 1 s`, value: `${ms(large.parse + large.analyse)} (${ms(large.parse)} + ${ms(large.analyse)})` },
    { measure: 'results: file given to tables on screen (first 200 learner rows), 2,000 learners', value: ms(large.shown) }
  );
  return rows;
}
