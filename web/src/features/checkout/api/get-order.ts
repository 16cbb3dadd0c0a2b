// GET /orders/{id}: one order, opened with its tracking token (kept on the device that
// ordered) or, for its owner, with the account's token.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { useI18n, type Language } from '@/lib/i18n';
import { useOrderPolling } from '../hooks/use-order-polling';
import { notSignedIn } from './not-signed-in';
import { checkoutKeys, orderViewSchema, type OrderView } from './order-schema';

export type OrderAccess =
  | { kind: 'token'; token: string }
  | { kind: 'account'; userId: string }
  | { kind: 'none' };

export function getOrder(
  orderId: string,
  options: {
    lang: Language;
    trackingToken?: string | null;
    accessToken?: string | null;
    signal?: AbortSignal;
  },
): Promise<OrderView> {
  return apiGet(`/orders/${encodeURIComponent(orderId)}`, orderViewSchema, options);
}

/**
 * The order, polled every `pollMs` while it awaits payment and closely while it is being
 * delivered (see pollInterval); TanStack Query pauses the polling while the tab is hidden.
 */
export function useOrder(orderId: string, access: OrderAccess, pollMs: number) {
  const { getAccessToken } = useAuth();
  const { lang } = useI18n();
  const refetchInterval = useOrderPolling(pollMs);
  return useQuery<OrderView>({
    queryKey:
      access.kind === 'account'
        ? checkoutKeys.orderOfAccount(access.userId, orderId)
        : checkoutKeys.orderByToken(orderId),
    enabled: access.kind !== 'none',
    staleTime: 0,
    refetchInterval,
    queryFn: async ({ signal }) => {
      if (access.kind === 'token') {
        return getOrder(orderId, { lang, trackingToken: access.token, signal });
      }
      const accessToken = await getAccessToken();
      if (!accessToken) {
        throw notSignedIn();
      }
      return getOrder(orderId, { lang, accessToken, signal });
    },
  });
}
