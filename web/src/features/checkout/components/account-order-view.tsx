import { useEffect } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { PageLoading } from '@/components/page-loading';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { isApiError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { interpolate } from '@/lib/i18n';
import { useOrderMessages } from '@/lib/i18n/order-messages';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useOrder } from '../api/get-order';
import { TRACK_POLL_MS } from '../api/track-order';
import { DeliverySlot, preloadDeliveryPanel } from './delivery-slot';
import { OrderProgress } from './order-progress';

/** /account/orders/:orderId: one of the account's orders, with the same timeline as /track. */
export function AccountOrderView({ orderId }: { orderId: string }) {
  const c = useOrderMessages();
  const { shopName } = useRuntimeConfig();
  const { user } = useAuth();
  const order = useOrder(orderId, { kind: 'account', userId: user?.id ?? '' }, TRACK_POLL_MS);
  useEffect(preloadDeliveryPanel, []);
  useDocumentTitle(
    order.data ? interpolate(c.orders.detailTitle, { number: order.data.number }) : c.orders.title,
    shopName,
  );

  const back = (
    <Link to={paths.accountOrders.build()} className="inline-flex items-center gap-1.5 rounded text-sm text-fg-muted hover:text-fg">
      <Icon name="chevronDown" className="h-4 w-4 rotate-90" />
      {c.orders.back}
    </Link>
  );

  if (order.isPending) return <PageLoading />;
  if (!order.data) {
    if (isApiError(order.error) && order.error.isNotFound) {
      return (
        <div className="mx-auto max-w-xl space-y-4">
          {back}
          <Card className="p-6 text-center sm:p-10" data-testid="order-not-found">
            <h1 className="text-2xl font-bold text-fg">{c.orders.notFoundTitle}</h1>
            <p className="mt-3 text-fg-muted">{c.orders.notFoundBody}</p>
          </Card>
        </div>
      );
    }
    return <ErrorState error={order.error} onRetry={() => void order.refetch()} />;
  }

  const data = order.data;
  return (
    <div className="space-y-6" data-testid="account-order">
      {back}
      <h1 className="text-3xl font-bold tracking-tight text-fg sm:text-4xl">
        {interpolate(c.orders.detailTitle, { number: data.number })}
      </h1>
      <OrderProgress
        order={data}
        delivery={<DeliverySlot order={data} access={{ kind: 'account', userId: user?.id ?? '' }} />}
        action={
          data.status === 'awaiting_payment' ? (
            <Link to={paths.invoice.build(data.id)} className={buttonClasses({ className: 'w-full sm:w-auto' })}>
              <Icon name="qr" className="h-4.5 w-4.5" />
              {c.orders.openInvoice}
            </Link>
          ) : undefined
        }
      />
    </div>
  );
}
