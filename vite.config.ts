import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { courseContent } from './src/lib/content/vite-plugin';

/**
 * d3-scale's `d3-interpolate` is our numbers-only one (src/lib/charts/scale-interpolate.ts), so the
 * chart code does not carry d3-color (issue 15). Only d3-scale's import is redirected.
 */
function numberScales(): Plugin {
  const shim = fileURLToPath(new URL('./src/lib/charts/scale-interpolate.ts', import.meta.url));
  return {
    name: 'hit-number-scales',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === 'd3-interpolate' && importer && /[\\/]node_modules[\\/]d3-scale[\\/]/.test(importer)) return shim;
      return undefined;
    }
  };
}

/**
 * Writes `.svelte-kit/bundle-contents.json` after the client build: each emitted chunk's file name
 * with its modules and their rendered lengths, so `npm run bench` can say which code the zip's bytes
 * are (issue 15's zip breakdown, tests/bench/zip-breakdown.ts). It sits outside build/, so no
 * package changes. The server build (SvelteKit's first pass, `build.ssr`) is skipped.
 */
function recordBundleContents(): Plugin {
  let client = false;
  return {
    name: 'hit-record-bundle-contents',
    apply: 'build',
    configResolved(config) {
      client = !config.build.ssr;
    },
    generateBundle(_options, bundle) {
      if (!client) return;
      const chunks: Record<string, { id: string; renderedLength: number }[]> = {};
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        chunks[file.fileName] = Object.entries(file.modules).map(([id, m]) => ({ id, renderedLength: m.renderedLength }));
      }
      const out = fileURLToPath(new URL('./.svelte-kit/', import.meta.url));
      mkdirSync(out, { recursive: true });
      writeFileSync(`${out}bundle-contents.json`, JSON.stringify({ chunks }, null, 1));
    }
  };
}

export default defineConfig({
  // Unit tests read content through loadCourse directly; the virtual modules are for the app.
  plugins: [numberScales(), process.env.VITEST ? null : courseContent(), sveltekit(), recordBundleContents()],
  build: {
    // Every chunk is served uncompressed by many LMSs; keep Vite's warning meaningful for us.
    chunkSizeWarningLimit: 120,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The quiz views' plain helpers (no XState, no Svelte), in one chunk instead of one
            // per mix of the views that share them: a knowledge check paints with them before its
            // machine loads, which splits them otherwise (issue 15: four more chunks, 0.9 KB more zip).
            { name: 'quiz-core', test: /[\\/]src[\\/]lib[\\/]quiz[\\/](draw|random|scoring|html|knowledge-check\.initial)\.ts$/ }
          ]
        }
      }
    }
  },
  test: {
    include: ['src/**/*.test.ts', 'scorm/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node'
  }
});
