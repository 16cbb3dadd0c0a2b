// The shapes of the checkout and order endpoints (docs/checkout.md). Every price here
// comes from the server: the browser shows them and never computes one.
import * as z from 'zod/mini';

const nullableString = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => value ?? null),
);

export const productTypeSchema = z.enum(['STOCK', 'INVITE']);
export type ProductType = z.infer<typeof productTypeSchema>;

/** A target field an INVITE buyer fills in (the product's `input_schema`). */
export const inputFieldSchema = z.object({
  key: z.string().check(z.minLength(1)),
  type: z.string(),
  required: z._default(z.boolean(), false),
  label: z.object({ id: z.optional(z.string()), en: z.optional(z.string()) }),
  max_length: z.nullish(z.number().check(z.int())),
});
export type InputField = z.infer<typeof inputFieldSchema>;

/** The product as the checkout page needs it (a subset of GET /products/{slug}). */
export const checkoutProductSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  type: productTypeSchema,
  image_url: z.nullish(z.string()),
  price: z.number().check(z.int()),
  availability: z.object({
    available: z.boolean(),
    /** A count for STOCK products, null for INVITE products. */
    stock: z.nullish(z.number()),
  }),
  must_read_notice: nullableString,
  input_schema: z.pipe(
    z.nullish(z.array(inputFieldSchema)),
    z.transform((value) => value ?? []),
  ),
  max_per_order: z.nullish(z.number().check(z.int())),
});
export type CheckoutProduct = z.infer<typeof checkoutProductSchema>;

const rupiah = z.number().check(z.int());

/** The server's price breakdown for one quantity. */
export const quoteSchema = z.object({
  /** "retail", or "reseller" for a reseller's token. */
  price_tier: z.string(),
  unit_price: rupiah,
  quantity: z.number().check(z.int()),
  subtotal: rupiah,
  total: rupiah,
});
export type Quote = z.infer<typeof quoteSchema>;

/** GET /checkout/{product_id}?quantity=N */
export const checkoutSchema = z.object({
  product: checkoutProductSchema,
  quote: quoteSchema,
  max_unpaid_orders: z.nullish(z.number()),
  invoice_ttl_seconds: z.nullish(z.number()),
});
export type Checkout = z.infer<typeof checkoutSchema>;

export const orderStatuses = [
  'awaiting_payment',
  'paid',
  'processing',
  'delivered',
  'expired',
  'cancelled',
  'needs_attention',
] as const;
export const orderStatusSchema = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

const orderProductSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  type: productTypeSchema,
});

const paymentSummarySchema = z.object({
  channel: z.string(),
  status: z.string(),
  /** What the buyer pays: the order total plus the gateway's fee. */
  amount_to_pay: rupiah,
  expires_at: nullableString,
  /** The gateway's own payment page, when the server exposes it. */
  pay_url: z.optional(nullableString),
});

const paymentSchema = z.extend(paymentSummarySchema, {
  /** The QRIS payload; present only while the order awaits payment. */
  qr_string: nullableString,
});

const orderSummaryShape = {
  id: z.string(),
  number: z.string(),
  status: orderStatusSchema,
  product: orderProductSchema,
  quantity: z.number().check(z.int()),
  total: rupiah,
  created_at: z.string(),
  expires_at: nullableString,
  paid_at: nullableString,
};

export const historyEntrySchema = z.object({ status: orderStatusSchema, at: z.string() });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const deliveryKinds = ['stock', 'invite'] as const;
export const deliveryStatuses = ['queued', 'in_progress', 'awaiting_team', 'delivered', 'failed'] as const;
export const inviteStatuses = ['queued', 'sending', 'sent', 'awaiting_team', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export type InviteStatus = (typeof inviteStatuses)[number];

/** An INVITE order's invitation: where it goes and how far it got. */
export const inviteSchema = z.object({
  /** The address being invited. */
  email: nullableString,
  status: z.enum(inviteStatuses),
  sent_at: nullableString,
  /** While awaiting_team: when the team expects to have sent it. */
  expected_by: nullableString,
  /** The provider's words for the buyer, e.g. "Terima undangan dari OpenAI di kotak masuk". */
  note: nullableString,
});
export type Invite = z.infer<typeof inviteSchema>;

/**
 * How the delivery of a paid order stands. It never carries the secrets themselves:
 * those come from POST /orders/{id}/reveal, one recorded reveal at a time.
 */
export const deliverySchema = z.object({
  kind: z.enum(deliveryKinds),
  status: z.enum(deliveryStatuses),
  delivered_at: nullableString,
  /** STOCK: how many codes or accounts were delivered (0 until delivered). */
  item_count: z._default(z.number().check(z.int()), 0),
  /** How many times the secrets have been shown so far. */
  revealed_count: z._default(z.number().check(z.int()), 0),
  invite: z.pipe(
    z.nullish(inviteSchema),
    z.transform((value) => value ?? null),
  ),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** GET /orders/{id} and GET /track. */
export const orderViewSchema = z.object({
  ...orderSummaryShape,
  unit_price: rupiah,
  buyer: z.object({ name: z.string(), email: z.string(), whatsapp: nullableString }),
  target: z.pipe(
    z.nullish(z.record(z.string(), z.string())),
    z.transform((value) => value ?? {}),
  ),
  payment: z.pipe(
    z.nullish(paymentSchema),
    z.transform((value) => value ?? null),
  ),
  history: z._default(z.array(historyEntrySchema), []),
  /** Null while awaiting payment, expired or cancelled; absent from older servers. */
  delivery: z.pipe(
    z.nullish(deliverySchema),
    z.transform((value) => value ?? null),
  ),
});
export type OrderView = z.infer<typeof orderViewSchema>;

/**
 * An order in the account's list: no buyer, target, QR payload or history. Only what the
 * list shows is required (the API leaves out unit_price and payment here).
 */
export const orderSummarySchema = z.object({
  ...orderSummaryShape,
  payment: z.pipe(
    z.nullish(paymentSummarySchema),
    z.transform((value) => value ?? null),
  ),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

/** GET /account/orders */
export const orderPageSchema = z.object({
  items: z.array(orderSummarySchema),
  page: z.number(),
  page_size: z.number(),
  total: z.number(),
});
export type OrderPage = z.infer<typeof orderPageSchema>;

/** POST /orders → 201 */
export const createdOrderSchema = z.object({
  order: orderViewSchema,
  tracking_token: z.string().check(z.minLength(16)),
});
export type CreatedOrder = z.infer<typeof createdOrderSchema>;

/** The body of POST /orders. */
export interface CreateOrderBody {
  product_id: string;
  quantity: number;
  buyer: { name: string; email: string; whatsapp: string };
  target?: Record<string, string>;
  must_read_acknowledged?: true;
}

// Query keys. Orders read with the account's token live under the account root, which
// the header drops on sign-out; orders read with a tracking token are the device's own.
export const checkoutKeys = {
  checkout: (productId: string, quantity: number, viewer: string, lang: string) =>
    ['checkout', productId, quantity, viewer, lang] as const,
  orderByToken: (orderId: string) => ['orders', 'by-token', orderId] as const,
  orderOfAccount: (userId: string, orderId: string) => ['account', userId, 'orders', orderId] as const,
  accountOrders: (userId: string, page: number) => ['account', userId, 'orders', 'page', page] as const,
  accountOrdersRoot: (userId: string) => ['account', userId, 'orders', 'page'] as const,
  tracked: (token: string) => ['orders', 'track', token] as const,
  buyer: (userId: string) => ['account', userId, 'buyer'] as const,
};
