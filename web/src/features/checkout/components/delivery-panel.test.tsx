import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  deliveredStockPayload,
  inviteOrderPayload,
  paidOrderPayload,
} from '../test-fixtures';
import { jsonResponse, renderWithApp, signedInAs } from '../test-render';
import { AccountOrderView } from './account-order-view';
import { TrackView } from './track-view';

// The panel is a lazily loaded chunk: on a busy CI machine its first render can take
// longer than Testing Library's default second.
configure({ asyncUtilTimeout: 5000 });

const TOKEN = 'Jx2m7hL0qP4rT9vW1yZ3aB5cD7eF9gH1iJ3kL5mN7oQ';
const orderId = paidOrderPayload.id;
const REVEAL_URL = `/api/orders/${orderId}/reveal`;
const CODES = ['CODE-123', 'email: a@b.c\npassword: x'];

type Handler = (init: RequestInit | undefined) => Response;

/** Answers GET /api/track (and GET /api/orders/{id}) and POST …/reveal, recording the calls. */
function serve(fetchMock: ReturnType<typeof vi.fn<typeof fetch>>, handlers: { order: Handler; reveal?: Handler }) {
  fetchMock.mockImplementation((input, init) => {
    const url = String(input);
    if (url === REVEAL_URL && init?.method === 'POST') {
      return Promise.resolve(handlers.reveal ? handlers.reveal(init) : jsonResponse(500, {}));
    }
    if (url === '/api/track' || url === `/api/orders/${orderId}`) return Promise.resolve(handlers.order(init));
    return Promise.resolve(jsonResponse(404, { error: { code: 'not_found', message: 'no' } }));
  });
}

const revealCalls = (fetchMock: ReturnType<typeof vi.fn<typeof fetch>>) =>
  fetchMock.mock.calls.filter(([url]) => String(url) === REVEAL_URL);

function renderTrack(lang: 'id' | 'en' = 'id') {
  return renderWithApp(<TrackView token={TOKEN} />, { path: `/track/${TOKEN}`, lang });
}

const panel = () => screen.getByTestId('delivery-panel');

// The pages load the panel on demand; loaded once here, it is not slower in the first test.
beforeAll(async () => {
  await import('./delivery-panel');
});

describe('DeliveryPanel on the tracking page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const writeText = vi.fn<(text: string) => Promise<void>>();

  beforeEach(() => {
    window.localStorage.clear();
    vi.stubGlobal('fetch', fetchMock);
    writeText.mockResolvedValue(undefined);
    Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: { writeText } });
  });
  afterEach(() => {
    fetchMock.mockReset();
    writeText.mockReset();
    vi.unstubAllGlobals();
    Reflect.deleteProperty(window.navigator, 'clipboard');
  });

  it('shows the progress while the order is processed, then the delivery, without a reload', async () => {
    let reads = 0;
    serve(fetchMock, {
      order: () => jsonResponse(200, ++reads < 2 ? paidOrderPayload : deliveredStockPayload),
    });
    renderTrack();

    expect(await screen.findByRole('heading', { name: 'Pesanan sedang diproses…' })).toBeInTheDocument();
    expect(panel()).toHaveAttribute('data-state', 'progress');
    expect(within(panel()).getByRole('progressbar', { name: 'Progres pengiriman pesanan' })).toBeInTheDocument();
    expect(screen.getByTestId('delivery-status')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByText('Diperbarui otomatis')).toBeInTheDocument();

    // The next poll (2.5 s while delivering) brings the delivery.
    expect(await screen.findByRole('heading', { name: 'Pesanan terkirim' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByTestId('delivery-status')).toHaveTextContent('2 item siap untuk kamu.');
    expect(panel()).toHaveAttribute('data-state', 'stock');
    expect(screen.queryByText('Diperbarui otomatis')).not.toBeInTheDocument();
    // Nothing secret was asked for on its own.
    expect(revealCalls(fetchMock)).toHaveLength(0);
  }, 10_000);

  it('reveals the codes only when asked, with the tracking token, each with its own copy button', async () => {
    serve(fetchMock, {
      order: () => jsonResponse(200, deliveredStockPayload),
      reveal: () => jsonResponse(200, { items: CODES, revealed_at: '2026-11-26T07:10:00Z' }),
    });
    renderTrack();

    const reveal = await screen.findByRole('button', { name: 'Tampilkan kode' });
    expect(screen.getByText(/Setiap kali kode ditampilkan, kami mencatatnya\./)).toBeInTheDocument();
    expect(screen.queryByText('CODE-123')).not.toBeInTheDocument();

    fireEvent.click(reveal);
    const list = await screen.findByRole('group', { name: 'Kode dan akun pesanan kamu' });
    const [call] = revealCalls(fetchMock);
    const init = call?.[1];
    expect(new Headers(init?.headers).get('X-Tracking-Token')).toBe(TOKEN);
    expect(new Headers(init?.headers).get('Authorization')).toBeNull();
    expect(init?.body).toBeUndefined();

    // Each item in a monospace box, line breaks kept; focus moves to the codes.
    const items = within(list).getAllByTestId('delivery-item');
    expect(items).toHaveLength(2);
    const credential = within(items[1] as HTMLElement).getByText(/email: a@b\.c/);
    expect(credential.tagName).toBe('PRE');
    expect(credential.textContent).toBe('email: a@b.c\npassword: x');
    expect(credential).toHaveClass('font-mono', 'whitespace-pre-wrap');
    await waitFor(() => expect(list).toHaveFocus());

    // The codes stay in memory only.
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('CODE-123');
    expect(JSON.stringify({ ...window.sessionStorage })).not.toContain('CODE-123');
  });

  it('copies one item or all of them and announces it', async () => {
    serve(fetchMock, {
      order: () => jsonResponse(200, deliveredStockPayload),
      reveal: () => jsonResponse(200, { items: CODES, revealed_at: '2026-11-26T07:10:00Z' }),
    });
    renderTrack();
    fireEvent.click(await screen.findByRole('button', { name: 'Tampilkan kode' }));

    fireEvent.click(await screen.findByRole('button', { name: 'Salin item 2' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('email: a@b.c\npassword: x'));
    const announcement = screen.getByTestId('delivery-announcement');
    expect(announcement).toHaveAttribute('role', 'status');
    await waitFor(() => expect(announcement).toHaveTextContent('Item 2 disalin.'));
    expect(within(screen.getAllByTestId('delivery-item')[1] as HTMLElement).getByRole('button', { name: 'Disalin' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Salin semua' }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith('CODE-123\n\nemail: a@b.c\npassword: x'));
    await waitFor(() => expect(announcement).toHaveTextContent('Semua item disalin.'));
  });

  it('says so when the browser refuses to copy', async () => {
    writeText.mockRejectedValue(new Error('denied'));
    serve(fetchMock, {
      order: () => jsonResponse(200, deliveredStockPayload),
      reveal: () => jsonResponse(200, { items: ['CODE-123'], revealed_at: '2026-11-26T07:10:00Z' }),
    });
    renderTrack();
    fireEvent.click(await screen.findByRole('button', { name: 'Tampilkan kode' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Salin item 1' }));
    await waitFor(() =>
      expect(screen.getByTestId('delivery-announcement')).toHaveTextContent('Tidak bisa menyalin otomatis'),
    );
    // One item: no "Salin semua".
    expect(screen.queryByRole('button', { name: 'Salin semua' })).not.toBeInTheDocument();
  });

  it('hides the codes again and forgets them, and counts the reveals', async () => {
    let revealed = 0;
    serve(fetchMock, {
      order: () =>
        jsonResponse(200, { ...deliveredStockPayload, delivery: { ...deliveredStockPayload.delivery, revealed_count: revealed } }),
      reveal: () => {
        revealed += 1;
        return jsonResponse(200, { items: CODES, revealed_at: '2026-11-26T07:10:00Z' });
      },
    });
    renderTrack();
    fireEvent.click(await screen.findByRole('button', { name: 'Tampilkan kode' }));
    await screen.findByText('CODE-123');
    // The order is read again after the reveal: the count is the server's.
    expect(await screen.findByTestId('revealed-count')).toHaveTextContent('Sudah ditampilkan 1 kali.');

    fireEvent.click(screen.getByRole('button', { name: 'Sembunyikan' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Tampilkan kode' })).toHaveFocus());
    expect(screen.queryByText('CODE-123')).not.toBeInTheDocument();
  });

  it('explains a 409 not_delivered in plain words and keeps the button', async () => {
    serve(fetchMock, {
      order: () => jsonResponse(200, deliveredStockPayload),
      reveal: () => jsonResponse(409, { error: { code: 'not_delivered', message: 'Nothing to reveal yet' } }),
    });
    renderTrack();
    const reads = () => fetchMock.mock.calls.filter(([url]) => String(url) === '/api/track').length;
    fireEvent.click(await screen.findByRole('button', { name: 'Tampilkan kode' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Kode belum bisa ditampilkan karena pesanan belum selesai dikirim. Halaman ini diperbarui otomatis begitu siap.',
    );
    expect(screen.getByRole('button', { name: 'Tampilkan kode' })).toBeEnabled();
    // …and the order is read again, to show where it really stands.
    await waitFor(() => expect(reads()).toBe(2));
  });

  it('explains a 404 order_not_found', async () => {
    serve(fetchMock, {
      order: () => jsonResponse(200, deliveredStockPayload),
      reveal: () => jsonResponse(404, { error: { code: 'order_not_found', message: 'Not found' } }),
    });
    renderTrack();
    fireEvent.click(await screen.findByRole('button', { name: 'Tampilkan kode' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Pesanan ini tidak ditemukan.');
  });

  it('shows a sent invitation: the address, what to do next, the provider note', async () => {
    serve(fetchMock, {
      order: () =>
        jsonResponse(
          200,
          inviteOrderPayload(
            'delivered',
            { status: 'sent', sent_at: '2026-11-26T07:08:00Z', note: 'Terima undangan dari OpenAI di kotak masuk' },
            'delivered',
          ),
        ),
    });
    renderTrack();

    expect(await screen.findByRole('heading', { name: 'Undangan terkirim' })).toBeInTheDocument();
    expect(screen.getByTestId('delivery-status')).toHaveTextContent(
      'Undangan sudah dikirim ke kursi@example.com. Buka kotak masuk (cek juga folder Spam/Promosi) dan terima undangannya.',
    );
    expect(screen.getByTestId('invite-email')).toHaveTextContent('kursi@example.com');
    expect(screen.getByTestId('invite-note')).toHaveTextContent('Terima undangan dari OpenAI di kotak masuk');
    expect(within(panel()).getByText('Dikirim 26 Nov 2026, 14.08 WIB')).toBeInTheDocument();
    // Nothing to reveal for an invitation.
    expect(screen.queryByRole('button', { name: 'Tampilkan kode' })).not.toBeInTheDocument();
  });

  it('shows an invitation on its way as progress', async () => {
    serve(fetchMock, { order: () => jsonResponse(200, inviteOrderPayload('processing', { status: 'sending' })) });
    renderTrack();
    expect(await screen.findByRole('heading', { name: 'Pesanan sedang diproses…' })).toBeInTheDocument();
    expect(screen.getByTestId('delivery-status')).toHaveTextContent('Undangan sedang dikirim ke kursi@example.com…');
  });

  it('shows an invitation the team sends by hand, with the expected time in WIB', async () => {
    const inTwoHours = new Date(Date.now() + 2 * 60 * 60_000).toISOString();
    serve(fetchMock, {
      order: () =>
        jsonResponse(200, inviteOrderPayload('processing', { status: 'awaiting_team', expected_by: inTwoHours }, 'awaiting_team')),
    });
    renderTrack();
    expect(await screen.findByRole('heading', { name: 'Sedang diproses oleh tim kami' })).toBeInTheDocument();
    expect(screen.getByTestId('delivery-expected')).toHaveTextContent(
      /^Perkiraan selesai sebelum (\d{1,2} \w{3} \d{4}, )?\d{2}\.\d{2} WIB\.$/,
    );
  });

  it('is honest about a failed delivery and gives the order number and the contacts', async () => {
    serve(fetchMock, {
      order: () =>
        jsonResponse(200, {
          ...deliveredStockPayload,
          status: 'needs_attention',
          delivery: { ...deliveredStockPayload.delivery, status: 'failed', delivered_at: null, item_count: 0 },
        }),
    });
    renderTrack();

    expect(await screen.findByRole('heading', { name: 'Ada kendala pada pesanan kamu' })).toBeInTheDocument();
    expect(screen.getByTestId('delivery-status')).toHaveTextContent(
      'Ada kendala saat mengirim pesanan kamu. Tim kami sudah diberi tahu dan akan menghubungi kamu.',
    );
    expect(screen.getByTestId('delivery-order-number')).toHaveTextContent('RP-261126-7K3M9Q');
    const whatsapp = within(panel()).getByRole('link', { name: /Chat admin via WhatsApp/ });
    const href = whatsapp.getAttribute('href') ?? '';
    expect(href).toMatch(/^https:\/\/wa\.me\/6281234567890\?text=/);
    expect(decodeURIComponent(href.split('text=')[1] ?? '')).toContain('RP-261126-7K3M9Q');
    expect(within(panel()).getByRole('link', { name: 'Kirim email' })).toHaveAttribute(
      'href',
      `mailto:support@example.test?subject=${encodeURIComponent('RuangPremium RP-261126-7K3M9Q')}`,
    );
    // One set of contacts on the page; it keeps watching (slowly) for the team's fix.
    expect(screen.queryByTestId('order-help')).not.toBeInTheDocument();
    expect(screen.getByText('Diperbarui otomatis')).toBeInTheDocument();

    fireEvent.click(within(panel()).getByRole('button', { name: 'Salin nomor pesanan' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('RP-261126-7K3M9Q'));
    await waitFor(() => expect(screen.getByTestId('delivery-announcement')).toHaveTextContent('Nomor pesanan disalin.'));
  });

  it('shows a failed invitation with the provider’s reason', async () => {
    serve(fetchMock, {
      order: () =>
        jsonResponse(200, inviteOrderPayload('needs_attention', { status: 'failed', note: 'Workspace penuh' }, 'failed')),
    });
    renderTrack();
    expect(await screen.findByRole('heading', { name: 'Ada kendala pada pesanan kamu' })).toBeInTheDocument();
    expect(screen.getByTestId('delivery-note')).toHaveTextContent('Workspace penuh');
  });

  it('has no panel before the payment', async () => {
    serve(fetchMock, {
      order: () => jsonResponse(200, { ...paidOrderPayload, status: 'awaiting_payment', paid_at: null, delivery: null }),
    });
    renderTrack();
    expect(await screen.findByTestId('continue-payment')).toBeInTheDocument();
    expect(screen.queryByTestId('delivery-panel')).not.toBeInTheDocument();
    expect(screen.queryByTestId('delivery-panel-loading')).not.toBeInTheDocument();
  });

  it('speaks English', async () => {
    serve(fetchMock, {
      order: () => jsonResponse(200, inviteOrderPayload('delivered', { status: 'sent' }, 'delivered')),
    });
    renderTrack('en');
    expect(await screen.findByRole('heading', { name: 'Invitation sent' })).toBeInTheDocument();
    expect(screen.getByTestId('delivery-status')).toHaveTextContent(
      'The invitation has been sent to kursi@example.com. Open your inbox (check the Spam/Promotions folders too) and accept the invitation.',
    );
  });
});

describe('DeliveryPanel on the member’s order page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => vi.stubGlobal('fetch', fetchMock));
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('reveals with the member’s token', async () => {
    serve(fetchMock, {
      order: () => jsonResponse(200, deliveredStockPayload),
      reveal: () => jsonResponse(200, { items: ['CODE-123'], revealed_at: '2026-11-26T07:10:00Z' }),
    });
    renderWithApp(<AccountOrderView orderId={orderId} />, {
      path: `/account/orders/${orderId}`,
      auth: signedInAs('user-1', 'member-token'),
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Tampilkan kode' }));
    expect(await screen.findByText('CODE-123')).toBeInTheDocument();
    const init = revealCalls(fetchMock)[0]?.[1];
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer member-token');
    expect(new Headers(init?.headers).get('X-Tracking-Token')).toBeNull();
  });
});
