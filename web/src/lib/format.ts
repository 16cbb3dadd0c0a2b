// Number formatting shared by every page. Money is whole rupiah (integers).

const rupiahNumber = new Intl.NumberFormat('id-ID', {
  maximumFractionDigits: 0,
  minimumFractionDigits: 0,
});

/**
 * Formats whole rupiah as "Rp 150.000". Intl formats only the number (id-ID uses
 * "." for thousands); the "Rp " prefix is added here so the space is always a
 * normal U+0020 (Intl's currency style inserts a no-break space).
 */
export function formatRupiah(amount: number): string {
  const rounded = Math.round(amount);
  const digits = rupiahNumber.format(Math.abs(rounded));
  return rounded < 0 ? `-Rp ${digits}` : `Rp ${digits}`;
}

export function formatNumber(value: number): string {
  return rupiahNumber.format(value);
}

/** A calendar date (YYYY-MM-DD) as "15 Januari 2025" / "15 January 2025". */
export function formatDate(isoDate: string, lang: 'id' | 'en'): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** The day of a timestamp in WIB (Asia/Jakarta), as "15 Januari 2025". */
export function formatDayWib(timestamp: string, lang: 'id' | 'en'): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Jakarta',
  }).format(date);
}

/**
 * A moment in WIB (Asia/Jakarta) with the time: "26 Nov 2026, 14.05 WIB" /
 * "26 Nov 2026, 14:05 WIB". Empty for an unreadable timestamp.
 */
export function formatDateTimeWib(timestamp: string, lang: 'id' | 'en'): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return '';
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Asia/Jakarta',
  }).format(date);
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Jakarta',
  }).format(date);
  return `${day}, ${time} WIB`;
}
