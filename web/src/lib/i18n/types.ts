import type { accountId } from './messages/account/id';
import type { checkoutId } from './messages/checkout/id';
import type { formsId } from './messages/forms/id';
import type { ordersId } from './messages/orders/id';
import type { id } from './messages/id';

/** Turns the literal Indonesian strings into `string`, keeping the exact key tree. */
type Widen<T> = T extends string ? string : { readonly [K in keyof T]: Widen<T[K]> };

/**
 * The shape every language must have: exactly the keys of the Indonesian messages.
 * Assigning a message object to this type fails to compile when a key is missing,
 * and object-literal checks reject extra keys.
 */
export type Messages = Widen<typeof id>;

/** The account pages' texts (messages/account/), loaded with those pages. */
export type AccountMessages = Widen<typeof accountId>;

/** The shared form fields' texts and validation messages (messages/forms/), loaded with the forms. */
export type FormMessages = Widen<typeof formsId>;

/** The checkout page's texts (messages/checkout/), loaded with that page. */
export type CheckoutMessages = Widen<typeof checkoutId>;

/** The invoice, tracking and order pages' texts (messages/orders/), loaded with those pages. */
export type OrderMessages = Widen<typeof ordersId>;

export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
