// A buyer walks the storefront against the real backend and its demo catalog
// (at least 4 categories and 16 products of both types). Runs on a phone and a
// desktop viewport; any console or page error fails the test.
import {
  catalogSettled,
  expect,
  expectNoHorizontalOverflow,
  RUPIAH,
  test,
} from './fixtures';
import type { Page } from '@playwright/test';

const cards = (page: Page) => page.getByTestId('product-card');

async function searchCatalog(page: Page, query: string) {
  await page.getByRole('searchbox', { name: 'Cari produk' }).fill(query);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(query).replace(/%20/g, '(\\+|%20)')}`));
  await catalogSettled(page);
}

test.describe('home', () => {
  test('pitches the shop and lists featured products and categories', async ({ page, shot }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/RuangPremium/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Produk digital premium');
    await expect(page.getByText('QRIS').first()).toBeVisible();

    const featured = page.getByRole('region', { name: 'Produk unggulan' });
    await expect(featured.getByTestId('product-card').first()).toBeVisible();
    for (const price of await featured.getByTestId('product-price').allTextContents()) {
      expect(price).toMatch(RUPIAH);
    }

    await expect(page.getByTestId('category-card')).not.toHaveCount(0);
    expect(await page.getByTestId('category-card').count()).toBeGreaterThanOrEqual(4);
    await expect(page.getByRole('heading', { name: 'Cara kerjanya' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Bayar QRIS' })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toContainText('Pembayaran QRIS via Tokopay');
    await expectNoHorizontalOverflow(page);
    await page.waitForLoadState('networkidle');
    await shot('home');
  });

  test('a category card opens the catalog filtered by that category', async ({ page }) => {
    await page.goto('/');
    // Let both lists load first, so the click is not aimed at a moving target.
    await expect(page.getByTestId('product-card').first()).toBeVisible();
    const category = page.getByTestId('category-card').first();
    await expect(category).toBeVisible();
    await category.click();
    await expect(page).toHaveURL(/\/products\?category=[\w-]+/);
    await catalogSettled(page);
    const slug = new URL(page.url()).searchParams.get('category') ?? '';
    await expect(page.getByRole('combobox', { name: 'Kategori' })).toHaveValue(slug);
    await expect(cards(page).first()).toBeVisible();
  });

  test('keyboard: Tab reaches the skip link first, and it jumps to the content', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-link');
    await expect(skip).toBeFocused();
    await expect(skip).toHaveText('Langsung ke konten');
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main-content')).toBeFocused();
  });
});

test.describe('catalog', () => {
  test('search finds Canva, with badges, availability and prices', async ({ page, shot }) => {
    await page.goto('/products');
    await catalogSettled(page);
    await expect(page).toHaveTitle(/Katalog produk/);
    await searchCatalog(page, 'canva');

    await expect(cards(page).first()).toContainText('Canva');
    const count = await cards(page).count();
    for (let index = 0; index < count; index += 1) {
      const card = cards(page).nth(index);
      await expect(card.locator('[data-product-type]')).toHaveText(/Kode & Akun|Undangan Tim/);
      await expect(card.locator('[data-availability]')).toHaveText(/^(Stok [\d.]+|Habis|Tersedia)$/);
      await expect(card.getByTestId('product-price')).toHaveText(RUPIAH);
    }
    await expect(page.getByTestId('result-count')).toContainText('“canva”');
    await expectNoHorizontalOverflow(page);
    await shot('catalog-search');
  });

  test('search ignores accents and letter case', async ({ page }) => {
    await page.goto('/products');
    await catalogSettled(page);
    await searchCatalog(page, 'NÉTFLIX');
    await expect(cards(page).first()).toContainText('Netflix');
    await searchCatalog(page, 'spötify');
    await expect(cards(page).first()).toContainText('Spotify');
  });

  test('type filter shows only team invites, and back restores the filter', async ({ page, shot }) => {
    await page.goto('/products');
    await catalogSettled(page);
    await expect(page.locator('[data-product-type="STOCK"]').first()).toBeVisible();

    await page.getByLabel('Jenis').selectOption('INVITE');
    await expect(page).toHaveURL(/type=INVITE/);
    await expect(page.locator('[data-product-type="STOCK"]')).toHaveCount(0);
    await expect(page.locator('[data-product-type="INVITE"]').first()).toBeVisible();
    for (const badge of await page.locator('[data-product-type]').allTextContents()) {
      expect(badge).toContain('Undangan Tim');
    }
    await shot('catalog-invite');

    await page.getByLabel('Jenis').selectOption('STOCK');
    await expect(page).toHaveURL(/type=STOCK/);
    await expect(page.locator('[data-product-type="INVITE"]')).toHaveCount(0);

    await page.goBack();
    await expect(page).toHaveURL(/type=INVITE/);
    await expect(page.getByLabel('Jenis')).toHaveValue('INVITE');
    await expect(page.locator('[data-product-type="STOCK"]')).toHaveCount(0);
  });

  test('category filter, available-only toggle and a shareable URL', async ({ page }) => {
    await page.goto('/products');
    await catalogSettled(page);
    const select = page.getByRole('combobox', { name: 'Kategori' });
    const options = await select.locator('option').allTextContents();
    expect(options.length, 'all + at least 4 categories').toBeGreaterThanOrEqual(5);
    const categoryName = options[1] ?? '';
    await select.selectOption({ label: categoryName });
    await expect(page).toHaveURL(/category=/);
    await catalogSettled(page);
    await expect
      .poll(async () => {
        const names = await page.getByTestId('product-category').allTextContents();
        return names.length > 0 && names.every((name) => name === categoryName);
      })
      .toBe(true);

    // The switch is controlled by the URL, so it turns on once the router has navigated:
    // click, then wait for both (check() would demand the state change synchronously).
    const availableOnly = page.getByRole('switch', { name: 'Hanya yang tersedia' });
    await availableOnly.click();
    await expect(page).toHaveURL(/available=true/);
    await expect(availableOnly).toBeChecked();
    await catalogSettled(page);
    await expect(page.locator('[data-availability="sold-out"]')).toHaveCount(0);

    // The same URL opened fresh shows the same filters.
    const url = page.url();
    await page.goto(url);
    await catalogSettled(page);
    await expect(page.getByRole('combobox', { name: 'Kategori' })).toHaveValue(new URL(url).searchParams.get('category') ?? '');
    await expect(page.getByRole('switch', { name: 'Hanya yang tersedia' })).toBeChecked();
  });

  test('sorting by price puts the cheapest first', async ({ page }) => {
    await page.goto('/products');
    await catalogSettled(page);
    await page.getByLabel('Urutkan').selectOption('price_asc');
    await expect(page).toHaveURL(/sort=price_asc/);
    await expect
      .poll(async () => {
        const prices = (await page.getByTestId('product-price').allTextContents()).map((text) =>
          Number(text.replace(/\D/g, '')),
        );
        return prices.length > 1 && prices.every((price, i) => i === 0 || price >= (prices[i - 1] ?? 0));
      })
      .toBe(true);
  });

  test('a search without results helps to reset the filters', async ({ page, shot }) => {
    await page.goto('/products?type=INVITE');
    await catalogSettled(page);
    await searchCatalog(page, 'zzqxj tidak ada');
    const empty = page.getByTestId('catalog-empty');
    await expect(empty).toContainText('Produk tidak ditemukan');
    await shot('catalog-empty');
    await empty.getByRole('button', { name: 'Reset filter' }).click();
    await expect(page).toHaveURL(/\/products$/);
    await catalogSettled(page);
    await expect(cards(page).first()).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Cari produk' })).toHaveValue('');
  });
});

test.describe('product detail', () => {
  test('opens from the catalog with price, availability, description and support link', async ({
    page,
    shot,
    shopConfig,
  }) => {
    await page.goto('/products');
    await catalogSettled(page);
    await searchCatalog(page, 'canva');
    const first = cards(page).first();
    // The previous results stay on screen until the filtered ones arrive.
    await expect(first.getByRole('heading')).toContainText(/canva/i);
    const name = (await first.getByRole('heading').textContent())?.trim() ?? '';
    await first.getByRole('link').click();

    await expect(page).toHaveURL(/\/products\/[\w-]+$/);
    const detail = page.getByTestId('product-detail');
    await expect(detail.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page).toHaveTitle(new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await expect(detail.getByTestId('product-price')).toHaveText(RUPIAH);
    await expect(detail.locator('[data-availability]').first()).toHaveText(/^(Stok [\d.]+|Habis|Tersedia)$/);
    await expect(detail.getByRole('heading', { name: 'Deskripsi' })).toBeVisible();
    expect(((await detail.getByTestId('product-description').textContent()) ?? '').trim().length).toBeGreaterThan(20);

    const digits = shopConfig.supportWhatsapp.replace(/\D/g, '').replace(/^0/, '62');
    const askAdmin = detail.getByTestId('ask-admin');
    await expect(askAdmin).toContainText('Tanya admin via WhatsApp');
    await expect(askAdmin).toHaveAttribute('href', new RegExp(`^https://wa\\.me/${digits}\\?text=`));
    // The buy button leads to the checkout; asking the admin stays as the second choice.
    const soldOut = (await detail.locator('[data-availability]').first().getAttribute('data-availability')) === 'sold-out';
    if (soldOut) {
      await expect(detail.getByRole('button', { name: 'Habis' })).toBeDisabled();
    } else {
      await expect(detail.getByRole('link', { name: 'Beli sekarang' })).toHaveAttribute(
        'href',
        /^\/checkout\/[0-9a-f-]{36}$/,
      );
    }
    await expectNoHorizontalOverflow(page);
    await shot('product-detail');
  });

  test('a sold-out product offers no checkout, only the admin', async ({ page }) => {
    // The demo data keeps this product without stock (functions/local/src/seed.rs, SOLD_OUT_PRODUCT).
    await page.goto('/products/windows-11-pro-lisensi-digital');
    const detail = page.getByTestId('product-detail');
    await expect(detail.locator('[data-availability]').first()).toHaveText('Habis');
    await expect(detail.getByRole('button', { name: 'Habis' })).toBeDisabled();
    await expect(detail.getByRole('link', { name: 'Beli sekarang' })).toHaveCount(0);
    await expect(detail.getByTestId('ask-admin')).toBeVisible();
  });

  test('a team invite product says what the buyer will be asked for', async ({ page, shot }) => {
    await page.goto('/products?type=INVITE');
    await catalogSettled(page);
    await cards(page).first().getByRole('link').click();
    const detail = page.getByTestId('product-detail');
    await expect(detail.locator('[data-product-type="INVITE"]')).toBeVisible();
    const inputs = detail.getByTestId('product-inputs');
    await expect(inputs).toContainText('Yang perlu kamu siapkan');
    await expect(inputs.getByRole('listitem').first()).toBeVisible();
    await shot('product-invite');
  });

  test('a must-read notice is shown prominently when the product has one', async ({ page }) => {
    // Not every product has a notice; look through the INVITE products, which usually do.
    const response = await page.request.get('/api/products?type=INVITE&page_size=100');
    const { items } = (await response.json()) as { items: { slug: string }[] };
    let found = false;
    for (const { slug } of items) {
      const detail = (await (await page.request.get(`/api/products/${slug}`)).json()) as {
        must_read_notice: string | null;
      };
      if (!detail.must_read_notice) continue;
      await page.goto(`/products/${slug}`);
      const notice = page.getByTestId('must-read');
      await expect(notice.getByRole('heading', { name: 'Wajib Baca' })).toBeVisible();
      await expect(notice).toContainText(detail.must_read_notice.split('\n')[0]?.replace(/^\s*[-*•]\s+/, '').trim() ?? '');
      found = true;
      break;
    }
    test.skip(!found, 'the demo catalog has no INVITE product with a must-read notice');
  });

  test('an unknown product shows a helpful not-found state', async ({ page, consoleGuard, shot }) => {
    consoleGuard.allow(/404.*\/api\/products\/produk-yang-tidak-ada/);
    await page.goto('/products/produk-yang-tidak-ada');
    const notFound = page.getByTestId('not-found');
    await expect(notFound.getByRole('heading', { name: 'Produk tidak ditemukan' })).toBeVisible();
    await expect(notFound.getByRole('link', { name: 'Lihat katalog' })).toBeVisible();
    await shot('product-not-found');
    await notFound.getByRole('link', { name: 'Lihat katalog' }).click();
    await expect(page).toHaveURL(/\/products$/);
  });
});

test.describe('site', () => {
  test('an unknown page offers search and ways back', async ({ page, shot }) => {
    await page.goto('/halaman-yang-tidak-ada');
    const notFound = page.getByTestId('not-found');
    await expect(notFound.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible();
    await expect(page).toHaveTitle(/Halaman tidak ditemukan/);
    await shot('not-found');
    await notFound.getByRole('searchbox').fill('spotify');
    await notFound.getByRole('button', { name: 'Cari' }).click();
    await expect(page).toHaveURL(/\/products\?q=spotify/);
    await catalogSettled(page);
    await expect(cards(page).first()).toContainText('Spotify');
  });

  test('the English switch changes the texts and survives a reload', async ({ page, shot }) => {
    await page.goto('/products');
    await catalogSettled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Katalog produk');

    await page.getByTestId('lang-en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Product catalog');
    await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('[data-availability]').first()).toHaveText(/^(\d[\d.]* in stock|Sold out|Available)$/);
    await expect(page.getByRole('contentinfo')).toContainText('QRIS payments via Tokopay');

    await page.reload();
    await catalogSettled(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Product catalog');
    await expect(page.getByRole('searchbox', { name: 'Search products' })).toBeVisible();
    await shot('catalog-english');

    await page.getByTestId('lang-id').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Katalog produk');
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  });

  test('the API answers in the chosen language', async ({ page, consoleGuard }) => {
    consoleGuard.allow(/404.*\/api\/products\/tidak-ada-sama-sekali/);
    await page.goto('/');
    await page.getByTestId('lang-en').click();
    const requestSeen = page.waitForRequest((request) => request.url().includes('/api/products/tidak-ada-sama-sekali'));
    await page.goto('/products/tidak-ada-sama-sekali');
    expect((await requestSeen).headers()['accept-language']).toBe('en');
    await expect(page.getByRole('heading', { name: 'Product not found' })).toBeVisible();
  });

  for (const { path, heading, text, name } of [
    { path: '/faq', heading: 'Pertanyaan Umum', text: 'Bagaimana cara membayar dengan QRIS?', name: 'faq' },
    { path: '/terms', heading: 'Syarat & Ketentuan', text: 'Hukum yang berlaku', name: 'terms' },
    { path: '/privacy', heading: 'Kebijakan Privasi', text: 'No. 27 Tahun 2022', name: 'privacy' },
    { path: '/support', heading: 'Bantuan', text: 'Jam operasional', name: 'support' },
  ]) {
    test(`static page ${path} has real content`, async ({ page, shot }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.getByText(text).first()).toBeVisible();
      await expect(page).toHaveTitle(new RegExp(heading.replace('&', '\\&')));
      await expectNoHorizontalOverflow(page);
      await shot(name);
    });
  }

  test('the FAQ answers open with the keyboard', async ({ page }) => {
    await page.goto('/faq');
    const question = page.getByText('Apa beda produk “Kode & Akun” dan “Undangan Tim”?');
    await question.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('ChatGPT Team atau Canva Teams')).toBeVisible();
  });

  test('support shows the contacts from the runtime config', async ({ page, shopConfig }) => {
    await page.goto('/support');
    await expect(page.getByTestId('support-whatsapp')).toHaveText(shopConfig.supportWhatsapp);
    await expect(page.getByTestId('support-email')).toHaveText(shopConfig.supportEmail);
    await expect(page.getByRole('link', { name: 'Kirim email' })).toHaveAttribute(
      'href',
      new RegExp(`^mailto:${shopConfig.supportEmail.replace('.', '\\.')}`),
    );
  });
});

test.describe('phone navigation', () => {
  test('the menu button opens and closes an accessible menu', async ({ page, shot }, testInfo) => {
    test.skip(testInfo.project.name !== 'phone', 'the menu button only exists on small screens');
    await page.goto('/');
    const toggle = page.getByRole('button', { name: 'Buka menu' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    const menuToggle = page.getByRole('button', { name: 'Tutup menu' });
    await expect(menuToggle).toHaveAttribute('aria-expanded', 'true');
    const menu = page.locator('#mobile-menu');
    await expect(menu).toBeVisible();
    await shot('menu-open');
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();

    await page.getByRole('button', { name: 'Buka menu' }).click();
    await menu.getByRole('link', { name: 'FAQ' }).click();
    await expect(page).toHaveURL(/\/faq$/);
    await expect(menu).toBeHidden();
    await shot('faq-via-menu');
  });
});
