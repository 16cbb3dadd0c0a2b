// The signed-in shopper's account as the shop API returns it (GET/PATCH /account).
import * as z from 'zod/mini';

export const knownRoles = ['member', 'reseller', 'admin'] as const;
export type Role = (typeof knownRoles)[number];

export const accountSchema = z.object({
  id: z.string(),
  email: z.pipe(
    z.nullish(z.string()),
    z.transform((value) => value ?? ''),
  ),
  display_name: z.pipe(
    z.nullish(z.string()),
    z.transform((value) => value ?? null),
  ),
  whatsapp: z.pipe(
    z.nullish(z.string()),
    z.transform((value) => value ?? null),
  ),
  // Unknown roles (added later on the server) are kept out rather than failing the page.
  roles: z.pipe(
    z._default(z.array(z.string()), []),
    z.transform((roles) => roles.filter((role): role is Role => (knownRoles as readonly string[]).includes(role))),
  ),
  created_at: z.string(),
});

export type Account = z.infer<typeof accountSchema>;

/** The fields a shopper may change; whatsapp null clears the number. */
export interface AccountPatch {
  display_name?: string;
  whatsapp?: string | null;
}

/** The query key of a user's account: cached per user, dropped on sign-out. */
export const accountQueryKey = (userId: string) => ['account', userId] as const;
export const ACCOUNT_QUERY_ROOT = ['account'] as const;
