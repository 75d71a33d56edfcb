import { error } from '@sveltejs/kit';
import { course, loadModule } from '$lib/content/client';
import type { PageLoad } from './$types';

/** The module's graded pool comes with the module's chunk; the quiz engine with this page's chunk. */
export const load: PageLoad = async ({ params }) => {
  const meta = course.modules.find((m) => m.slug === params.module);
  if (!meta) error(404, `There is no module "${params.module}" in this course.`);
  const content = await loadModule(meta.slug);
  if (!meta.quiz || content.quiz.length === 0) error(404, `Module ${meta.number}, ${meta.title}, has no quiz.`);
  return { meta, pool: content.quiz, draw: meta.quiz.draw };
};
