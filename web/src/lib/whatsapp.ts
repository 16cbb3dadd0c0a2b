// Indonesian WhatsApp numbers as people type them (0812-3456-7890, 62 812 3456 7890,
// +62 812 3456 7890, +62 0812…) turned into the one form the server stores: +628… with
// 7–12 more digits. The same rule as the API (shop::account::whatsapp) and the database
// (private.normalize_whatsapp); keep the three in step.

const SEPARATORS = /[\s\-.()]/g;
const NATIONAL = /^8[0-9]{7,12}$/;

/** The number as +628…, or null when it is not an Indonesian mobile number. */
export function normalizeWhatsapp(input: string): string | null {
  let digits = input.replace(SEPARATORS, '');
  if (digits.startsWith('+62') || digits.startsWith('62')) {
    digits = digits.slice(digits.startsWith('+') ? 3 : 2);
    // "+62 0812…" is a common way of writing the trunk zero after the country code.
    if (digits.startsWith('0')) digits = digits.slice(1);
  } else if (digits.startsWith('0')) {
    digits = digits.slice(1);
  } else {
    return null;
  }
  return NATIONAL.test(digits) ? `+62${digits}` : null;
}

/** The server's rule, for values that are already normalised. */
export const WHATSAPP_PATTERN = /^\+628[0-9]{7,12}$/;
