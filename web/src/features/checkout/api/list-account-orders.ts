// GET /account/orders: the signed-in buyer's orders, newest first, a page at a time.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { useI18n, type Language } from '@/lib/i18n';
import { notSignedIn } from './not-signed-in';
import { checkoutKeys, orderPageSchema, type OrderPage } from './order-schema';

export const ORDERS_PAGE_SIZE = 10;

export function listAccountOrders(
  page: number,
  options: { lang: Language; accessToken: string; signal?: AbortSignal },
): Promise<OrderPage> {
  return apiGet('/account/orders', orderPageSchema, {
    ...options,
    params: { page, page_size: ORDERS_PAGE_SIZE },
  });
}

export function useAccountOrders(page: number) {
  const { user, getAccessToken } = useAuth();
  const { lang } = useI18n();
  return useQuery({
    queryKey: checkoutKeys.accountOrders(user?.id ?? '', page),
    enabled: Boolean(user),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    queryFn: async ({ signal }) => {
      const accessToken = await getAccessToken();
      if (!accessToken) {
        throw notSignedIn();
      }
      return listAccountOrders(page, { lang, accessToken, signal });
    },
  });
}
