// What an order's status means for the pages: which step of the timeline it is on,
// whether it can still change, and how often to ask again.
import type { HistoryEntry, OrderStatus } from './api/order-schema';

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

/**
 * The refetch interval for TanStack Query: `pollMs` while the order can change on its
 * own, slower while an admin has to look at it, off once final.
 */
export function pollInterval(status: OrderStatus | undefined, pollMs: number): number | false {
  if (!status) return pollMs;
  if (isFinal(status)) return false;
  if (status === 'needs_attention') return Math.max(pollMs, 30_000);
  return pollMs;
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
