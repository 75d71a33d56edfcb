import { error } from '@sveltejs/kit';
import { loadModule, locateLesson } from '$lib/content/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const place = locateLesson(params.module, params.lesson);
  if (!place) error(404, `There is no lesson "${params.lesson}" in module "${params.module}".`);
  const content = await loadModule(params.module);
  const lesson = content.lessons.find((l) => l.slug === params.lesson)!;
  return { place, content, lesson };
};
