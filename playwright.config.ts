import { defineConfig } from '@playwright/test';

/**
 * Browser tests run against the BUILT course (`npm run package` first), served by tests/server.ts
 * from a deep LMS-like path, in Debian's Chromium (never a downloaded browser).
 */
/** HIT_TEST_PORT lets several checkouts run their browser tests side by side. */
const PORT = Number(process.env.HIT_TEST_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  },
  webServer: {
    command: `PORT=${PORT} tsx tests/server.ts`,
    url: `http://127.0.0.1:${PORT}/pluginfile.php/12/mod_scorm/content/0/index.html`,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore'
  }
});
