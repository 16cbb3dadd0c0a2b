import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoading } from '@/components/page-loading';
import { paths } from '@/config/paths';
import { useAuth } from './auth-context';

/**
 * Renders its children for a signed-in visitor. Anyone else goes to the sign-in
 * page, which brings them back here afterwards; after their own "Keluar" they go
 * home instead.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, signedOutBy } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <PageLoading />;
  if (status === 'signedOut') {
    if (signedOutBy === 'user') return <Navigate to={paths.home.build()} replace />;
    return <Navigate to={paths.login.build(`${location.pathname}${location.search}`)} replace />;
  }
  return children;
}
