// Renders a checkout page part with the app's providers (Indonesian, signed out unless
// told otherwise) and a memory router, for the component tests.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { User } from '@supabase/supabase-js';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { ToastProvider } from '@/components/toaster';
import { RuntimeConfigContext, type RuntimeConfig } from '@/config/runtime-config';
import { AuthContext, type AuthValue } from '@/lib/auth/auth-context';
import { I18nProvider, type Language } from '@/lib/i18n';

const config: RuntimeConfig = {
  apiUrl: '/api',
  supabaseUrl: 'http://localhost:8080',
  supabaseAnonKey: 'sb_publishable_test',
  shopName: 'RuangPremium',
  supportWhatsapp: '+6281234567890',
  supportEmail: 'support@example.test',
};

const signedOut: AuthValue = {
  status: 'signedOut',
  session: null,
  user: null,
  recovery: false,
  urlError: null,
  signedOutBy: null,
  getClient: () => Promise.reject(new Error('not in tests')),
  getAccessToken: () => Promise.resolve(null),
  signOut: () => Promise.resolve(),
  clearUrlError: () => undefined,
};

/** A signed-in member whose API token is `accessToken`. */
export function signedInAs(userId: string, accessToken = 'member-access-token'): AuthValue {
  return {
    ...signedOut,
    status: 'signedIn',
    user: { id: userId } as User,
    getAccessToken: () => Promise.resolve(accessToken),
  };
}

export function renderWithApp(
  page: ReactNode,
  {
    path = '/x',
    routes = [] as { path: string; element: ReactNode }[],
    auth = signedOut,
    lang = 'id' as Language,
  } = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path, element: page }, ...routes, { path: '*', element: <p>elsewhere</p> }], {
    initialEntries: [path],
  });
  const result = render(
    <RuntimeConfigContext.Provider value={config}>
      <I18nProvider initialLanguage={lang}>
        <QueryClientProvider client={queryClient}>
          <AuthContext.Provider value={auth}>
            <ToastProvider>
              <RouterProvider router={router} />
            </ToastProvider>
          </AuthContext.Provider>
        </QueryClientProvider>
      </I18nProvider>
    </RuntimeConfigContext.Provider>,
  );
  return { ...result, router, queryClient };
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** jsdom has no modal dialogs: enough of showModal/close for the must-read dialog. */
export function polyfillDialog(): void {
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
  if (typeof proto.showModal === 'function') return;
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}
