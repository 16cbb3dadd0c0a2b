// The tracking tokens of the orders made on this device, so that their invoices open
// again without signing in: localStorage "rp.orderTokens", {orderId: token}, oldest
// first (order ids are uuids, so the object keeps insertion order), at most MAX_ORDER_TOKENS. Storage may be blocked (private mode): then the
// invoice still opens from the tracking link, which the invoice always shows.
import * as z from 'zod/mini';

export const ORDER_TOKENS_KEY = 'rp.orderTokens';
export const MAX_ORDER_TOKENS = 20;

const storedSchema = z.record(z.string(), z.string());

export function readOrderTokens(): Record<string, string> {
  try {
    const raw = window.localStorage.getItem(ORDER_TOKENS_KEY);
    if (!raw) return {};
    const parsed = z.safeParse(storedSchema, JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The token kept for `orderId`, or null. */
export function orderTokenFor(orderId: string): string | null {
  return readOrderTokens()[orderId] ?? null;
}

/** The order made last on this device, if any. */
export function latestOrderId(): string | null {
  return Object.keys(readOrderTokens()).at(-1) ?? null;
}

/** Keeps `token` for `orderId` as the newest entry, dropping the oldest beyond the limit. */
export function saveOrderToken(orderId: string, token: string): void {
  const entries = Object.entries(readOrderTokens()).filter(([id]) => id !== orderId);
  entries.push([orderId, token]);
  try {
    window.localStorage.setItem(
      ORDER_TOKENS_KEY,
      JSON.stringify(Object.fromEntries(entries.slice(-MAX_ORDER_TOKENS))),
    );
  } catch {
    // Not kept: the tracking link on the invoice still opens the order.
  }
}
