// What can be known about the visitor's session without loading supabase-js: most
// shoppers are guests, and they never download the Auth client at all.

/**
 * The localStorage key supabase-js keeps the session under: its default,
 * sb-<first label of the Supabase host>-auth-token. The client is created with
 * this key set explicitly, so the two can never drift apart.
 */
export function authStorageKey(supabaseUrl: string): string {
  const host = new URL(supabaseUrl, window.location.origin).hostname;
  return `sb-${host.split('.')[0]}-auth-token`;
}

/** True when this browser holds a session (possibly expired; the client decides). */
export function hasStoredSession(storageKey: string): boolean {
  try {
    return window.localStorage.getItem(storageKey) !== null;
  } catch {
    return false;
  }
}

/**
 * True when the URL is an Auth redirect: a session in the fragment (recovery or
 * confirmation link, implicit flow) or an error such as #error_code=otp_expired.
 */
export function isAuthCallbackUrl(url: { hash: string }): boolean {
  const params = new URLSearchParams(url.hash.replace(/^#/, ''));
  return ['access_token', 'error', 'error_code', 'error_description'].some((key) => params.has(key));
}
