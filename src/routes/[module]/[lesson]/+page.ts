import { error } from '@sveltejs/kit';
import { loadLesson, locateLesson } from '$lib/content/client';
import { loadBlockViews } from '$lib/components/lesson/views';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const place = locateLesson(params.module, params.lesson);
  if (!place) error(404, `There is no lesson "${params.lesson}" in module "${params.module}".`);
  const content = await loadLesson(params.module, params.lesson);
  // The lesson's diagrams, processes, sorts... arrive with it, so the page renders complete.
  return { place, content, views: await loadBlockViews(content.lesson.blocks) };
};
