import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * README's "Each finding of issue 11 and its regression test" is how a newcomer or a coordinator
 * checks what proves a tracking rule. Each row names test files and test titles; a title that no
 * longer exists (a test renamed, or a rule changed) sends the reader to nothing, or to the opposite
 * of what the code does (review rev11-final V3). So every named title must be in a named file.
 */
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('#### Each finding of issue 11 and its regression test');
const rows = readme
  .slice(start)
  .split('\n')
  .slice(1)
  .filter((line, i, lines) => line.startsWith('| ') && lines.slice(0, i).every((l) => l === '' || l.startsWith('|') || !l.startsWith('#')))
  .filter((line) => !line.startsWith('| Finding'));

/** One README title to the forms it takes in test code: `describe › test`, and a title for both versions. */
function titleParts(name: string): string[] {
  return name
    .replace(/\s*\(above\)$/, '')
    .replace('(SCORM 12 and 2004)', '(SCORM ${version})')
    .split(' › ');
}

describe('README lists each issue-11 finding with a test that exists', () => {
  it('the table is found and has a row per finding', () => {
    expect(start).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThanOrEqual(15);
  });

  it.each(rows.map((row) => [(row.split('|')[1] ?? '').trim(), row] as const))('row "%s" names titles found in its files', (_finding, row) => {
    const [, , filesCell = '', titlesCell = ''] = row.split('|').map((c) => c.trim());
    const files = [...filesCell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
    expect(files.length).toBeGreaterThan(0);
    const code = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const missing = titlesCell
      .split('; ')
      .flatMap(titleParts)
      .filter((part) => !code.includes(part));
    expect(missing, `titles not found in ${files.join(', ')}`).toEqual([]);
  });
});
