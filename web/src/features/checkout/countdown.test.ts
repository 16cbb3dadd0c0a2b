import { describe, expect, it } from 'vitest';
import { formatCountdown, minutesLeft, remainingMs } from './countdown';

describe('invoice countdown', () => {
  it('formats mm:ss, rounding partial seconds up', () => {
    expect(formatCountdown(15 * 60_000)).toBe('15:00');
    expect(formatCountdown(14 * 60_000 + 5_000)).toBe('14:05');
    expect(formatCountdown(59_001)).toBe('01:00');
    expect(formatCountdown(9_000)).toBe('00:09');
    expect(formatCountdown(1)).toBe('00:01');
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(-5_000)).toBe('00:00');
  });

  it('adds hours from an hour up', () => {
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
  });

  it('counts the started minutes, which change only at the minute marks', () => {
    expect(minutesLeft(15 * 60_000)).toBe(15);
    expect(minutesLeft(14 * 60_000 + 1)).toBe(15);
    expect(minutesLeft(14 * 60_000)).toBe(14);
    expect(minutesLeft(30_000)).toBe(1);
    expect(minutesLeft(0)).toBe(0);
  });

  it('measures the time left to an ISO timestamp', () => {
    const now = Date.parse('2026-11-26T07:05:00Z');
    expect(remainingMs('2026-11-26T07:20:00Z', now)).toBe(15 * 60_000);
    expect(remainingMs('2026-11-26T07:00:00Z', now)).toBe(0);
    expect(remainingMs(null, now)).toBe(0);
    expect(remainingMs('bukan waktu', now)).toBe(0);
  });
});
