// Accounts against the real local stack: Supabase Auth (local, GoTrue-compatible),
// the shop API's /api/account and the local mailbox. Every test registers its own
// users, except the one that checks the demo admin. Runs on a phone and a desktop.
import {
  accountMenuButton,
  createUser,
  DEMO_ADMIN,
  fillLogin,
  openAccountMenu,
  signIn,
  signOutFromMenu,
  uniqueUser,
  verifyLink,
  waitForMail,
} from './auth-helpers';
import { expect, expectNoHorizontalOverflow, test } from './fixtures';

// A refused sign-in is a 400 from /auth/v1/token, which Chromium logs as a failed resource.
const REFUSED_SIGN_IN = /status of 400.*\/auth\/v1\/token/;

test.describe('accounts', () => {
  test('register, sign out and in, edit the profile, recover the password', async ({
    page,
    request,
    consoleGuard,
    shot,
  }) => {
    test.setTimeout(120_000);
    consoleGuard.allow(REFUSED_SIGN_IN);
    const user = uniqueUser('journey');

    // Register: the header says "Masuk" until then, the account page afterwards.
    await page.goto('/register');
    await expect(page.getByRole('heading', { level: 1, name: 'Buat akun' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Nama' }).fill(user.name);
    await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
    await page.getByLabel('Kata sandi', { exact: true }).fill(user.password);
    await page.getByLabel('Ulangi kata sandi').fill(user.password);
    await page.getByRole('button', { name: 'Daftar' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Akun saya' })).toBeVisible();
    await expect(page.getByTestId('profile-name')).toHaveText(user.name);
    await expect(page.getByTestId('profile-email')).toHaveText(user.email);
    await expect(page.getByTestId('profile-whatsapp')).toHaveText('Belum diisi');

    // Sign out from the header menu, then back in.
    await signOutFromMenu(page);
    await expect(page).toHaveURL(/\/$/);
    await signIn(page, user);

    // Edit the profile: the number typed as 08… is saved as +628… and survives a reload.
    await page.getByRole('button', { name: 'Ubah profil' }).click();
    const name = page.getByRole('textbox', { name: 'Nama' });
    await expect(name).toBeFocused();
    await name.fill('Budi Santoso');
    await page.getByRole('textbox', { name: /Nomor WhatsApp/ }).fill('0812-3456-7890');
    await expect(page.getByTestId('whatsapp-preview')).toHaveText('Disimpan sebagai +6281234567890');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect(page.getByTestId('toast')).toHaveText(/Profil disimpan/);
    await expect(page.getByTestId('profile-whatsapp')).toHaveText('+6281234567890');
    await expect(page.getByRole('button', { name: 'Ubah profil' })).toBeFocused();
    await page.reload();
    await expect(page.getByTestId('profile-name')).toHaveText('Budi Santoso');
    await expect(page.getByTestId('profile-whatsapp')).toHaveText('+6281234567890');
    await expect(accountMenuButton(page)).toContainText('Budi Santoso');

    // Sign out on the account page: back home, signed out.
    await page.getByTestId('account-sign-out').click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('link', { name: 'Masuk', exact: true })).toBeVisible();

    // Forgot password: the email typed on the sign-in page comes along.
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
    await page.getByRole('link', { name: 'Lupa kata sandi?' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue(user.email);
    await page.getByRole('button', { name: 'Kirim tautan' }).click();
    await expect(page.getByTestId('reset-link-sent')).toContainText(user.email);
    await expect(page.getByTestId('reset-link-sent')).toBeFocused();

    // The recovery mail's link signs the browser in on /reset-password.
    const mail = await waitForMail(request, user.email, 'recovery');
    const link = verifyLink(mail);
    await page.goto(link);
    await expect(page).toHaveURL(/\/reset-password/);
    await expect(page.getByRole('heading', { level: 1, name: 'Buat kata sandi baru' })).toBeVisible();
    await expect(page.getByText(`Kata sandi baru untuk ${user.email}.`)).toBeVisible();
    // The tokens are gone from the address bar.
    expect(new URL(page.url()).hash).not.toContain('access_token');

    const newPassword = `${user.password}-baru`;
    await page.getByLabel('Kata sandi baru', { exact: true }).fill(newPassword);
    await page.getByLabel('Ulangi kata sandi baru').fill(newPassword);
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('toast')).toHaveText(/Kata sandi baru tersimpan/);
    await expect(page.getByTestId('profile-email')).toHaveText(user.email);

    // The link works once: opening it again explains that it has expired.
    await signOutFromMenu(page);
    await page.goto(link);
    await expect(page).toHaveURL(/\/reset-password/);
    await expect(page.getByTestId('reset-link-invalid')).toContainText('kedaluwarsa');
    await expect(page.getByRole('link', { name: 'Minta tautan baru' })).toBeVisible();

    // The old password is refused (in Indonesian), the new one works.
    await page.goto('/login');
    await fillLogin(page, user.email, user.password);
    await expect(page.getByTestId('auth-error')).toHaveText('Email atau kata sandi salah.');
    await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue(user.email);
    await page.getByLabel('Kata sandi', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('profile-name')).toHaveText('Budi Santoso');
    await shot('account');
  });

  test('an account page sends guests to sign in and back', async ({ page, request, shopConfig, shot }) => {
    const user = uniqueUser('return');
    await createUser(request, shopConfig, user);

    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    await expect(page.getByText('Masuk dulu untuk membuka halaman itu.', { exact: false })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Masuk' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot('login');

    await fillLogin(page, user.email, user.password);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('profile-email')).toHaveText(user.email);

    // The session survives a reload, and a visit to /login goes straight on.
    await page.reload();
    await expect(page.getByTestId('profile-name')).toHaveText(user.name);
    await page.goto('/login?next=/products');
    await expect(page).toHaveURL(/\/products$/);
  });

  test('a wrong password gets a clear message, in both languages', async ({
    page,
    request,
    shopConfig,
    consoleGuard,
  }) => {
    consoleGuard.allow(REFUSED_SIGN_IN);
    const user = uniqueUser('wrong');
    await createUser(request, shopConfig, user);

    await page.goto('/login');
    await fillLogin(page, user.email, 'bukan-kata-sandinya');
    const alert = page.getByTestId('auth-error');
    await expect(alert).toHaveText('Email atau kata sandi salah.');
    await expect(alert).toHaveAttribute('role', 'alert');
    await page.getByTestId('lang-en').click();
    await expect(alert).toHaveText('Wrong email or password.');
  });

  test('the register form checks its fields before sending', async ({ page, shot }) => {
    await page.goto('/register');
    await page.getByRole('textbox', { name: 'Email' }).fill('budi@');
    await page.getByRole('textbox', { name: /Nomor WhatsApp/ }).fill('021 555 1234');
    await page.getByLabel('Kata sandi', { exact: true }).fill('123');
    await page.getByLabel('Ulangi kata sandi').fill('124');
    await page.getByRole('button', { name: 'Daftar' }).click();

    const name = page.getByRole('textbox', { name: 'Nama' });
    await expect(name).toBeFocused();
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Masukkan nama kamu.')).toBeVisible();
    await expect(page.getByText('Format email tidak valid', { exact: false })).toBeVisible();
    await expect(page.getByText('Nomor WhatsApp tidak valid', { exact: false })).toBeVisible();
    await expect(page.getByText('Kata sandi minimal 6 karakter.')).toBeVisible();
    await expect(page.getByText('Kata sandi tidak sama.')).toBeVisible();
    // Nothing typed was lost.
    await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('budi@');
    await expect(page).toHaveURL(/\/register$/);
    await expectNoHorizontalOverflow(page);
    await shot('register-errors');

    // Fixing a field clears its message as you type.
    await page.getByRole('textbox', { name: /Nomor WhatsApp/ }).fill('+62 857-1234-5678');
    await expect(page.getByText('Nomor WhatsApp tidak valid', { exact: false })).toHaveCount(0);
    await expect(page.getByTestId('whatsapp-preview')).toHaveText('Disimpan sebagai +6285712345678');
  });

  test('an expired recovery link says so and offers a new one', async ({ page }) => {
    await page.goto(
      '/reset-password#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired',
    );
    await expect(page.getByRole('heading', { level: 1, name: 'Tautan tidak berlaku' })).toBeVisible();
    await expect(page.getByTestId('reset-link-invalid')).toContainText('kedaluwarsa');
    await page.getByRole('link', { name: 'Minta tautan baru' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Lupa kata sandi' })).toBeVisible();
  });
});

test.describe('roles', () => {
  test('the demo admin finds the admin panel in the account menu', async ({ page, shot }) => {
    await signIn(page, DEMO_ADMIN);
    const menu = await openAccountMenu(page);
    await expect(menu.getByRole('menuitem', { name: 'Panel Admin' })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Panel Reseller' })).toHaveCount(0);
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await shot('account-menu-open');

    // Keyboard: arrows move through the items, Escape closes and returns to the button.
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Pesanan saya' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Panel Admin' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(accountMenuButton(page)).toBeFocused();

    await (await openAccountMenu(page)).getByRole('menuitem', { name: 'Panel Admin' }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByTestId('admin-panel')).toContainText('rilis berikutnya');
  });

  test('a new member has no panels, and /admin tells them so', async ({ page, request, shopConfig }) => {
    const user = uniqueUser('member');
    await createUser(request, shopConfig, user);
    await signIn(page, user);
    const menu = await openAccountMenu(page);
    await expect(menu.getByRole('menuitem', { name: 'Akun saya' })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Keluar' })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Panel Admin' })).toHaveCount(0);
    await expect(menu.getByRole('menuitem', { name: 'Panel Reseller' })).toHaveCount(0);
    await page.keyboard.press('Escape');

    await page.goto('/admin');
    await expect(page.getByTestId('no-access')).toContainText('Tidak ada akses');
    await page.goto('/reseller');
    await expect(page.getByTestId('no-access')).toContainText(user.email);
  });

  test('guests who open a panel sign in first', async ({ page }) => {
    await page.goto('/reseller');
    await expect(page).toHaveURL(/\/login\?next=%2Freseller$/);
  });
});
