import type { ReactNode } from 'react';
import { Outlet, ScrollRestoration, useNavigation } from 'react-router';
import { Container } from '@/components/ui/container';
import { MAIN_CONTENT_ID } from '@/config/paths';
import { useI18n } from '@/lib/i18n';
import { Footer } from './footer';
import { Header } from './header';

/** `accountMenu`: the header's account corner, provided by the app (it belongs to the account feature). */
export function RootLayout({ accountMenu }: { accountMenu?: ReactNode }) {
  const { t } = useI18n();
  const navigation = useNavigation();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href={`#${MAIN_CONTENT_ID}`}
        data-testid="skip-link"
        className="sr-only z-50 rounded-control bg-gold px-4 py-2 font-semibold text-on-accent focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        {t.nav.skipToContent}
      </a>
      {navigation.state === 'loading' && (
        <div
          aria-hidden="true"
          className="fixed inset-x-0 top-0 z-50 h-0.5 animate-pulse bg-cta"
        />
      )}
      <Header accountMenu={accountMenu} />
      {/* At least one screen tall: while a page loads, the footer stays below the
          fold instead of jumping down when the content arrives (layout shift). */}
      <main
        id={MAIN_CONTENT_ID}
        tabIndex={-1}
        className="min-h-[calc(100dvh-4rem)] flex-1 focus:outline-none"
      >
        <Container className="py-6 sm:py-10">
          <Outlet />
        </Container>
      </main>
      <Footer />
      <ScrollRestoration />
    </div>
  );
}
