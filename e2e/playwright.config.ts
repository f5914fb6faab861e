import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (`npx playwright install` cannot download here) against the
 * production web build served by real server processes. No `webServer`: global-setup.ts starts the
 * shared server on a free port and passes it to the workers through process.env, since this file is
 * evaluated again in every worker.
 *
 * One worker: the machine has 2 cores, and the latency and restart tests measure real time while a
 * browser, a server or two and Redis share them.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: '.playwright-results.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 1920, height: 1080 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
