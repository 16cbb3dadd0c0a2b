// The checkout page's texts. Imported only by that page, so the words travel in its lazy
// chunk, not in every page's bundle.
import { useI18n } from './i18n-context';
import { checkoutEn } from './messages/checkout/en';
import { checkoutId } from './messages/checkout/id';
import type { CheckoutMessages, Language } from './types';

export const checkoutMessages: Record<Language, CheckoutMessages> = { id: checkoutId, en: checkoutEn };

export function useCheckoutMessages(): CheckoutMessages {
  return checkoutMessages[useI18n().lang];
}
