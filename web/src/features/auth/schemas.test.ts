import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/forms/use-form';
import { forgotPasswordSchema, loginSchema, registerSchema, resetPasswordSchema } from './schemas';

const validRegistration = {
  name: ' Budi Santoso ',
  email: ' budi@example.com ',
  whatsapp: '0812 3456 7890',
  password: 'rahasia-123',
  confirmPassword: 'rahasia-123',
};

describe('register form', () => {
  it('turns valid input into what signUp sends', () => {
    expect(z.parse(registerSchema, validRegistration)).toEqual({
      name: 'Budi Santoso',
      email: 'budi@example.com',
      whatsapp: '+6281234567890',
      password: 'rahasia-123',
      confirmPassword: 'rahasia-123',
    });
  });

  it('lets the WhatsApp number be left out', () => {
    expect(z.parse(registerSchema, { ...validRegistration, whatsapp: '' }).whatsapp).toBeNull();
  });

  it('reports every problem at once, on its own field', () => {
    expect(
      fieldErrorsOf(registerSchema, {
        name: '',
        email: 'budi@',
        whatsapp: '12345',
        password: '123',
        confirmPassword: '',
      }),
    ).toEqual({
      name: 'nameRequired',
      email: 'emailInvalid',
      whatsapp: 'whatsappInvalid',
      password: 'passwordTooShort',
      confirmPassword: 'confirmRequired',
    });
  });

  it('wants the password typed twice the same', () => {
    expect(
      fieldErrorsOf(registerSchema, { ...validRegistration, confirmPassword: 'rahasia-124' }),
    ).toEqual({ confirmPassword: 'passwordMismatch' });
  });
});

describe('login form', () => {
  it('needs an email and any password (old accounts may predate the rules)', () => {
    expect(fieldErrorsOf(loginSchema, { email: '', password: '' })).toEqual({
      email: 'emailRequired',
      password: 'passwordRequired',
    });
    expect(z.parse(loginSchema, { email: 'a@b.co', password: '123' })).toEqual({
      email: 'a@b.co',
      password: '123',
    });
  });
});

describe('forgot and reset password forms', () => {
  it('forgot: a valid email', () => {
    expect(fieldErrorsOf(forgotPasswordSchema, { email: 'nope' })).toEqual({ email: 'emailInvalid' });
  });

  it('reset: a valid new password, typed twice', () => {
    expect(fieldErrorsOf(resetPasswordSchema, { password: '12345', confirmPassword: '12345' })).toEqual({
      password: 'passwordTooShort',
    });
    expect(fieldErrorsOf(resetPasswordSchema, { password: '123456', confirmPassword: '654321' })).toEqual({
      confirmPassword: 'passwordMismatch',
    });
    expect(fieldErrorsOf(resetPasswordSchema, { password: '123456', confirmPassword: '123456' })).toEqual({});
  });
});
