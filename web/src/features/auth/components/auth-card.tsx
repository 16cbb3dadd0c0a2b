import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { Icon, type IconName } from '@/components/ui/icon';

/** The frame of every sign-in page: one focused card, centred, phone first. */
export function AuthCard({
  title,
  subtitle,
  icon = 'lock',
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  icon?: IconName;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto w-full max-w-md py-2 sm:py-6">
      <Card className="p-5 sm:p-8">
        <header className="mb-6">
          <span
            aria-hidden="true"
            className="mb-4 flex h-11 w-11 items-center justify-center rounded-xl bg-cta text-on-accent shadow-glow"
          >
            <Icon name={icon} />
          </span>
          <h1 className="text-2xl font-bold tracking-tight text-fg">{title}</h1>
          {subtitle && <p className="mt-2 text-sm text-fg-muted">{subtitle}</p>}
        </header>
        {children}
      </Card>
      {footer && <div className="mt-6 text-center text-sm text-fg-muted">{footer}</div>}
    </div>
  );
}

/** Inline links inside the sign-in pages: gold, underlined on hover. */
export const authLinkClasses =
  'rounded font-semibold text-gold underline-offset-4 hover:text-gold-soft hover:underline';
