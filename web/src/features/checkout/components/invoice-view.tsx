import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { PageLoading } from '@/components/page-loading';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { isApiError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { formatRupiah } from '@/lib/format';
import { interpolate } from '@/lib/i18n';
import { useOrderMessages } from '@/lib/i18n/order-messages';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useOrder, type OrderAccess } from '../api/get-order';
import { checkoutKeys, type OrderView } from '../api/order-schema';
import { remainingMs } from '../countdown';
import { useNow } from '../hooks/use-now';
import { isClosedUnpaid, isPaidOrLater } from '../order-status';
import { orderTokenFor } from '../order-tokens';
import { PaymentCountdown } from './payment-countdown';
import { QrCode } from './qr-code';
import { TrackingLink } from './tracking-link';

export const INVOICE_POLL_MS = 3_000;
/** How long "Pembayaran diterima" stays before the tracking page opens. */
const PAID_PAUSE_MS = 1_800;

/**
 * /invoice/:orderId: the QRIS code, the amount, a countdown, and the status polled every
 * 3 s until the order is paid (then on to tracking) or expires (then "Beli lagi").
 * Opened with the tracking token kept on this device, or by the signed-in owner.
 */
export function InvoiceView({ orderId }: { orderId: string }) {
  const { status, user } = useAuth();
  // Read once: the token of this order does not change while the page is open.
  const [token] = useState(() => orderTokenFor(orderId));
  if (!token && status === 'loading') return <PageLoading />;
  const access: OrderAccess = token
    ? { kind: 'token', token }
    : user
      ? { kind: 'account', userId: user.id }
      : { kind: 'none' };
  if (access.kind === 'none') return <InvoiceNoAccess />;
  return <InvoiceLoader orderId={orderId} access={access} token={token} />;
}

function InvoiceLoader({ orderId, access, token }: { orderId: string; access: OrderAccess; token: string | null }) {
  const c = useOrderMessages();
  const { shopName } = useRuntimeConfig();
  const order = useOrder(orderId, access, INVOICE_POLL_MS);
  useDocumentTitle(order.data ? `${c.invoice.title} ${order.data.number}` : c.invoice.title, shopName);

  if (order.isPending) return <PageLoading />;
  if (!order.data) {
    if (isApiError(order.error) && (order.error.isNotFound || order.error.status === 401)) {
      return <InvoiceNoAccess notFound />;
    }
    return <ErrorState error={order.error} onRetry={() => void order.refetch()} />;
  }
  return <InvoiceContent order={order.data} token={token} />;
}

function InvoiceContent({ order, token }: { order: OrderView; token: string | null }) {
  if (isPaidOrLater(order.status)) return <PaymentReceived order={order} token={token} />;
  return (
    <div className="space-y-6" data-testid="invoice">
      <InvoiceHeader order={order} />
      {isClosedUnpaid(order.status) ? (
        <InvoiceClosed order={order} />
      ) : (
        <AwaitingPayment order={order} />
      )}
      {token && <TrackingLink token={token} />}
    </div>
  );
}

function InvoiceHeader({ order }: { order: OrderView }) {
  const c = useOrderMessages();
  return (
    <header className="max-w-3xl">
      <h1 className="text-3xl font-bold tracking-tight text-fg sm:text-4xl">{c.invoice.title}</h1>
      <p className="mt-2 text-fg-muted">
        {c.invoice.number}{' '}
        <span className="font-mono font-semibold text-fg" data-testid="invoice-number">
          {order.number}
        </span>
      </p>
    </header>
  );
}

function AwaitingPayment({ order }: { order: OrderView }) {
  const c = useOrderMessages();
  const payment = order.payment;
  const amountToPay = payment?.amount_to_pay ?? order.total;
  const now = useNow(1000);
  const remaining = remainingMs(payment?.expires_at ?? order.expires_at, now);
  const timeUp = remaining <= 0;
  const amount = formatRupiah(amountToPay);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] lg:items-start">
      <Card className="space-y-5 p-5 text-center sm:p-7">
        <div>
          <p className="text-sm text-fg-muted">{c.invoice.amountToPay}</p>
          <p className="mt-1 text-3xl font-bold text-gold tabular-nums sm:text-4xl" data-testid="invoice-amount">
            {amount}
          </p>
          <p className="mt-1 text-xs text-fg-subtle">{c.invoice.amountNote}</p>
        </div>
        {timeUp ? (
          <p role="status" className="rounded-control border border-warning/40 bg-warning/10 p-4 text-sm text-fg">
            {c.invoice.timeUpBody}
          </p>
        ) : (
          <>
            <PaymentCountdown remaining={remaining} />
            <h2 className="sr-only">{c.invoice.scanTitle}</h2>
            {payment?.qr_string ? (
              <QrCode
                value={payment.qr_string}
                label={interpolate(c.invoice.qrLabel, { amount })}
                fileName={`QRIS-${order.number}.png`}
              />
            ) : null}
            {payment?.pay_url && (
              <a
                href={payment.pay_url}
                target="_blank"
                rel="noopener noreferrer"
                className="inline-block text-sm text-gold underline underline-offset-4"
                data-testid="pay-url"
              >
                {c.invoice.payPage}
              </a>
            )}
          </>
        )}
        <p className="flex items-center justify-center gap-2 text-sm text-fg-muted" role="status">
          <Spinner className="h-4 w-4 text-gold" />
          {c.invoice.waiting}
        </p>
      </Card>

      <div className="space-y-6">
        <AmountBreakdown order={order} amountToPay={amountToPay} />
        <Card className="p-5">
          <h2 className="mb-3 text-base font-semibold text-fg">{c.invoice.howTitle}</h2>
          <ol className="space-y-3 text-sm text-fg-muted">
            {[c.invoice.steps.open, c.invoice.steps.scan, interpolate(c.invoice.steps.check, { amount }), c.invoice.steps.confirm].map(
              (step, index) => (
                <li key={index} className="flex gap-3">
                  <span
                    aria-hidden="true"
                    className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-gold/15 text-xs font-bold text-gold"
                  >
                    {index + 1}
                  </span>
                  <span>{step}</span>
                </li>
              ),
            )}
          </ol>
        </Card>
      </div>
    </div>
  );
}

function AmountBreakdown({ order, amountToPay }: { order: OrderView; amountToPay: number }) {
  const c = useOrderMessages();
  const fee = amountToPay - order.total;
  return (
    <Card className="p-5">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2.5 text-sm">
        <Row label={c.invoice.product}>
          <span data-testid="invoice-product">{order.product.name}</span>
        </Row>
        <Row label={c.invoice.quantity}>{order.quantity}</Row>
        <Row label={c.invoice.orderTotal}>{formatRupiah(order.total)}</Row>
        {fee > 0 && (
          <Row label={c.invoice.fee}>
            <span data-testid="invoice-fee">{formatRupiah(fee)}</span>
          </Row>
        )}
        <Row label={<span className="font-semibold text-fg">{c.invoice.amountToPay}</span>} divided>
          <span className="text-base font-bold text-gold">{formatRupiah(amountToPay)}</span>
        </Row>
      </dl>
    </Card>
  );
}

function Row({ label, divided = false, children }: { label: ReactNode; divided?: boolean; children: ReactNode }) {
  const cells = (
    <>
      <dt className="text-fg-subtle">{label}</dt>
      <dd className="min-w-0 text-right text-fg tabular-nums">{children}</dd>
    </>
  );
  // A <div> may group a term and its description; it carries the rule above the total.
  return divided ? (
    <div className="col-span-2 mt-1 grid grid-cols-subgrid items-baseline border-t border-line pt-3">{cells}</div>
  ) : (
    cells
  );
}

function InvoiceClosed({ order }: { order: OrderView }) {
  const c = useOrderMessages();
  const expired = order.status === 'expired';
  return (
    <Card role="status" className="flex flex-col items-start gap-4 p-6 sm:p-8" data-testid="invoice-closed">
      <span
        aria-hidden="true"
        className="flex h-12 w-12 items-center justify-center rounded-full border border-warning/40 bg-warning/10 text-warning"
      >
        <Icon name="clock" />
      </span>
      <h2 className="text-xl font-bold text-fg">{expired ? c.invoice.expiredTitle : c.invoice.cancelledTitle}</h2>
      <p className="text-fg-muted">{expired ? c.invoice.expiredBody : c.invoice.cancelledBody}</p>
      <Link to={paths.product.build(order.product.slug)} className={buttonClasses({ variant: 'primary' })}>
        <Icon name="cart" className="h-4.5 w-4.5" />
        {c.invoice.buyAgain}
      </Link>
    </Card>
  );
}

/** "Pembayaran diterima", then on to the tracking page by itself. */
function PaymentReceived({ order, token }: { order: OrderView; token: string | null }) {
  const c = useOrderMessages();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user } = useAuth();
  const userId = user?.id;
  const target = token ? paths.track.build(token) : paths.accountOrder.build(order.id);

  useEffect(() => {
    // The tracking page starts from what is known instead of a spinner.
    if (token) queryClient.setQueryData(checkoutKeys.tracked(token), order);
    // "Pesanan saya", if already read, still shows this order unpaid.
    if (userId) void queryClient.invalidateQueries({ queryKey: checkoutKeys.accountOrdersRoot(userId) });
    const timer = window.setTimeout(() => void navigate(target, { replace: true }), PAID_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [navigate, queryClient, target, token, order, userId]);

  return (
    <Card role="status" className="mx-auto max-w-xl p-6 text-center sm:p-10" data-testid="payment-received">
      <span
        aria-hidden="true"
        className="mx-auto mb-4 flex h-14 w-14 items-center justify-center rounded-full bg-success/15 text-success"
      >
        <Icon name="check" className="h-7 w-7" />
      </span>
      <h1 className="text-2xl font-bold text-fg">{c.invoice.paidTitle}</h1>
      <p className="mt-2 text-fg-muted">{c.invoice.paidBody}</p>
      <Link to={target} replace className={buttonClasses({ variant: 'secondary', className: 'mt-6' })}>
        {c.invoice.paidLink}
      </Link>
    </Card>
  );
}

/** Opened without the token of this device and not as the signed-in owner. */
function InvoiceNoAccess({ notFound = false }: { notFound?: boolean }) {
  const c = useOrderMessages();
  const { status } = useAuth();
  const location = useLocation();
  return (
    <Card className="mx-auto max-w-xl p-6 text-center sm:p-10" data-testid="invoice-no-access">
      <span
        aria-hidden="true"
        className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full border border-gold/40 bg-gold/10 text-gold"
      >
        <Icon name="lock" />
      </span>
      <h1 className="text-2xl font-bold text-fg">{notFound ? c.invoice.notFoundTitle : c.invoice.noAccessTitle}</h1>
      <p className="mt-3 text-fg-muted">{c.invoice.noAccessBody}</p>
      <div className="mt-6 flex flex-col-reverse justify-center gap-3 sm:flex-row">
        <Link to={paths.products.build()} className={buttonClasses({ variant: 'secondary' })}>
          {c.orders.browse}
        </Link>
        {status !== 'signedIn' && (
          <Link to={paths.login.build(location.pathname)} className={buttonClasses({ variant: 'primary' })}>
            {c.invoice.signIn}
          </Link>
        )}
      </div>
    </Card>
  );
}
