-- The notifications outbox: every email and WhatsApp message the shop sends is first a row
-- here, written in the same transaction as the order change it reports, then sent by
-- `shop::notify::send_due` (the sweep, or the local stack's timer) with retries. A sender
-- claims due rows under a lease (`FOR UPDATE SKIP LOCKED`), sends outside any transaction
-- and records the outcome, so several senders never send one message twice and a sender
-- that died gives its rows back when the lease runs out.
--
-- No message ever carries a delivered secret (a code, credentials): they carry the order's
-- tracking link, where the buyer reveals it and each reveal is recorded. The server
-- (connected as the table owner) does every read and write; the API roles see nothing.

create table public.notifications (
  id bigint generated always as identity primary key,
  -- Null for a message about no order (none yet; kept open for later ones).
  order_id uuid references public.orders (id) on delete restrict,
  -- delivered: the order's result is ready on the tracking page; awaiting_team: the team
  -- sends an invitation by hand; needs_attention: something went wrong and a person is on it.
  event text not null
    constraint notifications_event_known check (event in ('delivered', 'awaiting_team', 'needs_attention')),
  audience text not null
    constraint notifications_audience_known check (audience in ('buyer', 'admin')),
  channel text not null
    constraint notifications_channel_known check (channel in ('email', 'whatsapp')),
  -- The buyer's address or number as the order had it; null for the admin, whose address
  -- and number come from the configuration when the message is sent.
  recipient text
    constraint notifications_recipient_length check (length(recipient) between 1 and 254),
  -- queued: waiting for next_attempt_at; sending: claimed by locked_by until locked_until;
  -- sent; skipped: not sendable (channel not configured, order moved on: see last_error);
  -- dead: failed max_attempts times (last_error says why), for the admin.
  status text not null default 'queued'
    constraint notifications_status_known check (status in ('queued', 'sending', 'sent', 'skipped', 'dead')),
  attempts integer not null default 0
    constraint notifications_attempts_not_negative check (attempts >= 0),
  max_attempts integer not null default 8
    constraint notifications_max_attempts_range check (max_attempts between 1 and 100),
  next_attempt_at timestamptz not null default now(),
  locked_by text,
  locked_until timestamptz,
  last_error text
    constraint notifications_last_error_length check (length(last_error) <= 2000),
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Enqueueing the same event of an order twice is a no-op (`on conflict do nothing`).
  constraint notifications_once_per_order unique (order_id, event, audience, channel),
  constraint notifications_buyer_has_recipient check (audience = 'admin' or recipient is not null),
  constraint notifications_lease_consistent check ((status = 'sending') = (locked_by is not null and locked_until is not null)),
  constraint notifications_sent_at_consistent check ((status = 'sent') = (sent_at is not null))
);
comment on table public.notifications is 'The outbox of emails and WhatsApp messages, each sent once with retries by the server. Never holds a delivered secret.';
-- What a sender claims, oldest due first; and the leases of senders that died.
create index notifications_due_idx on public.notifications (next_attempt_at) where status = 'queued';
create index notifications_lease_idx on public.notifications (locked_until) where status = 'sending';
create trigger notifications_set_updated_at before update on public.notifications
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------------------
-- Queues the messages an order event sends: to the buyer by email and WhatsApp always, and
-- for needs_attention and awaiting_team also to the admin on both channels. Called by the
-- fulfillment code inside the transaction that changes the order, so it is one insert and
-- never fails for an existing order; a repeat inserts nothing. Returns how many rows it
-- inserted (0 for an unknown order).
create or replace function private.enqueue_order_notifications(p_order_id uuid, p_event text)
returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_inserted integer;
begin
  if p_event is null or p_event not in ('delivered', 'awaiting_team', 'needs_attention') then
    raise exception 'unknown notification event %', coalesce(quote_literal(p_event), 'null')
      using errcode = '22023';
  end if;
  insert into public.notifications (order_id, event, audience, channel, recipient)
  select o.id, p_event, r.audience, r.channel, r.recipient
  from public.orders o
  cross join lateral (values
    ('buyer', 'email', o.buyer_email),
    ('buyer', 'whatsapp', o.buyer_whatsapp),
    ('admin', 'email', null),
    ('admin', 'whatsapp', null)
  ) as r (audience, channel, recipient)
  where o.id = p_order_id
    and (r.audience = 'buyer' or p_event in ('needs_attention', 'awaiting_team'))
  on conflict do nothing;
  get diagnostics v_inserted = row_count;
  return v_inserted;
end;
$$;
comment on function private.enqueue_order_notifications(uuid, text) is 'Queues the buyer''s (and for needs_attention/awaiting_team the admin''s) email and WhatsApp messages of an order event, once.';

-- ---------------------------------------------------------------------------------------
-- Row Level Security and grants: the server's alone.
alter table public.notifications enable row level security;
revoke all on public.notifications from anon, authenticated, service_role;
grant select, insert, update, delete on public.notifications to service_role;
create policy "no api access to notifications" on public.notifications
  as restrictive for all to anon, authenticated using (false) with check (false);

revoke all on function private.enqueue_order_notifications(uuid, text) from public;
grant execute on function private.enqueue_order_notifications(uuid, text) to service_role;
