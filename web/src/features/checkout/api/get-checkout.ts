// GET /checkout/{product_id}?quantity=N: the product and the server's price for that
// quantity (the reseller price when a reseller's token is sent).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { useI18n, type Language } from '@/lib/i18n';
import { checkoutKeys, checkoutSchema, type Checkout } from './order-schema';

export function getCheckout(
  productId: string,
  quantity: number,
  options: { lang: Language; accessToken?: string | null; signal?: AbortSignal },
): Promise<Checkout> {
  return apiGet(`/checkout/${encodeURIComponent(productId)}`, checkoutSchema, {
    ...options,
    params: { quantity },
  });
}

/** Waits for the session to be known, so a reseller never sees the retail price first. */
export function useCheckout(productId: string, quantity: number) {
  const { status, user, getAccessToken } = useAuth();
  const { lang } = useI18n();
  return useQuery({
    queryKey: checkoutKeys.checkout(productId, quantity, user?.id ?? 'guest', lang),
    enabled: status !== 'loading',
    placeholderData: keepPreviousData,
    // Stock moves: a quote older than a few seconds is asked for again on return.
    staleTime: 5_000,
    queryFn: async ({ signal }) =>
      getCheckout(productId, quantity, { lang, accessToken: await getAccessToken(), signal }),
  });
}
