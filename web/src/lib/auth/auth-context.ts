import { createContext, useContext } from 'react';
import type { Session, User } from '@supabase/supabase-js';
import type { Supabase } from './supabase-client';

export type AuthStatus = 'loading' | 'signedIn' | 'signedOut';

/** An Auth error that came back in the URL, e.g. an expired recovery link. */
export interface AuthUrlError {
  code: string;
  description: string;
}

export interface AuthValue {
  status: AuthStatus;
  session: Session | null;
  user: User | null;
  /** True after a password-recovery link signed this browser in (until sign-out). */
  recovery: boolean;
  urlError: AuthUrlError | null;
  /** Why the last sign-out happened: the user's own click, or the session ended. */
  signedOutBy: 'user' | 'session' | null;
  /** The Supabase client, loaded on first use. Rejects when it cannot be loaded. */
  getClient: () => Promise<Supabase>;
  /** A fresh access token for the shop API (refreshed when due), or null. */
  getAccessToken: () => Promise<string | null>;
  /**
   * Signs out on this device (the refresh token is revoked on the server too).
   * `expired`: the session no longer works, so pages send the visitor to sign in
   * again instead of home.
   */
  signOut: (options?: { expired?: boolean }) => Promise<void>;
  /** Forgets a URL error once the page has shown it. */
  clearUrlError: () => void;
}

export const AuthContext = createContext<AuthValue | null>(null);

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
