import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { courseContent } from './src/lib/content/vite-plugin';

export default defineConfig({
  // Unit tests read content through loadCourse directly; the virtual modules are for the app.
  plugins: [process.env.VITEST ? null : courseContent(), sveltekit()],
  build: {
    // Every chunk is served uncompressed by many LMSs; keep Vite's warning meaningful for us.
    chunkSizeWarningLimit: 120
  },
  test: {
    include: ['src/**/*.test.ts', 'scorm/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node'
  }
});
