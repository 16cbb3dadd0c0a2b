import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { RuntimeConfigContext, type RuntimeConfig } from '@/config/runtime-config';
import { ToastProvider } from '@/components/toaster';
import { shouldRetry } from '@/lib/api-client';
import { AuthProvider } from '@/lib/auth';
import { I18nProvider } from '@/lib/i18n';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
    },
  });
}

export function AppProviders({ config, children }: { config: RuntimeConfig; children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <RuntimeConfigContext.Provider value={config}>
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <AuthProvider supabaseUrl={config.supabaseUrl} supabaseAnonKey={config.supabaseAnonKey}>
            <ToastProvider>{children}</ToastProvider>
          </AuthProvider>
        </QueryClientProvider>
      </I18nProvider>
    </RuntimeConfigContext.Provider>
  );
}
