/**
 * Mutation check for the figure guard: "every figure shown to a student comes from a cited source
 * with its year" (GUIDE, Sources of truth). Each mutation below makes one realistic mistake an
 * author could make; the guard (the content check and the figure tests) must fail on every one.
 *
 *   npx tsx tests/content/figure-mutations.ts        (a few minutes on a shared 2-core machine; not part of npm test)
 *
 * The mutations cover the ways a number reaches a student: a lesson, a callout, a timeline, a
 * quiz option, a numeric answer, chart data, the lesson blocks' data, the dating of a figure and
 * of a source, a citation, and a restated fact.
 *
 * It copies the checkout's files (tracked and new, not ignored) into a temporary folder with this
 * node_modules linked in, applies one mutation at a time, runs the guard there and restores the
 * file. It prints one line per mutation and exits 1 if the unmutated copy fails or any mutation
 * survives. Add a mutation here whenever the guard is found to miss one.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { copyCheckout } from '../testing/checkout-copy';

interface Mutation {
  what: string;
  file: string;
  from: string;
  to: string;
  /** Replace every occurrence (a fact's value and its statement), not only the first. */
  all?: boolean;
}

export const MUTATIONS: Mutation[] = [
  { what: 'a count in a lesson', file: 'modules/05-privacy-and-release/01-confidentiality-and-hipaa.md', from: 'lists 18 kinds', to: 'lists 19 kinds' },
  { what: 'a DRG weight in a lesson', file: 'modules/04-drgs-and-reimbursement/03-weights-and-payment.md', from: '1.9563', to: '1.9653' },
  { what: 'a wage in a lesson', file: 'modules/09-pay-and-outlook/01-what-technicians-earn.md', from: '**$19.40**', to: '**$19.04**' },
  { what: 'a chart data value', file: 'modules/09-pay-and-outlook/charts/group-pay.yaml', from: 'value: 44700', to: 'value: 44900' },
  { what: 'a figure in a quiz option', file: 'modules/09-pay-and-outlook/quiz.yaml', from: 'King County expected 21.6%.', to: 'King County expected 22.6%.' },
  { what: 'a numeric quiz answer', file: 'modules/01-the-job/quiz.yaml', from: 'answer: 34\n', to: 'answer: 35\n' },
  { what: 'a year in a lesson timeline', file: 'modules/05-privacy-and-release/01-confidentiality-and-hipaa.md', from: '- 1996 :: HIPAA', to: '- 1997 :: HIPAA' },
  { what: 'the year of a dated figure', file: 'modules/09-pay-and-outlook/01-what-technicians-earn.md', from: 'in May 2018:', to: 'in May 2017:' },
  { what: 'a percentage in a callout', file: 'modules/06-registries-and-data/02-follow-up.md', from: 'measures the 80% rate', to: 'measures the 85% rate' },
  { what: 'a count in a callout', file: 'modules/04-drgs-and-reimbursement/01-what-is-a-drg.md', from: 'about 770 MS-DRGs', to: 'about 780 MS-DRGs' },
  { what: 'a figure added to a diagram block', file: 'modules/02-the-health-record/diagrams/hospital-record.yaml', from: 'address and similar details.', to: 'address and similar details, kept for 6 years.' },
  { what: 'a figure added to a sort block', file: 'modules/01-the-job/sorts/who-does-this.yaml', from: 'Following up with each patient every year', to: 'Following up with 40% of patients every year' },
  { what: 'a figure added to a scenario block', file: 'modules/05-privacy-and-release/scenarios/priya-authorization.yaml', from: 'title: "Your desk', to: 'title: "Within 45 days, your desk' },
  { what: 'a year taken out of a source', file: 'modules/sources.yaml', from: '  year: "2019 edition (May 2018 wages; 2018-28 projections)"\n', to: '' },
  { what: 'a year taken out of a figure row', file: 'modules/09-pay-and-outlook/figures.yaml', from: '- { value: "$20.91", source: wa-career-2018, year: "May 2018 wages",', to: '- { value: "$20.91", source: wa-career-2018,' },
  { what: 'a figure row dated to a year its source does not give', file: 'modules/09-pay-and-outlook/figures.yaml', from: '- { value: "$20.91", source: wa-career-2018, year: "May 2018 wages",', to: '- { value: "$20.91", source: wa-career-2018, year: "May 2017 wages",' },
  { what: 'a citation of a source that does not exist', file: 'modules/09-pay-and-outlook/01-what-technicians-earn.md', from: '**$19.40** {{src:wa-career-2018}}', to: '**$19.40** {{src:wa-career-2017}}' },
  { what: 'a figure row citing a source that does not have it', file: 'modules/05-privacy-and-release/figures.yaml', from: '- { value: "30 calendar days", source: hhs-ocr-access,', to: '- { value: "30 calendar days", source: ahima-rhit,' },
  { what: 'a fact restated with a different value', file: 'modules/facts/privacy.yaml', from: '30 calendar days', to: '35 calendar days', all: true }
];

/**
 * The guard: the figure tests. Each loads the course with loadCourse, which throws the build's
 * content errors (an unknown source id, a missing year), so they fail wherever
 * `npx tsx src/lib/content/check.ts` would.
 */
const GUARD: string[][] = [['npx', 'vitest', 'run', 'src/lib/content/figures.test.ts', 'src/lib/charts/data.test.ts', 'src/lib/charts/module-text.test.ts']];

function guardFails(dir: string): string | null {
  for (const cmd of GUARD) {
    const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    if (r.status !== 0) return 'the figure tests';
  }
  return null;
}

function main() {
  const repo = resolve(import.meta.dirname, '../..');
  const work = copyCheckout(repo, 'hit-mutations-');
  try {
    const baseline = guardFails(work);
    if (baseline) {
      console.log(`the unmutated copy fails the guard (${baseline}): fix that first`);
      process.exit(1);
    }
    let survived = 0;
    for (const m of MUTATIONS) {
      const path = join(work, m.file);
      const original = readFileSync(path, 'utf8');
      const count = original.split(m.from).length - 1;
      if (count < 1) {
        console.log(`SKIPPED  ${m.what}: "${m.from}" is no longer in ${m.file}; update the mutation`);
        survived++;
        continue;
      }
      writeFileSync(path, m.all ? original.split(m.from).join(m.to) : original.replace(m.from, m.to));
      const caught = guardFails(work);
      writeFileSync(path, original);
      if (!caught) survived++;
      console.log(`${caught ? 'caught  ' : 'SURVIVED'} ${m.what} (${m.file})${caught ? ` by ${caught}` : ''}`);
    }
    console.log(`${MUTATIONS.length - survived} of ${MUTATIONS.length} mutations caught`);
    process.exit(survived ? 1 : 0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
