import { error } from '@sveltejs/kit';
import { course, loadModule } from '$lib/content/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const meta = course.modules.find((m) => m.slug === params.module);
  if (!meta) error(404, `There is no module "${params.module}" in this course.`);
  return { meta, content: await loadModule(meta.slug) };
};
