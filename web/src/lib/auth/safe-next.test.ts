import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeNextPath('/account')).toBe('/account');
    expect(safeNextPath('/products?category=ai&q=canva')).toBe('/products?category=ai&q=canva');
    expect(safeNextPath('/products/canva-pro#detail')).toBe('/products/canva-pro#detail');
    expect(safeNextPath('/')).toBe('/');
  });

  it.each([
    'https://evil.example/account',
    '//evil.example/account',
    '/\\evil.example',
    'javascript:alert(1)',
    'account',
    '',
    '/acc\nount',
  ])('refuses %j', (value) => {
    expect(safeNextPath(value)).toBe('/account');
  });

  it('never returns to the sign-in pages themselves', () => {
    expect(safeNextPath('/login?next=/account')).toBe('/account');
    expect(safeNextPath('/reset-password')).toBe('/account');
  });

  it('uses the given fallback for missing values', () => {
    expect(safeNextPath(null, '/')).toBe('/');
    expect(safeNextPath(undefined)).toBe('/account');
    expect(safeNextPath(42)).toBe('/account');
  });
});
