import { describe, expect, it } from 'vitest';
import { mailtoLink, whatsappDigits, whatsappLink } from './contact';

describe('contact links', () => {
  it('keeps only digits and turns a leading 0 into 62', () => {
    expect(whatsappDigits('+62 812-3456-7890')).toBe('6281234567890');
    expect(whatsappDigits('0812 3456 7890')).toBe('6281234567890');
  });

  it('builds wa.me links with an encoded message', () => {
    expect(whatsappLink('+6281234567890')).toBe('https://wa.me/6281234567890');
    expect(whatsappLink('+6281234567890', 'Halo “admin” & tim')).toBe(
      'https://wa.me/6281234567890?text=Halo%20%E2%80%9Cadmin%E2%80%9D%20%26%20tim',
    );
  });

  it('builds mailto links', () => {
    expect(mailtoLink('a@b.id', 'Pesanan #1')).toBe('mailto:a@b.id?subject=Pesanan%20%231');
  });
});
