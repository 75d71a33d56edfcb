import { describe, expect, it } from 'vitest';
import type { BuildMap } from '../src/lib/content/build-map';
import type { LessonBlock } from '../src/lib/content/types';
import { lessonKey, preloadMap, preloadScript, withLaunchPreloads } from './launch-preload';

const C = '_app/immutable/chunks';
const node = (over: Partial<BuildMap['files'][string]> = {}) => ({ imports: [], dynamicImports: [], css: [], assets: [], entry: false, ...over });
const prose = (n: number): LessonBlock => ({ kind: 'html', html: `<p>${'x'.repeat(n)}</p>` });
const view = (name: string): LessonBlock => ({ kind: 'component', name, props: {}, data: {} }) as LessonBlock;

const map = {
  format: 1,
  launch: 'index.html',
  course: { settings: { packageId: 'hit-course-v1' }, modules: [{ slug: 'the-job', lessons: [{ slug: 'duties' }, { slug: 'days' }] }, { slug: 'coding', lessons: [{ slug: 'icd' }] }] },
  files: {
    [`${C}/runtime.js`]: node(),
    '_app/immutable/nodes/1.err.js': node({ entry: true, imports: [`${C}/runtime.js`] }),
    '_app/immutable/nodes/4.lesson.js': node({ entry: true, imports: [`${C}/runtime.js`, `${C}/lesson-page.js`], css: ['_app/immutable/assets/4.lesson.css'] }),
    [`${C}/lesson-page.js`]: node(),
    [`${C}/duties.js`]: node(),
    [`${C}/days.js`]: node(),
    [`${C}/icd.js`]: node(),
    [`${C}/Process.js`]: node({ imports: [`${C}/runtime.js`, `${C}/keys.js`], css: ['_app/immutable/assets/Process.css'] }),
    [`${C}/keys.js`]: node(),
    [`${C}/codec.js`]: node({ imports: [`${C}/codec-body.js`, `${C}/runtime.js`] }),
    [`${C}/codec-body.js`]: node()
  },
  gates: {},
  launchChunks: {
    lessonRoute: ['_app/immutable/nodes/1.err.js', '_app/immutable/nodes/4.lesson.js'],
    lessons: { 'the-job/duties': `${C}/duties.js`, 'the-job/days': `${C}/days.js`, 'coding/icd': `${C}/icd.js` },
    views: { process: `${C}/Process.js`, check: `${C}/Check.js` },
    codec: `${C}/codec.js`
  }
} as unknown as BuildMap;
const modules = {
  'the-job': { lessons: [{ slug: 'duties', blocks: [prose(300), view('check'), prose(2000), view('process')] }, { slug: 'days', blocks: [prose(200), view('process'), view('check')] }] },
  coding: { lessons: [{ slug: 'icd', blocks: [prose(100)] }] }
} as never;
// What index.html already asks for (SvelteKit's own preloads).
const page = `<meta http-equiv="content-security-policy" content="script-src 'self'">\n<link href="/${C}/runtime.js" rel="modulepreload">\n<link href="/_app/immutable/assets/0.css" rel="stylesheet">`;

/**
 * The files the script asks for when the page is opened at `hash` (in a package holding `modules`,
 * if given; with the package options `options`, and this browser's localStorage holding `stored`).
 */
function asked(hash: string, packaged?: string, browser: { options?: object | 'missing'; stored?: Record<string, string> } = {}): string[] {
  const links: { rel: string; href: string; as?: string }[] = [];
  const document = {
    getElementById: (id: string) =>
      id === 'hit-package-options' ? (browser.options === 'missing' ? null : { textContent: JSON.stringify(browser.options ?? null) }) : packaged === undefined ? null : { content: packaged },
    createElement: () => ({}),
    head: { append: (l: { rel: string; href: string; as?: string }) => links.push(l) }
  };
  const localStorage = { getItem: (key: string) => browser.stored?.[key] ?? null };
  new Function('document', 'location', 'localStorage', preloadScript(preloadMap(map, modules, page)))(document, { hash }, localStorage);
  return links.map((l) => `${l.rel}${l.as ? `:${l.as}` : ''} ${l.href}`);
}

describe('launch preloads (issue 15)', () => {
  it('a launch on a lesson asks at once for the route, the lesson and its opening views, never for what the page has or what loads later', () => {
    expect(asked('#/the-job/days').sort()).toEqual(
      [
        './_app/immutable/nodes/1.err.js',
        './_app/immutable/nodes/4.lesson.js',
        `./${C}/lesson-page.js`,
        `./${C}/days.js`,
        `./${C}/Process.js`,
        `./${C}/keys.js`
      ]
        .map((f) => `modulepreload ${f}`)
        .concat(['preload:style ./_app/immutable/assets/4.lesson.css', 'preload:style ./_app/immutable/assets/Process.css'])
        .sort()
    );
    // The process further down the first lesson loads as the reader comes near it, like its check.
    expect(asked('#/the-job/duties')).not.toContain(`modulepreload ./${C}/Process.js`);
    expect(asked('#/the-job/duties')).toContain(`modulepreload ./${C}/duties.js`);
  });

  it('home, another route, an unknown lesson or a module the package leaves out: nothing', () => {
    for (const hash of ['', '#/', '#/progress', '#/the-job', '#/the-job/quiz', '#/the-job/nowhere']) expect(asked(hash), hash).toEqual([]);
    expect(asked('#/coding/icd', 'the-job')).toEqual([]);
    expect(asked('#/coding/icd', 'the-job,coding')).toContain(`modulepreload ./${C}/icd.js`);
  });

  it('a return without an LMS (this browser holds the standalone copy) asks for the state codec at once, on any route; a first visit never', () => {
    const codec = [`modulepreload ./${C}/codec.js`, `modulepreload ./${C}/codec-body.js`];
    const copy = { 'hit-course:hit-course-v1:standalone': 'h2|...' };
    expect(asked('#/', undefined, { stored: copy }).sort()).toEqual(codec.sort());
    expect(asked('#/the-job/days', undefined, { stored: copy })).toEqual(expect.arrayContaining(codec));
    expect(asked('#/', undefined, { stored: { 'hit-course:hit-course-v1:standalone-notice-dismissed': '1' } })).toEqual([]);
    // A package whose options name another id keeps its copy under that id (backups.ts).
    expect(asked('#/', undefined, { options: { format: 1, packageId: 'hit-course-v1+the-job' }, stored: copy })).toEqual([]);
    expect(asked('#/', undefined, { options: { format: 1, packageId: 'hit-course-v1+the-job' }, stored: { 'hit-course:hit-course-v1%2Bthe-job:standalone': '{}' } }).sort()).toEqual(codec.sort());
  });

  it('lesson keys are short and the build refuses two lessons on one key', () => {
    expect(lessonKey('the-job/what-they-do')).toMatch(/^[0-9a-z]{1,4}$/);
    expect(lessonKey('the-job/days')).not.toBe(lessonKey('the-job/duties'));
  });

  it('goes after the CSP and SvelteKit preloads and before the stylesheet', () => {
    const html = withLaunchPreloads(page, map, modules);
    expect(html.indexOf('<script>')).toBeGreaterThan(html.indexOf('runtime.js'));
    expect(html.indexOf('<script>')).toBeLessThan(html.indexOf('0.css'));
  });
});

describe('the codec preload follows the key the app uses (a hint only: a miss costs a round trip, never data)', () => {
  const codec = [`modulepreload ./${C}/codec.js`, `modulepreload ./${C}/codec-body.js`];
  const copy = { 'hit-course:hit-course-v1:standalone': 'h2|...' };
  it('a page whose options block is missing (the app then runs with the authored id, package-options.ts) still preloads the codec for its copy', () => {
    expect(asked('#/', undefined, { options: 'missing', stored: copy })).toEqual(expect.arrayContaining(codec));
  });
  it('options the app rejects (unknown format) but that name a packageId: the app keeps its copy under the authored id', () => {
    expect(asked('#/', undefined, { options: { format: 2, packageId: 'other' }, stored: copy })).toEqual(expect.arrayContaining(codec));
  });
  it('localStorage that throws (private mode, sandboxed frame) costs nothing', () => {
    expect(() => asked('#/the-job/days', undefined, { stored: new Proxy({}, { get() { throw new Error('SecurityError'); } }) as never })).not.toThrow();
  });
});
