import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';
import { formatDateTimeWib, formatRupiah } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useOrderMessages } from '@/lib/i18n/order-messages';
import type { OrderView } from '../api/order-schema';
import { deliveryView } from '../delivery-view';
import { isWatched } from '../order-status';
import { OrderHelp } from './order-help';
import { OrderStatusBadge } from './order-status-badge';
import { OrderTimeline } from './order-timeline';

/**
 * Where an order stands: its delivery (once paid), its status in words, the timeline, an
 * action (e.g. back to the invoice), the facts and the shop's contacts. Shared by /track
 * and /account/orders/:id.
 */
export function OrderProgress({
  order,
  action,
  delivery,
}: {
  order: OrderView;
  action?: ReactNode;
  /** The delivery panel, shown first: once paid it is what the buyer came for. */
  delivery?: ReactNode;
}) {
  const c = useOrderMessages();
  const troubled = order.status === 'expired' || order.status === 'cancelled' || order.status === 'needs_attention';
  // A failed delivery's panel carries the contacts already: no second set beside it.
  const helpInDelivery = Boolean(delivery) && deliveryView(order).state === 'trouble';
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)] lg:items-start">
      <div className="min-w-0 space-y-6">
        {delivery}
        <Card className="space-y-6 p-5 sm:p-7">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 className="text-lg font-semibold text-fg">{c.track.timeline}</h2>
            <OrderStatusBadge status={order.status} />
          </div>
          {/* Polite: the explanation is read out when the status changes while the page is open. */}
          <div aria-live="polite" aria-atomic="true">
            <p
              className={cn(
                'flex items-start gap-2.5 rounded-control border px-3.5 py-3 text-sm text-fg',
                troubled ? 'border-warning/40 bg-warning/10' : 'border-gold/30 bg-gold/5',
              )}
              data-testid="order-explanation"
            >
              <Icon name={troubled ? 'alert' : 'info'} className={cn('mt-0.5 h-4.5 w-4.5', troubled ? 'text-warning' : 'text-gold')} />
              <span>{c.track.explain[order.status]}</span>
            </p>
          </div>
          <OrderTimeline status={order.status} history={order.history} />
          {action}
          {isWatched(order.status) && (
            <p className="flex items-center gap-2 text-xs text-fg-subtle">
              <Spinner className="h-3.5 w-3.5" />
              {c.track.autoRefresh}
            </p>
          )}
        </Card>
      </div>
      <div className="space-y-6">
        <OrderFacts order={order} />
        {!helpInDelivery && <OrderHelp number={order.number} emphasis={troubled} />}
      </div>
    </div>
  );
}

export function OrderFacts({ order }: { order: OrderView }) {
  const c = useOrderMessages();
  const { lang } = useI18n();
  const targets = Object.values(order.target).filter(Boolean);
  // What the buyer pays (or paid): the total plus the QRIS fee, the figure on their bank
  // statement; the invoice shows the same rows.
  const amountToPay = order.payment?.amount_to_pay ?? order.total;
  const fee = amountToPay - order.total;
  return (
    <Card className="p-5">
      <h2 className="mb-4 text-base font-semibold text-fg">{c.track.details}</h2>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2.5 text-sm">
        <Fact label={c.invoice.number}>
          <span className="font-mono" data-testid="order-number">{order.number}</span>
        </Fact>
        <Fact label={c.invoice.product}>{order.product.name}</Fact>
        <Fact label={c.invoice.quantity}>{order.quantity}</Fact>
        {fee > 0 ? (
          <>
            <Fact label={c.invoice.orderTotal}>{formatRupiah(order.total)}</Fact>
            <Fact label={c.invoice.fee}>{formatRupiah(fee)}</Fact>
            <Fact label={c.invoice.amountToPay}>
              <span className="font-semibold text-gold" data-testid="order-amount">
                {formatRupiah(amountToPay)}
              </span>
            </Fact>
          </>
        ) : (
          <Fact label={c.invoice.orderTotal}>
            <span className="font-semibold text-gold" data-testid="order-amount">
              {formatRupiah(order.total)}
            </span>
          </Fact>
        )}
        <Fact label={c.track.ordered}>
          <time dateTime={order.created_at}>{formatDateTimeWib(order.created_at, lang)}</time>
        </Fact>
        {targets.length > 0 && (
          <Fact label={c.track.target}>
            <span className="[overflow-wrap:anywhere]">{targets.join(', ')}</span>
          </Fact>
        )}
      </dl>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-fg-subtle">{label}</dt>
      <dd className="min-w-0 text-right text-fg tabular-nums">{children}</dd>
    </>
  );
}
