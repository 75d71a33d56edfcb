import { describe, expect, it } from 'vitest';
import { loadCourse } from './loader';
import { dataModule, lessonContent } from './vite-plugin';

/** What the browser gets from a generated data module: its default export. */
async function evaluate(code: string): Promise<unknown> {
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)).default;
}

describe('data modules (issue 15: each repeated citation title written once per chunk)', () => {
  it('gives the same value as the plain JSON, quotes, backslashes and all', async () => {
    const cite = (title: string) => `<a class="cite" href="#/sources/x" title="${title}">(X)</a>`;
    const value = {
      html: `${cite('A long title, 2019 \\ with "quotes" &amp; more')} then ${cite('A long title, 2019 \\ with "quotes" &amp; more')}`,
      other: [cite('Short'), cite('Short'), cite('Once only, a long title that is not repeated')],
      title: 'title="not an attribute of a string value"'
    };
    const code = dataModule(value);
    expect(await evaluate(code)).toEqual(value);
    expect(code.split('A long title').length - 1).toBe(1);
  });

  // Reading the whole course and evaluating 32 modules takes a few seconds on a busy machine.
  it('keeps every lesson of the course as it was, and shrinks them', { timeout: 60_000 }, async () => {
    const course = loadCourse({ root: process.cwd() });
    let plain = 0;
    let written = 0;
    for (const content of Object.values(course.modules)) {
      for (const lesson of content.lessons) {
        const value = lessonContent(content, lesson);
        const code = dataModule(value);
        expect(await evaluate(code)).toEqual(JSON.parse(JSON.stringify(value)));
        plain += JSON.stringify(value).length;
        written += code.length;
      }
    }
    expect(written).toBeLessThan(plain * 0.9);
  });
});
