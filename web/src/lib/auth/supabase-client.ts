// The one Supabase client of the site. Only ever imported dynamically (see
// auth-provider.tsx): supabase-js is large, and guests never need it.
import { createClient } from '@supabase/supabase-js';

export function createSupabase(url: string, anonKey: string, storageKey: string) {
  // Default options: implicit flow, persistSession, autoRefreshToken,
  // detectSessionInUrl. The storage key is the default one, named explicitly.
  return createClient(url, anonKey, { auth: { storageKey } });
}

export type Supabase = ReturnType<typeof createSupabase>;
