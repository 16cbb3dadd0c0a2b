import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import * as z from 'zod/mini';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkoutSchema } from '../api/order-schema';
import { initialCheckoutValues } from '../order-form';
import { checkoutPayload, orderViewPayload } from '../test-fixtures';
import { jsonResponse, polyfillDialog, renderWithApp } from '../test-render';
import { CheckoutForm } from './checkout-form';

const checkout = z.parse(checkoutSchema, checkoutPayload);

function renderForm() {
  return renderWithApp(
    <CheckoutForm
      checkout={checkout}
      initialValues={initialCheckoutValues(checkout.product.input_schema)}
      prefilled={false}
      quantity={1}
      onQuantityChange={() => undefined}
      quoteReady
      quoteError={null}
      onStockChanged={() => undefined}
    />,
    { path: '/checkout/x', routes: [{ path: '/invoice/:orderId', element: <p>invoice page</p> }] },
  );
}

const type = (name: string | RegExp, value: string) =>
  fireEvent.change(screen.getByRole('textbox', { name }), { target: { value } });

function fillForm() {
  type('Nama', 'Budi');
  type('Email', 'budi@example.com');
  type('Nomor WhatsApp', '0812 3456 7890');
  type('Email yang akan diundang', 'tim@kantor.id');
}

const pay = () => fireEvent.click(screen.getByRole('button', { name: /Bayar dengan QRIS/ }));

describe('CheckoutForm', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeAll(polyfillDialog);
  beforeEach(() => {
    window.localStorage.clear();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('asks for the invite email and checks the fields before anything is sent', async () => {
    renderForm();
    await act(async () => pay());
    expect(screen.getByRole('textbox', { name: 'Nama' })).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Email yang akan diundang' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Masukkan nomor WhatsApp, contoh 0812-3456-7890.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the must-read notice first, and pays only once it is acknowledged', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(201, { order: orderViewPayload, tracking_token: 'Jx2m7hL0qP4rT9vW1yZ3aB5cD7eF9gH1iJ3kL5mN7oQ' }),
    );
    const { router } = renderForm();
    fillForm();
    await act(async () => pay());

    const dialog = await screen.findByRole('dialog', { name: 'Wajib Baca sebelum membayar' });
    expect(dialog).toHaveTextContent('Pastikan email yang kamu isi benar.');
    expect(fetchMock).not.toHaveBeenCalled();

    // Not ticked: it says so and goes nowhere.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lanjut bayar' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Centang “Saya sudah membaca dan memahami”');
    expect(fetchMock).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Saya sudah membaca dan memahami' }));
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Lanjut bayar' })));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/orders');
    expect(JSON.parse(String(init?.body))).toEqual({
      product_id: checkout.product.id,
      quantity: 1,
      buyer: { name: 'Budi', email: 'budi@example.com', whatsapp: '+6281234567890' },
      target: { email: 'tim@kantor.id' },
      must_read_acknowledged: true,
    });
    await waitFor(() => expect(router.state.location.pathname).toBe(`/invoice/${orderViewPayload.id}`));
    expect(JSON.parse(window.localStorage.getItem('rp.orderTokens') ?? '{}')).toEqual({
      [orderViewPayload.id]: 'Jx2m7hL0qP4rT9vW1yZ3aB5cD7eF9gH1iJ3kL5mN7oQ',
    });
  });

  it('closing the notice (Escape) sends nothing', async () => {
    renderForm();
    fillForm();
    await act(async () => pay());
    const dialog = await screen.findByRole('dialog');
    await act(async () => (dialog as HTMLDialogElement).close());
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server’s field errors on the matching fields', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, {
        error: {
          code: 'invalid_body',
          message: 'Data yang dikirim tidak valid.',
          fields: {
            'buyer.email': 'Domain email ini tidak menerima surat.',
            'target.email': 'Email ini sudah ada di workspace lain.',
            'target.color': 'Isian ini tidak dikenal.',
          },
        },
      }),
    );
    renderForm();
    fillForm();
    await act(async () => pay());
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Saya sudah membaca dan memahami' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Lanjut bayar' })));

    const inviteEmail = screen.getByRole('textbox', { name: 'Email yang akan diundang' });
    await waitFor(() => expect(inviteEmail).toHaveAccessibleDescription('Email ini sudah ada di workspace lain.'));
    expect(inviteEmail).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(
      'Domain email ini tidak menerima surat.',
    );
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveFocus();
    // The field the page does not show is named, with the server's words, and a reload offered.
    const alert = screen.getByTestId('checkout-alert');
    expect(alert).toHaveTextContent('Periksa isian yang ditandai.');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('color: Isian ini tidak dikenal.');
    expect(within(alert).getByRole('button', { name: 'Muat ulang halaman' })).toBeInTheDocument();
  });

  it('sends once however fast the button is pressed, then explains too many unpaid orders', async () => {
    let answer: (response: Response) => void = () => undefined;
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));
    renderForm();
    fillForm();
    await act(async () => pay());
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Saya sudah membaca dan memahami' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Lanjut bayar' })));
    // Pressed again while the first order is on its way.
    fireEvent.submit(screen.getByTestId('checkout-form'));
    fireEvent.submit(screen.getByTestId('checkout-form'));
    expect(screen.getByTestId('pay-button')).toBeDisabled();

    await act(async () =>
      answer(jsonResponse(429, { error: { code: 'too_many_unpaid_orders', message: 'Terlalu banyak pesanan.' } })),
    );
    const alert = await screen.findByTestId('checkout-alert');
    expect(alert).toHaveTextContent('Kamu sudah punya 3 pesanan yang belum dibayar');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
