/**
 * The repository owns everything it uses (issue 12): no tracked file may point at the machine it
 * was written on (an absolute path under the authors' work folder) or at a folder beside the
 * checkout (the shared seeds and references). A fresh clone has neither, so such a reference is a
 * test, script or doc that works only on one machine. .ci/run runs this in its fresh clone.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
// Spelled in pieces so this file does not match itself.
const FORBIDDEN = [['/wo', 'rk/'].join(''), ['../sh', 'ared'].join('')];

/** Tracked files (what a clone gets), text only. */
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((f) => f && !/\.(png|jpe?g|gif|ico|woff2?|zip|pdf)$/i.test(f));

export function outsideReferences(files: { name: string; text: string }[]): string[] {
  return files.flatMap(({ name, text }) =>
    text.split('\n').flatMap((line, i) => FORBIDDEN.filter((f) => line.includes(f)).map((f) => `${name}:${i + 1}: ${f}`))
  );
}

describe('no tracked file reaches outside the repository', () => {
  it('finds a reference when there is one (the check can fail)', () => {
    expect(outsideReferences([{ name: 'a.md', text: `see ${FORBIDDEN[1]}/seeds/000.txt` }])).toEqual([`a.md:1: ${FORBIDDEN[1]}`]);
    expect(outsideReferences([{ name: 'b.ts', text: `read('${FORBIDDEN[0]}x')` }])).toEqual([`b.ts:1: ${FORBIDDEN[0]}`]);
  });

  it(`no tracked file mentions ${FORBIDDEN.join(' or ')}`, () => {
    expect(tracked.length).toBeGreaterThan(50);
    const files = tracked.map((name) => ({ name, text: readFileSync(join(root, name), 'utf8') }));
    expect(outsideReferences(files)).toEqual([]);
  });
});
