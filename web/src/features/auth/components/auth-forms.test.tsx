import { AuthApiError } from '@supabase/supabase-js';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ToastProvider } from '@/components/toaster';
import { RuntimeConfigContext, type RuntimeConfig } from '@/config/runtime-config';
import { AuthContext, type AuthValue } from '@/lib/auth/auth-context';
import type { Supabase } from '@/lib/auth/supabase-client';
import { I18nProvider } from '@/lib/i18n';
import { LoginForm } from './login-form';
import { RegisterForm } from './register-form';

const config: RuntimeConfig = {
  apiUrl: '/api',
  supabaseUrl: 'http://localhost:8080',
  supabaseAnonKey: 'sb_publishable_test',
  shopName: 'RuangPremium',
  supportWhatsapp: '+6281234567890',
  supportEmail: 'support@example.test',
};

function renderPage(page: ReactNode, auth: Partial<Supabase['auth']>) {
  const client = { auth } as unknown as Supabase;
  const value: AuthValue = {
    status: 'signedOut',
    session: null,
    user: null,
    recovery: false,
    urlError: null,
    signedOutBy: null,
    getClient: () => Promise.resolve(client),
    getAccessToken: () => Promise.resolve(null),
    signOut: () => Promise.resolve(),
    clearUrlError: () => undefined,
  };
  const router = createMemoryRouter([{ path: '*', element: page }], { initialEntries: ['/x'] });
  return render(
    <RuntimeConfigContext.Provider value={config}>
      <I18nProvider initialLanguage="id">
        <AuthContext.Provider value={value}>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </AuthContext.Provider>
      </I18nProvider>
    </RuntimeConfigContext.Provider>,
  );
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });

describe('RegisterForm', () => {
  it('checks every field before sending, focusing the first problem', async () => {
    const signUp = vi.fn();
    renderPage(<RegisterForm />, { signUp });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Daftar' }));
    });

    const name = screen.getByRole('textbox', { name: 'Nama' });
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Masukkan nama kamu.');
    expect(name).toHaveFocus();
    expect(screen.getByText('Masukkan alamat email.')).toBeInTheDocument();
    expect(screen.getByText('Masukkan kata sandi.')).toBeInTheDocument();
    expect(screen.getByText('Ketik ulang kata sandi di sini.')).toBeInTheDocument();
    expect(signUp).not.toHaveBeenCalled();
  });

  it('shows the normalised WhatsApp number and sends the profile metadata', async () => {
    const signUp = vi.fn().mockResolvedValue({
      data: { session: null, user: { id: 'u1', identities: [{ id: 'i1' }] } },
      error: null,
    });
    renderPage(<RegisterForm />, { signUp });

    type('Nama', 'Budi Santoso');
    type('Email', 'budi@example.com');
    type('Nomor WhatsApp', '12345');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Daftar' }));
    });
    expect(screen.getByText(/Nomor WhatsApp tidak valid/)).toBeInTheDocument();
    expect(signUp).not.toHaveBeenCalled();
    // After a submit, messages follow the input as it is typed.
    type('Nomor WhatsApp', '0812-3456-7890');
    expect(screen.queryByText(/Nomor WhatsApp tidak valid/)).not.toBeInTheDocument();
    expect(screen.getByTestId('whatsapp-preview')).toHaveTextContent('Disimpan sebagai +6281234567890');
    fireEvent.change(screen.getByLabelText('Kata sandi', { selector: 'input' }), {
      target: { value: 'rahasia-123' },
    });
    type('Ulangi kata sandi', 'rahasia-123');

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Daftar' }));
    });
    expect(signUp).toHaveBeenCalledWith({
      email: 'budi@example.com',
      password: 'rahasia-123',
      options: {
        data: { display_name: 'Budi Santoso', whatsapp: '+6281234567890' },
        emailRedirectTo: `${window.location.origin}/login`,
      },
    });
    // Email confirmations are on: no session, so the shopper is asked to check their inbox.
    expect(await screen.findByTestId('check-email')).toHaveTextContent('budi@example.com');
  });

  it('explains an address that already has an account, keeping what was typed', async () => {
    const signUp = vi.fn().mockResolvedValue({
      data: { session: null, user: null },
      error: new AuthApiError('User already registered', 422, 'user_already_exists'),
    });
    renderPage(<RegisterForm />, { signUp });
    type('Nama', 'Budi');
    type('Email', 'budi@example.com');
    fireEvent.change(screen.getByLabelText('Kata sandi', { selector: 'input' }), {
      target: { value: 'rahasia-123' },
    });
    type('Ulangi kata sandi', 'rahasia-123');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Daftar' }));
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Email ini sudah terdaftar');
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveValue('budi@example.com');
  });
});

describe('LoginForm', () => {
  it('shows the mapped message for a wrong password and keeps the input', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const signInWithPassword = vi.fn(() => new Promise((resolve) => (answer = resolve)));
    renderPage(<LoginForm />, { signInWithPassword } as Partial<Supabase['auth']>);
    type('Email', 'budi@example.com');
    fireEvent.change(screen.getByLabelText('Kata sandi', { selector: 'input' }), {
      target: { value: 'salah-123' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Masuk' }));

    // While the request runs the button is busy and cannot be pressed twice.
    const button = await screen.findByRole('button', { name: 'Masuk' });
    await waitFor(() => expect(button).toBeDisabled());
    expect(button).toHaveAttribute('aria-busy', 'true');

    await act(async () => {
      answer({
        data: { user: null, session: null },
        error: new AuthApiError('Invalid login credentials', 400, 'invalid_credentials'),
      });
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Email atau kata sandi salah.');
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveValue('budi@example.com');
    expect(screen.getByLabelText('Kata sandi', { selector: 'input' })).toHaveValue('salah-123');
    expect(button).toBeEnabled();
  });
});
