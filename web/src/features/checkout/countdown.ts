// The invoice's countdown: what it shows every second, and the coarser value that is
// announced to screen readers (once a minute, not every second).

/** Milliseconds left until `expiresAt`, never negative; 0 for an unreadable time. */
export function remainingMs(expiresAt: string | null | undefined, now: number): number {
  const end = expiresAt ? Date.parse(expiresAt) : Number.NaN;
  return Number.isNaN(end) ? 0 : Math.max(0, end - now);
}

const two = (value: number) => String(value).padStart(2, '0');

/** "14:05" (mm:ss); "1:02:03" from an hour up. Partial seconds count as a whole second. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/**
 * The started minutes left ("14:05" is 15), the unit of the spoken announcement: it
 * changes exactly at the minute marks. 0 once the time is up.
 */
export function minutesLeft(ms: number): number {
  return Math.max(0, Math.ceil(ms / 60_000));
}
