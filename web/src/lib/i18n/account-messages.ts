// The account pages' texts. Imported only by those pages (and the form parts they
// use), so the words travel in their lazy chunks, not in every page's bundle.
import { useI18n } from './i18n-context';
import { accountEn } from './messages/account/en';
import { accountId } from './messages/account/id';
import type { AccountMessages, Language } from './types';

export const accountMessages: Record<Language, AccountMessages> = { id: accountId, en: accountEn };

export function useAccountMessages(): AccountMessages {
  return accountMessages[useI18n().lang];
}
