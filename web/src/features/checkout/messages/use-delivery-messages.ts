import { useI18n, type Language } from '@/lib/i18n';
import { deliveryEn } from './delivery-en';
import { deliveryId, type DeliveryMessages } from './delivery-id';

export const deliveryMessages: Record<Language, DeliveryMessages> = { id: deliveryId, en: deliveryEn };

/** The delivery panel's texts in the page's language. */
export function useDeliveryMessages(): DeliveryMessages {
  return deliveryMessages[useI18n().lang];
}
