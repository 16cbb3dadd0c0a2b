// The sign-in pages' forms, checked in the browser before anything is sent.
import * as z from 'zod/mini';
import {
  confirmPasswordField,
  currentPasswordField,
  displayNameField,
  emailField,
  passwordField,
  passwordsMatch,
  whatsappField,
} from '@/lib/forms/fields';

const matching = z.refine<{ password: string; confirmPassword: string }>(passwordsMatch, {
  error: 'passwordMismatch',
  path: ['confirmPassword'],
});

export const loginSchema = z.object({ email: emailField, password: currentPasswordField });
export type LoginValues = z.infer<typeof loginSchema>;

export const registerSchema = z
  .object({
    name: displayNameField,
    email: emailField,
    whatsapp: whatsappField,
    password: passwordField,
    confirmPassword: confirmPasswordField,
  })
  .check(matching);
export type RegisterValues = z.infer<typeof registerSchema>;

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({ password: passwordField, confirmPassword: confirmPasswordField })
  .check(matching);
