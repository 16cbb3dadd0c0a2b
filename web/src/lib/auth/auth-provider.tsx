// Holds the visitor's Supabase session for the whole app. supabase-js is loaded
// only when it is needed: a session is stored in this browser, the URL carries
// an Auth redirect, another tab signs in, or a page asks for the client (the
// sign-in pages do on mount). Guests browsing the shop never download it.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Session } from '@supabase/supabase-js';
import { AuthContext, type AuthUrlError, type AuthValue } from './auth-context';
import { authStorageKey, hasStoredSession, isAuthCallbackUrl } from './auth-storage';
import type { Supabase } from './supabase-client';

interface AuthState {
  status: AuthValue['status'];
  session: Session | null;
  recovery: boolean;
  urlError: AuthUrlError | null;
  signedOutBy: AuthValue['signedOutBy'];
}

export function AuthProvider({
  supabaseUrl,
  supabaseAnonKey,
  children,
}: {
  supabaseUrl: string;
  supabaseAnonKey: string;
  children: ReactNode;
}) {
  const storageKey = useMemo(() => authStorageKey(supabaseUrl), [supabaseUrl]);
  const [needsClientAtStart] = useState(
    () => hasStoredSession(storageKey) || isAuthCallbackUrl(window.location),
  );
  const [state, setState] = useState<AuthState>(() => ({
    status: needsClientAtStart ? 'loading' : 'signedOut',
    session: null,
    recovery: false,
    urlError: null,
    signedOutBy: null,
  }));
  const clientPromise = useRef<Promise<Supabase> | null>(null);
  const userSigningOut = useRef(false);

  const getClient = useCallback((): Promise<Supabase> => {
    if (clientPromise.current) return clientPromise.current;
    const loading = import('./supabase-client').then(({ createSupabase }) => {
      const client = createSupabase(supabaseUrl, supabaseAnonKey, storageKey);
      client.auth.onAuthStateChange((event, session) => {
        // Only state updates here: calling the client inside this callback can deadlock.
        setState((previous) => ({
          ...previous,
          status: session ? 'signedIn' : 'signedOut',
          session,
          recovery:
            event === 'PASSWORD_RECOVERY' ? true : event === 'SIGNED_OUT' ? false : previous.recovery,
          signedOutBy:
            event === 'SIGNED_OUT'
              ? userSigningOut.current
                ? 'user'
                : 'session'
              : session
                ? null
                : previous.signedOutBy,
        }));
        if (event === 'SIGNED_OUT') userSigningOut.current = false;
      });
      void client.auth.initialize().then(({ error }) => {
        if (error?.name !== 'AuthImplicitGrantRedirectError') return;
        const details = (error as { details?: { code?: string } | null }).details;
        setState((previous) => ({
          ...previous,
          urlError: { code: details?.code ?? 'unknown', description: error.message },
        }));
        // The error stays readable in state; the address bar loses the fragment,
        // so a reload does not show it again.
        const { pathname, search } = window.location;
        window.history.replaceState(window.history.state, '', `${pathname}${search}`);
      });
      return client;
    });
    clientPromise.current = loading;
    loading.catch(() => {
      // The chunk could not be loaded (offline, a deploy replaced it): try again next time.
      clientPromise.current = null;
      setState((previous) =>
        previous.status === 'loading' ? { ...previous, status: 'signedOut' } : previous,
      );
    });
    return loading;
  }, [supabaseUrl, supabaseAnonKey, storageKey]);

  useEffect(() => {
    if (needsClientAtStart) getClient().catch(() => undefined);
  }, [needsClientAtStart, getClient]);

  // Signing in in another tab writes the session to storage: follow it here.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === storageKey && event.newValue) getClient().catch(() => undefined);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [storageKey, getClient]);

  const getAccessToken = useCallback(async () => {
    if (!clientPromise.current && !hasStoredSession(storageKey)) return null;
    const client = await getClient();
    const { data } = await client.auth.getSession();
    return data.session?.access_token ?? null;
  }, [getClient, storageKey]);

  const signOut = useCallback(async (options?: { expired?: boolean }) => {
    const client = await getClient();
    userSigningOut.current = !options?.expired;
    // Local scope: this device only. supabase-js clears the session before it
    // asks the server to revoke the refresh token, so this works offline too.
    const { error } = await client.auth.signOut({ scope: 'local' });
    if (error) {
      userSigningOut.current = false;
      throw error;
    }
  }, [getClient]);

  const clearUrlError = useCallback(() => {
    setState((previous) => (previous.urlError ? { ...previous, urlError: null } : previous));
  }, []);

  const value = useMemo<AuthValue>(
    () => ({
      ...state,
      user: state.session?.user ?? null,
      getClient,
      getAccessToken,
      signOut,
      clearUrlError,
    }),
    [state, getClient, getAccessToken, signOut, clearUrlError],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
