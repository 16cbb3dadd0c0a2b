import { useEffect } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { DEFAULT_AFTER_LOGIN, safeNextPath, useAuth } from '@/lib/auth';

/**
 * Where to go after signing in: `?next=` (set by the pages that require an
 * account), else a `from` path in the router state, else the account page.
 * Only same-site paths are ever used.
 */
export function useNextPath(): { next: string; requested: boolean } {
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const fromState = (location.state as { from?: unknown } | null)?.from;
  const raw = searchParams.get('next') ?? fromState;
  const requested = safeNextPath(raw, '');
  return { next: requested || DEFAULT_AFTER_LOGIN, requested: requested !== '' };
}

/** An email typed on one sign-in page, carried to the next one in router state. */
export function usePrefilledEmail(): string {
  const location = useLocation();
  const email = (location.state as { email?: unknown } | null)?.email;
  return typeof email === 'string' ? email : '';
}

/** Signed in (now, in another tab, or already on arrival): go where the visitor wanted. */
export function useGoNextWhenSignedIn(next: string): void {
  const { status } = useAuth();
  const navigate = useNavigate();
  useEffect(() => {
    if (status === 'signedIn') void navigate(next, { replace: true });
  }, [status, next, navigate]);
}
