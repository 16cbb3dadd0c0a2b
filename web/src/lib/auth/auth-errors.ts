// Supabase Auth errors turned into the shopper's language. supabase-js returns
// AuthError objects ({ name, status, code, message }, plus `reasons` for weak
// passwords and `details` for errors redirected into the URL); this file reads them
// by shape, so it does not pull supabase-js into the pages' bundles.
import { interpolate, type AccountMessages } from '../i18n';

/** Every Auth error code the UI explains in its own words. */
export const authErrorCodes = [
  'invalid_credentials',
  'email_not_confirmed',
  'user_already_exists',
  'email_exists',
  'weak_password',
  'same_password',
  'over_request_rate_limit',
  'over_email_send_rate_limit',
  'otp_expired',
  'validation_failed',
  'email_address_invalid',
  'signup_disabled',
  'session_not_found',
  'session_expired',
  'refresh_token_not_found',
  'refresh_token_already_used',
  'user_banned',
  'user_not_found',
  'bad_jwt',
  'no_authorization',
  'reauthentication_needed',
  'email_address_not_authorized',
  'request_timeout',
] as const;

export type AuthErrorCode = (typeof authErrorCodes)[number];

/** Codes made on the client for errors that never got a server answer. */
export type ClientAuthErrorCode = 'network' | 'server' | 'unknown';

export interface AuthErrorInfo {
  code: AuthErrorCode | ClientAuthErrorCode;
  /** weak_password only: what the server found wrong ("length", "characters", "pwned"). */
  reasons: string[];
}

function isKnownCode(code: unknown): code is AuthErrorCode {
  return typeof code === 'string' && (authErrorCodes as readonly string[]).includes(code);
}

/** Reads any error (AuthError, fetch TypeError, anything) into a code the UI knows. */
export function describeAuthError(error: unknown): AuthErrorInfo {
  if (typeof error !== 'object' || error === null) return { code: 'unknown', reasons: [] };
  const { name, status, code, reasons, details } = error as {
    name?: unknown;
    status?: unknown;
    code?: unknown;
    reasons?: unknown;
    details?: { code?: unknown } | undefined;
  };
  const stringReasons = Array.isArray(reasons)
    ? reasons.filter((reason): reason is string => typeof reason === 'string')
    : [];

  if (name === 'AuthWeakPasswordError' || code === 'weak_password') {
    return { code: 'weak_password', reasons: stringReasons };
  }
  // GoTrue's session_not_found becomes AuthSessionMissingError (no code) in supabase-js.
  if (name === 'AuthSessionMissingError') return { code: 'session_not_found', reasons: [] };
  // Errors redirected into the URL (#error_code=otp_expired) keep their code in details.
  if (name === 'AuthImplicitGrantRedirectError' && isKnownCode(details?.code)) {
    return { code: details.code, reasons: [] };
  }
  if (isKnownCode(code)) return { code, reasons: [] };
  // 429 without a code (an API gateway in front of Auth): still a rate limit.
  if (status === 429) return { code: 'over_request_rate_limit', reasons: [] };
  if (name === 'AuthRetryableFetchError') {
    return { code: typeof status === 'number' && status >= 500 ? 'server' : 'network', reasons: [] };
  }
  // A fetch that never reached the server outside supabase-js.
  if (error instanceof TypeError) return { code: 'network', reasons: [] };
  if (typeof status === 'number' && status >= 500) return { code: 'server', reasons: [] };
  return { code: 'unknown', reasons: [] };
}

/** The sentence to show for an Auth error, in the current language. */
export function authErrorMessage(error: unknown, m: AccountMessages): string {
  const { code, reasons } = describeAuthError(error);
  if (code === 'weak_password') {
    const texts: Record<string, string> = m.auth.weakReasons;
    const explained = reasons.flatMap((reason) => (texts[reason] ? [texts[reason]] : []));
    if (explained.length === 0) return m.auth.errors.weak_password;
    return interpolate(m.auth.errors.weakPasswordWithReasons, { reasons: explained.join(' ') });
  }
  return m.auth.errors[code];
}
