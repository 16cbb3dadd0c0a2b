import { Icon } from '@/components/ui/icon';
import { cn } from '@/lib/cn';
import { formatDateTimeWib } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useOrderMessages } from '@/lib/i18n/order-messages';
import type { HistoryEntry, OrderStatus } from '../api/order-schema';
import { timeline } from '../order-status';

/** Menunggu pembayaran → Dibayar → Diproses → Terkirim, with the time each step was reached. */
export function OrderTimeline({ status, history }: { status: OrderStatus; history: readonly HistoryEntry[] }) {
  const c = useOrderMessages();
  const { lang } = useI18n();
  const entries = timeline(status, history);
  return (
    <ol aria-label={c.track.timeline} className="space-y-0" data-testid="order-timeline">
      {entries.map((entry, index) => {
        const last = index === entries.length - 1;
        const reached = entry.state !== 'upcoming';
        const finished = entry.state === 'done' || (entry.state === 'current' && entry.step === 'delivered');
        return (
          <li
            key={entry.step}
            aria-current={entry.state === 'current' ? 'step' : undefined}
            data-step={entry.step}
            data-state={entry.state}
            className="relative flex gap-3.5 pb-6 last:pb-0"
          >
            {!last && (
              <span
                aria-hidden="true"
                className={cn(
                  'absolute top-8 bottom-0 left-[0.9375rem] w-px',
                  entry.state === 'done' ? 'bg-gold/60' : 'bg-line-strong',
                )}
              />
            )}
            <span
              aria-hidden="true"
              className={cn(
                'relative flex h-8 w-8 shrink-0 items-center justify-center rounded-full border',
                finished && 'border-gold bg-gold text-on-accent',
                entry.state === 'current' && !finished && 'border-gold bg-gold/15 text-gold shadow-glow',
                !reached && 'border-line-strong bg-surface text-fg-subtle',
              )}
            >
              {finished ? (
                <Icon name="check" className="h-4.5 w-4.5" />
              ) : entry.state === 'current' ? (
                <span className="h-2.5 w-2.5 animate-pulse rounded-full bg-gold" />
              ) : (
                <span className="h-2 w-2 rounded-full bg-line-strong" />
              )}
            </span>
            <div className="min-w-0 pt-1">
              <p className={cn('text-sm font-semibold', reached ? 'text-fg' : 'text-fg-subtle', entry.state === 'current' && 'text-gold')}>
                {c.status[entry.step]}
                <span className="sr-only">
                  {' '}
                  ({entry.state === 'done' ? c.track.stepDone : entry.state === 'current' ? c.track.stepCurrent : c.track.stepUpcoming})
                </span>
              </p>
              {entry.at && (
                <p className="mt-0.5 text-xs text-fg-muted tabular-nums">
                  <time dateTime={entry.at}>{formatDateTimeWib(entry.at, lang)}</time>
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
