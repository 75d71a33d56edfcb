import { error } from '@sveltejs/kit';
import { course, loadModule, loadObjectiveTexts } from '$lib/content/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const meta = course.modules.find((m) => m.slug === params.module);
  if (!meta) error(404, `There is no module "${params.module}" in this course.`);
  // Both at once: the page waits one round trip, not two.
  const [content, objectiveTexts] = await Promise.all([loadModule(meta.slug), loadObjectiveTexts()]);
  return { meta, content, objectiveTexts };
};
