import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { PageHeader } from '@/components/page-header';
import { PageLoading } from '@/components/page-loading';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { isApiError } from '@/lib/api-client';
import { interpolate } from '@/lib/i18n';
import { useOrderMessages } from '@/lib/i18n/order-messages';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useTrackedOrder } from '../api/track-order';
import type { OrderView } from '../api/order-schema';
import { saveOrderToken } from '../order-tokens';
import { DeliverySlot, preloadDeliveryPanel } from './delivery-slot';
import { OrderHelp } from './order-help';
import { OrderProgress } from './order-progress';

/** /track/:token: an order's status for the buyer, without signing in. */
export function TrackView({ token }: { token: string }) {
  const c = useOrderMessages();
  const { shopName } = useRuntimeConfig();
  const order = useTrackedOrder(token);
  useEffect(preloadDeliveryPanel, []);
  const notFound = isApiError(order.error) && order.error.isNotFound && !order.data;
  useDocumentTitle(
    order.data ? `${c.track.title} ${order.data.number}` : notFound ? c.track.notFoundTitle : c.track.title,
    shopName,
  );

  if (order.isPending) return <PageLoading />;
  if (notFound) return <TrackNotFound />;
  if (!order.data) return <ErrorState error={order.error} onRetry={() => void order.refetch()} />;
  return <TrackedOrder order={order.data} token={token} />;
}

function TrackedOrder({ order, token }: { order: OrderView; token: string }) {
  const c = useOrderMessages();
  const navigate = useNavigate();

  function continuePayment() {
    // The invoice opens with the token kept on this device.
    saveOrderToken(order.id, token);
    void navigate(paths.invoice.build(order.id));
  }

  return (
    <div data-testid="track-view">
      <PageHeader title={c.track.title}>
        <p>{interpolate(c.track.subtitle, { number: order.number })}</p>
      </PageHeader>
      <OrderProgress
        order={order}
        delivery={<DeliverySlot order={order} access={{ kind: 'token', token }} />}
        action={
          order.status === 'awaiting_payment' ? (
            <Button onClick={continuePayment} className="w-full sm:w-auto" data-testid="continue-payment">
              <Icon name="qr" className="h-4.5 w-4.5" />
              {c.track.continuePayment}
            </Button>
          ) : undefined
        }
      />
    </div>
  );
}

function TrackNotFound() {
  const c = useOrderMessages();
  return (
    <div className="mx-auto max-w-xl space-y-6" data-testid="track-not-found">
      <Card className="p-6 text-center sm:p-10">
        <span
          aria-hidden="true"
          className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full border border-gold/40 bg-gold/10 text-gold"
        >
          <Icon name="search" />
        </span>
        <h1 className="text-2xl font-bold text-fg">{c.track.notFoundTitle}</h1>
        <p className="mt-3 text-fg-muted">{c.track.notFoundBody}</p>
      </Card>
      <OrderHelp />
    </div>
  );
}
