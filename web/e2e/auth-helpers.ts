// Helpers for the account tests: unique users, the Auth API and the local mailbox.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { RuntimeConfig } from './fixtures';

export type TestUser = { name: string; email: string; password: string };

/** A new address for every test run: tests never share or reuse accounts. */
export function uniqueUser(label = 'user'): TestUser {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return { name: `E2E ${label}`, email: `e2e-${label}-${id}@example.test`, password: `Pw-${id}-2026` };
}

export const DEMO_ADMIN = { email: 'admin@ruangpremium.local', password: 'demo-admin-2026' };
/** The demo member of the local stack (functions/local/src/seed.rs), with a full profile. */
export const DEMO_MEMBER = {
  email: 'member@ruangpremium.local',
  password: 'demo-member-2026',
  name: 'Member Demo',
  whatsapp: '+6281200000003',
};

/** Creates an account straight through the Auth API (as supabase-js would). */
export async function createUser(
  request: APIRequestContext,
  config: RuntimeConfig,
  user: TestUser,
): Promise<void> {
  const response = await request.post(`${config.supabaseUrl}/auth/v1/signup`, {
    headers: { apikey: config.supabaseAnonKey, 'Content-Type': 'application/json' },
    data: { email: user.email, password: user.password, data: { display_name: user.name } },
  });
  expect(response.status(), await response.text()).toBe(200);
}

export type Mail = {
  id: string | number;
  to: string;
  subject: string;
  kind: string;
  text: string;
  links: string[];
  otp: string | null;
  created_at: string;
};

/** Waits for the newest mail of `kind` to `to` in the local mailbox (mail may lag a little). */
export async function waitForMail(request: APIRequestContext, to: string, kind: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/mailbox/messages?to=${encodeURIComponent(to)}`);
        if (!response.ok()) return undefined;
        const { messages } = (await response.json()) as { messages: Mail[] };
        found = messages.find((message) => message.kind === kind);
        return found?.id;
      },
      { message: `a ${kind} mail to ${to}`, timeout: 15_000 },
    )
    .toBeTruthy();
  return found as Mail;
}

/** The link in a mail that goes through Auth's /verify. */
export function verifyLink(mail: Mail): string {
  const link = mail.links.find((candidate) => candidate.includes('/auth/v1/verify'));
  expect(link, `a /auth/v1/verify link in ${JSON.stringify(mail.links)}`).toBeTruthy();
  return link as string;
}

export async function fillLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

/** Signs in through /login and waits for the account page. */
export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await fillLogin(page, user.email, user.password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('profile-email')).toHaveText(user.email);
}

export function accountMenuButton(page: Page) {
  return page.getByRole('button', { name: /^Menu akun/ });
}

export async function openAccountMenu(page: Page) {
  await accountMenuButton(page).click();
  const menu = page.getByRole('menu', { name: 'Menu akun' });
  await expect(menu).toBeVisible();
  return menu;
}

/** Signs out from the header menu and waits until the header offers "Masuk" again. */
export async function signOutFromMenu(page: Page): Promise<void> {
  const menu = await openAccountMenu(page);
  await menu.getByRole('menuitem', { name: 'Keluar' }).click();
  await expect(page.getByRole('link', { name: 'Masuk', exact: true })).toBeVisible();
}
