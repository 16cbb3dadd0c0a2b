import {
  AuthApiError,
  AuthImplicitGrantRedirectError,
  AuthRetryableFetchError,
  AuthSessionMissingError,
  AuthUnknownError,
  AuthWeakPasswordError,
} from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { accountMessages } from '../i18n/account-messages';
import { authErrorCodes, authErrorMessage, describeAuthError } from './auth-errors';

const id = accountMessages.id;
const en = accountMessages.en;

/** What supabase-js builds from a GoTrue error answer. */
const apiError = (code: string, status = 400) => new AuthApiError(`server text for ${code}`, status, code);

describe('describeAuthError', () => {
  it('reads the code of every error the server may return', () => {
    for (const code of authErrorCodes) {
      expect(describeAuthError(apiError(code)).code, code).toBe(code);
    }
  });

  it('keeps the reasons of a weak password', () => {
    const error = new AuthWeakPasswordError('Password is too weak', 422, ['length', 'pwned']);
    expect(describeAuthError(error)).toEqual({ code: 'weak_password', reasons: ['length', 'pwned'] });
  });

  it('treats a missing session (GoTrue session_not_found) as session_not_found', () => {
    expect(describeAuthError(new AuthSessionMissingError()).code).toBe('session_not_found');
  });

  it('reads the code of an error redirected into the URL', () => {
    const error = new AuthImplicitGrantRedirectError('Email link is invalid or has expired', {
      error: 'access_denied',
      code: 'otp_expired',
    });
    expect(describeAuthError(error).code).toBe('otp_expired');
  });

  it('tells network failures from server failures', () => {
    expect(describeAuthError(new AuthRetryableFetchError('Failed to fetch', 0)).code).toBe('network');
    expect(describeAuthError(new AuthRetryableFetchError('Bad gateway', 502)).code).toBe('server');
    expect(describeAuthError(new TypeError('Failed to fetch')).code).toBe('network');
  });

  it('maps a bare 429 to the rate limit', () => {
    expect(describeAuthError(new AuthApiError('Too many requests', 429, undefined)).code).toBe(
      'over_request_rate_limit',
    );
  });

  it('falls back to unknown for anything else', () => {
    expect(describeAuthError(apiError('something_new')).code).toBe('unknown');
    expect(describeAuthError(new AuthUnknownError('boom', null)).code).toBe('unknown');
    expect(describeAuthError('text').code).toBe('unknown');
    expect(describeAuthError(null).code).toBe('unknown');
  });
});

describe('authErrorMessage', () => {
  it('has its own sentence for every code, in both languages', () => {
    for (const messages of [id, en]) {
      for (const code of authErrorCodes) {
        const text = authErrorMessage(apiError(code), messages);
        expect(text, code).toBe(messages.auth.errors[code]);
        expect(text, code).not.toMatch(/server text/);
      }
      expect(authErrorMessage(new AuthRetryableFetchError('x', 0), messages)).toBe(messages.auth.errors.network);
      expect(authErrorMessage(new AuthRetryableFetchError('x', 503), messages)).toBe(messages.auth.errors.server);
      expect(authErrorMessage(new Error('x'), messages)).toBe(messages.auth.errors.unknown);
    }
  });

  it('speaks Indonesian by default and English when asked', () => {
    const error = apiError('invalid_credentials');
    expect(authErrorMessage(error, id)).toBe('Email atau kata sandi salah.');
    expect(authErrorMessage(error, en)).toBe('Wrong email or password.');
    expect(authErrorMessage(apiError('user_already_exists', 422), id)).toContain('sudah terdaftar');
    expect(authErrorMessage(apiError('over_email_send_rate_limit', 429), en)).toContain('Too many emails');
    expect(authErrorMessage(new AuthRetryableFetchError('Failed to fetch', 0), id)).toContain('coba lagi');
    expect(authErrorMessage(new Error('?'), id)).toBe('Terjadi kesalahan. Silakan coba lagi.');
  });

  it('explains why a password is weak', () => {
    const error = new AuthWeakPasswordError('weak', 422, ['length', 'characters']);
    expect(authErrorMessage(error, id)).toBe(
      'Kata sandi terlalu lemah. Gunakan lebih banyak karakter. Campurkan huruf besar, huruf kecil, angka, dan simbol.',
    );
    expect(authErrorMessage(new AuthWeakPasswordError('weak', 422, ['pwned']), en)).toBe(
      'That password is too weak. This password has appeared in a data leak; choose another.',
    );
    // Unknown reasons are not shown as codes.
    expect(authErrorMessage(new AuthWeakPasswordError('weak', 422, ['entropy'] as never), id)).toBe(
      id.auth.errors.weak_password,
    );
  });
});
