// Where to go after signing in: only paths on this site, never back into the
// sign-in pages themselves, never another origin (//evil.example, https://…).

const AUTH_PAGES = ['/login', '/register', '/forgot-password', '/reset-password'];
const BASE = 'https://same.site';

export const DEFAULT_AFTER_LOGIN = '/account';

export function safeNextPath(value: unknown, fallback: string = DEFAULT_AFTER_LOGIN): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return fallback;
  // Browsers treat "/\evil.example" like "//evil.example"; control characters hide tricks.
  if (value.includes('\\') || [...value].some((char) => char.charCodeAt(0) < 0x20)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  if (AUTH_PAGES.includes(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
