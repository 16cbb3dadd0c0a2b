import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { formMessages } from '../i18n/form-messages';
import { fieldErrorsOf } from './use-form';
import {
  displayNameField,
  emailField,
  passwordField,
  validationKeys,
  whatsappField,
} from './fields';

const firstMessage = (schema: z.ZodMiniType, value: unknown) => {
  const result = z.safeParse(schema, value);
  return result.success ? null : result.error.issues[0]?.message;
};

describe('account fields', () => {
  it('email: required, well formed, trimmed', () => {
    expect(firstMessage(emailField, '')).toBe('emailRequired');
    expect(firstMessage(emailField, '   ')).toBe('emailRequired');
    expect(firstMessage(emailField, 'budi@')).toBe('emailInvalid');
    expect(firstMessage(emailField, 'budi example.com')).toBe('emailInvalid');
    expect(z.parse(emailField, '  budi@example.com ')).toBe('budi@example.com');
  });

  it('password: 6 to 72 bytes, never trimmed', () => {
    expect(firstMessage(passwordField, '')).toBe('passwordRequired');
    expect(firstMessage(passwordField, '12345')).toBe('passwordTooShort');
    expect(z.parse(passwordField, '123456')).toBe('123456');
    expect(z.parse(passwordField, ' spasi ')).toBe(' spasi ');
    expect(z.parse(passwordField, 'a'.repeat(72))).toHaveLength(72);
    expect(firstMessage(passwordField, 'a'.repeat(73))).toBe('passwordTooLong');
    // bcrypt counts bytes: 25 three-byte characters are 75 bytes.
    expect(firstMessage(passwordField, '€'.repeat(25))).toBe('passwordTooLong');
  });

  it('display name: 1 to 80 characters after trimming', () => {
    expect(firstMessage(displayNameField, '   ')).toBe('nameRequired');
    expect(z.parse(displayNameField, '  Budi Santoso ')).toBe('Budi Santoso');
    expect(z.parse(displayNameField, 'x'.repeat(80))).toHaveLength(80);
    expect(firstMessage(displayNameField, 'x'.repeat(81))).toBe('nameTooLong');
  });

  it('WhatsApp: optional, normalised to +628…', () => {
    expect(z.parse(whatsappField, '')).toBeNull();
    expect(z.parse(whatsappField, '  ')).toBeNull();
    expect(z.parse(whatsappField, '0812-3456-7890')).toBe('+6281234567890');
    expect(firstMessage(whatsappField, '021 555 1234')).toBe('whatsappInvalid');
  });

  it('has a message for every validation key in both languages', () => {
    for (const messages of Object.values(formMessages)) {
      for (const key of validationKeys) expect(messages.validation[key], key).toBeTruthy();
    }
  });
});

describe('fieldErrorsOf', () => {
  it('gives the first message of each field', () => {
    const schema = z.object({ email: emailField, name: displayNameField });
    expect(fieldErrorsOf(schema, { email: 'x', name: '' })).toEqual({
      email: 'emailInvalid',
      name: 'nameRequired',
    });
    expect(fieldErrorsOf(schema, { email: 'a@b.co', name: 'Budi' })).toEqual({});
  });
});
