/**
 * Runs the LMS runtime's unit tests without the SvelteKit/content plugins (they need modules/ to be
 * complete): `npx vitest run --config tests/lms/testing/vitest.config.ts`. The project config
 * (vite.config.ts) runs the same files as part of `npm run test:unit`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export default defineConfig({
  root,
  resolve: { alias: { $lib: `${root}src/lib` } },
  test: { include: ['src/lib/lms/**/*.test.ts', 'tests/lms/**/*.test.ts', 'tests/harness/**/*.test.ts'], environment: 'node' }
});
