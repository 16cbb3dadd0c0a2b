// supabase-js itself, in Node (no browser), against the Auth the site is configured
// with (/config.json): the same client library the site uses, so the local Auth
// server is held to what supabase-js expects. Runs in the "auth-client" project only.
import { createClient, isAuthApiError, isAuthWeakPasswordError, type Session } from '@supabase/supabase-js';
import { expect, test as base, type APIRequestContext } from '@playwright/test';
import { uniqueUser, verifyLink, waitForMail } from './auth-helpers';
import type { RuntimeConfig } from './fixtures';

// No page here (so no browser): only the site's runtime config.
const test = base.extend<{ shopConfig: RuntimeConfig }>({
  shopConfig: async ({ request }, use) => {
    const response = await request.get('/config.json');
    expect(response.ok(), '/config.json is served').toBe(true);
    await use((await response.json()) as RuntimeConfig);
  },
});

/**
 * Node 20 has no WebSocket and supabase-js's realtime client insists on one at
 * construction; these tests never open a channel, so a stand-in that refuses to
 * connect is enough (Node 22+ uses its own).
 */
function NoWebSocket(): never {
  throw new Error('Realtime is not used by these tests');
}

function newClient(config: RuntimeConfig) {
  return createClient(config.supabaseUrl, config.supabaseAnonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: (globalThis.WebSocket ?? NoWebSocket) as unknown as typeof WebSocket },
  });
}

async function getAccount(request: APIRequestContext, accessToken: string) {
  const response = await request.get('/api/account', {
    headers: { Authorization: `Bearer ${accessToken}`, 'Accept-Language': 'id' },
  });
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

/** Parses the session out of the URL fragment /verify redirects to. */
function fragmentParams(location: string): URLSearchParams {
  return new URLSearchParams(new URL(location).hash.replace(/^#/, ''));
}

test.describe('supabase-js against the configured Auth', () => {
  test('sign up, sign in, user, metadata, refresh, recovery, new password, sign out', async ({
    request,
    shopConfig,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const user = uniqueUser('client');
    const client = newClient(shopConfig);

    // Sign up: confirmations are off locally, so a session comes back at once, and
    // the profile trigger reads display_name and whatsapp from the metadata.
    const signUp = await client.auth.signUp({
      email: user.email,
      password: user.password,
      options: {
        data: { display_name: user.name, whatsapp: '+6281234567890' },
        emailRedirectTo: `${baseURL}/login`,
      },
    });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session?.access_token).toBeTruthy();
    const userId = signUp.data.user?.id ?? '';
    expect(signUp.data.user?.email).toBe(user.email);
    expect(signUp.data.user?.user_metadata).toMatchObject({ display_name: user.name });

    const account = await getAccount(request, signUp.data.session?.access_token ?? '');
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({
      id: userId,
      email: user.email,
      display_name: user.name,
      whatsapp: '+6281234567890',
      roles: ['member'],
    });

    // The same address again is refused with a code supabase-js exposes.
    const again = await newClient(shopConfig).auth.signUp({ email: user.email, password: user.password });
    expect(isAuthApiError(again.error)).toBe(true);
    expect(again.error?.code).toBe('user_already_exists');

    // Sign in with the password.
    await client.auth.signOut({ scope: 'local' });
    const signIn = await client.auth.signInWithPassword({ email: user.email, password: user.password });
    expect(signIn.error).toBeNull();
    const session = signIn.data.session as Session;
    expect(session.user.id).toBe(userId);
    expect(session.expires_at).toBeGreaterThan(Date.now() / 1000);

    // Get the user from the server, and change its metadata.
    const got = await client.auth.getUser();
    expect(got.error).toBeNull();
    expect(got.data.user?.email).toBe(user.email);
    const updated = await client.auth.updateUser({ data: { favourite: 'canva' } });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.user_metadata).toMatchObject({ display_name: user.name, favourite: 'canva' });

    // Refresh: new tokens, same user.
    const refreshed = await client.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    const refreshedSession = refreshed.data.session as Session;
    expect(refreshedSession.refresh_token).not.toBe(session.refresh_token);
    expect(refreshedSession.user.id).toBe(userId);
    expect((await getAccount(request, refreshedSession.access_token)).status).toBe(200);

    // Recovery: the mailed link verifies, then redirects (303) to the page with the
    // session in the fragment, exactly what the site's /reset-password receives.
    const recover = await newClient(shopConfig).auth.resetPasswordForEmail(user.email, {
      redirectTo: `${baseURL}/reset-password`,
    });
    expect(recover.error).toBeNull();
    const mail = await waitForMail(request, user.email, 'recovery');
    const verify = await fetch(verifyLink(mail), { redirect: 'manual' });
    expect(verify.status).toBe(303);
    const location = verify.headers.get('location') ?? '';
    expect(location.startsWith(`${baseURL}/reset-password#`)).toBe(true);
    const params = fragmentParams(location);
    expect(params.get('type')).toBe('recovery');

    const recovering = newClient(shopConfig);
    const restored = await recovering.auth.setSession({
      access_token: params.get('access_token') ?? '',
      refresh_token: params.get('refresh_token') ?? '',
    });
    expect(restored.error).toBeNull();
    expect(restored.data.user?.id).toBe(userId);

    // The same password again is refused; a new one is set.
    const same = await recovering.auth.updateUser({ password: user.password });
    expect(same.error?.code).toBe('same_password');
    const newPassword = `${user.password}-baru`;
    const changed = await recovering.auth.updateUser({ password: newPassword });
    expect(changed.error).toBeNull();

    // The link was used: a second visit redirects with otp_expired in the fragment.
    const reused = await fetch(verifyLink(mail), { redirect: 'manual' });
    expect(reused.status).toBe(303);
    expect(fragmentParams(reused.headers.get('location') ?? '').get('error_code')).toBe('otp_expired');

    // Only the new password works now.
    const old = await newClient(shopConfig).auth.signInWithPassword({
      email: user.email,
      password: user.password,
    });
    expect(old.error?.code).toBe('invalid_credentials');
    expect(old.error?.status).toBe(400);
    const fresh = newClient(shopConfig);
    const withNew = await fresh.auth.signInWithPassword({ email: user.email, password: newPassword });
    expect(withNew.error).toBeNull();
    const lastRefreshToken = withNew.data.session?.refresh_token ?? '';

    // Sign out (global, supabase-js's default): the refresh token is revoked.
    expect((await fresh.auth.signOut()).error).toBeNull();
    expect((await fresh.auth.getSession()).data.session).toBeNull();
    const reuse = await newClient(shopConfig).auth.refreshSession({ refresh_token: lastRefreshToken });
    expect(reuse.error).not.toBeNull();
    // GoTrue answers refresh_token_not_found for a revoked token (session_not_found
    // reaches supabase-js as AuthSessionMissingError, without a code).
    expect([
      'refresh_token_not_found',
      'refresh_token_already_used',
      'AuthSessionMissingError',
    ]).toContain(reuse.error?.code ?? reuse.error?.name);
  });

  test('recovery with the mailed one-time code (verifyOtp)', async ({ request, shopConfig, baseURL }) => {
    const user = uniqueUser('otp');
    const client = newClient(shopConfig);
    expect((await client.auth.signUp({ email: user.email, password: user.password })).error).toBeNull();
    await client.auth.signOut({ scope: 'local' });

    expect(
      (await client.auth.resetPasswordForEmail(user.email, { redirectTo: `${baseURL}/reset-password` })).error,
    ).toBeNull();
    const mail = await waitForMail(request, user.email, 'recovery');
    expect(mail.otp).toMatch(/^\d{6,10}$/);

    const wrong = await client.auth.verifyOtp({ email: user.email, token: '000000', type: 'recovery' });
    expect(wrong.error?.code).toBe('otp_expired');

    const verified = await client.auth.verifyOtp({ email: user.email, token: mail.otp ?? '', type: 'recovery' });
    expect(verified.error).toBeNull();
    expect(verified.data.session?.user.email).toBe(user.email);
    expect((await client.auth.updateUser({ password: `${user.password}-otp` })).error).toBeNull();
    const signIn = await newClient(shopConfig).auth.signInWithPassword({
      email: user.email,
      password: `${user.password}-otp`,
    });
    expect(signIn.error).toBeNull();
  });

  test('a weak password is refused with its reasons', async ({ shopConfig }) => {
    const user = uniqueUser('weak');
    const result = await newClient(shopConfig).auth.signUp({ email: user.email, password: '123' });
    expect(isAuthWeakPasswordError(result.error)).toBe(true);
    expect(result.error?.code).toBe('weak_password');
    if (isAuthWeakPasswordError(result.error)) expect(result.error.reasons).toContain('length');
  });
});
