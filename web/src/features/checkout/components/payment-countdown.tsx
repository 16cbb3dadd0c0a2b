import { interpolate } from '@/lib/i18n';
import { useOrderMessages } from '@/lib/i18n/order-messages';
import { cn } from '@/lib/cn';
import { formatCountdown, minutesLeft } from '../countdown';

/**
 * mm:ss to the invoice's expiry. The numbers are a timer (not read out as they change);
 * a polite live region says how many minutes are left, once a minute.
 */
export function PaymentCountdown({ remaining }: { remaining: number }) {
  const c = useOrderMessages();
  const minutes = minutesLeft(remaining);
  const announcement =
    minutes > 1 ? interpolate(c.invoice.minutesLeft, { minutes }) : minutes === 1 ? c.invoice.lastMinute : '';
  return (
    <div className="text-center">
      <p className="text-xs font-medium tracking-wide text-fg-subtle uppercase">{c.invoice.timeLeft}</p>
      <p
        role="timer"
        aria-label={c.invoice.timeLeftLabel}
        className={cn('mt-1 text-4xl font-bold tracking-tight tabular-nums', minutes <= 2 ? 'text-warning' : 'text-fg')}
        data-testid="invoice-countdown"
      >
        {formatCountdown(remaining)}
      </p>
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
