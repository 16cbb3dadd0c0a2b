import { lazy, Suspense } from 'react';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import type { OrderAccess } from '../api/get-order';
import type { OrderView } from '../api/order-schema';
import { deliveryView } from '../delivery-view';

// The delivery panel and its texts are a chunk of their own: the invoice never needs
// them, and the tracking and order pages fetch them while they read the order.
const loadDeliveryPanel = () => import('./delivery-panel');
const DeliveryPanel = lazy(() => loadDeliveryPanel().then((module) => ({ default: module.DeliveryPanel })));

/** Starts downloading the panel, e.g. while the page waits for the order. */
export function preloadDeliveryPanel(): void {
  // A failure shows when the panel renders (the route's error page), not here.
  loadDeliveryPanel().catch(() => undefined);
}

/** The delivery panel once the order is paid; nothing before. */
export function DeliverySlot({ order, access }: { order: OrderView; access: OrderAccess }) {
  if (deliveryView(order).state === 'none') return null;
  return (
    <Suspense fallback={<DeliveryPanelPlaceholder />}>
      <DeliveryPanel order={order} access={access} />
    </Suspense>
  );
}

function DeliveryPanelPlaceholder() {
  return (
    <Card className="p-5 sm:p-7" data-testid="delivery-panel-loading">
      <div className="flex items-start gap-3.5">
        <Skeleton className="h-10 w-10 rounded-full" />
        <div className="flex-1 space-y-2 pt-1">
          <Skeleton className="h-5 w-1/2" />
          <Skeleton className="h-4 w-4/5" />
        </div>
      </div>
    </Card>
  );
}
