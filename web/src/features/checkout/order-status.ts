// What an order's status means for the pages: which step of the timeline it is on,
// whether it can still change, and how often to ask again.
import type { Delivery, HistoryEntry, OrderStatus } from './api/order-schema';

/** The happy path, in order. */
export const timelineSteps = ['awaiting_payment', 'paid', 'processing', 'delivered'] as const;
export type TimelineStep = (typeof timelineSteps)[number];

/** Nothing changes any more (an admin may still act on needs_attention). */
export function isFinal(status: OrderStatus): boolean {
  return status === 'delivered' || status === 'expired' || status === 'cancelled';
}

/** The payment has been received: the invoice has done its job. */
export function isPaidOrLater(status: OrderStatus): boolean {
  return status === 'paid' || status === 'processing' || status === 'delivered' || status === 'needs_attention';
}

/** The invoice can no longer be paid. */
export function isClosedUnpaid(status: OrderStatus): boolean {
  return status === 'expired' || status === 'cancelled';
}

/** Paid and on its way: the delivery runs by itself, usually within seconds. */
export function isDelivering(status: OrderStatus): boolean {
  return status === 'paid' || status === 'processing';
}

/**
 * Whether the pages keep asking on their own: not once final. A needs_attention order is
 * still watched (slowly, see pollInterval): the team fixes it by hand, and an open page
 * should show the result without a reload.
 */
export function isWatched(status: OrderStatus): boolean {
  return !isFinal(status);
}

/** How often to ask while the delivery runs, by how long it has been running. */
export const deliveryPollSteps = [
  { until: 60_000, everyMs: 2_500 },
  { until: 5 * 60_000, everyMs: 10_000 },
] as const;
/** After the steps above, and at once while the team sends an invite by hand. */
export const SLOW_POLL_MS = 30_000;

export function deliveryPollMs(deliveringForMs: number): number {
  return deliveryPollSteps.find((step) => deliveringForMs < step.until)?.everyMs ?? SLOW_POLL_MS;
}

/** What polling looks at: the order's status and, once paid, its delivery's. */
export interface PolledOrder {
  status: OrderStatus;
  delivery?: Pick<Delivery, 'status'> | null;
}

/**
 * The refetch interval for TanStack Query. Awaiting payment: `pollMs`. Delivering: every
 * 2.5 s for the first minute the page has watched it, then backing off (see
 * deliveryPollSteps), and slow at once while the team handles it by hand (an invitation
 * sent by hand, or a needs_attention order). Off once delivered, expired or cancelled.
 */
export function pollInterval(order: PolledOrder | undefined, pollMs: number, deliveringForMs = 0): number | false {
  if (!order) return pollMs;
  if (!isWatched(order.status)) return false;
  if (order.status === 'needs_attention') return SLOW_POLL_MS;
  if (!isDelivering(order.status)) return pollMs;
  if (order.delivery?.status === 'awaiting_team') return SLOW_POLL_MS;
  return deliveryPollMs(deliveringForMs);
}

export type StepState = 'done' | 'current' | 'upcoming';

export interface TimelineEntry {
  step: TimelineStep;
  state: StepState;
  /** When the order reached this step (the first time), from its history. */
  at: string | null;
}

/**
 * The four steps with their state and time. On the happy path the order's status is the
 * current step (delivered included) and the steps before it are done. Off it (expired,
 * cancelled, needs_attention) nothing is current: the steps the order reached stay done,
 * and the page explains the status beside the timeline.
 */
export function timeline(status: OrderStatus, history: readonly HistoryEntry[]): TimelineEntry[] {
  const reachedAt = new Map<OrderStatus, string>();
  for (const entry of history) if (!reachedAt.has(entry.status)) reachedAt.set(entry.status, entry.at);
  const current = (timelineSteps as readonly OrderStatus[]).indexOf(status);

  return timelineSteps.map((step, index) => {
    let state: StepState;
    if (current >= 0) {
      state = index < current ? 'done' : index === current ? 'current' : 'upcoming';
    } else {
      // Every order waited for its payment; needs_attention means the payment came in.
      const reached =
        index === 0 || reachedAt.has(step) || (status === 'needs_attention' && step === 'paid');
      state = reached ? 'done' : 'upcoming';
    }
    return { step, state, at: reachedAt.get(step) ?? null };
  });
}
