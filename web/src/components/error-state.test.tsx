import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { I18nProvider } from '@/lib/i18n';
import { ErrorState } from './error-state';

function renderError(error: unknown, onRetry = vi.fn()) {
  render(
    <I18nProvider initialLanguage="id">
      <ErrorState error={error} onRetry={onRetry} />
    </I18nProvider>,
  );
  return onRetry;
}

describe('ErrorState', () => {
  it("shows the server's localised message and retries", () => {
    const onRetry = renderError(
      new ApiError({ status: 400, code: 'invalid_query', message: 'Urutan tidak dikenal.', fromServer: true }),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Urutan tidak dikenal.');
    fireEvent.click(screen.getByRole('button', { name: 'Coba lagi' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('explains network failures in the UI language', () => {
    renderError(new ApiError({ status: 0, code: 'network', message: 'x', fromServer: false }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tidak dapat terhubung ke server');
  });

  it('falls back to a generic message for unknown errors', () => {
    renderError(new Error('boom'));
    expect(screen.getByRole('alert')).toHaveTextContent('Terjadi kesalahan. Silakan coba lagi.');
  });
});
