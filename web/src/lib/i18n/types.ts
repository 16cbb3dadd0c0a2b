import type { accountId } from './messages/account/id';
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

export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
