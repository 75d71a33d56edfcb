/**
 * A scratch copy of this checkout for mutation scripts (tests/content/figure-mutations.ts,
 * tests/lms/model-mutations.ts): every tracked or untracked-but-not-ignored file as it is in the
 * working tree, with node_modules linked rather than copied, in a fresh temporary folder. The
 * scripts break one thing at a time there, so the checkout itself is never touched.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function copyCheckout(repo: string, prefix: string): string {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(work, f)), { recursive: true });
    try {
      cpSync(join(repo, f), join(work, f));
    } catch {
      // a deleted but still tracked file
    }
  }
  symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'));
  return work;
}
