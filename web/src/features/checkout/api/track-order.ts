// GET /track: an order's status for whoever holds its tracking token, without signing in.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { useI18n, type Language } from '@/lib/i18n';
import { useOrderPolling } from '../hooks/use-order-polling';
import { checkoutKeys, orderViewSchema, type OrderView } from './order-schema';

export const TRACK_POLL_MS = 5_000;

export function trackOrder(
  token: string,
  options: { lang: Language; signal?: AbortSignal },
): Promise<OrderView> {
  return apiGet('/track', orderViewSchema, { ...options, trackingToken: token });
}

export function useTrackedOrder(token: string) {
  const { lang } = useI18n();
  const refetchInterval = useOrderPolling(TRACK_POLL_MS);
  return useQuery<OrderView>({
    queryKey: checkoutKeys.tracked(token),
    enabled: token.length > 0,
    staleTime: 0,
    refetchInterval,
    queryFn: ({ signal }) => trackOrder(token, { lang, signal }),
  });
}
