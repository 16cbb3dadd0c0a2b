import { defineConfig } from '@playwright/test';

// Browser tests run against a real backend (`ruangpremium dev --web-dir web/dist`)
// with Debian's Chromium; no browser download, no mocked API.
const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
// A second shop whose Auth asks new accounts to confirm their email (scripts/test starts
// it); without it the `confirmations` project is left out.
const confirmBaseURL = process.env.CONFIRM_BASE_URL;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'phone',
      testIgnore: /auth-(client|confirmations)\.spec\.ts/,
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
    },
    {
      name: 'desktop',
      testIgnore: /auth-(client|confirmations)\.spec\.ts/,
      use: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
    },
    {
      // supabase-js in Node against the configured Auth: no browser, runs once.
      name: 'auth-client',
      testMatch: /auth-client\.spec\.ts/,
    },
    ...(confirmBaseURL
      ? [
          {
            name: 'confirmations',
            testMatch: /auth-confirmations\.spec\.ts/,
            use: { baseURL: confirmBaseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
          },
        ]
      : []),
  ],
});
