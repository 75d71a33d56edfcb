/**
 * Makes dist/teacher.html: ONE self-contained file a teacher opens from disk (file://), offline,
 * to make a package with their own options, with no Node. It holds:
 * - the base course: a base64 zip of the build (its map included) and both versions' schema
 *   files, in a data block (base.ts);
 * - the form and the zip recipe: main.ts and TeacherPage.svelte bundled by Vite into one classic
 *   script (IIFE, CSS injected), the same assemble.ts and choices.ts the command line runs;
 * - the course's visual system (src/app.css) and the upload guides, rendered from README.md's
 *   "For teachers" sections marked `<!-- teacher-page:NAME -->`, so the Moodle settings table has
 *   one source.
 * A Content-Security-Policy allows only that script (by hash) and requests to the page's own
 * origin (the preview LMS, when it serves the page), so nothing else can load.
 *
 *   npx tsx scorm/teacher/build.ts [build dir] [out dir]     (npm run package runs it)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { Marked } from 'marked';
import { build } from 'vite';
import { BUILD_MAP_FILE } from '../../src/lib/content/build-map';
import type { CourseBase } from '../assemble';
import { makeZip } from '../zip';
import { BASE_ELEMENT_ID, joinBase } from './base';

const here = import.meta.dirname;
const root = resolve(here, '../..');
export const TEACHER_PAGE = 'teacher.html';

/** The page's script: one classic script (no module: Chromium refuses module scripts from file://). */
async function bundleScript(): Promise<string> {
  const output = await build({
    configFile: false,
    root: here,
    logLevel: 'warn',
    plugins: [svelte({ configFile: false, compilerOptions: { css: 'injected' } })],
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      target: 'es2020',
      lib: { entry: join(here, 'main.ts'), formats: ['iife'], name: 'hitTeacherPage', fileName: () => 'teacher.js' }
    }
  });
  const results = Array.isArray(output) ? output : [output];
  for (const result of results) {
    if (!('output' in result)) continue;
    const chunk = result.output.find((o) => o.type === 'chunk');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('the teacher page bundle produced no script');
}

/** README.md's `<!-- teacher-page:NAME -->` ... `<!-- /teacher-page:NAME -->` section as HTML. */
export function readmeSection(readme: string, name: string): string {
  const m = new RegExp(`<!-- teacher-page:${name} -->([\\s\\S]*?)<!-- /teacher-page:${name} -->`).exec(readme);
  if (!m) throw new Error(`README.md has no <!-- teacher-page:${name} --> section for the teacher page`);
  const marked = new Marked({ gfm: true, async: false });
  // Tables scroll in their own focusable region at 320 px (WCAG 1.4.10), as in the course.
  return (marked.parse(m[1]!) as string)
    .replace(/<table>/g, `<div class="table-scroll" role="region" tabindex="0" aria-label="${name === 'moodle' ? 'Moodle settings' : 'Table'}"><table>`)
    .replace(/<\/table>/g, '</table></div>')
    .replace(/<a href="(https?:[^"]+)">/g, '<a href="$1" rel="external noopener">');
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/.{1,120}/g, '$&\n');
}

export function teacherHtml(parts: { script: string; css: string; base: string; guides: Record<'moodle' | 'canvas', string>; title: string }): string {
  // `</script` cannot occur inside the inline script; `<\/` means the same inside JS strings and regexes.
  const script = parts.script.replace(/<\/script/gi, '<\\/script');
  const hash = createHash('sha256').update(script).digest('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    // The preview LMS serves this page over http and takes the zip it made (scorm/preview.ts).
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="content-security-policy" content="${csp}">
<title>Make a SCORM package: ${parts.title}</title>
<link rel="icon" href="data:,">
<style>
${parts.css}
body { padding: var(--space-3); }
main, header, footer { max-width: 72rem; margin: 0 auto; }
.steps { max-width: var(--measure); }
.table-scroll { margin: var(--space-2) 0 var(--space-3); }
.table-scroll:focus-visible { outline: 3px solid var(--color-focus); }
.lead { max-width: var(--measure); font-size: 1.1rem; }
</style>
</head>
<body>
<header><p class="lead"><strong>${parts.title}</strong>: the teacher page</p></header>
<main id="main">
<h1>Make your SCORM package</h1>
<p class="lead">Choose a pass mark, the modules, attempts and the other options, then download the zip and upload it to your LMS. This page works offline and sends nothing anywhere: the zip is made here, in your browser.</p>
<div id="teacher-app"><p>Loading the course this page carries…</p><noscript><p>This page needs JavaScript to make the zip. The zips made with the standard options are next to it in the same folder.</p></noscript></div>
<section aria-labelledby="moodle-heading" class="steps">
<h2 id="moodle-heading">3. Upload it to Moodle</h2>
${parts.guides.moodle}
</section>
<section aria-labelledby="canvas-heading" class="steps">
<h2 id="canvas-heading">Or upload it to Canvas</h2>
${parts.guides.canvas}
</section>
</main>
<footer><p class="hint">Made by <code>npm run package</code>. The same options give the same zip, byte for byte, here and on the command line.</p></footer>
<script type="application/octet-stream" id="${BASE_ELEMENT_ID}">
${parts.base}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** Writes out/teacher.html for this build; returns its path and size. */
export async function writeTeacherPage({ base, out }: { base: CourseBase; out: string }): Promise<{ file: string; bytes: number }> {
  const buildFiles = new Map(base.files);
  buildFiles.set(BUILD_MAP_FILE, new TextEncoder().encode(JSON.stringify(base.map)));
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const html = teacherHtml({
    script: await bundleScript(),
    css: readFileSync(join(root, 'src/app.css'), 'utf8'),
    base: base64(makeZip(joinBase(buildFiles, base.schemas))),
    guides: { moodle: readmeSection(readme, 'moodle'), canvas: readmeSection(readme, 'canvas') },
    title: base.map.course.settings.title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)
  });
  mkdirSync(out, { recursive: true });
  const file = join(out, TEACHER_PAGE);
  writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { readCourseBase } = await import('../package');
  const page = await writeTeacherPage({ base: readCourseBase(resolve(process.argv[2] ?? 'build')), out: resolve(process.argv[3] ?? 'dist') });
  console.log(`${page.file}: ${(page.bytes / 1000).toFixed(0)} KB`);
}
