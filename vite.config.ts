import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
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

export default defineConfig({
  // Unit tests read content through loadCourse directly; the virtual modules are for the app.
  plugins: [numberScales(), process.env.VITEST ? null : courseContent(), sveltekit()],
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
