import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { PageLoading } from '@/components/page-loading';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { RequireAuth } from '@/lib/auth';
import { interpolate, useI18n } from '@/lib/i18n';
import { useAccountMessages } from '@/lib/i18n/account-messages';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Role } from '../api/account-schema';
import { useAccount } from '../api/get-account';

/**
 * Shows its children only to accounts with `role`: guests sign in first, others
 * get a plain "no access" page. The server checks roles again on every request;
 * this only keeps people from pages that would refuse them.
 */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  return (
    <RequireAuth>
      <RoleGate role={role}>{children}</RoleGate>
    </RequireAuth>
  );
}

function RoleGate({ role, children }: { role: Role; children: ReactNode }) {
  const account = useAccount();
  if (account.isPending) return <PageLoading />;
  if (account.isError) {
    return <ErrorState error={account.error} onRetry={() => void account.refetch()} />;
  }
  if (!account.data.roles.includes(role)) return <NoAccess email={account.data.email} />;
  return children;
}

function NoAccess({ email }: { email: string }) {
  const { t } = useI18n();
  const m = useAccountMessages();
  const { shopName } = useRuntimeConfig();
  useDocumentTitle(m.panels.noAccessTitle, shopName);
  return (
    <Card className="mx-auto max-w-xl p-6 text-center sm:p-10" data-testid="no-access">
      <span
        aria-hidden="true"
        className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full border border-danger/40 bg-danger/10 text-danger"
      >
        <Icon name="lock" />
      </span>
      <h1 className="text-2xl font-bold text-fg">{m.panels.noAccessTitle}</h1>
      <p className="mt-3 text-fg-muted [overflow-wrap:anywhere]">
        {interpolate(m.panels.noAccessBody, { email })}
      </p>
      <div className="mt-6 flex flex-col-reverse justify-center gap-3 sm:flex-row">
        <Link to={paths.home.build()} className={buttonClasses({ variant: 'secondary' })}>
          {t.common.backHome}
        </Link>
        <Link to={paths.account.build()} className={buttonClasses({ variant: 'primary' })}>
          {m.panels.toAccount}
        </Link>
      </div>
    </Card>
  );
}
