/** Digits only, in international form: "+62 812-3456" and "0812 3456" both become "628123456". */
export function whatsappDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
}

/** A wa.me link that opens a chat with the shop, optionally with a prefilled message. */
export function whatsappLink(phone: string, message?: string): string {
  const base = `https://wa.me/${whatsappDigits(phone)}`;
  return message ? `${base}?text=${encodeURIComponent(message)}` : base;
}

export function mailtoLink(email: string, subject?: string): string {
  return subject ? `mailto:${email}?subject=${encodeURIComponent(subject)}` : `mailto:${email}`;
}
