// POST /orders/{id}/reveal: the delivered codes or account credentials of an order, for
// the holder of its tracking token or its owner. The server records every reveal, so
// the page asks only when the buyer presses "Tampilkan kode", and keeps the answer in
// memory only (no query cache, no storage).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiPost } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { useI18n, type Language } from '@/lib/i18n';
import type { OrderAccess } from './get-order';
import { notSignedIn } from './not-signed-in';
import { checkoutKeys } from './order-schema';

export const revealedSchema = z.object({
  /** One code or one account per item; credentials span several lines. */
  items: z.array(z.string()),
  revealed_at: z.string(),
});
export type Revealed = z.infer<typeof revealedSchema>;

export function revealDelivery(
  orderId: string,
  options: { lang: Language; trackingToken?: string | null; accessToken?: string | null },
): Promise<Revealed> {
  return apiPost(`/orders/${encodeURIComponent(orderId)}/reveal`, undefined, revealedSchema, options);
}

/**
 * Reveals the order's secrets with the same credentials the page read the order with.
 * `reset()` forgets them; so does leaving the page (gcTime 0). On success, the order is
 * read again so that its reveal count is current.
 */
export function useRevealDelivery(orderId: string, access: OrderAccess) {
  const queryClient = useQueryClient();
  const { getAccessToken } = useAuth();
  const { lang } = useI18n();
  return useMutation({
    gcTime: 0,
    mutationFn: async () => {
      if (access.kind === 'token') return revealDelivery(orderId, { lang, trackingToken: access.token });
      const accessToken = access.kind === 'account' ? await getAccessToken() : null;
      if (!accessToken) throw notSignedIn();
      return revealDelivery(orderId, { lang, accessToken });
    },
    onSettled: () => {
      // After a reveal the count changed; after a 409 the order is further along, or not
      // delivered after all: either way the page should show the order as it is now.
      const keys =
        access.kind === 'token'
          ? [checkoutKeys.tracked(access.token), checkoutKeys.orderByToken(orderId)]
          : access.kind === 'account'
            ? [checkoutKeys.orderOfAccount(access.userId, orderId)]
            : [];
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey, exact: true });
    },
  });
}
