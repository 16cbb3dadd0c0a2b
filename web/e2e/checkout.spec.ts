// From a product to a paid order, against the real backend and its Tokopay simulator:
// the checkout, the QRIS invoice, the payment, the tracking page; the must-read notice
// and the invite email of an INVITE product; the server's field errors; a member's
// pre-filled form and order history. Runs on a phone and a desktop viewport.
//
// Every order a test makes is paid: all tests buy from 127.0.0.1, and unpaid orders
// count against CHECKOUT_MAX_UNPAID_ORDERS (per email, account and IP address).
import type { Page } from '@playwright/test';
import { DEMO_MEMBER, openAccountMenu, signIn, uniqueUser } from './auth-helpers';
import { catalogSettled, expect, expectNoHorizontalOverflow, RUPIAH, test } from './fixtures';

/** An INVITE product of the demo catalog with a must-read notice (supabase/seed.sql). */
const INVITE_WITH_NOTICE = 'chatgpt-team-1-bulan';
/**
 * STOCK products that can be bought now. Every run pays for some and so uses the demo
 * stock up: not one product by name, whichever still has stock (a must-read notice, if
 * any, is acknowledged by placeOrder).
 */
const STOCK_SEARCH = '/products?type=STOCK&available=true';

/** The availability badge of a product with two or more in stock ("Stok N"). */
const IN_STOCK_2 = /^Stok (?:[2-9]|[1-9][\d.]+)$/;

const TRACK_URL = /\/track\/[\w-]{20,}$/;
const INVOICE_URL = /\/invoice\/[0-9a-f-]{36}$/;

const rupiahValue = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));
const rupiah = (amount: number) => `Rp ${amount.toLocaleString('id-ID')}`;

function newBuyer(label: string) {
  return { name: 'Budi Santoso', email: uniqueUser(label).email, whatsapp: '0812-3456-7890' };
}

async function fillBuyer(page: Page, buyer: { name: string; email: string; whatsapp: string }) {
  await page.getByRole('textbox', { name: 'Nama' }).fill(buyer.name);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(buyer.email);
  await page.getByRole('textbox', { name: 'Nomor WhatsApp' }).fill(buyer.whatsapp);
  await expect(page.getByTestId('whatsapp-preview')).toHaveText('Disimpan sebagai +6281234567890');
}

const payButton = (page: Page) => page.getByRole('button', { name: 'Bayar dengan QRIS' });
const mustReadDialog = (page: Page) => page.getByRole('dialog', { name: 'Wajib Baca sebelum membayar' });

/** "Bayar dengan QRIS", acknowledging the must-read notice when the product has one. */
async function placeOrder(page: Page) {
  await payButton(page).click();
  const dialog = mustReadDialog(page);
  await expect(dialog.or(page.getByTestId('invoice'))).toBeVisible({ timeout: 15_000 });
  if (await dialog.isVisible()) {
    await dialog.getByRole('checkbox', { name: 'Saya sudah membaca dan memahami' }).check();
    await dialog.getByRole('button', { name: 'Lanjut bayar' }).click();
  }
  await expect(page).toHaveURL(INVOICE_URL);
}

/** The order on the invoice page, and the tracking token this device kept for it. */
async function invoiceOrder(page: Page): Promise<{ orderId: string; token: string }> {
  const orderId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const token = await page.evaluate(
    (id) => (JSON.parse(window.localStorage.getItem('rp.orderTokens') ?? '{}') as Record<string, string>)[id],
    orderId,
  );
  expect(token, 'the tracking token is kept on this device').toBeTruthy();
  return { orderId, token: token ?? '' };
}

/** The invoice shows what to pay: the QR, the amount, the countdown, the tracking link. */
async function expectInvoice(page: Page, minimum: number) {
  await expect(page.getByRole('heading', { level: 1, name: 'Invoice pembayaran' })).toBeVisible();
  await expect(page.getByTestId('invoice-number')).toHaveText(/^RP-/);
  const qr = page.getByRole('img', { name: /^Kode QRIS untuk membayar Rp / });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((element) => element.tagName.toLowerCase())).toBe('svg');
  const amount = page.getByTestId('invoice-amount');
  await expect(amount).toHaveText(RUPIAH);
  expect(rupiahValue(await amount.textContent())).toBeGreaterThanOrEqual(minimum);
  await expect(page.getByRole('timer', { name: 'Sisa waktu pembayaran' })).toHaveText(/^\d{2}:\d{2}$/);
  await expect(page.getByRole('heading', { name: 'Cara membayar' })).toBeVisible();
  await expect(page.getByTestId('tracking-link')).toContainText('Simpan tautan ini untuk melacak pesanan');
  await expect(page.getByTestId('tracking-url')).toHaveAttribute('href', TRACK_URL);
  await expect(page.getByRole('button', { name: 'Simpan QR' })).toBeVisible();
}

/**
 * Pays an order in the Tokopay simulator, as the buyer's bank app does after scanning
 * the QR: loads the simulator's payment page for the order's transaction
 * (`/tokopay-sim/pay/{trx_id}`) and confirms it (`POST /tokopay-sim/orders/{trx_id}/pay`);
 * the simulator then sends the webhook.
 *
 * LEAD: the one place that knows how the API names the Tokopay transaction. It reads
 * `payment.pay_url` (…/tokopay-sim/pay/{trx_id}) from GET /api/orders/{id}; if the
 * OrderView exposes the transaction another way, change `tokopayTrxId` only.
 */
async function payWithTokopaySimulator(page: Page, order: { orderId: string; token: string }) {
  const response = await page.request.get(`/api/orders/${order.orderId}`, {
    headers: { 'X-Tracking-Token': order.token },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const trxId = tokopayTrxId((await response.json()) as OrderPayment);
  expect(trxId, 'the order names its Tokopay transaction (payment.pay_url)').toBeTruthy();

  const opened = await page.request.get(`/tokopay-sim/pay/${trxId}`);
  expect(opened.ok(), 'the simulator shows the payment page').toBe(true);
  expect(opened.headers()['content-type'], 'the payment page is a web page').toMatch(/^text\/html/);

  const paid = await page.request.post(`/tokopay-sim/orders/${trxId}/pay`);
  expect(paid.ok(), await paid.text()).toBe(true);
}

type OrderPayment = { payment?: { pay_url?: string | null; trx_id?: string; reference?: string } | null };

function tokopayTrxId(order: OrderPayment): string | undefined {
  const payUrl = order.payment?.pay_url;
  const fromUrl = payUrl ? new URL(payUrl, 'http://x').pathname.match(/\/pay\/([^/]+)$/)?.[1] : undefined;
  return fromUrl ?? order.payment?.trx_id ?? order.payment?.reference;
}

/** After the payment the invoice says so and moves on to the tracking page by itself. */
async function expectPaidAndTracked(page: Page, token: string) {
  await expect(page).toHaveURL(new RegExp(`/track/${token}$`), { timeout: 25_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Lacak pesanan' })).toBeVisible();
  const paidStep = page.locator('[data-step="paid"]');
  await expect(paidStep).toHaveAttribute('data-state', /^(done|current)$/);
  await expect(paidStep).toContainText('Dibayar');
  await expect(paidStep).toContainText(/\d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WIB/);
  await expect(page.getByTestId('order-status')).toHaveText(/Dibayar|Diproses|Terkirim/);
}

test.describe('checkout', () => {
  test('a guest buys a STOCK product, pays with QRIS and lands on the tracking page', async ({ page, shot }) => {
    test.setTimeout(90_000);
    await page.goto(STOCK_SEARCH);
    await catalogSettled(page);
    // Paid orders use the demo stock up: the first product with two or more left.
    const twoInStock = page.locator('[data-availability="available"]', { hasText: IN_STOCK_2 });
    await page.getByTestId('product-card').filter({ has: twoInStock }).first().getByRole('link').click();
    const detail = page.getByTestId('product-detail');
    const name = ((await detail.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    await detail.getByRole('link', { name: 'Beli sekarang' }).click();

    await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
    await expect(page.getByTestId('checkout-product')).toContainText(name);

    // Two items: the page asks the server again and shows its total.
    const total = page.getByTestId('checkout-total');
    await expect(total).toHaveText(RUPIAH);
    const unit = rupiahValue(await total.textContent());
    await page.getByRole('button', { name: 'Tambah jumlah' }).click();
    await expect(page.getByTestId('quantity')).toHaveValue('2');
    await expect(total).toHaveText(rupiah(unit * 2));
    await expect(payButton(page)).toBeEnabled();

    await fillBuyer(page, newBuyer('guest'));
    await expectNoHorizontalOverflow(page);
    await shot('checkout');

    await placeOrder(page);
    await expectInvoice(page, unit * 2);
    await expect(page.getByTestId('invoice-product')).toHaveText(name);
    const amountToPay = ((await page.getByTestId('invoice-amount').textContent()) ?? '').trim();
    await expectNoHorizontalOverflow(page);
    await shot('invoice');

    const order = await invoiceOrder(page);
    await payWithTokopaySimulator(page, order);
    await expectPaidAndTracked(page, order.token);
    // The tracking page shows what was paid (the QRIS fee included), as the invoice did.
    await expect(page.getByTestId('order-amount')).toHaveText(amountToPay);
    await expectNoHorizontalOverflow(page);
    await shot('tracking');

    // Without this device's token (another phone, say) the invoice says where it opens.
    await page.evaluate(() => window.localStorage.removeItem('rp.orderTokens'));
    await page.goto(`/invoice/${order.orderId}`);
    await expect(page.getByRole('heading', { name: 'Invoice ini terbuka dari perangkat pemesan' })).toBeVisible();
    await expect(page.getByTestId('invoice-no-access').getByRole('link', { name: 'Masuk' })).toBeVisible();
  });

  test('an INVITE product asks for the invite email and the must-read notice before paying', async ({ page, shot }) => {
    test.setTimeout(90_000);
    await page.goto(`/products/${INVITE_WITH_NOTICE}`);
    await page.getByTestId('product-detail').getByRole('link', { name: 'Beli sekarang' }).click();
    await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}$/);

    const invite = page.getByTestId('checkout-target').getByRole('textbox', { name: 'Email yang akan diundang' });
    await expect(invite).toBeVisible();
    await expect(page.getByRole('button', { name: 'Tambah jumlah' })).toHaveCount(0);
    await fillBuyer(page, newBuyer('invite'));

    // The invite email is required: checked before anything else happens.
    await payButton(page).click();
    await expect(invite).toHaveAttribute('aria-invalid', 'true');
    await expect(invite).toBeFocused();
    await expect(mustReadDialog(page)).toHaveCount(0);
    await invite.fill(uniqueUser('seat').email);

    // The notice: a modal dialog; Escape closes it and nothing is ordered.
    await payButton(page).click();
    const dialog = mustReadDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Pastikan email yang kamu isi benar');
    const agree = dialog.getByRole('checkbox', { name: 'Saya sudah membaca dan memahami' });
    await expect(agree).toBeFocused();
    // The dialog as the buyer sees it: a full-page capture would stretch the page under it.
    await shot('checkout-must-read', { fullPage: false });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(payButton(page)).toBeFocused();
    await expect(page).toHaveURL(/\/checkout\//);

    // "Lanjut bayar" goes on only once the box is ticked.
    await payButton(page).click();
    await dialog.getByRole('button', { name: 'Lanjut bayar' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Centang');
    await expect(dialog).toBeVisible();
    await agree.check();
    await dialog.getByRole('button', { name: 'Lanjut bayar' }).click();

    await expect(page).toHaveURL(INVOICE_URL);
    await expectInvoice(page, 1);
    const order = await invoiceOrder(page);
    await payWithTokopaySimulator(page, order);
    await expectPaidAndTracked(page, order.token);
  });

  test('the server’s field errors are shown on the matching fields', async ({ page, consoleGuard, shot }) => {
    consoleGuard.allow(/status of 400.*\/api\/orders/);
    await page.goto(`/products/${INVITE_WITH_NOTICE}`);
    await page.getByTestId('product-detail').getByRole('link', { name: 'Beli sekarang' }).click();
    await fillBuyer(page, newBuyer('fields'));
    const invite = page.getByRole('textbox', { name: 'Email yang akan diundang' });
    await invite.fill(uniqueUser('seat').email);

    // The browser's checks pass; the order is changed on its way, so the real server
    // refuses what only it checks: all field problems at once.
    const refused = page.waitForResponse((response) => response.url().endsWith('/api/orders'));
    await page.route('**/api/orders', async (route) => {
      const body = route.request().postDataJSON() as { buyer: { email: string }; target: Record<string, string> };
      body.buyer.email = 'budi@';
      body.target = { email: 'bukan-email', warna: 'merah' };
      await route.continue({ postData: JSON.stringify(body) });
    });
    await placeOrderExpectingRefusal(page);
    expect((await refused).status()).toBe(400);

    const email = page.getByRole('textbox', { name: 'Email', exact: true });
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toBeFocused();
    await expect(invite).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('checkout-alert')).toContainText('Pesanan belum dibuat');
    // The key the form does not have is named, with the server's words for it.
    await expect(page.getByTestId('checkout-other-errors')).toHaveText('warna: Isian ini tidak dikenal.');
    await expect(page).toHaveURL(/\/checkout\//);
    await expectNoHorizontalOverflow(page);
    await shot('checkout-errors');
  });

  test('a signed-in member finds the form filled in and the order in Pesanan saya', async ({ page, shot }) => {
    test.setTimeout(90_000);
    await signIn(page, DEMO_MEMBER);
    await page.goto(STOCK_SEARCH);
    await catalogSettled(page);
    await page.getByTestId('product-card').first().getByRole('link').click();
    await page.getByTestId('product-detail').getByRole('link', { name: 'Beli sekarang' }).click();

    await expect(page.getByTestId('checkout-prefilled')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Nama' })).toHaveValue(DEMO_MEMBER.name);
    await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue(DEMO_MEMBER.email);
    await expect(page.getByRole('textbox', { name: 'Nomor WhatsApp' })).toHaveValue(DEMO_MEMBER.whatsapp);
    await expect(page.getByRole('link', { name: 'Masuk', exact: true })).toHaveCount(0);

    await placeOrder(page);
    await expectInvoice(page, 1);
    const number = ((await page.getByTestId('invoice-number').textContent()) ?? '').trim();
    const order = await invoiceOrder(page);
    await payWithTokopaySimulator(page, order);
    await expectPaidAndTracked(page, order.token);

    const menu = await openAccountMenu(page);
    await menu.getByRole('menuitem', { name: 'Pesanan saya' }).click();
    await expect(page).toHaveURL(/\/account\/orders$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Pesanan saya' })).toBeVisible();
    const row = page.getByTestId('order-row').filter({ hasText: number });
    await expect(row).toBeVisible();
    await expect(row.getByTestId('order-status')).toHaveText(/Dibayar|Diproses|Terkirim/);
    await expect(page.getByTestId('order-row').first()).toContainText(number);
    await expectNoHorizontalOverflow(page);
    await shot('account-orders');

    await row.click();
    await expect(page).toHaveURL(new RegExp(`/account/orders/${order.orderId}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
    await expect(page.locator('[data-step="paid"]')).toHaveAttribute('data-state', /^(done|current)$/);
    await expect(page.getByRole('link', { name: 'Buka invoice & bayar' })).toHaveCount(0);
  });

  test('an unknown tracking link is a friendly not-found with the support contacts', async ({
    page,
    consoleGuard,
  }) => {
    consoleGuard.allow(/404.*\/api\/track/);
    await page.goto('/track/tidak-ada-pesanan-dengan-token-ini-sama-sekali');
    await expect(page.getByRole('heading', { name: 'Pesanan tidak ditemukan' })).toBeVisible();
    await expect(page.getByTestId('order-help').getByRole('link', { name: /Chat admin via WhatsApp/ })).toHaveAttribute(
      'href',
      /^https:\/\/wa\.me\/\d+\?text=/,
    );
  });
});

/** "Bayar dengan QRIS" (through the notice) when the server is expected to refuse. */
async function placeOrderExpectingRefusal(page: Page) {
  await payButton(page).click();
  const dialog = mustReadDialog(page);
  await dialog.getByRole('checkbox', { name: 'Saya sudah membaca dan memahami' }).check();
  await dialog.getByRole('button', { name: 'Lanjut bayar' }).click();
  await expect(page.getByTestId('checkout-alert')).toBeVisible();
}
