/** Module icons stay small drawings: what passes, what fails, each failure named by file and field. */
import { describe, expect, it } from 'vitest';
import { ContentErrors } from './errors';
import { checkIcon } from './icons';
import { loadCourse } from './loader';
import { course, problems } from './test-course';

const FILE = 'modules/01-the-job/icon.svg';
const ok = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor">\n  <!-- a folder -->\n  <path d="M3 7h18"/>\n  <rect x="2" y="2" width="4" height="4"/>\n</svg>\n';

function messages(svg: string): string[] {
  try {
    checkIcon(svg, FILE);
  } catch (e) {
    if (e instanceof ContentErrors) return e.errors.map((x) => x.message);
    throw e;
  }
  return [];
}

describe('checkIcon', () => {
  it('keeps the viewBox and the shapes; drops comments, whitespace, the house style, xmlns, width and height', () => {
    expect(checkIcon(ok, FILE)).toEqual({ viewBox: '0 0 24 24', body: '<path d="M3 7h18"/><rect x="2" y="2" width="4" height="4"/>' });
  });

  it('keeps any other <svg> attribute on a group around the shapes', () => {
    expect(checkIcon('<svg viewBox="0 0 24 24" stroke-width="2" fill="none"><circle cx="12" cy="12" r="4"/></svg>', FILE)).toEqual({
      viewBox: '0 0 24 24',
      body: '<g stroke-width="2"><circle cx="12" cy="12" r="4"/></g>'
    });
  });

  it.each([
    ['<svg viewBox="0 0 24 24"><script>alert(1)</script></svg>', `${FILE}: <script>: expected one of <svg>, <g>, <path>, <circle>, <ellipse>, <rect>, <line>, <polyline>, <polygon>`],
    ['<svg viewBox="0 0 24 24"><path d="M0 0" onclick="x()"/></svg>', `${FILE}: <path> onclick: expected only shape and presentation attributes (no event handler, link, id, class or style)`],
    ['<svg viewBox="0 0 24 24"><path d="M0 0" fill="url(http://x/y)"/></svg>', `${FILE}: <path> fill: expected a plain value, got "url(http://x/y)"`],
    ['<svg><path d="M0 0"/></svg>', `${FILE}: <svg> viewBox: expected a viewBox such as "0 0 24 24", so the icon scales`],
    ['<svg viewBox="0 0 24 24"><text>Hi</text></svg>', `${FILE}: <text>: expected one of <svg>, <g>, <path>, <circle>, <ellipse>, <rect>, <line>, <polyline>, <polygon>`]
  ])('%s', (svg, message) => {
    expect(messages(svg)).toContain(message);
  });

  it('a file over the size limit', () => {
    const big = `<svg viewBox="0 0 24 24"><path d="${'M1 1'.repeat(300)}"/></svg>`;
    expect(messages(big)[0]).toMatch(new RegExp(`^${FILE}: \\(file\\): expected an icon of at most 1000 bytes, got \\d+$`));
  });
});

describe('the loader', () => {
  it('serves each module icon by slug, and fails the build for a bad one', () => {
    expect(loadCourse({ root: course({ [FILE]: ok }) }).icons['the-job']!.body).toContain('<path d="M3 7h18"/>');
    expect(problems({ [FILE]: '<svg viewBox="0 0 24 24"><image href="x.png"/></svg>' })[0]).toMatch(/^modules\/01-the-job\/icon.svg: <image>: expected one of/);
  });
});
