import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '@/lib/auth';
import type { Supabase } from '@/lib/auth/supabase-client';

/**
 * One Auth request at a time from a form. Loads the Auth client while the visitor types
 * (so the submit is instant), reports progress, and keeps the error to show. `request`
 * returns the error to show (an Auth error, or anything `authErrorMessage` understands) or
 * nothing when it succeeded; a thrown error (network, loading the client) is shown too.
 */
export function useAuthRequest() {
  const { getClient } = useAuth();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    getClient().catch(() => undefined);
  }, [getClient]);

  const run = useCallback(
    async (request: (client: Supabase) => Promise<unknown>) => {
      setError(null);
      setSubmitting(true);
      try {
        const failure = await request(await getClient());
        if (failure) setError(failure);
      } catch (caught) {
        setError(caught);
      } finally {
        setSubmitting(false);
      }
    },
    [getClient],
  );
  const clearError = useCallback(() => setError(null), []);

  return { submitting, error, clearError, run };
}
