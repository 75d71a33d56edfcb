/**
 * `npm run build:results`: the coordinators' results page as ONE self-contained file,
 * dist/results.html, that works opened from disk (file://), offline, and loads nothing outside
 * itself: script and styles are inlined, and a Content-Security-Policy with the script's hash
 * forbids every request (connect-src 'none'), so no export a coordinator drops can leave the page.
 *
 * The item bank (question and option text, objectives, modules) is read from modules/ at build
 * time through the course's loader and inlined as a virtual module. HIT_CONTENT_ROOT builds it
 * from another folder's modules/, like the course.
 *
 * A plain Vite + Svelte build, not SvelteKit: the page has one screen and no router.
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { loadCourse } from '../lib/content/loader';
import { itemBankFromCourse } from '../lib/results/bank';

const repo = resolve(import.meta.dirname, '../..');
const contentRoot = process.env.HIT_CONTENT_ROOT ? resolve(process.env.HIT_CONTENT_ROOT) : repo;
export const RESULTS_FILE = 'results.html';

function itemBank(): Plugin {
  const id = 'virtual:item-bank';
  return {
    name: 'hit-item-bank',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(source) {
      if (source !== `\0${id}`) return null;
      const course = loadCourse({ root: contentRoot });
      for (const file of course.files) this.addWatchFile(file);
      const bank = itemBankFromCourse(course, '');
      // Same questions, same version: the fingerprint is of the bank itself, never of the build time.
      const fingerprint = createHash('sha256').update(JSON.stringify(bank)).digest('hex').slice(0, 8);
      const { version } = JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8')) as { version: string };
      return `export default ${JSON.stringify({ ...bank, version: `${version} (questions ${fingerprint})` })};`;
    }
  };
}

/** Moves the bundle's one script and its styles into the HTML, then adds the CSP with the script's hash. */
function inlineIntoHtml(): Plugin {
  return {
    name: 'hit-inline-into-html',
    apply: 'build',
    enforce: 'post',
    generateBundle(_, bundle) {
      const page = Object.values(bundle).find((f) => f.type === 'asset' && f.fileName.endsWith('.html'));
      if (!page || page.type !== 'asset') throw new Error('results page: no HTML in the bundle');
      let html = String(page.source);
      const scripts: string[] = [];
      for (const [name, file] of Object.entries(bundle)) {
        if (file.type === 'chunk') {
          // `</script` inside a string would end the inline script early.
          scripts.push(file.code.replace(/<\/script/gi, '<\\/script'));
          html = html.replace(new RegExp(`<script[^>]*src="[^"]*${file.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*></script>`), '');
          delete bundle[name];
        } else if (file.fileName.endsWith('.css')) {
          html = html.replace(new RegExp(`<link[^>]*href="[^"]*${file.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`), '');
          // A function replacement: `$&` and friends in the code must stay literal.
          html = html.replace('</head>', () => `<style>${String(file.source)}</style>\n</head>`);
          delete bundle[name];
        }
      }
      if (scripts.length !== 1) throw new Error(`results page: expected one script chunk, got ${scripts.length}`);
      const script = scripts[0]!;
      const hash = createHash('sha256').update(script).digest('base64');
      const csp = [
        "default-src 'none'",
        `script-src 'sha256-${hash}'`,
        "style-src 'unsafe-inline'",
        'img-src data: blob:',
        "connect-src 'none'",
        "form-action 'none'",
        "base-uri 'none'",
        "object-src 'none'"
      ].join('; ');
      html = html.replace(/<meta charset="utf-8" \/>/, (charset) => `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
      // A module script runs after the document is parsed, so it can sit in the head.
      html = html.replace('</head>', () => `<script type="module">${script}</script>\n</head>`);
      if (/<(script|link)[^>]+(src|href)=/i.test(html)) throw new Error('results page: an external script or stylesheet is left');
      page.source = html;
      page.fileName = RESULTS_FILE;
    },
    writeBundle(options) {
      const file = resolve(options.dir ?? '', RESULTS_FILE);
      console.log(`${file.replace(`${repo}/`, '')}: the coordinators' results page, ${(readFileSync(file).length / 1000).toFixed(1)} KB (open it from disk; see README, "For coordinators")`);
    }
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  plugins: [itemBank(), svelte({ configFile: false }), inlineIntoHtml()],
  resolve: { alias: { $lib: resolve(repo, 'src/lib') } },
  build: {
    outDir: resolve(repo, 'dist'),
    // dist/ also holds the SCORM zips: never empty it.
    emptyOutDir: false,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    cssCodeSplit: false,
    modulePreload: false,
    chunkSizeWarningLimit: 400,
    // The course loader reads modules/ in the item-bank hook; rolldown's timing report adds nothing here.
    rollupOptions: { checks: { pluginTimings: false }, output: { codeSplitting: false } }
  }
});
