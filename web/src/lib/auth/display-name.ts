import type { User } from '@supabase/supabase-js';

/** The name to greet someone with: their display name, else their email. */
export function displayNameOf(user: Pick<User, 'email' | 'user_metadata'> | null | undefined): string {
  const name: unknown = user?.user_metadata?.display_name;
  if (typeof name === 'string' && name.trim() !== '') return name.trim();
  return user?.email ?? '';
}
