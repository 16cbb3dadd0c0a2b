import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { checkoutPayload, deliveredStockPayload, inviteOrderPayload, orderViewPayload } from '../test-fixtures';
import {
  checkoutSchema,
  createdOrderSchema,
  orderPageSchema,
  orderViewSchema,
} from './order-schema';

describe('checkout and order schemas (docs/checkout.md)', () => {
  it('reads GET /checkout/{id}: the product and the server quote', () => {
    const checkout = z.parse(checkoutSchema, checkoutPayload);
    expect(checkout.quote).toEqual({
      price_tier: 'retail',
      unit_price: 75000,
      quantity: 1,
      subtotal: 75000,
      total: 75000,
    });
    expect(checkout.product.input_schema.map((field) => field.key)).toEqual(['email', 'note']);
    expect(checkout.product.must_read_notice).toBe('Pastikan email yang kamu isi benar.');
    expect(checkout.max_unpaid_orders).toBe(3);
    expect(checkout.invoice_ttl_seconds).toBe(900);
  });

  it('refuses a quote with a fractional rupiah amount', () => {
    const bad = { ...checkoutPayload, quote: { ...checkoutPayload.quote, total: 75000.5 } };
    expect(z.safeParse(checkoutSchema, bad).success).toBe(false);
  });

  it('reads an OrderView awaiting payment, with the QR payload and the fee included', () => {
    const order = z.parse(orderViewSchema, orderViewPayload);
    expect(order.status).toBe('awaiting_payment');
    expect(order.payment?.amount_to_pay).toBe(151150);
    expect(order.payment?.qr_string).toMatch(/^000201/);
    expect(order.payment?.pay_url).toBeUndefined();
    expect(order.history).toEqual([{ status: 'awaiting_payment', at: '2026-11-26T07:05:00Z' }]);
  });

  it('reads a paid OrderView without a QR payload, and an optional pay_url', () => {
    const order = z.parse(orderViewSchema, {
      ...orderViewPayload,
      status: 'paid',
      paid_at: '2026-11-26T07:07:00Z',
      target: null,
      payment: { ...orderViewPayload.payment, status: 'paid', qr_string: null, pay_url: 'http://127.0.0.1:8080/tokopay-sim/pay/TP1' },
      history: [
        { status: 'awaiting_payment', at: '2026-11-26T07:05:00Z' },
        { status: 'paid', at: '2026-11-26T07:07:00Z' },
      ],
    });
    expect(order.payment?.qr_string).toBeNull();
    expect(order.payment?.pay_url).toMatch(/tokopay-sim\/pay/);
    expect(order.target).toEqual({});
  });

  it('reads the delivery of a paid order, and none from an older server', () => {
    expect(z.parse(orderViewSchema, orderViewPayload).delivery).toBeNull();
    expect(z.parse(orderViewSchema, { ...orderViewPayload, delivery: null }).delivery).toBeNull();
    expect(z.parse(orderViewSchema, deliveredStockPayload).delivery).toEqual({
      kind: 'stock',
      status: 'delivered',
      delivered_at: '2026-11-26T07:07:04Z',
      item_count: 2,
      revealed_count: 0,
      invite: null,
    });
    const invite = z.parse(
      orderViewSchema,
      inviteOrderPayload('processing', { status: 'awaiting_team', expected_by: '2026-11-26T07:30:00Z' }, 'awaiting_team'),
    ).delivery?.invite;
    expect(invite).toEqual({
      email: 'kursi@example.com',
      status: 'awaiting_team',
      sent_at: null,
      expected_by: '2026-11-26T07:30:00Z',
      note: null,
    });
  });

  it('refuses an unknown delivery status', () => {
    const bad = { ...deliveredStockPayload, delivery: { ...deliveredStockPayload.delivery, status: 'lost' } };
    expect(z.safeParse(orderViewSchema, bad).success).toBe(false);
  });

  it('refuses an unknown order status', () => {
    expect(z.safeParse(orderViewSchema, { ...orderViewPayload, status: 'refunded' }).success).toBe(false);
  });

  it('reads the 201 of POST /orders', () => {
    const created = z.parse(createdOrderSchema, {
      order: orderViewPayload,
      tracking_token: 'Jx2m7hL0qP4rT9vW1yZ3aB5cD7eF9gH1iJ3kL5mN7oQ',
    });
    expect(created.order.number).toBe('RP-261126-7K3M9Q');
    expect(created.tracking_token).toHaveLength(43);
  });

  it('reads the account list: OrderSummary has no buyer, target, QR or history', () => {
    const summary = {
      ...orderViewPayload,
      buyer: undefined,
      target: undefined,
      history: undefined,
      payment: { channel: 'QRIS', status: 'pending', amount_to_pay: 151150, expires_at: '2026-11-26T07:20:00Z' },
    };
    const page = z.parse(orderPageSchema, { items: [summary], page: 1, page_size: 10, total: 1 });
    expect(page.items[0]?.number).toBe('RP-261126-7K3M9Q');
    expect(page.items[0]?.payment?.amount_to_pay).toBe(151150);
    expect(page.items[0]).not.toHaveProperty('buyer');
  });

  it('reads the account list as the API sends it: no unit_price, no payment', () => {
    const summary = Object.fromEntries(
      Object.entries(orderViewPayload).filter(
        ([key]) => !['unit_price', 'buyer', 'target', 'history', 'payment'].includes(key),
      ),
    );
    const page = z.parse(orderPageSchema, { items: [{ ...summary, status: 'paid' }], page: 1, page_size: 10, total: 1 });
    expect(page.items[0]?.total).toBe(orderViewPayload.total);
    expect(page.items[0]?.payment).toBeNull();
  });
});
