/** A course tree shaped like the real one (9 modules, quizzes drawing 8, a 20-item final) for tests. */
import type { CourseTree, ModuleMeta } from '$lib/content/types';
import { digest } from '../../../src/lib/lms/digest';

const slugs = ['the-job', 'health-record', 'coding-systems', 'drgs-and-payment', 'privacy-and-release', 'registries', 'data-quality', 'rhit-certification', 'pay-and-outlook'];

export function fixtureCourse(overrides: Partial<CourseTree['settings']> = {}, moduleCount = slugs.length): CourseTree {
  const modules: ModuleMeta[] = slugs.slice(0, moduleCount).map((slug, i) => ({
    slug,
    number: i + 1,
    title: slug,
    summary: '',
    minutes: 30,
    objectives: [1, 2, 3].map((k) => ({ id: `${slug.slice(0, 6)}-${k}`, text: `Objective ${k}` })),
    lessons: ['introduction', 'day-to-day-duties', 'working-with-clinicians', 'documentation-standards', 'common-mistakes', 'summary-and-review'].map((l) => ({
      slug: l,
      title: l,
      minutes: 5,
      file: `modules/${slug}/${l}.md`
    })),
    quiz: { draw: 8, poolSize: 12, fingerprint: digest(`${slug}-pool-v1`) },
    checks: [`${slug.slice(0, 6)}-kc-one`, `${slug.slice(0, 6)}-kc-two`]
  }));
  return {
    settings: {
      title: 'Test course',
      description: '',
      language: 'en-US',
      masteryScore: 80,
      completion: 'both',
      attemptsPerQuiz: 3,
      randomise: true,
      finalAssessmentItems: 20,
      modules: [],
      scormVersion: null,
      packageId: 'test-course',
      whenFinished: 'keep-open',
      ...overrides
    },
    modules
  };
}
