/**
 * `npx tsx src/lib/content/check.ts`: loads and checks all of modules/ without building the app,
 * printing every problem as `file: field: expected ...`. Exit code 1 when there are problems.
 */
import { resolve } from 'node:path';
import { ContentErrors } from './errors';
import { loadCourse } from './loader';

const root = resolve(import.meta.dirname, '../../..');
try {
  const { tree, modules, glossary, figures, facts, sources } = loadCourse({ root });
  for (const m of tree.modules) {
    const c = modules[m.slug]!;
    console.log(
      `${String(m.number).padStart(2, '0')} ${m.slug}: ${m.lessons.length} lessons, ${Object.keys(c.checks).length} checks, ` +
        `${c.quiz.length} quiz items (draw ${m.quiz?.draw ?? 0}), ${Object.keys(c.charts).length} charts, ${Object.keys(c.exercises).length} exercises`
    );
  }
  console.log(`glossary: ${glossary.length} entries; figures: ${figures.length}`);
  console.log(`sources: ${sources.length} (${sources.filter((s) => s.archive).length} archived in modules/sources/); facts: ${facts.length} in modules/facts/`);
  console.log('modules/ is valid');
} catch (e) {
  if (e instanceof ContentErrors) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
