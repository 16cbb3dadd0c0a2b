// The invoice, tracking and order pages' texts. Imported only by those pages, so the
// words travel in their lazy chunks, not in every page's bundle.
import { useI18n } from './i18n-context';
import { ordersEn } from './messages/orders/en';
import { ordersId } from './messages/orders/id';
import type { Language, OrderMessages } from './types';

export const orderMessages: Record<Language, OrderMessages> = { id: ordersId, en: ordersEn };

export function useOrderMessages(): OrderMessages {
  return orderMessages[useI18n().lang];
}
