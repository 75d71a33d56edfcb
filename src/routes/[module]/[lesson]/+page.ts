import { error } from '@sveltejs/kit';
import { loadLesson, locateLesson } from '$lib/content/client';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const place = locateLesson(params.module, params.lesson);
  if (!place) error(404, `There is no lesson "${params.lesson}" in module "${params.module}".`);
  return { place, content: await loadLesson(params.module, params.lesson) };
};
