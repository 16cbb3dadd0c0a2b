import { useCallback, useRef } from 'react';
import type { OrderView } from '../api/order-schema';
import { isDelivering, pollInterval } from '../order-status';

/**
 * The `refetchInterval` of an order query (see pollInterval): it remembers when this
 * page first saw the order being delivered, so the quick polling of the first minute
 * backs off afterwards. The page's own clock: the server's times may be skewed.
 */
export function useOrderPolling(pollMs: number) {
  const deliveringSince = useRef<number | null>(null);
  return useCallback(
    (query: { state: { data: OrderView | undefined } }) => {
      const order = query.state.data;
      const now = Date.now();
      if (order && isDelivering(order.status)) deliveringSince.current ??= now;
      else deliveringSince.current = null;
      return pollInterval(order, pollMs, now - (deliveringSince.current ?? now));
    },
    [pollMs],
  );
}
