// Automatic fulfillment as a guest sees it, against the real backend: a STOCK and an
// INVITE order are paid on the Tokopay simulator's own payment page (opened from the
// invoice in a new tab, as a buyer does) and the invoice, left open, moves on to the
// tracking page by itself and shows the delivery there, all in one document (never
// reloaded): the codes behind "Tampilkan kode" with copy buttons, the invitation sent to
// the invite email. The buyer's mailbox gets the "ready" mail with the tracking link and
// never a code. An invitation the team sends by hand shows its expected time in WIB,
// then turns to sent on the open tracking page once an admin confirms it.
// Runs on a phone and a desktop viewport.
//
// The webhook fulfils a STOCK order (and a simulated invitation) before it answers
// Tokopay, so these usually are delivered before the invoice notices the payment: their
// tracking page opens delivered. The "panel states" annotation records what the page
// showed (`none → stock`, `none → awaiting_team → invite_sent`).
//
// Every order is paid: unpaid orders count against CHECKOUT_MAX_UNPAID_ORDERS.
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_ADMIN, uniqueUser, type Mail } from './auth-helpers';
import { catalogSettled, expect, expectNoHorizontalOverflow, test, type RuntimeConfig } from './fixtures';

/**
 * STOCK products that can be bought now: every run uses the demo stock up, so not one
 * product by name but the first with two or more left.
 */
const STOCK_SEARCH = '/products?type=STOCK&available=true';
const IN_STOCK_2 = /^Stok (?:[2-9]|[1-9][\d.]+)$/;
/**
 * INVITE products whose providers use the `simulated` adapter (supabase/seed.sql), other
 * than checkout.spec.ts's, so the two specs do not share a pool's daily quota. The
 * adapter's outcome follows the invite email's tag: a plain address is sent, `+manual`
 * waits for the team.
 */
const INVITE_SENT = 'canva-pro-1-bulan';
const INVITE_MANUAL = 'spotify-premium-1-bulan-family';

const INVOICE_URL = /\/invoice\/[0-9a-f-]{36}$/;
/** Notifications leave with the sweep (every 2 s in `ruangpremium dev`). */
const MAIL_TIMEOUT = 20_000;
/** The tracking page polls every 2.5 s; the invoice every 3 s, then pauses on "paid". */
const DELIVERY_TIMEOUT = 25_000;
/** While an invitation waits for the team, the tracking page asks every 30 s. */
const SLOW_POLL_TIMEOUT = 45_000;

/** A mailbox message as `/mailbox/messages` lists it (with its HTML body). */
type OrderMail = Mail & { html: string; channel: string };

type Buyer = { name: string; email: string; whatsapp: string };

function newBuyer(label: string): Buyer {
  return { name: 'Budi Santoso', email: uniqueUser(`ful-${label}`).email, whatsapp: '0812-3456-7890' };
}

/** A fresh invite address; `tag` picks the simulated provider's outcome. */
function inviteEmail(tag?: string): string {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return `e2e-seat-${id}${tag ? `+${tag}` : ''}@example.test`;
}

const deliveryPanel = (page: Page) => page.getByTestId('delivery-panel');
const deliveryStatus = (page: Page) => page.getByTestId('delivery-status');

/** From the product page to the invoice: buyer details, invite email, must-read notice. */
async function buyAsGuest(
  page: Page,
  buyer: Buyer,
  { invite, quantity = 1 }: { invite?: string; quantity?: number } = {},
): Promise<{ orderId: string; token: string; number: string }> {
  await page.getByTestId('product-detail').getByRole('link', { name: 'Beli sekarang' }).click();
  await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}$/);
  for (let n = 1; n < quantity; n += 1) await page.getByRole('button', { name: 'Tambah jumlah' }).click();
  if (quantity > 1) await expect(page.getByTestId('quantity')).toHaveValue(String(quantity));
  await page.getByRole('textbox', { name: 'Nama' }).fill(buyer.name);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(buyer.email);
  await page.getByRole('textbox', { name: 'Nomor WhatsApp' }).fill(buyer.whatsapp);
  if (invite) {
    await page.getByTestId('checkout-target').getByRole('textbox', { name: /diundang/ }).fill(invite);
  }

  await page.getByRole('button', { name: 'Bayar dengan QRIS' }).click();
  const dialog = page.getByRole('dialog', { name: 'Wajib Baca sebelum membayar' });
  await expect(dialog.or(page.getByTestId('invoice'))).toBeVisible({ timeout: 15_000 });
  if (await dialog.isVisible()) {
    await dialog.getByRole('checkbox', { name: 'Saya sudah membaca dan memahami' }).check();
    await dialog.getByRole('button', { name: 'Lanjut bayar' }).click();
  }
  await expect(page).toHaveURL(INVOICE_URL);
  await expect(page.getByTestId('invoice-number')).toHaveText(/^RP-/);

  const orderId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const token = await page.evaluate(
    (id) => (JSON.parse(window.localStorage.getItem('rp.orderTokens') ?? '{}') as Record<string, string>)[id],
    orderId,
  );
  expect(token, 'the tracking token is kept on this device').toBeTruthy();
  const number = ((await page.getByTestId('invoice-number').textContent()) ?? '').trim();
  return { orderId, token: token ?? '', number };
}

/**
 * Marks the document, so that a reload (or any full page load) later is seen: the mark
 * lives only as long as this document does.
 */
async function markDocument(page: Page): Promise<{ loads: () => number; mark: string }> {
  const mark = `rp-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((value) => {
    (window as unknown as { __rpFulfillmentMark?: string }).__rpFulfillmentMark = value;
  }, mark);
  let loads = 0;
  page.on('load', () => (loads += 1));
  return { mark, loads: () => loads };
}

async function expectSameDocument(page: Page, marked: { loads: () => number; mark: string }) {
  const mark = await page.evaluate(() => (window as unknown as { __rpFulfillmentMark?: string }).__rpFulfillmentMark);
  expect(mark, 'the page was not reloaded since the invoice').toBe(marked.mark);
  expect(marked.loads(), 'no page load since the invoice').toBe(0);
}

/**
 * Pays on the simulator's payment page, opened from the invoice's "pay page" link in a
 * new tab as a buyer's browser does; the invoice tab is left alone.
 */
async function payOnSimulatorPage(page: Page) {
  const link = page.getByTestId('pay-url');
  await expect(link).toHaveAttribute('href', /\/tokopay-sim\/pay\/[^/]+$/);
  const [simulator] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await simulator.waitForLoadState();
  await simulator.getByRole('button', { name: 'Bayar sekarang (simulasi)' }).click();
  await expect(simulator.getByRole('heading', { name: 'Pembayaran berhasil' })).toBeVisible();
  await simulator.close();
}

/** The invoice moves on to /track/<token> by itself (no navigation by the test). */
async function expectTracked(page: Page, token: string) {
  await expect(page).toHaveURL(new RegExp(`/track/${token}$`), { timeout: DELIVERY_TIMEOUT });
  await expect(page.getByRole('heading', { level: 1, name: 'Lacak pesanan' })).toBeVisible();
}

/** Every delivery-panel state the page shows, in order, watched from inside the page. */
async function watchPanelStates(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __rpPanelStates: string[] }).__rpPanelStates = seen;
    const note = () => {
      const state = document.querySelector('[data-testid="delivery-panel"]')?.getAttribute('data-state') ?? 'none';
      if (seen[seen.length - 1] !== state) seen.push(state);
    };
    note();
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
  return async () => page.evaluate(() => (window as unknown as { __rpPanelStates: string[] }).__rpPanelStates);
}

/** The newest buyer notification of an order in the local mailbox (sent by the sweep). */
async function waitForOrderMail(
  request: APIRequestContext,
  to: string,
  matches: (mail: OrderMail) => boolean,
  what: string,
): Promise<{ mail: OrderMail; all: OrderMail[] }> {
  let found: OrderMail | undefined;
  let all: OrderMail[] = [];
  await expect
    .poll(
      async () => {
        const response = await request.get(`/mailbox/messages?to=${encodeURIComponent(to)}`);
        if (!response.ok()) return undefined;
        all = ((await response.json()) as { messages: OrderMail[] }).messages;
        found = all.find(matches);
        return found?.id;
      },
      { message: `${what} to ${to}`, timeout: MAIL_TIMEOUT, intervals: [500, 1000] },
    )
    .toBeTruthy();
  return { mail: found as OrderMail, all };
}

/** Pieces of a code that must never travel by mail: the whole, and each value in it. */
function secretPieces(code: string): string[] {
  const values = code
    .split('\n')
    .map((line) => line.replace(/^\s*[\w ]+:\s*/, '').trim())
    .filter((value) => value.length >= 8);
  return [code.trim(), ...values];
}

/** An admin's access token, through the local Auth as supabase-js signs in. */
async function adminToken(request: APIRequestContext, config: RuntimeConfig): Promise<string> {
  const response = await request.post(`${config.supabaseUrl}/auth/v1/token?grant_type=password`, {
    headers: { apikey: config.supabaseAnonKey, 'Content-Type': 'application/json' },
    data: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

test.describe('fulfillment', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a STOCK order is delivered on the tracking page without reloading; the mail has the link, not the codes', async ({
    page,
    shot,
  }) => {
    test.setTimeout(120_000);
    await page.goto(STOCK_SEARCH);
    await catalogSettled(page);
    const twoInStock = page.locator('[data-availability="available"]', { hasText: IN_STOCK_2 });
    await page.getByTestId('product-card').filter({ has: twoInStock }).first().getByRole('link').click();
    // Two items: two codes, each with its copy button, and "Salin semua".
    const buyer = newBuyer('stock');
    const order = await buyAsGuest(page, buyer, { quantity: 2 });

    const sameDocument = await markDocument(page);
    const panelStates = await watchPanelStates(page);
    await payOnSimulatorPage(page);
    await expectTracked(page, order.token);

    const panel = deliveryPanel(page);
    await expect(panel).toHaveAttribute('data-state', 'stock', { timeout: DELIVERY_TIMEOUT });
    await expect(deliveryStatus(page)).toContainText('Pesanan terkirim');
    await expect(deliveryStatus(page)).toContainText('2 item siap untuk kamu.');
    await expect(panel).toContainText(/Terkirim \d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WIB/);
    await expect(page.getByTestId('order-status')).toHaveText(/Terkirim/);
    await expect(page.locator('[data-step="delivered"]')).toHaveAttribute('data-state', /^(done|current)$/);
    await expect(page.getByTestId('delivery-item')).toHaveCount(0);

    await panel.getByRole('button', { name: 'Tampilkan kode' }).click();
    const items = page.getByTestId('delivery-item');
    await expect(items).toHaveCount(2);
    await expect(page.getByTestId('delivery-items')).toBeFocused();
    const codes: string[] = [];
    for (const item of await items.all()) {
      const box = item.locator('pre');
      await expect(box).toBeVisible();
      const code = ((await box.textContent()) ?? '').trim();
      expect(code.length, 'a code is shown').toBeGreaterThanOrEqual(8);
      expect(await box.evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/mono/i);
      codes.push(code);
    }
    expect(new Set(codes).size, 'two different codes').toBe(2);
    await expect(page.getByTestId('revealed-count')).toHaveText('Sudah ditampilkan 1 kali.', { timeout: DELIVERY_TIMEOUT });

    // Copy the second code: the button says so, the panel announces it, the clipboard has it.
    const copySecond = items.nth(1).getByRole('button', { name: 'Salin item 2' });
    await copySecond.click();
    await expect(items.nth(1).getByRole('button', { name: 'Disalin' })).toBeVisible();
    await expect(page.getByTestId('delivery-announcement')).toHaveText('Item 2 disalin.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes[1]);
    await expectNoHorizontalOverflow(page);
    await shot('fulfillment-stock-codes');
    await page.getByRole('button', { name: 'Salin semua' }).click();
    await expect(page.getByTestId('delivery-announcement')).toHaveText('Semua item disalin.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join('\n\n'));

    await expectSameDocument(page, sameDocument);
    test.info().annotations.push({ type: 'panel states', description: (await panelStates()).join(' → ') });

    // "Sembunyikan" drops the codes; focus goes back to the button.
    await page.getByTestId('hide-codes').click();
    await expect(items).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Tampilkan kode' })).toBeFocused();

    // The buyer's mail: the order, the tracking link; no code, not even in part.
    const { mail, all } = await waitForOrderMail(
      page.request,
      buyer.email,
      (message) => message.subject.includes(order.number) && /siap|terkirim/i.test(message.subject),
      `the "order ready" mail of ${order.number}`,
    );
    expect(mail.links.some((link) => link.endsWith(`/track/${order.token}`)), JSON.stringify(mail.links)).toBe(true);
    expect(mail.text).toContain(`/track/${order.token}`);
    for (const message of all) {
      for (const piece of codes.flatMap(secretPieces)) {
        expect(message.text, `mail "${message.subject}" carries no code`).not.toContain(piece);
        expect(message.html, `mail "${message.subject}" (HTML) carries no code`).not.toContain(piece);
      }
    }
  });

  test('an INVITE order shows the invitation sent without reloading; the mail has the tracking link', async ({
    page,
    shot,
  }) => {
    test.setTimeout(120_000);
    await page.goto(`/products/${INVITE_SENT}`);
    const buyer = newBuyer('invite');
    const invite = inviteEmail();
    const order = await buyAsGuest(page, buyer, { invite });

    const sameDocument = await markDocument(page);
    const panelStates = await watchPanelStates(page);
    await payOnSimulatorPage(page);
    await expectTracked(page, order.token);

    const panel = deliveryPanel(page);
    await expect(panel).toHaveAttribute('data-state', 'invite_sent', { timeout: DELIVERY_TIMEOUT });
    await expect(deliveryStatus(page)).toContainText('Undangan terkirim');
    await expect(deliveryStatus(page)).toContainText(`Undangan sudah dikirim ke ${invite}.`);
    await expect(page.getByTestId('invite-email')).toHaveText(invite);
    await expect(panel).toContainText(/Dikirim \d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WIB/);
    // The simulated provider's note for the buyer.
    await expect(page.getByTestId('invite-note')).toContainText(`Cek kotak masuk ${invite}`);
    await expect(page.getByTestId('order-status')).toHaveText(/Terkirim/);
    await expect(panel.getByRole('button', { name: 'Tampilkan kode' })).toHaveCount(0);
    await expectSameDocument(page, sameDocument);
    test.info().annotations.push({ type: 'panel states', description: (await panelStates()).join(' → ') });
    await expectNoHorizontalOverflow(page);
    await shot('fulfillment-invite-sent');

    const { mail } = await waitForOrderMail(
      page.request,
      buyer.email,
      (message) => message.subject.includes(order.number) && /siap|terkirim/i.test(message.subject),
      `the "order ready" mail of ${order.number}`,
    );
    expect(mail.links.some((link) => link.endsWith(`/track/${order.token}`)), JSON.stringify(mail.links)).toBe(true);
  });

  test('an invitation the team sends by hand shows its time in WIB, then turns to sent', async ({
    page,
    shot,
    shopConfig,
  }) => {
    test.setTimeout(120_000);
    await page.goto(`/products/${INVITE_MANUAL}`);
    const buyer = newBuyer('manual');
    const invite = inviteEmail('manual');
    const order = await buyAsGuest(page, buyer, { invite });

    const sameDocument = await markDocument(page);
    const panelStates = await watchPanelStates(page);
    await payOnSimulatorPage(page);
    await expectTracked(page, order.token);

    const panel = deliveryPanel(page);
    await expect(panel).toHaveAttribute('data-state', 'awaiting_team', { timeout: DELIVERY_TIMEOUT });
    await expect(deliveryStatus(page)).toContainText('Sedang diproses oleh tim kami');
    await expect(deliveryStatus(page)).toContainText(`Undangan untuk ${invite} akan dikirim langsung oleh tim kami.`);
    await expect(page.getByTestId('delivery-expected')).toHaveText(
      /^Perkiraan selesai sebelum (?:\d{1,2} \w{3} \d{4}, )?\d{2}\.\d{2} WIB\.$/,
    );
    await expectNoHorizontalOverflow(page);
    await shot('fulfillment-awaiting-team');

    // The buyer is told by mail too.
    await waitForOrderMail(
      page.request,
      buyer.email,
      (message) => message.subject.includes(order.number) && /diproses tim kami/.test(message.subject),
      `the "our team is on it" mail of ${order.number}`,
    );

    // The team sends it and an admin confirms: the open page turns to "sent" by itself.
    const token = await adminToken(page.request, shopConfig);
    const auth = { Authorization: `Bearer ${token}` };
    const waiting = await page.request.get('/api/admin/invitations/waiting', { headers: auth });
    expect(waiting.ok(), await waiting.text()).toBe(true);
    const invitation = ((await waiting.json()) as { invitation_id: string; order_id: string }[]).find(
      (row) => row.order_id === order.orderId,
    );
    expect(invitation, 'the invitation waits for the team').toBeTruthy();
    const note = 'Undangan dikirim manual oleh tim RuangPremium.';
    const confirmed = await page.request.post(`/api/admin/invitations/${invitation?.invitation_id}/confirm`, {
      headers: auth,
      data: { sent: true, note },
    });
    expect(confirmed.ok(), await confirmed.text()).toBe(true);

    // While the team works the page asks only every 30 s (SLOW_POLL_MS in order-status.ts).
    await expect(panel).toHaveAttribute('data-state', 'invite_sent', { timeout: SLOW_POLL_TIMEOUT });
    await expect(deliveryStatus(page)).toContainText(`Undangan sudah dikirim ke ${invite}.`);
    await expect(page.getByTestId('invite-note')).toContainText(note);
    await expectSameDocument(page, sameDocument);
    test.info().annotations.push({ type: 'panel states', description: (await panelStates()).join(' → ') });

    const { mail } = await waitForOrderMail(
      page.request,
      buyer.email,
      (message) => message.subject.includes(order.number) && /siap/.test(message.subject),
      `the "order ready" mail of ${order.number}`,
    );
    expect(mail.links.some((link) => link.endsWith(`/track/${order.token}`)), JSON.stringify(mail.links)).toBe(true);
  });
});
