/**
 * Mutation check for the model-based test of the LMS runtime (tests/lms/session.model.test.ts):
 * each mutation below is one plausible bug in src/lib/lms/ of the kind issue 11 found or feared;
 * the model test (fixed seed) must fail on every one.
 *
 *   npx tsx tests/lms/model-mutations.ts        (about 2 minutes; not part of npm test)
 *
 * It copies the checkout's files (tracked and new, not ignored) into a temporary folder with this
 * node_modules linked in, applies one mutation at a time, runs the model test there (with the LMS
 * tests' own Vitest config, tests/lms/testing/vitest.config.ts) and restores the file. It prints one
 * line per mutation and exits 1 if the unmutated copy fails or any mutation survives. When the code
 * changes so that a mutation's text is gone, the mutation is reported SKIPPED (and counts as
 * survived): update it. Add a mutation whenever the model test is found to miss a bug.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { copyCheckout } from '../testing/checkout-copy';

interface Edit {
  file: string;
  from: string;
  to: string;
}

/** One bug: its edit, and `also` where the same bug needs more than one edit (a rule guarded twice). */
interface Mutation extends Edit {
  what: string;
  also?: Edit[];
}

const lms = (name: string) => `src/lib/lms/${name}`;

export const MUTATIONS: Mutation[] = [
  {
    what: 'status may regress below what the LMS holds',
    file: lms('restore.ts'),
    from: 'return { completed: held.completed || computed.completed, success, score:',
    to: 'return { completed: computed.completed, success: computed.success, score:'
  },
  { what: 'a recorded score may drop', file: lms('restore.ts'), from: 'score: scores.length ? Math.max(...scores) : null', to: 'score: computed.score ?? held.score' },
  { what: 'an objective’s recorded score may drop', file: lms('restore.ts'), from: 'score: Math.max(computed.score, held.score ?? 0)', to: 'score: computed.score' },
  { what: 'the LMS’s mastery score is ignored', file: lms('pass-mark.ts'), from: 'lmsPercent === null ? { percent: packagePercent', to: 'true ? { percent: packagePercent' },
  { what: 'the device backup key leaves out the learner id', file: lms('backups.ts'), from: ':learner:${keyPart(learnerId)}', to: ':learner:' },
  {
    what: 'restoring into an updated package drops unknown ids silently',
    file: lms('lms-session.ts'),
    from: 'if (hasChanges(plan.changes)) core.tell(packageUpdatedNotice(course, plan.changes));',
    to: ''
  },
  { what: 'cmi.exit is always suspend', file: lms('lms-session.ts'), from: 'adapter.setExit(keepOpen());', to: 'adapter.setExit(true);' },
  { what: 'no commit after a lesson viewed', file: lms('lms-session.ts'), from: "} else if (change === 'progress') commits.request();", to: '}' },
  { what: 'no commit after a submitted quiz', file: lms('lms-session.ts'), from: 'if (conn.adapter.isOpen && !review) commits.run();', to: '' },
  {
    what: 'interactions cut at 250, losing the final assessment’s answers',
    file: lms('interaction-budget.ts'),
    from: 'return free >= finalReserve(course, state) + firstAttemptsReserve(course, state);',
    to: 'return free >= 0;'
  },
  { what: 'a failed attempt with attempts left is reported failed', file: lms('progress.ts'), from: "return attemptsRemain(course, progress) ? 'pending' : 'failed';", to: "return 'failed';" },
  { what: 'the completion rule "both" ignores the lessons', file: lms('progress.ts'), from: ': lessons && passed;', to: ': passed;' },
  { what: 'an old attempt’s device copy is merged into a new attempt', file: lms('restore.ts'), from: 'return !(input.lmsRecordFresh ?? false);', to: 'return true;' },
  {
    // Held twice since R11: the restore plan holds them, and records start after the count this
    // device's copy holds (which a strict LMS then refuses), so both guards go.
    what: 'interactions the LMS hid are written over',
    file: lms('restore.ts'),
    from: 'holdCollections: input.lmsInteractions < expected || blankNoCredit(input),',
    to: 'holdCollections: blankNoCredit(input),',
    also: [{ file: lms('lms-session.ts'), from: 'conn.adapter.skipInteractionsTo(writtenElsewhere);', to: '' }]
  }
];

const GUARD = ['npx', 'vitest', 'run', '--config', 'tests/lms/testing/vitest.config.ts', 'tests/lms/session.model.test.ts'];

/** Whether the model test fails there by a broken property (a timeout on a crowded machine is not a catch). */
function guardFails(dir: string): boolean {
  const r = spawnSync(GUARD[0]!, GUARD.slice(1), { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 && /timed out/i.test(output) && !/Property failed/.test(output)) throw new Error('the model test timed out: run again on a quieter machine');
  return r.status !== 0;
}

function main() {
  const repo = resolve(import.meta.dirname, '../..');
  const work = copyCheckout(repo, 'hit-model-mutations-');
  try {
    // The TypeScript config Vitest reads extends the generated .svelte-kit/tsconfig.json.
    execFileSync('npx', ['svelte-kit', 'sync'], { cwd: work, stdio: 'ignore' });
    if (guardFails(work)) {
      console.log('the unmutated copy fails the model test: fix that first');
      process.exit(1);
    }
    let survived = 0;
    for (const m of MUTATIONS) {
      const edits = [m, ...(m.also ?? [])].map((e) => ({ ...e, path: join(work, e.file), original: readFileSync(join(work, e.file), 'utf8') }));
      const gone = edits.find((e) => !e.original.includes(e.from));
      if (gone) {
        console.log(`SKIPPED  ${m.what}: "${gone.from}" is no longer in ${gone.file}; update the mutation`);
        survived++;
        continue;
      }
      for (const e of edits) writeFileSync(e.path, readFileSync(e.path, 'utf8').replace(e.from, e.to));
      const caught = guardFails(work);
      for (const e of edits.reverse()) writeFileSync(e.path, e.original);
      if (!caught) survived++;
      console.log(`${caught ? 'caught  ' : 'SURVIVED'} ${m.what} (${m.file})`);
    }
    console.log(`${MUTATIONS.length - survived} of ${MUTATIONS.length} mutations caught`);
    process.exit(survived ? 1 : 0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
