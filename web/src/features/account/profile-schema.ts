// The profile form: display name and WhatsApp number, checked before sending.
import * as z from 'zod/mini';
import { displayNameField, whatsappField } from '@/lib/forms/fields';
import type { Account, AccountPatch } from './api/account-schema';

export const profileSchema = z.object({ name: displayNameField, whatsapp: whatsappField });

/** Only what changed is sent; an emptied WhatsApp number is sent as null. */
export function profilePatch(
  account: Pick<Account, 'display_name' | 'whatsapp'>,
  values: z.infer<typeof profileSchema>,
): AccountPatch {
  const patch: AccountPatch = {};
  if (values.name !== (account.display_name ?? '')) patch.display_name = values.name;
  if (values.whatsapp !== account.whatsapp) patch.whatsapp = values.whatsapp;
  return patch;
}

