import { describe, expect, it } from 'vitest';
import { formatNumber, formatRupiah } from './format';

describe('formatRupiah', () => {
  it('formats thousands with dots and a normal space after Rp', () => {
    expect(formatRupiah(150000)).toBe('Rp 150.000');
    expect(formatRupiah(150000).charCodeAt(2)).toBe(0x20);
  });

  it('formats small, zero and large amounts', () => {
    expect(formatRupiah(0)).toBe('Rp 0');
    expect(formatRupiah(999)).toBe('Rp 999');
    expect(formatRupiah(1000)).toBe('Rp 1.000');
    expect(formatRupiah(12500000)).toBe('Rp 12.500.000');
    expect(formatRupiah(1234567890)).toBe('Rp 1.234.567.890');
  });

  it('never shows decimals', () => {
    expect(formatRupiah(1500.4)).toBe('Rp 1.500');
    expect(formatRupiah(1500.6)).toBe('Rp 1.501');
  });

  it('puts the minus sign before Rp', () => {
    expect(formatRupiah(-25000)).toBe('-Rp 25.000');
  });

  it('contains no non-breaking spaces', () => {
    expect(formatRupiah(75000)).not.toMatch(/[\u00a0\u202f]/);
  });
});

describe('formatNumber', () => {
  it('uses Indonesian grouping', () => {
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(1200)).toBe('1.200');
  });
});

describe('formatDate', () => {
  it('writes dates out in both languages', async () => {
    const { formatDate } = await import('./format');
    expect(formatDate('2025-01-15', 'id')).toBe('15 Januari 2025');
    expect(formatDate('2025-01-15', 'en')).toBe('15 January 2025');
  });
});

describe('formatDateTimeWib', () => {
  it('shows the moment in Jakarta time with the zone', async () => {
    const { formatDateTimeWib } = await import('./format');
    expect(formatDateTimeWib('2026-11-26T07:05:00Z', 'id')).toBe('26 Nov 2026, 14.05 WIB');
    expect(formatDateTimeWib('2026-11-26T07:05:00Z', 'en')).toBe('26 Nov 2026, 14:05 WIB');
    // 23:30 UTC is already the next day in WIB.
    expect(formatDateTimeWib('2026-08-02T23:30:00Z', 'id')).toBe('3 Agu 2026, 06.30 WIB');
    expect(formatDateTimeWib('bukan tanggal', 'id')).toBe('');
  });
});
