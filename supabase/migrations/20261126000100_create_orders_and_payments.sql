-- Orders, their Tokopay payments, the raw webhook log and the status history, with the
-- few operations that must be atomic as SQL functions: reserving what an order needs,
-- releasing it, expiring unpaid orders and marking a confirmed payment paid. The server
-- (the API, the webhook and the sweep, connected as the table owner) does every write;
-- members read their own orders; guests reach an order only through the API with its
-- tracking token, whose SHA-256 alone is stored for lookups. See docs/checkout.md.

create type public.order_status as enum (
  'awaiting_payment', 'paid', 'processing', 'delivered', 'expired', 'cancelled', 'needs_attention'
);
comment on type public.order_status is 'awaiting_payment → paid → processing → delivered; or expired / cancelled; needs_attention when a late payment found nothing left to reserve.';

create type public.payment_status as enum ('creating', 'pending', 'paid', 'expired', 'failed');
comment on type public.payment_status is 'creating: inserted, Tokopay not yet answered; pending: QRIS shown; paid: confirmed with Tokopay; failed: Tokopay never created it.';

-- ---------------------------------------------------------------------------------------
create table public.orders (
  id uuid primary key default gen_random_uuid(),
  -- For people: RP-yymmdd-XXXXXX (WIB date, 6 random characters without 0/O/1/I).
  number text not null unique
    constraint orders_number_format check (number ~ '^RP-[0-9]{6}-[A-Z0-9]{6}$'),
  user_id uuid references auth.users (id) on delete set null,
  buyer_name text not null
    constraint orders_buyer_name_length check (length(btrim(buyer_name)) between 1 and 80),
  buyer_email text not null
    constraint orders_buyer_email_format check (length(buyer_email) <= 254 and buyer_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and buyer_email = lower(buyer_email)),
  buyer_whatsapp text not null
    constraint orders_buyer_whatsapp_format check (buyer_whatsapp ~ '^\+628[0-9]{7,12}$'),
  product_id uuid not null references public.products (id) on delete restrict,
  -- What was bought, as it was when bought.
  product_type public.product_type not null,
  product_name text not null,
  quantity integer not null
    constraint orders_quantity_range check (quantity between 1 and 100),
  unit_price bigint not null
    constraint orders_unit_price_positive check (unit_price > 0),
  total bigint not null,
  price_tier text not null
    constraint orders_price_tier_known check (price_tier in ('retail', 'reseller')),
  -- INVITE: the buyer's answers to the product's input schema (the email to invite…).
  target jsonb not null default '{}'::jsonb
    constraint orders_target_object check (jsonb_typeof(target) = 'object'),
  status public.order_status not null default 'awaiting_payment',
  -- SHA-256 of the tracking token (the token itself is shown once, at checkout), and the
  -- token encrypted (bound to orders, tracking_token_ciphertext, id) for later messages.
  tracking_token_hash bytea not null unique
    constraint orders_tracking_token_hash_size check (octet_length(tracking_token_hash) = 32),
  tracking_token_ciphertext bytea not null,
  client_ip inet,
  -- The checkout's Idempotency-Key, if the client sent one, and a SHA-256 of the request it
  -- came with: a retry with the same key and request gets this order back, not a new one.
  idempotency_key text unique
    constraint orders_idempotency_key_format check (idempotency_key ~ '^[A-Za-z0-9_-]{8,100}$'),
  request_fingerprint bytea
    constraint orders_request_fingerprint_with_key check ((idempotency_key is null) = (request_fingerprint is null)),
  -- INVITE: the pool account whose seat this order holds (seats_used counts it).
  held_account_id uuid references public.provider_accounts (id) on delete restrict,
  expires_at timestamptz not null,
  paid_at timestamptz,
  attention_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint orders_total_is_price_times_quantity check (total = unit_price * quantity),
  constraint orders_invite_single_seat check (product_type = 'STOCK' or quantity = 1),
  constraint orders_paid_at_consistent check ((status in ('awaiting_payment', 'expired', 'cancelled')) = (paid_at is null))
);
comment on table public.orders is 'A buyer''s purchase of one product, from checkout to delivery. Written by the server only.';
create index orders_user_id_idx on public.orders (user_id, created_at desc);
create index orders_product_id_idx on public.orders (product_id);
create index orders_held_account_id_idx on public.orders (held_account_id);
-- The unpaid-order cap looks buyers up by each of these; expiry by due time.
create index orders_unpaid_email_idx on public.orders (buyer_email) where status = 'awaiting_payment';
create index orders_unpaid_ip_idx on public.orders (client_ip) where status = 'awaiting_payment';
create index orders_unpaid_due_idx on public.orders (expires_at) where status = 'awaiting_payment';
create trigger orders_set_updated_at before update on public.orders
  for each row execute function private.set_updated_at();

-- Stock reserved for, and later sold to, an order.
alter table public.stock_items
  add column order_id uuid references public.orders (id) on delete restrict,
  add constraint stock_items_order_consistent check ((status in ('reserved', 'sold')) = (order_id is not null));
create index stock_items_order_id_idx on public.stock_items (order_id);
-- Reservation takes the oldest available items in (created_at, id) order. Items imported
-- in one statement share created_at, so without id in the index every reservation sorted
-- all of a product's available items (measured: 22–37 ms per order at 20,000 items, 0.1 ms
-- with this index).
drop index public.stock_items_available_idx;
create index stock_items_available_idx on public.stock_items (product_id, created_at, id) where status = 'available';

-- ---------------------------------------------------------------------------------------
create table public.payments (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id) on delete restrict,
  attempt integer not null
    constraint payments_attempt_positive check (attempt > 0),
  -- Our id at Tokopay, one per attempt; looked up by exact match only.
  reff_id text not null unique
    constraint payments_reff_id_format check (reff_id ~ '^[A-Z0-9-]{1,40}$'),
  channel text not null
    constraint payments_channel_known check (channel in ('QRIS', 'QRISREALTIME')),
  -- What we asked for, and what Tokopay said the buyer pays and the shop receives.
  amount bigint not null
    constraint payments_amount_positive check (amount > 0),
  trx_id text unique,
  total_bayar bigint,
  total_diterima bigint,
  qr_string text,
  pay_url text,
  expires_at timestamptz not null,
  status public.payment_status not null default 'creating',
  paid_at timestamptz,
  -- Tokopay's whole answer to the create call, and why an attempt failed.
  create_response jsonb,
  failure_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payments_attempt_unique unique (order_id, attempt),
  constraint payments_pending_has_invoice check (
    -- An attempt that never got its invoice (Tokopay unreachable, or the server stopped
    -- before storing it) is failed or, once its order expired, expired.
    status in ('creating', 'failed', 'expired') or (trx_id is not null and total_bayar is not null and total_diterima is not null and qr_string is not null)
  ),
  constraint payments_paid_at_consistent check ((status = 'paid') = (paid_at is not null))
);
comment on table public.payments is 'Tokopay QRIS invoices, one per payment attempt of an order. Written by the server only.';
create unique index payments_one_live_per_order on public.payments (order_id) where status in ('creating', 'pending', 'paid');
create trigger payments_set_updated_at before update on public.payments
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------------------
create table public.tokopay_webhooks (
  id bigint generated always as identity primary key,
  received_at timestamptz not null default now(),
  remote_addr inet,
  -- The request as it came: headers and the raw body, byte for byte (it may not even be
  -- JSON or text).
  headers jsonb not null default '{}'::jsonb,
  body bytea not null,
  reff_id text,
  payment_id uuid references public.payments (id) on delete restrict,
  -- received: stored, not yet handled (or the handler died); paid / late_paid /
  -- needs_attention: this call marked the payment paid; duplicate: it was already paid;
  -- ignored: a status that is not paid; rejected: forged or mismatched (see reason);
  -- retry: could not be confirmed now (Tokopay unreachable), Tokopay was asked to retry.
  outcome text not null default 'received'
    constraint tokopay_webhooks_outcome_known check (outcome in ('received', 'paid', 'late_paid', 'needs_attention', 'duplicate', 'ignored', 'rejected', 'retry')),
  reason text,
  handled_at timestamptz
);
comment on table public.tokopay_webhooks is 'Every call to the Tokopay webhook, stored before anything else is done with it.';
create index tokopay_webhooks_payment_id_idx on public.tokopay_webhooks (payment_id);
create index tokopay_webhooks_reff_id_idx on public.tokopay_webhooks (reff_id);

-- ---------------------------------------------------------------------------------------
create table public.order_status_history (
  id bigint generated always as identity primary key,
  order_id uuid not null references public.orders (id) on delete cascade,
  status public.order_status not null,
  note text,
  created_at timestamptz not null default now()
);
comment on table public.order_status_history is 'Each status an order went through, written by a trigger on orders.';
create index order_status_history_order_id_idx on public.order_status_history (order_id, id);

create or replace function private.record_order_status()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.status is distinct from old.status then
    insert into public.order_status_history (order_id, status, note)
    values (new.id, new.status, case when new.status = 'needs_attention' then new.attention_reason end);
  end if;
  return null;
end;
$$;
revoke all on function private.record_order_status() from public;
create trigger orders_record_status after insert or update of status on public.orders
  for each row execute function private.record_order_status();

-- ---------------------------------------------------------------------------------------
-- Reserves what an order needs until p_until: `quantity` available stock items for STOCK
-- (rows locked by another checkout are skipped, never waited for), or one seat on an
-- active, uncooled pool account of the product's plan with quota today for INVITE (a
-- conditional seats_used + 1). All or nothing: false, with nothing reserved, when there is
-- not enough.
create or replace function private.reserve_for_order(p_order_id uuid, p_until timestamptz)
returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_order public.orders;
  v_provider_id uuid;
  v_plan text;
  v_taken integer;
  v_account uuid;
begin
  select * into v_order from public.orders where id = p_order_id;
  if v_order.product_type = 'STOCK' then
    with picked as (
      select si.id
      from public.stock_items si
      where si.product_id = v_order.product_id and si.status = 'available'
      order by si.created_at, si.id
      limit v_order.quantity
      for update skip locked
    )
    update public.stock_items si
    set status = 'reserved', order_id = p_order_id, reserved_until = p_until
    from picked
    where si.id = picked.id and si.status = 'available';
    get diagnostics v_taken = row_count;
    if v_taken < v_order.quantity then
      -- Not enough: undo the partial reservation of this call.
      update public.stock_items
      set status = 'available', order_id = null, reserved_until = null
      where order_id = p_order_id and status = 'reserved';
      return false;
    end if;
    return true;
  end if;

  select p.provider_id, p.provider_plan into v_provider_id, v_plan
  from public.products p where p.id = v_order.product_id;
  update public.provider_accounts a
  set seats_used = a.seats_used + 1
  where a.id = (
    select c.id
    from public.provider_accounts c
    join public.providers pr on pr.id = c.provider_id
    where c.provider_id = v_provider_id
      and c.plan = v_plan
      -- The same rule as private.invite_can_fulfill (the catalog's availability); kept
      -- inline rather than in a shared SQL function, which Postgres could not inline (it
      -- must pin its search_path) and would re-plan for every account.
      and pr.active
      and c.status = 'active'
      and (c.cooldown_until is null or c.cooldown_until <= now())
      and c.seats_used < c.seat_capacity
      and (c.quota_day <> (now() at time zone 'Asia/Jakarta')::date or c.quota_used < c.daily_quota)
    order by c.seat_capacity - c.seats_used desc, c.last_used_at nulls first, c.id
    limit 1
    for update of c skip locked
  )
  returning a.id into v_account;
  if v_account is null then
    return false;
  end if;
  update public.orders set held_account_id = v_account where id = p_order_id;
  return true;
end;
$$;
comment on function private.reserve_for_order(uuid, timestamptz) is 'Reserves an order''s stock items or pool seat, all or nothing.';

-- Gives back whatever the order holds: its reserved (not sold) stock items and its seat.
create or replace function private.release_order_holds(p_order_id uuid)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_account uuid;
begin
  update public.stock_items
  set status = 'available', order_id = null, reserved_until = null
  where order_id = p_order_id and status = 'reserved';
  select held_account_id into v_account from public.orders where id = p_order_id for update;
  if v_account is not null then
    update public.orders set held_account_id = null where id = p_order_id;
    update public.provider_accounts set seats_used = seats_used - 1 where id = v_account and seats_used > 0;
  end if;
end;
$$;
comment on function private.release_order_holds(uuid) is 'Returns an unpaid order''s reserved stock items and held seat to the pool.';

-- Expires up to p_limit unpaid orders whose invoice has expired, releasing what they held.
-- Rows another sweep is expiring are skipped, so any number may run at once.
create or replace function private.expire_due_orders(p_limit integer)
returns setof uuid
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_id uuid;
begin
  for v_id in
    select o.id from public.orders o
    where o.status = 'awaiting_payment' and o.expires_at <= now()
    order by o.expires_at
    limit p_limit
    for update skip locked
  loop
    perform private.release_order_holds(v_id);
    update public.orders set status = 'expired' where id = v_id;
    update public.payments set status = 'expired' where order_id = v_id and status in ('creating', 'pending');
    return next v_id;
  end loop;
end;
$$;
comment on function private.expire_due_orders(integer) is 'Expires unpaid orders past their invoice, releasing their reservations.';

-- Cancels an order whose invoice could not be created (Tokopay unreachable or refusing):
-- the attempt is marked failed with its reason and the order's holds are released.
create or replace function private.cancel_unpaid_order(p_payment_id uuid, p_reason text)
returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_order uuid;
begin
  update public.payments set status = 'failed', failure_reason = left(p_reason, 500)
  where id = p_payment_id and status = 'creating'
  returning order_id into v_order;
  if v_order is null then
    return false;
  end if;
  perform private.release_order_holds(v_order);
  update public.orders set status = 'cancelled' where id = v_order and status = 'awaiting_payment';
  return true;
end;
$$;
comment on function private.cancel_unpaid_order(uuid, text) is 'Fails a payment attempt that Tokopay never created and cancels its order.';

-- Marks a payment whose status Tokopay confirmed as paid, once. Returns what happened:
-- 'paid' (the order was waiting), 'late_paid' (the order had expired and its items could
-- be reserved again), 'needs_attention' (expired, and nothing left to reserve: the payment
-- is kept for the admin), or 'duplicate' (already paid: nothing changed).
create or replace function private.mark_payment_paid(p_payment_id uuid)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_order uuid;
  v_status public.order_status;
begin
  update public.payments set status = 'paid', paid_at = now()
  where id = p_payment_id and status in ('pending', 'expired')
  returning order_id into v_order;
  if v_order is null then
    return 'duplicate';
  end if;

  update public.orders set status = 'paid', paid_at = now()
  where id = v_order and status = 'awaiting_payment';
  if found then
    return 'paid';
  end if;

  select status into v_status from public.orders where id = v_order for update;
  if v_status in ('expired', 'cancelled') then
    if private.reserve_for_order(v_order, now()) then
      update public.orders set status = 'paid', paid_at = now() where id = v_order;
      return 'late_paid';
    end if;
    update public.orders
    set status = 'needs_attention', paid_at = now(),
        attention_reason = 'Paid after the invoice expired, and what it needs is no longer available.'
    where id = v_order;
    return 'needs_attention';
  end if;
  -- Already past payment by another path (cannot happen with one live payment per order).
  return 'duplicate';
end;
$$;
comment on function private.mark_payment_paid(uuid) is 'The one pending → paid transition of a payment and its order; repeats change nothing.';

-- The unpaid-order caps: serialises checkouts of the same buyer (by email, by account and
-- by IP address, each under its own transaction-scoped advisory lock) and counts the
-- unpaid orders of the buyer (same email or same account) and of the IP address. The IP
-- address has its own, higher cap: Indonesian mobile networks put many people behind one
-- address (carrier-grade NAT).
create or replace function private.lock_buyer_and_count_unpaid(p_email text, p_user_id uuid, p_ip inet)
returns table (by_buyer integer, by_ip integer)
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_key text;
begin
  for v_key in
    select k from unnest(array[
      'email:' || p_email,
      case when p_user_id is not null then 'user:' || p_user_id::text end,
      case when p_ip is not null then 'ip:' || host(p_ip) end
    ]) as k where k is not null order by k
  loop
    perform pg_advisory_xact_lock(hashtextextended('unpaid-orders ' || v_key, 0));
  end loop;
  return query
  select
    (select count(*)::integer from public.orders o
     where o.status = 'awaiting_payment'
       and (o.buyer_email = p_email or (p_user_id is not null and o.user_id = p_user_id))),
    (select count(*)::integer from public.orders o
     where o.status = 'awaiting_payment' and p_ip is not null and o.client_ip = p_ip);
end;
$$;
comment on function private.lock_buyer_and_count_unpaid(text, uuid, inet) is 'Locks a buyer''s checkouts and counts their unpaid orders, by buyer and by IP address.';

-- ---------------------------------------------------------------------------------------
-- Row Level Security and grants.
alter table public.orders enable row level security;
alter table public.payments enable row level security;
alter table public.tokopay_webhooks enable row level security;
alter table public.order_status_history enable row level security;

revoke all on public.orders, public.payments, public.tokopay_webhooks, public.order_status_history
  from anon, authenticated, service_role;
grant select, insert, update, delete on public.orders, public.payments, public.tokopay_webhooks,
  public.order_status_history to service_role;

-- Members read their own orders and their history; nobody else's, and nobody writes.
-- The tracking token's hash, its ciphertext and the buyer's IP are not for the browser.
grant select (id, number, user_id, buyer_name, buyer_email, buyer_whatsapp, product_id,
  product_type, product_name, quantity, unit_price, total, price_tier, target, status,
  expires_at, paid_at, created_at, updated_at)
  on public.orders to authenticated;
create policy "members read their own orders" on public.orders
  for select to authenticated using (user_id = (select auth.uid()));

grant select on public.order_status_history to authenticated;
create policy "members read their own orders' history" on public.order_status_history
  for select to authenticated using (
    exists (select 1 from public.orders o where o.id = order_id and o.user_id = (select auth.uid()))
  );

-- Payments are read by members only through the API's order view (the server shapes
-- what the browser sees); the webhook log is the server's alone.
create policy "no api access to payments" on public.payments
  as restrictive for all to anon, authenticated using (false) with check (false);
create policy "no api access to tokopay webhooks" on public.tokopay_webhooks
  as restrictive for all to anon, authenticated using (false) with check (false);

revoke all on function private.reserve_for_order(uuid, timestamptz) from public;
revoke all on function private.release_order_holds(uuid) from public;
revoke all on function private.expire_due_orders(integer) from public;
revoke all on function private.cancel_unpaid_order(uuid, text) from public;
revoke all on function private.mark_payment_paid(uuid) from public;
revoke all on function private.lock_buyer_and_count_unpaid(text, uuid, inet) from public;
grant execute on function private.reserve_for_order(uuid, timestamptz), private.release_order_holds(uuid),
  private.expire_due_orders(integer), private.cancel_unpaid_order(uuid, text),
  private.mark_payment_paid(uuid), private.lock_buyer_and_count_unpaid(text, uuid, inet)
  to service_role;
