// What the delivery panel shows for an order: one state out of the order's status, its
// delivery and the product type (older servers send no delivery at all).
import type { Language } from '@/lib/i18n';
import type { Invite, OrderView } from './api/order-schema';
import { isPaidOrLater } from './order-status';

export type DeliveryView =
  /** Not paid (or never will be): nothing to deliver. */
  | { state: 'none' }
  /** Paid; the codes are being taken or the invite is on its way. */
  | { state: 'progress'; kind: 'stock' | 'invite'; email: string | null; sending: boolean }
  /** The team finishes it by hand (an invite without a free seat, say). */
  | { state: 'awaiting_team'; email: string | null; expectedBy: string | null }
  /** STOCK delivered: the secrets wait behind "Tampilkan kode". */
  | { state: 'stock'; itemCount: number; revealedCount: number; deliveredAt: string | null }
  /** INVITE sent: the buyer has to accept it. */
  | { state: 'invite_sent'; email: string | null; sentAt: string | null; note: string | null }
  /** Delivery failed, or the order waits for the team (needs_attention). */
  | { state: 'trouble'; failed: boolean; note: string | null };

export function deliveryView(order: Pick<OrderView, 'status' | 'product' | 'quantity' | 'target' | 'delivery'>): DeliveryView {
  if (!isPaidOrLater(order.status)) return { state: 'none' };
  const delivery = order.delivery;
  const kind = delivery?.kind ?? (order.product.type === 'INVITE' ? 'invite' : 'stock');
  const invite: Invite | null = delivery?.invite ?? null;
  const failed = delivery?.status === 'failed' || invite?.status === 'failed';
  const delivered = order.status === 'delivered' || delivery?.status === 'delivered';

  if (order.status === 'needs_attention' || (failed && !delivered)) {
    return { state: 'trouble', failed, note: failed ? (invite?.note ?? null) : null };
  }

  if (kind === 'invite') {
    // The checkout's target field for the seat is "email"; the delivery names it once known.
    const email = invite?.email ?? order.target.email ?? null;
    if (delivered || invite?.status === 'sent') {
      return { state: 'invite_sent', email, sentAt: invite?.sent_at ?? delivery?.delivered_at ?? null, note: invite?.note ?? null };
    }
    if (invite?.status === 'awaiting_team' || delivery?.status === 'awaiting_team') {
      return { state: 'awaiting_team', email, expectedBy: invite?.expected_by ?? null };
    }
    return { state: 'progress', kind, email, sending: invite?.status === 'sending' };
  }

  if (delivered) {
    return {
      state: 'stock',
      // 0 until delivered; an older server never counts: what was bought was delivered.
      itemCount: delivery && delivery.item_count > 0 ? delivery.item_count : order.quantity,
      revealedCount: delivery?.revealed_count ?? 0,
      deliveredAt: delivery?.delivered_at ?? null,
    };
  }
  if (delivery?.status === 'awaiting_team') return { state: 'awaiting_team', email: null, expectedBy: null };
  return { state: 'progress', kind, email: null, sending: false };
}

const wibDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * A deadline in WIB for "perkiraan selesai sebelum …": only the time ("14.30 WIB") when it
 * falls on today's date in Jakarta, else with the date ("27 Nov 2026, 14.30 WIB").
 */
export function formatDeadlineWib(timestamp: string, lang: Language, now: number): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return '';
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Jakarta',
  }).format(date);
  if (wibDay.format(date) === wibDay.format(now)) return `${time} WIB`;
  const day = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Asia/Jakarta',
  }).format(date);
  return `${day}, ${time} WIB`;
}
