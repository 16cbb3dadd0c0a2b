// PATCH /account: change the display name and/or WhatsApp number.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { useI18n, type Language } from '@/lib/i18n';
import { accountQueryKey, accountSchema, type Account, type AccountPatch } from './account-schema';
import { unauthorized } from './get-account';

export function updateAccount(
  patch: AccountPatch,
  options: { lang: Language; accessToken: string },
): Promise<Account> {
  return apiPatch('/account', patch, accountSchema, options);
}

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  const { getAccessToken } = useAuth();
  const { lang } = useI18n();
  return useMutation({
    mutationFn: async (patch: AccountPatch) => {
      const accessToken = await getAccessToken();
      if (!accessToken) throw unauthorized();
      return updateAccount(patch, { lang, accessToken });
    },
    onSuccess: (account) => {
      queryClient.setQueryData(accountQueryKey(account.id), account);
    },
  });
}
