/**
 * Issue 16 review m4: the blocks the review found uncited now carry, on every step or part, the
 * source that says it (a global rule for every block is left to the content check, see README).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const modules = resolve(import.meta.dirname, '../../modules');

/** The steps of `::: process title="<title>"` in a lesson, each with its continuation lines. */
function processSteps(file: string, title: string): string[] {
  const text = readFileSync(join(modules, file), 'utf8');
  const start = text.indexOf(`::: process title="${title}"`);
  expect(start, `${file} places "${title}"`).toBeGreaterThan(-1);
  const body = text.slice(text.indexOf('\n', start) + 1, text.indexOf('\n:::', start));
  return body.split(/\n(?=\d+\. )/);
}

describe('blocks the review of issue 16 found uncited (m4)', () => {
  it.each([
    ['04-drgs-and-reimbursement/02-grouping-a-case.md', "The grouper's steps"],
    ['02-the-health-record/04-master-patient-index.md', 'Investigating a possible duplicate or overlay']
  ])('%s: every step of "%s" cites a source', (file, title) => {
    const steps = processSteps(file, title);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const step of steps) expect(step, step).toMatch(/\{\{src:[a-z0-9-]+\}\}/);
  });

  it('every part of the HIM department chart cites a source', () => {
    const chart = parse(readFileSync(join(modules, '01-the-job/diagrams/him-department.yaml'), 'utf8')) as { parts: { id: string; text?: string }[] };
    for (const part of chart.parts.filter((p) => p.text)) expect(part.text, part.id).toMatch(/\{\{src:[a-z0-9-]+\}\}/);
  });

  it('the supervising technician card says only what its source says (no "monthly")', () => {
    const sort = parse(readFileSync(join(modules, '01-the-job/sorts/who-does-this.yaml'), 'utf8')) as { items: { text: string; group: string }[] };
    for (const item of sort.items.filter((i) => i.group === 'supervisor')) expect(item.text).not.toMatch(/monthly/i);
  });
});
