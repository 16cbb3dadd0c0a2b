import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { PageHeader } from '@/components/page-header';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icon';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useRuntimeConfig } from '@/config/runtime-config';
import { isApiError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { formatDayWib } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useAccountMessages } from '@/lib/i18n/account-messages';
import { useToast } from '@/lib/toast';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Account } from '../api/account-schema';
import { useAccount } from '../api/get-account';
import { ProfileForm } from './profile-form';

/** /account: the profile (view and edit), password change and sign-out. */
export function AccountView() {
  const { t } = useI18n();
  const m = useAccountMessages();
  const { shopName } = useRuntimeConfig();
  const account = useAccount();
  useDocumentTitle(m.account.title, shopName);

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={m.account.title}>{m.account.subtitle}</PageHeader>
      {account.isPending ? (
        <AccountSkeleton label={t.common.loading} />
      ) : account.isError ? (
        isApiError(account.error) && account.error.status === 401 ? (
          <SessionInvalid />
        ) : (
          <ErrorState error={account.error} onRetry={() => void account.refetch()} />
        )
      ) : (
        <AccountDetails account={account.data} />
      )}
    </div>
  );
}

function AccountDetails({ account }: { account: Account }) {
  const { lang } = useI18n();
  const m = useAccountMessages();
  const { notify } = useToast();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Leaving the form puts focus back where the visitor started: on "Ubah profil", once
  // React has rendered it again.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  function finishEditing(saved: boolean) {
    setEditing(false);
    if (saved) notify(m.account.saved);
  }

  return (
    <div className="space-y-6">
      <Card className="p-5 sm:p-7" data-testid="profile-card">
        <div className="mb-5 flex items-center justify-between gap-4">
          <h2 className="text-lg font-semibold text-fg">{m.account.profile}</h2>
          {!editing && (
            <Button ref={editButton} variant="secondary" size="sm" onClick={() => setEditing(true)}>
              <Icon name="pencil" className="h-4 w-4" />
              {m.account.edit}
            </Button>
          )}
        </div>

        {editing ? (
          <ProfileForm account={account} onDone={finishEditing} />
        ) : (
          <dl className="grid gap-x-6 gap-y-5 sm:grid-cols-2">
            <Detail label={m.account.name} testId="profile-name">
              {account.display_name || <NotSet />}
            </Detail>
            <Detail label={m.account.whatsapp} testId="profile-whatsapp">
              {account.whatsapp || <NotSet />}
            </Detail>
            <Detail label={m.account.email} testId="profile-email" note={m.account.emailNote}>
              <span className="[overflow-wrap:anywhere]">{account.email}</span>
            </Detail>
            <Detail label={m.account.roles}>
              <span className="flex flex-wrap gap-1.5">
                {displayRoles(account.roles).map((role) => (
                  <Badge key={role} variant={role === 'admin' ? 'gold' : role === 'reseller' ? 'purple' : 'neutral'}>
                    {m.account.role[role]}
                  </Badge>
                ))}
              </span>
            </Detail>
            <Detail label={m.account.memberSince}>{formatDayWib(account.created_at, lang)}</Detail>
          </dl>
        )}
      </Card>

      <Card className="flex flex-col items-start gap-3 p-5 sm:flex-row sm:items-center sm:justify-between sm:p-7">
        <div>
          <h2 className="text-lg font-semibold text-fg">{m.account.orders}</h2>
          <p className="mt-1 text-sm text-fg-muted">{m.account.ordersBody}</p>
        </div>
        <Link
          to={paths.accountOrders.build()}
          className={buttonClasses({ variant: 'secondary', size: 'sm', className: 'shrink-0' })}
          data-testid="account-orders-link"
        >
          <Icon name="receipt" className="h-4 w-4" />
          {m.account.orders}
        </Link>
      </Card>

      <div className="grid gap-6 sm:grid-cols-2">
        <Card className="flex flex-col items-start gap-3 p-5 sm:p-7">
          <h2 className="text-lg font-semibold text-fg">{m.account.security}</h2>
          <p className="text-sm text-fg-muted">{m.account.securityBody}</p>
          <Link
            to={paths.resetPassword.build()}
            className={buttonClasses({ variant: 'secondary', size: 'sm', className: 'mt-auto' })}
          >
            <Icon name="lock" className="h-4 w-4" />
            {m.account.changePassword}
          </Link>
        </Card>
        <SignOutCard />
      </div>
    </div>
  );
}

function SignOutCard() {
  const { t } = useI18n();
  const m = useAccountMessages();
  const { signOut } = useAuth();
  const { notify } = useToast();
  const [pending, setPending] = useState(false);

  async function handleSignOut() {
    setPending(true);
    try {
      await signOut();
      notify(t.accountMenu.signedOut, 'info');
    } catch {
      notify(t.accountMenu.signOutFailed, 'error');
      setPending(false);
    }
  }

  return (
    <Card className="flex flex-col items-start gap-3 p-5 sm:p-7">
      <h2 className="text-lg font-semibold text-fg">{m.account.signOut}</h2>
      <p className="text-sm text-fg-muted">{m.account.signOutBody}</p>
      <Button
        variant="outline"
        size="sm"
        className="mt-auto"
        loading={pending}
        onClick={() => void handleSignOut()}
        data-testid="account-sign-out"
      >
        <Icon name="logout" className="h-4 w-4" />
        {m.account.signOut}
      </Button>
    </Card>
  );
}

function Detail({
  label,
  note,
  testId,
  children,
}: {
  label: string;
  note?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-fg-subtle uppercase">{label}</dt>
      <dd className="mt-1 text-base text-fg" data-testid={testId}>
        {children}
      </dd>
      {note && <dd className="mt-1 text-xs text-fg-subtle">{note}</dd>}
    </div>
  );
}

/** The highest role first; an account without roles is a member. */
function displayRoles(roles: Account['roles']): Account['roles'] {
  const order = ['admin', 'reseller', 'member'] as const;
  return roles.length > 0 ? order.filter((role) => roles.includes(role)) : ['member'];
}

function NotSet() {
  const m = useAccountMessages();
  return <span className="text-fg-subtle italic">{m.account.notSet}</span>;
}

function SessionInvalid() {
  const m = useAccountMessages();
  const { signOut } = useAuth();
  return (
    <Card role="alert" className="flex flex-col items-start gap-4 p-6">
      <p className="text-fg">{m.account.sessionInvalid}</p>
      {/* Signing out as "expired" makes the page guard send the visitor to sign in again. */}
      <Button onClick={() => void signOut({ expired: true }).catch(() => undefined)}>
        {m.account.signInAgain}
      </Button>
    </Card>
  );
}

function AccountSkeleton({ label }: { label: string }) {
  return (
    <Card className="space-y-5 p-5 sm:p-7" aria-busy="true">
      <span className="sr-only" role="status">
        {label}
      </span>
      <Skeleton className="h-6 w-32" />
      <div className="grid gap-5 sm:grid-cols-2">
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="space-y-2">
            <Skeleton className="h-3 w-20" />
            <Skeleton className="h-5 w-40" />
          </div>
        ))}
      </div>
    </Card>
  );
}
