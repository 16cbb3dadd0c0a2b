import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { Icon } from '@/components/ui/icon';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';
import { ACCOUNT_QUERY_ROOT } from '../api/account-schema';

// Members only: loaded with the session (guests never need it).
const SignedInMenu = lazy(() => import('./signed-in-menu').then((m) => ({ default: m.SignedInMenu })));

/**
 * The header's account corner: "Masuk" for guests; for members a menu button
 * (WAI-ARIA menu pattern: arrows, Home/End, Escape) with their name, "Akun saya",
 * the panels their roles open, and "Keluar".
 */
export function AccountMenu() {
  const { t } = useI18n();
  const { status } = useAuth();
  const location = useLocation();
  const queryClient = useQueryClient();

  // Nothing of a previous account may outlive its session in the cache.
  useEffect(() => {
    if (status === 'signedOut') queryClient.removeQueries({ queryKey: ACCOUNT_QUERY_ROOT });
  }, [status, queryClient]);

  if (status === 'loading') {
    return <Skeleton className="h-9 w-9 rounded-full" data-testid="account-loading" />;
  }
  if (status === 'signedOut') {
    const onAuthPage = ([paths.login.pattern, paths.register.pattern] as string[]).includes(
      location.pathname,
    );
    return (
      <Link
        to={onAuthPage ? paths.login.build() : paths.login.build(`${location.pathname}${location.search}`)}
        className="inline-flex h-10 w-10 items-center justify-center gap-2 rounded-control border border-gold/60 text-sm font-semibold text-gold transition hover:bg-gold/10 sm:h-9 sm:w-auto sm:px-3.5"
        data-testid="sign-in-link"
      >
        {/* Phones show the person icon only (the header is full); the word stays for screen readers. */}
        <Icon name="user" className="h-5 w-5 sm:hidden" />
        <span className="sr-only sm:not-sr-only">{t.accountMenu.signIn}</span>
      </Link>
    );
  }
  return (
    <Suspense fallback={<Skeleton className="h-9 w-9 rounded-full" />}>
      <SignedInMenu />
    </Suspense>
  );
}

