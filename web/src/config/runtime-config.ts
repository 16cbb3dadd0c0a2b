// Runtime configuration, fetched from /config.json at startup (the backend or the
// static host serves it), so one build runs in every environment.
import { createContext, useContext } from 'react';
import * as z from 'zod/mini';

export const runtimeConfigSchema = z.object({
  apiUrl: z.string().check(z.minLength(1)),
  supabaseUrl: z.string().check(z.minLength(1)),
  supabaseAnonKey: z.string(),
  shopName: z._default(z.string().check(z.minLength(1)), 'RuangPremium'),
  supportWhatsapp: z.string().check(z.regex(/^\+?[0-9 ()-]{6,20}$/)),
  supportEmail: z.email(),
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export const CONFIG_URL = '/config.json';

export async function loadRuntimeConfig(signal?: AbortSignal): Promise<RuntimeConfig> {
  // Plain GET so that it matches the <link rel="preload"> in index.html.
  const response = await fetch(CONFIG_URL, { signal });
  if (!response.ok) throw new Error(`${CONFIG_URL} answered HTTP ${response.status}`);
  const parsed = z.safeParse(runtimeConfigSchema, await response.json());
  if (!parsed.success) throw new Error(`${CONFIG_URL} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const RuntimeConfigContext = createContext<RuntimeConfig | null>(null);

export function useRuntimeConfig(): RuntimeConfig {
  const config = useContext(RuntimeConfigContext);
  if (!config) throw new Error('useRuntimeConfig must be used inside RuntimeConfigContext');
  return config;
}
