import type { FormMessages } from '../../types';

// English texts of the shared form fields and validation messages. Must have exactly the
// keys of ./id.ts.

export const formsEn: FormMessages = {
  forms: {
    showPassword: 'Show password',
    hidePassword: 'Hide password',
    optional: '(optional)',
    email: 'Email',
    emailPlaceholder: 'name@email.com',
    whatsappPlaceholder: '0812-3456-7890',
    whatsappHint: 'For order updates. Write it as 08…, 628… or +628….',
    whatsappNormalised: 'Saved as {number}',
  },
  validation: {
    emailRequired: 'Enter your email address.',
    emailInvalid: 'That email doesn’t look right, e.g. name@email.com.',
    passwordRequired: 'Enter your password.',
    passwordTooShort: 'Use at least 6 characters.',
    passwordTooLong: 'Use at most 72 characters.',
    confirmRequired: 'Type the password again here.',
    passwordMismatch: 'The passwords don’t match.',
    nameRequired: 'Enter your name.',
    nameTooLong: 'Use at most 80 characters.',
    whatsappInvalid: 'That WhatsApp number isn’t valid. Use an Indonesian number, e.g. 0812-3456-7890.',
    whatsappRequired: 'Enter a WhatsApp number, e.g. 0812-3456-7890.',
    fieldRequired: 'This field is required.',
    fieldTooLong: 'This is too long.',
    phoneInvalid: 'That phone number doesn’t look right, e.g. 0812-3456-7890.',
  },
};
