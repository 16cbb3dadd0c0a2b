// Sample payloads in the shapes of docs/checkout.md, shared by the unit tests.

export const checkoutPayload = {
  product: {
    id: 'a0000000-0000-4000-8000-000000000002',
    slug: 'chatgpt-team-1-bulan',
    name: 'ChatGPT Team 1 Bulan (Invite Email)',
    short_description: 'Kursi pribadi di workspace ChatGPT Team.',
    type: 'INVITE',
    category: { slug: 'ai-produktivitas', name: 'AI & Produktivitas' },
    image_url: null,
    price: 75000,
    featured: true,
    availability: { available: true, stock: null },
    description: 'Gabung ke workspace ChatGPT Team memakai email kamu sendiri.',
    must_read_notice: 'Pastikan email yang kamu isi benar.',
    input_schema: [
      {
        key: 'email',
        type: 'email',
        required: true,
        label: { id: 'Email yang akan diundang', en: 'Email to invite' },
        max_length: 254,
      },
      {
        key: 'note',
        type: 'text',
        required: false,
        label: { id: 'Catatan untuk admin', en: 'Note for the admin' },
        max_length: 10,
      },
    ],
    max_per_order: 1,
  },
  quote: { price_tier: 'retail', unit_price: 75000, quantity: 1, subtotal: 75000, total: 75000 },
  max_unpaid_orders: 3,
  invoice_ttl_seconds: 900,
};

export const stockProduct = {
  ...checkoutPayload.product,
  id: 'a0000000-0000-4000-8000-000000000001',
  slug: 'chatgpt-plus-1-bulan-sharing',
  type: 'STOCK' as const,
  must_read_notice: null,
  input_schema: [],
  availability: { available: true, stock: 3 },
  max_per_order: 5,
};

export const orderViewPayload = {
  id: '0b7f6a52-8f0e-4c51-a1f1-3e4b7d0c9a10',
  number: 'RP-261126-7K3M9Q',
  status: 'awaiting_payment',
  product: { id: 'a0000000-0000-4000-8000-000000000001', slug: 'chatgpt-plus-1-bulan-sharing', name: 'ChatGPT Plus', type: 'STOCK' },
  quantity: 1,
  unit_price: 150000,
  total: 150000,
  buyer: { name: 'Budi', email: 'budi@example.com', whatsapp: '+6281234567890' },
  target: {},
  created_at: '2026-11-26T07:05:00Z',
  expires_at: '2026-11-26T07:20:00Z',
  paid_at: null,
  payment: {
    channel: 'QRIS',
    status: 'pending',
    amount_to_pay: 151150,
    qr_string: '00020101021226670016COM.NOBUBANK.WWW01189360050300000879140214',
    expires_at: '2026-11-26T07:20:00Z',
  },
  history: [{ status: 'awaiting_payment', at: '2026-11-26T07:05:00Z' }],
};

/** An order paid a moment ago, its delivery queued (GET /track, GET /orders/{id}). */
export const paidOrderPayload = {
  ...orderViewPayload,
  status: 'paid',
  paid_at: '2026-11-26T07:07:00Z',
  payment: { ...orderViewPayload.payment, status: 'paid', qr_string: null },
  history: [
    { status: 'awaiting_payment', at: '2026-11-26T07:05:00Z' },
    { status: 'paid', at: '2026-11-26T07:07:00Z' },
  ],
  delivery: {
    kind: 'stock',
    status: 'queued',
    delivered_at: null,
    item_count: 0,
    revealed_count: 0,
    invite: null,
  },
};

/** Two STOCK items delivered, never shown yet. */
export const deliveredStockPayload = {
  ...paidOrderPayload,
  status: 'delivered',
  quantity: 2,
  history: [...paidOrderPayload.history, { status: 'delivered', at: '2026-11-26T07:07:04Z' }],
  delivery: { ...paidOrderPayload.delivery, status: 'delivered', delivered_at: '2026-11-26T07:07:04Z', item_count: 2 },
};

/** An INVITE order (ChatGPT Team), its seat's invitation in the state given. */
export function inviteOrderPayload(
  status: string,
  invite: Partial<{ email: string | null; status: string; sent_at: string | null; expected_by: string | null; note: string | null }>,
  deliveryStatus = 'in_progress',
) {
  return {
    ...paidOrderPayload,
    status,
    product: { id: checkoutPayload.product.id, slug: checkoutPayload.product.slug, name: checkoutPayload.product.name, type: 'INVITE' },
    unit_price: 75000,
    total: 75000,
    target: { email: 'kursi@example.com' },
    delivery: {
      kind: 'invite',
      status: deliveryStatus,
      delivered_at: null,
      item_count: 0,
      revealed_count: 0,
      invite: { email: 'kursi@example.com', status: 'queued', sent_at: null, expected_by: null, note: null, ...invite },
    },
  };
}
