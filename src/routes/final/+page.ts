import { error } from '@sveltejs/kit';
import { course, loadQuizBanks } from '$lib/content/client';
import type { PageLoad } from './$types';

/** The final assessment draws across every included module's pool (course.yaml finalAssessmentItems). */
export const load: PageLoad = async () => {
  const banks = await loadQuizBanks();
  // Course order, so a non-random draw and the per-module rotation follow the modules.
  const pool = course.modules.flatMap((m) => banks[m.slug] ?? []);
  if (pool.length === 0) error(404, 'This course has no final assessment: no module has a quiz.');
  return { pool, draw: Math.min(course.settings.finalAssessmentItems, pool.length) };
};
