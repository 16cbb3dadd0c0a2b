// Shared test setup: every test fails on a console error or an uncaught page
// error, and can save named screenshots to e2e/screenshots/.
import { expect, test as base, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const screenshotDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

export type RuntimeConfig = {
  apiUrl: string;
  supabaseUrl: string;
  supabaseAnonKey: string;
  shopName: string;
  supportWhatsapp: string;
  supportEmail: string;
};

type Fixtures = {
  /**
   * Fails the test on any console error or uncaught page error. `allow` accepts
   * an expected one, e.g. the 404 of a deliberately unknown product.
   */
  consoleGuard: { allow: (pattern: RegExp) => void };
  /** A full-page screenshot; `{ fullPage: false }` for what is on screen (e.g. a modal dialog). */
  shot: (name: string, options?: { fullPage?: boolean }) => Promise<void>;
  shopConfig: RuntimeConfig;
};

export const test = base.extend<Fixtures>({
  consoleGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = `${message.text()} @ ${message.location().url}`;
        if (!allowed.some((pattern) => pattern.test(text))) problems.push(`console.error: ${text}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await use({ allow: (pattern) => allowed.push(pattern) });
      expect(problems, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
  shot: async ({ page }, use, testInfo) => {
    mkdirSync(screenshotDir, { recursive: true });
    await use(async (name, options) => {
      await page.screenshot({
        path: path.join(screenshotDir, `${testInfo.project.name}-${name}.png`),
        fullPage: options?.fullPage ?? true,
        animations: 'disabled',
      });
    });
  },
  shopConfig: async ({ request }, use) => {
    const response = await request.get('/config.json');
    expect(response.ok(), '/config.json is served').toBe(true);
    await use((await response.json()) as RuntimeConfig);
  },
});

export { expect };

/** Waits until the catalog shows results (or the empty state) and is not refetching. */
export async function catalogSettled(page: Page): Promise<void> {
  await expect(
    page.getByTestId('product-card').first().or(page.getByTestId('catalog-empty')),
  ).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** Fails when the page is wider than the viewport (horizontal scrolling on phones). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'page is not wider than the screen').toBeLessThanOrEqual(0);
}

export const RUPIAH = /^Rp \d{1,3}(\.\d{3})*$/;
