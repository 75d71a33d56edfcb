import adapter from '@sveltejs/adapter-static';
import { readFileSync } from 'node:fs';

const buildDir = process.env.HIT_BUILD_DIR ?? 'build';
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * One static page that runs from whatever deep path an LMS serves it from
 * (Moodle: /pluginfile.php/<ctx>/mod_scorm/content/<rev>/index.html).
 * - hash router: the LMS launches `index.html`; the route lives after `#`, so reloads keep the lesson.
 * - relative paths: no URL in the build may start with `/` (SvelteKit `paths.relative`; the LMS picks the path).
 * - split bundle: the first screen carries the shell only; each module's lessons, the quiz engine
 *   and the charts are separate chunks loaded when needed (scorm/relativize.ts fixes chunk URLs).
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  kit: {
    // HIT_BUILD_DIR lets the packager build elsewhere while tests serve build/.
    adapter: adapter({ pages: buildDir, assets: buildDir, fallback: undefined, strict: false }),
    router: { type: 'hash' },
    paths: { relative: true },
    output: { bundleStrategy: 'split' },
    appDir: '_app',
    // A fixed version name (SvelteKit's default is the build time) keeps builds byte-identical,
    // so the same sources give the same SCORM zip (issue 4, "Deterministic").
    version: { name: pkg.version },
    // Nothing outside the package may load (issue 8): SvelteKit writes this as a <meta> CSP with a
    // hash of its inline bootstrap script. Inline style attributes are allowed (Svelte transitions
    // and chart positions use them); scripts are not.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['none']
      }
    },
    alias: { $modules: 'modules' },
    // `npm run check` type-checks the packager, the teacher page and the tests too (issue 13):
    // SvelteKit's generated tsconfig covers src/ and tests/ only.
    typescript: {
      config: (tsconfig) => {
        tsconfig.include.push('../scorm/**/*.ts', '../scorm/**/*.svelte', '../playwright.config.ts');
        return tsconfig;
      }
    }
  }
};

export default config;
