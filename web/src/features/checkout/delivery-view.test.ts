import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { orderViewSchema } from './api/order-schema';
import { deliveryView, formatDeadlineWib } from './delivery-view';
import {
  deliveredStockPayload,
  inviteOrderPayload,
  orderViewPayload,
  paidOrderPayload,
} from './test-fixtures';

const view = (payload: unknown) => deliveryView(z.parse(orderViewSchema, payload));

describe('deliveryView', () => {
  it('shows nothing before the payment, nor for an expired or cancelled order', () => {
    expect(view(orderViewPayload)).toEqual({ state: 'none' });
    expect(view({ ...orderViewPayload, status: 'expired' })).toEqual({ state: 'none' });
    expect(view({ ...orderViewPayload, status: 'cancelled' })).toEqual({ state: 'none' });
  });

  it('shows progress while a paid STOCK order is queued or in progress', () => {
    expect(view(paidOrderPayload)).toEqual({ state: 'progress', kind: 'stock', email: null, sending: false });
    expect(view({ ...paidOrderPayload, status: 'processing', delivery: { ...paidOrderPayload.delivery, status: 'in_progress' } }).state).toBe(
      'progress',
    );
  });

  it('offers the codes of a delivered STOCK order, with the count and the reveals so far', () => {
    expect(view({ ...deliveredStockPayload, delivery: { ...deliveredStockPayload.delivery, revealed_count: 3 } })).toEqual({
      state: 'stock',
      itemCount: 2,
      revealedCount: 3,
      deliveredAt: '2026-11-26T07:07:04Z',
    });
  });

  it('reads an older server without a delivery from the order alone', () => {
    const withoutDelivery: Record<string, unknown> = { ...deliveredStockPayload };
    delete withoutDelivery.delivery;
    expect(view(withoutDelivery)).toEqual({ state: 'stock', itemCount: 2, revealedCount: 0, deliveredAt: null });
    expect(view({ ...withoutDelivery, status: 'processing' })).toMatchObject({ state: 'progress', kind: 'stock' });
  });

  it('follows an invitation from queued to sent', () => {
    expect(view(inviteOrderPayload('processing', { status: 'queued' }))).toEqual({
      state: 'progress',
      kind: 'invite',
      email: 'kursi@example.com',
      sending: false,
    });
    expect(view(inviteOrderPayload('processing', { status: 'sending' }))).toMatchObject({ state: 'progress', sending: true });
    expect(
      view(inviteOrderPayload('delivered', { status: 'sent', sent_at: '2026-11-26T07:08:00Z', note: 'Terima undangan dari OpenAI' }, 'delivered')),
    ).toEqual({ state: 'invite_sent', email: 'kursi@example.com', sentAt: '2026-11-26T07:08:00Z', note: 'Terima undangan dari OpenAI' });
  });

  it('names the invited address from the target when the delivery does not (yet)', () => {
    expect(view(inviteOrderPayload('processing', { email: null }))).toMatchObject({ email: 'kursi@example.com' });
  });

  it('says when the team sends an invitation by hand', () => {
    expect(
      view(inviteOrderPayload('processing', { status: 'awaiting_team', expected_by: '2026-11-26T07:30:00Z' }, 'awaiting_team')),
    ).toEqual({ state: 'awaiting_team', email: 'kursi@example.com', expectedBy: '2026-11-26T07:30:00Z' });
  });

  it('is honest about a failure and about an order waiting for the team', () => {
    expect(view(inviteOrderPayload('processing', { status: 'failed', note: 'Email sudah terdaftar' }, 'failed'))).toEqual({
      state: 'trouble',
      failed: true,
      note: 'Email sudah terdaftar',
    });
    expect(view({ ...paidOrderPayload, status: 'needs_attention', delivery: null })).toEqual({
      state: 'trouble',
      failed: false,
      note: null,
    });
    expect(
      view({ ...paidOrderPayload, status: 'needs_attention', delivery: { ...paidOrderPayload.delivery, status: 'failed' } }),
    ).toMatchObject({ state: 'trouble', failed: true });
  });
});

describe('formatDeadlineWib', () => {
  // 26 Nov 2026, 10.00 WIB
  const now = Date.parse('2026-11-26T03:00:00Z');

  it('gives only the time in WIB on the same day in Jakarta', () => {
    expect(formatDeadlineWib('2026-11-26T07:30:00Z', 'id', now)).toBe('14.30 WIB');
    expect(formatDeadlineWib('2026-11-26T07:30:00Z', 'en', now)).toBe('14:30 WIB');
  });

  it('adds the date when it falls on another day in Jakarta', () => {
    // 18.30 UTC is 01.30 WIB the next day.
    expect(formatDeadlineWib('2026-11-26T18:30:00Z', 'id', now)).toBe('27 Nov 2026, 01.30 WIB');
  });

  it('is empty for an unreadable time', () => {
    expect(formatDeadlineWib('soon', 'id', now)).toBe('');
  });
});
