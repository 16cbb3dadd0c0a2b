// The account fields every form shares (sign-up, sign-in, profile), checked in the
// browser before anything is sent. Issues carry a ValidationKey instead of text, so
// the schemas stay language-free; forms show the account messages' validation[key].
import * as z from 'zod/mini';
import { normalizeWhatsapp } from '../whatsapp';

export const validationKeys = [
  'emailRequired',
  'emailInvalid',
  'passwordRequired',
  'passwordTooShort',
  'passwordTooLong',
  'confirmRequired',
  'passwordMismatch',
  'nameRequired',
  'nameTooLong',
  'whatsappInvalid',
  'whatsappRequired',
  'fieldRequired',
  'fieldTooLong',
  'phoneInvalid',
] as const;

export type ValidationKey = (typeof validationKeys)[number];

export function isValidationKey(value: unknown): value is ValidationKey {
  return typeof value === 'string' && (validationKeys as readonly string[]).includes(value);
}

/** Supabase Auth's limits: at least 6 characters, at most 72 bytes (bcrypt). */
export const PASSWORD_MIN = 6;
export const PASSWORD_MAX_BYTES = 72;
export const NAME_MAX = 80;
export const EMAIL_MAX = 254;

const utf8 = new TextEncoder();

export const emailField = z.string().check(
  z.trim(),
  z.minLength(1, 'emailRequired'),
  z.maxLength(EMAIL_MAX, 'emailInvalid'),
  z.email('emailInvalid'),
);

/** A password as typed: never trimmed (spaces are allowed characters). */
export const passwordField = z.string().check(
  z.minLength(1, 'passwordRequired'),
  z.minLength(PASSWORD_MIN, 'passwordTooShort'),
  z.refine((value) => utf8.encode(value).length <= PASSWORD_MAX_BYTES, 'passwordTooLong'),
);

/** For signing in only the presence matters: old accounts may predate today's rules. */
export const currentPasswordField = z.string().check(z.minLength(1, 'passwordRequired'));

export const displayNameField = z.string().check(
  z.trim(),
  z.minLength(1, 'nameRequired'),
  z.maxLength(NAME_MAX, 'nameTooLong'),
);

/** Optional WhatsApp number: empty becomes null, anything else must normalise to +628…. */
export const whatsappField = z.pipe(
  z.string().check(
    z.trim(),
    z.refine((value) => value === '' || normalizeWhatsapp(value) !== null, 'whatsappInvalid'),
  ),
  z.transform((value) => (value === '' ? null : normalizeWhatsapp(value))),
);

/** A WhatsApp number that must be given (checkout): normalised to +628…. */
export const requiredWhatsappField = z.pipe(
  z.string().check(
    z.trim(),
    z.minLength(1, 'whatsappRequired'),
    z.refine((value) => value === '' || normalizeWhatsapp(value) !== null, 'whatsappInvalid'),
  ),
  z.transform((value) => normalizeWhatsapp(value) ?? value),
);

/** "Repeat the password" check; an empty repeat is reported by its own field rule. */
export function passwordsMatch(value: { password: string; confirmPassword: string }): boolean {
  return value.confirmPassword === '' || value.password === value.confirmPassword;
}

export const confirmPasswordField = z.string().check(z.minLength(1, 'confirmRequired'));
