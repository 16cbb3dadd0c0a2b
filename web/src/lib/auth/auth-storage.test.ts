import { createClient } from '@supabase/supabase-js';
import { afterEach, describe, expect, it } from 'vitest';
import { authStorageKey, hasStoredSession, isAuthCallbackUrl } from './auth-storage';

describe('authStorageKey', () => {
  it('is the key supabase-js uses by default', () => {
    for (const url of ['http://localhost:8080', 'http://127.0.0.1:54321', 'https://abcd.supabase.co']) {
      const client = createClient(url, 'sb_publishable_test', {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      });
      expect(authStorageKey(url)).toBe((client as unknown as { storageKey: string }).storageKey);
    }
    expect(authStorageKey('https://abcd.supabase.co')).toBe('sb-abcd-auth-token');
  });
});

describe('hasStoredSession', () => {
  afterEach(() => window.localStorage.clear());

  it('sees a stored session without loading the client', () => {
    expect(hasStoredSession('sb-localhost-auth-token')).toBe(false);
    window.localStorage.setItem('sb-localhost-auth-token', '{}');
    expect(hasStoredSession('sb-localhost-auth-token')).toBe(true);
  });
});

describe('isAuthCallbackUrl', () => {
  it('recognises recovery links and redirected errors', () => {
    expect(isAuthCallbackUrl({ hash: '#access_token=a&refresh_token=b&type=recovery' })).toBe(true);
    expect(isAuthCallbackUrl({ hash: '#error=access_denied&error_code=otp_expired' })).toBe(true);
    expect(isAuthCallbackUrl({ hash: '' })).toBe(false);
    expect(isAuthCallbackUrl({ hash: '#main-content' })).toBe(false);
  });
});
