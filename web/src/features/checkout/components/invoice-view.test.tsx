import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveOrderToken } from '../order-tokens';
import { orderViewPayload } from '../test-fixtures';
import { jsonResponse, renderWithApp } from '../test-render';
import { InvoiceView } from './invoice-view';

const TOKEN = 'Jx2m7hL0qP4rT9vW1yZ3aB5cD7eF9gH1iJ3kL5mN7oQ';
const orderId = orderViewPayload.id;

function awaitingOrder(minutesLeft: number) {
  const expires = new Date(Date.now() + minutesLeft * 60_000 - 1_000).toISOString();
  return { ...orderViewPayload, expires_at: expires, payment: { ...orderViewPayload.payment, expires_at: expires } };
}

function renderInvoice() {
  return renderWithApp(<InvoiceView orderId={orderId} />, {
    path: `/invoice/${orderId}`,
    routes: [{ path: '/track/:token', element: <p>tracking page</p> }],
  });
}

describe('InvoiceView', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    window.localStorage.clear();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('opens with the token kept on this device: amount with the QRIS fee, QR, countdown, tracking link', async () => {
    saveOrderToken(orderId, TOKEN);
    fetchMock.mockImplementation(() => Promise.resolve(jsonResponse(200, awaitingOrder(15))));
    renderInvoice();

    expect(await screen.findByTestId('invoice-amount')).toHaveTextContent('Rp 151.150');
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe(`/api/orders/${orderId}`);
    expect(new Headers(init?.headers).get('X-Tracking-Token')).toBe(TOKEN);

    expect(screen.getByTestId('invoice-number')).toHaveTextContent('RP-261126-7K3M9Q');
    expect(screen.getByTestId('invoice-fee')).toHaveTextContent('Rp 1.150');
    expect(screen.getByText('Biaya layanan QRIS')).toBeInTheDocument();
    const qr = screen.getByRole('img', { name: 'Kode QRIS untuk membayar Rp 151.150' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
    expect(screen.getByRole('timer', { name: 'Sisa waktu pembayaran' })).toHaveTextContent(/^14:5\d$/);
    expect(screen.getByText('Sisa waktu pembayaran 15 menit.')).toBeInTheDocument();
    expect(screen.getByTestId('tracking-url')).toHaveAttribute('href', `/track/${TOKEN}`);
    expect(screen.getByText('Simpan tautan ini untuk melacak pesanan')).toBeInTheDocument();
  });

  it('moves on to the tracking page once paid', async () => {
    saveOrderToken(orderId, TOKEN);
    fetchMock.mockImplementation(() =>
      Promise.resolve(jsonResponse(200, { ...orderViewPayload, status: 'paid', payment: { ...orderViewPayload.payment, qr_string: null } })),
    );
    const { router } = renderInvoice();
    expect(await screen.findByRole('heading', { name: 'Pembayaran diterima' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe(`/track/${TOKEN}`), { timeout: 4000 });
  });

  it('offers "Beli lagi" once the invoice has expired', async () => {
    saveOrderToken(orderId, TOKEN);
    fetchMock.mockImplementation(() =>
      Promise.resolve(jsonResponse(200, { ...orderViewPayload, status: 'expired', payment: { ...orderViewPayload.payment, qr_string: null } })),
    );
    renderInvoice();
    expect(await screen.findByRole('heading', { name: 'Invoice kedaluwarsa' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Beli lagi' })).toHaveAttribute(
      'href',
      '/products/chatgpt-plus-1-bulan-sharing',
    );
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('without the token and signed out, says where the invoice opens', () => {
    renderInvoice();
    expect(screen.getByRole('heading', { name: 'Invoice ini terbuka dari perangkat pemesan' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Masuk' })).toHaveAttribute('href', `/login?next=%2Finvoice%2F${orderId}`);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
