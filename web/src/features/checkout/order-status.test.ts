import { describe, expect, it } from 'vitest';
import type { OrderStatus } from './api/order-schema';
import { deliveryPollMs, isFinal, isWatched, pollInterval, SLOW_POLL_MS, timeline, type PolledOrder } from './order-status';

const at = (minute: number) => `2026-11-26T07:${String(minute).padStart(2, '0')}:00Z`;

describe('order timeline', () => {
  it('highlights the current step and keeps the times of the steps reached', () => {
    const steps = timeline('paid', [
      { status: 'awaiting_payment', at: at(5) },
      { status: 'paid', at: at(7) },
    ]);
    expect(steps.map((step) => step.state)).toEqual(['done', 'current', 'upcoming', 'upcoming']);
    expect(steps.map((step) => step.at)).toEqual([at(5), at(7), null, null]);
  });

  it('shows a delivered order as the last step', () => {
    expect(timeline('delivered', []).map((step) => step.state)).toEqual(['done', 'done', 'done', 'current']);
  });

  it('has no current step off the happy path', () => {
    expect(timeline('expired', [{ status: 'awaiting_payment', at: at(5) }]).map((step) => step.state)).toEqual([
      'done',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    expect(timeline('needs_attention', []).map((step) => step.state)).toEqual(['done', 'done', 'upcoming', 'upcoming']);
  });
});

describe('polling', () => {
  const order = (status: OrderStatus, delivery: PolledOrder['delivery'] = null): PolledOrder => ({ status, delivery });

  it('polls while the order awaits payment and stops once final or with the team', () => {
    expect(pollInterval(undefined, 3000)).toBe(3000);
    expect(pollInterval(order('awaiting_payment'), 3000)).toBe(3000);
    for (const status of ['delivered', 'expired', 'cancelled'] as const) {
      expect(isFinal(status)).toBe(true);
      expect(pollInterval(order(status), 3000)).toBe(false);
    }
    // The team handles it: no polling (the page asks again when the tab regains focus).
    expect(isWatched('needs_attention')).toBe(true);
    expect(pollInterval(order('needs_attention'), 5000)).toBe(SLOW_POLL_MS);
  });

  it('asks every 2.5 s while the delivery runs, then backs off after a minute', () => {
    for (const status of ['paid', 'processing'] as const) {
      expect(pollInterval(order(status), 5000, 0)).toBe(2_500);
      expect(pollInterval(order(status), 5000, 59_999)).toBe(2_500);
      expect(pollInterval(order(status), 5000, 60_000)).toBe(10_000);
      expect(pollInterval(order(status), 5000, 5 * 60_000)).toBe(30_000);
    }
    expect(deliveryPollMs(3 * 60 * 60_000)).toBe(30_000);
  });

  it('asks slowly at once while the team sends an invite by hand', () => {
    expect(pollInterval(order('processing', { status: 'awaiting_team' }), 5000, 0)).toBe(30_000);
    expect(pollInterval(order('processing', { status: 'in_progress' }), 5000, 0)).toBe(2_500);
  });
});
