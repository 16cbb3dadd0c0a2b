/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the backend (`ruangpremium dev`) serves /api and /config.json;
// the dev server forwards both so the app runs exactly as in production.
const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': backend,
      '/config.json': backend,
      '/images': backend,
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    // Read by scripts/bundle-budget.mjs to add up the JavaScript each route loads.
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the shop's code: keep them in their own
        // long-cached chunks, so a deploy only invalidates the app chunks.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/ },
            // Supabase Auth is loaded on demand (lib/auth/auth-provider.tsx): never
            // let it fall into the vendor chunk that every page loads.
            { name: 'supabase', test: /node_modules[\\/](@supabase|tslib|iceberg-js)[\\/]/ },
            // The QR encoder is for the invoice page only: keep it out of the vendor chunk too.
            { name: 'qr', test: /node_modules[\\/]uqr[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    css: false,
  },
});
