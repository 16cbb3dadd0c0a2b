// POST /orders: prices on the server, reserves the items and creates the QRIS invoice.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError, apiPost } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { useI18n, type Language } from '@/lib/i18n';
import { saveOrderToken } from '../order-tokens';
import {
  checkoutKeys,
  createdOrderSchema,
  type CreateOrderBody,
  type CreatedOrder,
} from './order-schema';

export function createOrder(
  body: CreateOrderBody,
  options: { lang: Language; accessToken?: string | null; idempotencyKey: string },
): Promise<CreatedOrder> {
  return apiPost('/orders', body, createdOrderSchema, options);
}

/**
 * Whether a failed attempt used up its idempotency key, so the next press needs a new one:
 * `payment_unavailable` left a cancelled order behind under it, and
 * `idempotency_key_reused` means an earlier press created an order and the form has
 * changed since. A lost answer (`network`) keeps the key, so that pressing the button
 * again returns the order the first press may have created instead of a second one.
 */
export function spendsIdempotencyKey(error: unknown): boolean {
  return error instanceof ApiError && ['payment_unavailable', 'idempotency_key_reused'].includes(error.code);
}

/**
 * Creates the order (linked to the account when signed in), keeps its tracking token on
 * this device and primes the invoice's cache, so the invoice opens without a round trip.
 */
export function useCreateOrder() {
  const queryClient = useQueryClient();
  const { user, getAccessToken } = useAuth();
  const { lang } = useI18n();
  // One key per order the buyer means to place: kept across retries of the same press.
  const idempotencyKey = useRef(crypto.randomUUID());
  return useMutation({
    mutationFn: async (body: CreateOrderBody) =>
      createOrder(body, { lang, accessToken: await getAccessToken(), idempotencyKey: idempotencyKey.current }),
    onError: (error) => {
      if (spendsIdempotencyKey(error)) idempotencyKey.current = crypto.randomUUID();
    },
    onSuccess: ({ order, tracking_token }) => {
      saveOrderToken(order.id, tracking_token);
      queryClient.setQueryData(checkoutKeys.orderByToken(order.id), order);
      // "Pesanan saya" read before this order is out of date now.
      if (user) void queryClient.invalidateQueries({ queryKey: checkoutKeys.accountOrdersRoot(user.id) });
    },
  });
}
