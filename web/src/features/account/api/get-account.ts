// GET /account: the signed-in shopper's profile and roles.
import { useQuery } from '@tanstack/react-query';
import { ApiError, apiGet } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { useI18n, type Language } from '@/lib/i18n';
import { accountQueryKey, accountSchema, type Account } from './account-schema';

export function unauthorized(): ApiError {
  return new ApiError({ status: 401, code: 'unauthorized', message: 'Not signed in', fromServer: false });
}

export function getAccount(options: {
  lang: Language;
  accessToken: string;
  signal?: AbortSignal;
}): Promise<Account> {
  return apiGet('/account', accountSchema, options);
}

/** The account of whoever is signed in; idle for guests. */
export function useAccount() {
  const { user, getAccessToken } = useAuth();
  const { lang } = useI18n();
  return useQuery({
    queryKey: accountQueryKey(user?.id ?? ''),
    enabled: Boolean(user),
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const accessToken = await getAccessToken();
      if (!accessToken) throw unauthorized();
      return getAccount({ lang, accessToken, signal });
    },
  });
}
