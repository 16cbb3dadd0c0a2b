// GET /account, read by the checkout to fill in a signed-in buyer's details. Only the
// fields the form needs; cached under the account root, so sign-out drops it.
import { useQuery } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiGet } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';
import { notSignedIn } from './not-signed-in';
import { checkoutKeys } from './order-schema';

export const buyerProfileSchema = z.object({
  email: z.nullish(z.string()),
  display_name: z.nullish(z.string()),
  whatsapp: z.nullish(z.string()),
});
export type BuyerProfile = z.infer<typeof buyerProfileSchema>;

/** The signed-in buyer's profile; idle for guests. */
export function useBuyerProfile() {
  const { user, getAccessToken } = useAuth();
  const { lang } = useI18n();
  return useQuery({
    queryKey: checkoutKeys.buyer(user?.id ?? ''),
    enabled: Boolean(user),
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const accessToken = await getAccessToken();
      if (!accessToken) {
        throw notSignedIn();
      }
      return apiGet('/account', buyerProfileSchema, { lang, accessToken, signal });
    },
  });
}
