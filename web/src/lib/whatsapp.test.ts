import { describe, expect, it } from 'vitest';
import { normalizeWhatsapp, WHATSAPP_PATTERN } from './whatsapp';

describe('normalizeWhatsapp', () => {
  it.each([
    ['081234567890', '+6281234567890'],
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['62 812 3456 7890', '+6281234567890'],
    ['+6281234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['+62 (812) 3456.7890', '+6281234567890'],
    ['+62 0812 3456 7890', '+6281234567890'],
    ['  0857 1234 567  ', '+628571234567'],
  ])('accepts %j as %s', (input, expected) => {
    expect(normalizeWhatsapp(input)).toBe(expected);
    expect(expected).toMatch(WHATSAPP_PATTERN);
  });

  it('accepts the shortest and longest numbers the server accepts', () => {
    // +62 8 followed by 7 and by 12 digits.
    expect(normalizeWhatsapp('081234567')).toBe('+6281234567');
    expect(normalizeWhatsapp('08123456789012')).toBe('+628123456789012');
  });

  it.each([
    ['', 'empty'],
    ['0812345', 'too short'],
    ['081234567890123', 'too long'],
    ['0212345678', 'a Jakarta landline'],
    ['+6521234567', 'another country'],
    ['81234567890', 'no country code or trunk zero'],
    ['0081234567890', 'an international call prefix, not a trunk zero'],
    ['0812-ABCD-7890', 'letters'],
    ['+62+81234567890', 'two plus signs'],
    ['++6281234567890', 'a doubled plus'],
  ])('rejects %j (%s)', (input) => {
    expect(normalizeWhatsapp(input)).toBeNull();
  });

  it('never produces a value the server would refuse', () => {
    for (let length = 5; length <= 16; length += 1) {
      const result = normalizeWhatsapp(`08${'1'.repeat(length)}`);
      if (result !== null) expect(result).toMatch(WHATSAPP_PATTERN);
    }
  });
});
