import { describe, expect, it } from 'vitest';
import { fixtureCourse } from '../lms/testing/fixtures';
import { buildMapFrom, componentUsers, type BundleChunk } from '../../src/lib/content/build-map';
import type { LessonBlock, ModuleContent } from '../../src/lib/content/types';

const chunk = (fileName: string, over: Partial<BundleChunk> = {}): BundleChunk => ({
  fileName,
  facadeModuleId: null,
  moduleIds: [],
  imports: [],
  dynamicImports: [],
  css: [],
  assets: [],
  isEntry: false,
  ...over
});

const component = (name: string, id?: string): LessonBlock => ({ kind: 'component', name, props: id ? { id } : {} });
const moduleWith = (...blocks: LessonBlock[]): Pick<ModuleContent, 'lessons'> => ({
  lessons: [{ slug: 'l', title: 'L', minutes: 5, module: 'm', blocks }]
});

describe('the build map', () => {
  const course = fixtureCourse();
  const modules = {
    'the-job': moduleWith(component('check', 'a'), component('exercise', 'drg-grouper')),
    'health-record': moduleWith(component('chart', 'wages')),
    'coding-systems': moduleWith({ kind: 'html', html: '<p>x</p>' })
  };

  it('knows which modules place each lesson component', () => {
    const users = componentUsers(modules);
    expect([...(users.get('exercise:drg-grouper') ?? [])]).toEqual(['the-job']);
    expect([...(users.get('chart') ?? [])]).toEqual(['health-record']);
    expect(users.has('exercise:path-builder')).toBe(false);
  });

  it('gates content chunks to their module, views to the modules that place them, and nothing else', () => {
    const map = buildMapFrom(
      [
        chunk('entry.js', { isEntry: true, imports: ['shared.js'], dynamicImports: ['lesson.js', 'drg.js', 'chart.js', 'unused.js'] }),
        chunk('shared.js', { moduleIds: ['/repo/src/lib/app-state.svelte.ts'] }),
        chunk('lesson.js', { facadeModuleId: '\0virtual:hit/lesson/the-job/l', moduleIds: ['\0virtual:hit/lesson/the-job/l'] }),
        chunk('module.js', { facadeModuleId: '\0virtual:hit/module/health-record', moduleIds: ['\0virtual:hit/module/health-record'] }),
        // A chunk the bundler merged from content and code is shared: never left out.
        chunk('merged.js', { moduleIds: ['\0virtual:hit/module/coding-systems', '/repo/src/lib/quiz/draw.ts'] }),
        chunk('drg.js', { facadeModuleId: '/repo/src/lib/exercises/drg-grouper/Exercise.svelte', css: ['drg.css'] }),
        chunk('chart.js', { facadeModuleId: '/repo/src/lib/charts/ChartBlock.svelte' }),
        chunk('unused.js', { facadeModuleId: '/repo/src/lib/exercises/path-builder/Exercise.svelte' })
      ],
      course,
      modules
    );
    expect(map.gates).toEqual({
      'lesson.js': ['the-job'],
      'module.js': ['health-record'],
      'drg.js': ['the-job'],
      'chart.js': ['health-record'],
      'unused.js': []
    });
    expect(map.files['drg.js']).toEqual({ imports: [], dynamicImports: [], css: ['drg.css'], assets: [], entry: false });
    expect(map.files['entry.js']?.entry).toBe(true);
    expect(map.course).toBe(course);
  });
});
