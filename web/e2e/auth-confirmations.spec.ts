// Sign-up when the Auth server asks new accounts to confirm their address first (a hosted
// project's default, `ruangpremium dev --email-confirmations` locally). Runs in the
// `confirmations` project against the second stack that scripts/test starts for it
// (CONFIRM_BASE_URL).
import { fillLogin, uniqueUser, verifyLink, waitForMail } from './auth-helpers';
import { expect, test } from './fixtures';

// A refused sign-in is a 400 from /auth/v1/token, which Chromium logs as a failed resource.
const REFUSED_SIGN_IN = /status of 400.*\/auth\/v1\/token/;

test.describe('with email confirmations on', () => {
  // `ruangpremium dev --email-confirmations`, or a hosted project with "Confirm email".
  test('sign-up asks to check the mail, and its link signs the shopper in', async ({
    page,
    request,
    shopConfig,
    consoleGuard,
  }) => {
    const settings = await request.get(`${shopConfig.supabaseUrl}/auth/v1/settings`, {
      headers: { apikey: shopConfig.supabaseAnonKey },
    });
    expect(
      ((await settings.json()) as { mailer_autoconfirm?: boolean }).mailer_autoconfirm,
      'the confirmations project runs against `ruangpremium dev --email-confirmations` (CONFIRM_BASE_URL)',
    ).toBe(false);
    consoleGuard.allow(REFUSED_SIGN_IN);
    const user = uniqueUser('confirm');

    await page.goto('/register');
    await page.getByRole('textbox', { name: 'Nama' }).fill(user.name);
    await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
    await page.getByLabel('Kata sandi', { exact: true }).fill(user.password);
    await page.getByLabel('Ulangi kata sandi').fill(user.password);
    await page.getByRole('button', { name: 'Daftar' }).click();
    await expect(page.getByTestId('check-email')).toContainText(user.email);
    await expect(page.getByTestId('check-email')).toBeFocused();

    // Not confirmed yet: signing in says so.
    await page.goto('/login');
    await fillLogin(page, user.email, user.password);
    await expect(page.getByTestId('auth-error')).toContainText('belum dikonfirmasi');

    // The confirmation link lands on /login with a session, which goes on to the account.
    const mail = await waitForMail(request, user.email, 'signup');
    await page.goto(verifyLink(mail));
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('profile-email')).toHaveText(user.email);
    await expect(page.getByTestId('profile-name')).toHaveText(user.name);
  });
});
