import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon, type IconName } from '@/components/ui/icon';
import { Spinner } from '@/components/ui/spinner';
import { isApiError } from '@/lib/api-client';
import { cn } from '@/lib/cn';
import { formatDateTimeWib } from '@/lib/format';
import { interpolate, useI18n } from '@/lib/i18n';
import type { OrderAccess } from '../api/get-order';
import type { OrderView } from '../api/order-schema';
import { useRevealDelivery } from '../api/reveal-delivery';
import { copyText } from '../clipboard';
import { deliveryView, formatDeadlineWib, type DeliveryView } from '../delivery-view';
import { useNow } from '../hooks/use-now';
import type { DeliveryMessages } from '../messages/delivery-id';
import { useDeliveryMessages } from '../messages/use-delivery-messages';
import { SupportLinks } from './order-help';

type Texts = DeliveryMessages;
type Announce = (message: string) => void;

/**
 * The delivery of a paid order, on /track/:token and /account/orders/:id: progress while
 * it runs, the codes behind "Tampilkan kode" (read with the page's own credentials, each
 * reveal recorded), an invitation's status and what to do next, or an honest account of
 * a failure with the shop's contacts. Renders nothing before the payment.
 */
export function DeliveryPanel({ order, access }: { order: OrderView; access: OrderAccess }) {
  const c = useDeliveryMessages();
  const view = deliveryView(order);
  const titleId = useId();
  // Copy results, read out politely; a new key makes the same words announced again.
  const [announcement, setAnnouncement] = useState({ text: '', key: 0 });
  const announce = useCallback<Announce>(
    (text) => setAnnouncement((current) => ({ text, key: current.key + 1 })),
    [],
  );

  if (view.state === 'none') return null;
  const trouble = view.state === 'trouble';
  return (
    <Card
      role="region"
      aria-labelledby={titleId}
      className={cn(
        'p-5 sm:p-7',
        trouble ? 'border-warning/40' : view.state === 'stock' || view.state === 'invite_sent' ? 'border-gold/40' : undefined,
      )}
      data-testid="delivery-panel"
      data-state={view.state}
    >
      <div className="space-y-5">
        <DeliveryHeader view={view} titleId={titleId} />
        {view.state === 'progress' && (
          <div
            role="progressbar"
            aria-label={c.progressLabel}
            aria-valuetext={c.processingTitle}
            className="h-1.5 overflow-hidden rounded-full bg-line"
          >
            <div className="h-full w-full animate-pulse rounded-full bg-cta" />
          </div>
        )}
        {view.state === 'stock' && <StockDelivery order={order} view={view} access={access} announce={announce} />}
        {view.state === 'invite_sent' && <InviteSent view={view} texts={c} />}
        {view.state === 'trouble' && <DeliveryTrouble view={view} number={order.number} announce={announce} />}
      </div>
      <p role="status" className="sr-only" data-testid="delivery-announcement">
        <span key={announcement.key}>{announcement.text}</span>
      </p>
    </Card>
  );
}

const headerIcons: Record<Exclude<DeliveryView['state'], 'none'>, { icon: IconName | 'spinner'; tone: string }> = {
  progress: { icon: 'spinner', tone: 'border-purple/60 bg-purple/15 text-purple-soft' },
  awaiting_team: { icon: 'clock', tone: 'border-purple/60 bg-purple/15 text-purple-soft' },
  stock: { icon: 'check', tone: 'border-success/40 bg-success/10 text-success' },
  invite_sent: { icon: 'mail', tone: 'border-success/40 bg-success/10 text-success' },
  trouble: { icon: 'alert', tone: 'border-warning/40 bg-warning/10 text-warning' },
};

/** The state in a title and a sentence: a polite live region, so changes are read out. */
function DeliveryHeader({ view, titleId }: { view: Exclude<DeliveryView, { state: 'none' }>; titleId: string }) {
  const c = useDeliveryMessages();
  const { lang } = useI18n();
  const now = useNow(60_000, view.state === 'awaiting_team');
  const { icon, tone } = headerIcons[view.state];

  let title: string;
  let summary: ReactNode;
  switch (view.state) {
    case 'progress':
      title = c.processingTitle;
      summary =
        view.kind === 'stock'
          ? c.processingStock
          : view.sending
            ? view.email
              ? interpolate(c.sendingInvite, { email: view.email })
              : c.sendingInviteNoEmail
            : view.email
              ? interpolate(c.processingInvite, { email: view.email })
              : c.processingInviteNoEmail;
      break;
    case 'awaiting_team': {
      title = c.awaitingTeamTitle;
      const who = view.email ? interpolate(c.awaitingTeam, { email: view.email }) : c.awaitingTeamNoEmail;
      const deadline = view.expectedBy ? formatDeadlineWib(view.expectedBy, lang, now) : '';
      const late = view.expectedBy !== null && new Date(view.expectedBy).getTime() < now;
      const when = !deadline
        ? c.expectedUnknown
        : interpolate(late ? c.expectedLate : c.expectedBy, { time: deadline });
      summary = (
        <>
          {who} <span data-testid="delivery-expected">{when}</span>
        </>
      );
      break;
    }
    case 'stock':
      title = c.deliveredTitle;
      summary = view.itemCount === 1 ? c.itemsReadyOne : interpolate(c.itemsReadyMany, { count: view.itemCount });
      break;
    case 'invite_sent':
      title = c.inviteSentTitle;
      summary = view.email ? interpolate(c.inviteSent, { email: view.email }) : c.inviteSentNoEmail;
      break;
    case 'trouble':
      title = c.troubleTitle;
      summary = view.failed ? c.failed : c.attention;
      break;
  }

  return (
    <div aria-live="polite" aria-atomic="true" className="flex items-start gap-3.5" data-testid="delivery-status">
      <span
        aria-hidden="true"
        className={cn('flex h-10 w-10 shrink-0 items-center justify-center rounded-full border', tone)}
      >
        {icon === 'spinner' ? <Spinner className="h-5 w-5" /> : <Icon name={icon} />}
      </span>
      <div className="min-w-0 space-y-1">
        <h2 id={titleId} className="text-lg font-semibold text-fg">
          {title}
        </h2>
        <p className="text-sm text-fg-muted [overflow-wrap:anywhere]">{summary}</p>
      </div>
    </div>
  );
}

/** STOCK delivered: the codes are asked for (and the reveal recorded) only on request. */
function StockDelivery({
  order,
  view,
  access,
  announce,
}: {
  order: OrderView;
  view: Extract<DeliveryView, { state: 'stock' }>;
  access: OrderAccess;
  announce: Announce;
}) {
  const c = useDeliveryMessages();
  const { lang } = useI18n();
  const reveal = useRevealDelivery(order.id, access);
  const items = reveal.data?.items;
  const itemsRef = useRef<HTMLDivElement>(null);
  const revealRef = useRef<HTMLButtonElement>(null);
  const hiding = useRef(false);

  // The button the buyer pressed goes away: focus follows to the codes, and back.
  useEffect(() => {
    if (items) {
      itemsRef.current?.focus();
    } else if (hiding.current) {
      hiding.current = false;
      revealRef.current?.focus();
    }
  }, [items]);

  function hide() {
    hiding.current = true;
    // Drops the codes from memory, not just from the screen.
    reveal.reset();
  }

  const copied = (message: string) => (ok: boolean) => announce(ok ? message : c.copyFailed);

  return (
    <div className="space-y-4">
      {view.deliveredAt && (
        <p className="text-xs text-fg-subtle tabular-nums">
          <time dateTime={view.deliveredAt}>
            {interpolate(c.deliveredAt, { time: formatDateTimeWib(view.deliveredAt, lang) })}
          </time>
        </p>
      )}
      {items ? (
        <div
          ref={itemsRef}
          tabIndex={-1}
          role="group"
          aria-label={c.itemsLabel}
          className="space-y-3 rounded-control"
          data-testid="delivery-items"
        >
          {items.length === 0 ? (
            <p className="text-sm text-fg-muted">{c.revealEmpty}</p>
          ) : (
            <ol className="space-y-3">
              {items.map((item, index) => {
                const n = index + 1;
                return (
                  <li
                    // The order of the items is the server's and never changes while shown.
                    key={index}
                    className="rounded-control border border-line bg-surface p-3.5"
                    data-testid="delivery-item"
                  >
                    <div className="mb-2 flex items-center justify-between gap-3">
                      <span className="text-xs font-semibold tracking-wide text-fg-subtle uppercase">
                        {interpolate(c.itemLabel, { n })}
                      </span>
                      <CopyButton
                        text={item}
                        label={interpolate(c.copyItem, { n })}
                        onResult={copied(interpolate(c.copiedItem, { n }))}
                      />
                    </div>
                    <pre
                      translate="no"
                      className="font-mono text-sm leading-relaxed whitespace-pre-wrap text-gold-soft [overflow-wrap:anywhere]"
                    >
                      {item}
                    </pre>
                  </li>
                );
              })}
            </ol>
          )}
          <div className="flex flex-wrap gap-2">
            {items.length > 1 && (
              <CopyButton text={items.join('\n\n')} label={c.copyAll} visible={c.copyAll} onResult={copied(c.copiedAll)} />
            )}
            <Button variant="ghost" size="sm" onClick={hide} data-testid="hide-codes">
              <Icon name="eyeOff" className="h-4 w-4" />
              {c.hide}
            </Button>
          </div>
        </div>
      ) : (
        <Button
          ref={revealRef}
          onClick={() => reveal.mutate()}
          loading={reveal.isPending}
          className="w-full sm:w-auto"
          data-testid="reveal-codes"
        >
          <Icon name="eye" className="h-4.5 w-4.5" />
          {c.reveal}
        </Button>
      )}
      {/* Always in the DOM, so that a refusal appearing in it is read out. */}
      <div aria-live="assertive" aria-atomic="true">
        {reveal.error && (
          <p
            role="alert"
            className="flex items-start gap-2.5 rounded-control border border-danger/40 bg-danger/10 px-3.5 py-3 text-sm text-fg"
            data-testid="reveal-error"
          >
            <Icon name="alert" className="mt-0.5 h-4.5 w-4.5 text-danger" />
            <span>{revealErrorText(reveal.error, c)}</span>
          </p>
        )}
      </div>
      <p className="flex items-start gap-2 text-xs text-fg-subtle">
        <Icon name="shield" className="mt-px h-4 w-4" />
        <span>
          {c.revealNote}
          {view.revealedCount > 0 && (
            <>
              {' '}
              <span data-testid="revealed-count">
                {view.revealedCount === 1 ? c.revealedOnce : interpolate(c.revealedMany, { count: view.revealedCount })}
              </span>
            </>
          )}
        </span>
      </p>
    </div>
  );
}

/** The reveal's refusals, in the buyer's words. */
function revealErrorText(error: unknown, c: Texts): string {
  if (!isApiError(error)) return c.revealFailed;
  if (error.code === 'not_delivered' || error.status === 409) return c.revealNotDelivered;
  if (error.isNotFound || error.code === 'order_not_found') return c.revealNotFound;
  if (error.status === 401) return c.revealSignedOut;
  if (error.code === 'network') return c.revealNetwork;
  return c.revealFailed;
}

/** INVITE sent: to which address, when, the provider's note and what to do next. */
function InviteSent({ view, texts: c }: { view: Extract<DeliveryView, { state: 'invite_sent' }>; texts: Texts }) {
  const { lang } = useI18n();
  return (
    <div className="space-y-4">
      {view.email && (
        <dl className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
          <dt className="text-fg-subtle">{c.invitedEmail}</dt>
          <dd className="min-w-0 font-medium text-fg [overflow-wrap:anywhere]" data-testid="invite-email">
            {view.email}
          </dd>
        </dl>
      )}
      {view.sentAt && (
        <p className="text-xs text-fg-subtle tabular-nums">
          <time dateTime={view.sentAt}>{interpolate(c.sentAt, { time: formatDateTimeWib(view.sentAt, lang) })}</time>
        </p>
      )}
      {view.note && (
        <p className="rounded-control border border-gold/30 bg-gold/5 px-3.5 py-3 text-sm text-fg" data-testid="invite-note">
          <span className="font-semibold text-gold">{c.providerNote}:</span> {view.note}
        </p>
      )}
      <p className="text-xs text-fg-subtle">{c.inviteMissing}</p>
    </div>
  );
}

/** Failed or waiting for the team: what happened, the number to quote, whom to contact. */
function DeliveryTrouble({
  view,
  number,
  announce,
}: {
  view: Extract<DeliveryView, { state: 'trouble' }>;
  number: string;
  announce: Announce;
}) {
  const c = useDeliveryMessages();
  return (
    <div className="space-y-4">
      {view.note && (
        <p className="rounded-control border border-warning/40 bg-warning/10 px-3.5 py-3 text-sm text-fg" data-testid="delivery-note">
          <span className="font-semibold">{c.providerNote}:</span> {view.note}
        </p>
      )}
      <div className="space-y-2">
        <p className="text-sm text-fg-muted">{c.quoteNumber}</p>
        <div className="flex flex-wrap items-center gap-2">
          <span
            translate="no"
            className="rounded-control border border-line bg-surface px-3 py-1.5 font-mono text-base font-semibold text-gold"
            data-testid="delivery-order-number"
          >
            {number}
          </span>
          <CopyButton text={number} label={c.copyNumber} onResult={(ok) => announce(ok ? c.copiedNumber : c.copyFailed)} />
        </div>
      </div>
      <SupportLinks number={number} emphasis />
    </div>
  );
}

/**
 * Copies `text` and says so on the button for a moment; the result is also announced by
 * the panel. `label` names the button for assistive technology ("Salin item 2"); the
 * visible word is `visible` ("Salin" unless told).
 */
function CopyButton({
  text,
  label,
  visible,
  onResult,
}: {
  text: string;
  label: string;
  visible?: string;
  onResult: (ok: boolean) => void;
}) {
  const c = useDeliveryMessages();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 2000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  async function copy() {
    const ok = await copyText(text);
    setCopied(ok);
    onResult(ok);
  }

  return (
    <Button
      variant="secondary"
      size="sm"
      // Once copied the button reads "Disalin", which the panel also announces.
      aria-label={copied ? undefined : label}
      onClick={() => void copy()}
    >
      <Icon name={copied ? 'check' : 'copy'} className={cn('h-4 w-4', copied && 'text-success')} />
      {copied ? c.copied : (visible ?? c.copy)}
    </Button>
  );
}
