import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { Icon, type IconName } from '@/components/ui/icon';
import { paths } from '@/config/paths';
import { displayNameOf, useAuth } from '@/lib/auth';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import { useToast } from '@/lib/toast';
import { useAccount } from '../api/get-account';

interface Item {
  key: string;
  label: string;
  icon: IconName;
  to?: string;
  onSelect?: () => void;
}

/** The signed-in member's menu button and menu (see AccountMenu). */
export function SignedInMenu() {
  const { t } = useI18n();
  const { user, signOut } = useAuth();
  const account = useAccount();
  const { notify } = useToast();
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<Array<HTMLElement | null>>([]);
  const location = useLocation();

  const name = account.data?.display_name || displayNameOf(user);
  const email = account.data?.email || user?.email || '';
  const roles = account.data?.roles ?? [];

  async function handleSignOut() {
    setOpen(false);
    setSigningOut(true);
    try {
      await signOut();
      notify(t.accountMenu.signedOut, 'info');
    } catch {
      notify(t.accountMenu.signOutFailed, 'error');
    } finally {
      setSigningOut(false);
    }
  }

  const items: Item[] = [
    { key: 'account', label: t.accountMenu.myAccount, icon: 'user', to: paths.account.build() },
    { key: 'orders', label: t.accountMenu.myOrders, icon: 'receipt', to: paths.accountOrders.build() },
    ...(roles.includes('admin')
      ? [{ key: 'admin', label: t.accountMenu.adminPanel, icon: 'settings' as const, to: paths.admin.build() }]
      : []),
    ...(roles.includes('reseller')
      ? [{ key: 'reseller', label: t.accountMenu.resellerPanel, icon: 'store' as const, to: paths.reseller.build() }]
      : []),
    { key: 'signOut', label: t.accountMenu.signOut, icon: 'logout', onSelect: () => void handleSignOut() },
  ];

  // Close when the page changes (a menu link was followed, or back/forward).
  const [seenPath, setSeenPath] = useState(location.pathname);
  if (seenPath !== location.pathname) {
    setSeenPath(location.pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    itemRefs.current[0]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapperRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function focusItem(index: number) {
    const count = items.length;
    itemRefs.current[(index + count) % count]?.focus();
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = itemRefs.current.findIndex((element) => element === document.activeElement);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusItem(current + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusItem(current - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusItem(0);
        break;
      case 'End':
        event.preventDefault();
        focusItem(items.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        setOpen(false);
        buttonRef.current?.focus();
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
    }
  }

  const itemClasses =
    'flex w-full items-center gap-3 rounded-lg px-3 py-2.5 text-left text-sm font-medium text-fg hover:bg-glass-strong focus-visible:bg-glass-strong focus-visible:outline-offset-0';

  return (
    <div ref={wrapperRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-busy={signingOut || undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={onButtonKeyDown}
        data-testid="account-menu-button"
        className="flex h-10 items-center gap-2 rounded-full border border-line bg-surface p-1 text-sm font-medium text-fg transition hover:border-line-strong sm:pr-2"
      >
        <span
          aria-hidden="true"
          className="flex h-8 w-8 items-center justify-center rounded-full bg-cta text-sm font-bold text-on-accent uppercase"
        >
          {initialOf(name)}
        </span>
        <span className="sr-only">{t.accountMenu.open}: </span>
        <span className="sr-only max-w-[9rem] truncate lg:not-sr-only">{name}</span>
        <Icon
          name="chevronDown"
          className={cn('hidden h-4 w-4 text-fg-muted transition sm:block', open && 'rotate-180')}
        />
      </button>

      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label={t.accountMenu.open}
          onKeyDown={onMenuKeyDown}
          className="absolute top-full right-0 z-50 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-card border border-line-strong bg-surface-raised p-2 shadow-card"
        >
          <div role="none" className="border-b border-line px-3 pt-2 pb-3">
            <p className="text-xs text-fg-subtle">{t.accountMenu.signedInAs}</p>
            <p className="truncate font-semibold text-fg" data-testid="account-menu-name">
              {name}
            </p>
            {email && email !== name && <p className="truncate text-xs text-fg-muted">{email}</p>}
          </div>
          <div role="none" className="pt-2">
            {items.map((item, index) => {
              const ref = (element: HTMLElement | null) => {
                itemRefs.current[index] = element;
              };
              const content = (
                <>
                  <Icon name={item.icon} className={cn('h-4.5 w-4.5', item.key === 'signOut' ? 'text-fg-muted' : 'text-gold')} />
                  {item.label}
                </>
              );
              return item.to ? (
                <Link key={item.key} ref={ref} role="menuitem" tabIndex={-1} to={item.to} className={itemClasses}>
                  {content}
                </Link>
              ) : (
                <Fragment key={item.key}>
                  <div role="separator" className="my-1.5 border-t border-line" />
                  <button
                    ref={ref}
                    type="button"
                    role="menuitem"
                    tabIndex={-1}
                    onClick={item.onSelect}
                    className={itemClasses}
                  >
                    {content}
                  </button>
                </Fragment>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}

function initialOf(name: string): string {
  return [...name.trim()][0] ?? '?';
}
