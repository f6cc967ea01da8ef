/**
 * The e2e journeys (test/e2e/*.spec.ts): headless Debian chromium on the H5 build, over local
 * clouds the fixtures start in-process (test/e2e/support/fixtures.ts). `npm run test:e2e` runs
 * them all; `npx playwright test <file>` runs one spec.
 */
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/support/globalSetup.ts',
  // No journey depends on another's leftovers, so tests within a file may run in parallel too.
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // A journey's own limit, with room for its cloud to start and its screenshots afterwards.
  timeout: 60_000,
  // The whole run, including an H5 build (~30 s).
  globalTimeout: Number(process.env.E2E_TIMEOUT_S ?? 240) * 1000,
  reporter: [['list'], ['./test/e2e/support/summaryReporter.ts']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    // The phone every person in a journey holds.
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    actionTimeout: 10_000,
    navigationTimeout: 10_000,
    // A failed test keeps its trace: every action with the DOM before and after it, the console and
    // the network. Without the screencast: its frames cost about a quarter of the run's CPU.
    trace: { mode: 'retain-on-failure', screenshots: false },
    // Not Playwright's own screenshots: the fixtures take a full-page one of every phone of every
    // test, pass or fail, named by phone and after the page has settled (support/fixtures.ts).
    screenshot: 'off',
  },
})
