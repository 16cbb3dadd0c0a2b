-- Fulfillment: the job queue that delivers every paid order exactly once, the deliveries
-- and their reveals, and the invitations INVITE orders send from the provider-account
-- pool. The atomic steps are SQL functions in `private`, run by the server only (the
-- webhook, the sweep and the API, connected as the table owner); the provider calls in
-- between run in Rust, outside any transaction. See docs/fulfillment.md.
--
-- A job is claimed under a lease (locked_by, locked_until); every step that finishes it
-- first checks that the caller still holds the lease, so a worker whose lease ran out (and
-- whose job someone else now runs) changes nothing. The effect of each job is guarded by a
-- unique row (one delivery per order, one live invitation per order), so a job that runs
-- twice has its effect once.

create type public.job_status as enum ('queued', 'running', 'waiting', 'succeeded', 'dead');
comment on type public.job_status is 'queued (due at run_at) → running (under a lease) → succeeded; or back to queued with backoff; waiting for an admin (manual invitations); dead after its last attempt.';

-- ---------------------------------------------------------------------------------------
create table public.fulfillment_jobs (
  id bigint generated always as identity primary key,
  -- stock: sell the reserved items; invite: send the invitation; noop: does nothing (the
  -- queue's benchmark and tests).
  kind text not null
    constraint fulfillment_jobs_kind_known check (kind in ('stock', 'invite', 'noop')),
  order_id uuid unique references public.orders (id) on delete restrict,
  status public.job_status not null default 'queued',
  attempts integer not null default 0
    constraint fulfillment_jobs_attempts_range check (attempts >= 0),
  max_attempts integer not null default 10
    constraint fulfillment_jobs_max_attempts_range check (max_attempts between 1 and 100),
  run_at timestamptz not null default now(),
  -- The lease: which worker runs the job, since when and until when.
  locked_by text,
  locked_at timestamptz,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint fulfillment_jobs_order_for_kind check ((kind = 'noop') = (order_id is null)),
  constraint fulfillment_jobs_lease_consistent check (
    (status = 'running') = (locked_by is not null and locked_at is not null and locked_until is not null)
  ),
  constraint fulfillment_jobs_finished_consistent check ((status in ('succeeded', 'dead')) = (finished_at is not null))
);
comment on table public.fulfillment_jobs is 'One job per paid order: deliver it. Claimed with FOR UPDATE SKIP LOCKED under a lease. Server only.';
create index fulfillment_jobs_due_idx on public.fulfillment_jobs (run_at, id) where status = 'queued';
create index fulfillment_jobs_lease_idx on public.fulfillment_jobs (locked_until) where status = 'running';
create trigger fulfillment_jobs_set_updated_at before update on public.fulfillment_jobs
  for each row execute function private.set_updated_at();

create table public.fulfillment_job_attempts (
  id bigint generated always as identity primary key,
  job_id bigint not null references public.fulfillment_jobs (id) on delete cascade,
  attempt integer not null,
  worker text not null,
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  -- succeeded, retry (failed, tried again later), waiting (handed to an admin), dead (last
  -- attempt failed), lease_expired (the worker vanished; recovered by the sweep).
  outcome text not null
    constraint fulfillment_job_attempts_outcome_known check (outcome in ('succeeded', 'retry', 'waiting', 'dead', 'lease_expired')),
  error text
);
comment on table public.fulfillment_job_attempts is 'Every attempt at every job, with its worker, times, outcome and error.';
create index fulfillment_job_attempts_job_id_idx on public.fulfillment_job_attempts (job_id, id);

-- ---------------------------------------------------------------------------------------
-- What was delivered. STOCK: the sold stock items (each still its own AES-GCM envelope,
-- bound to its row: no second copy of a secret is made); INVITE: the invitation.
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id) on delete restrict,
  account_id uuid not null references public.provider_accounts (id) on delete restrict,
  -- 1 for the order's first invitation, 2 for the next (another account, or a retry).
  attempt integer not null
    constraint invitations_attempt_positive check (attempt > 0),
  -- sending: asked of the provider, answer not recorded yet (a worker that dies here leaves
  -- it for the next one, which asks again with the same id); awaiting_team: an admin sends
  -- it by hand (manual adapter); sent / failed: the provider's answer.
  status text not null default 'sending'
    constraint invitations_status_known check (status in ('sending', 'awaiting_team', 'sent', 'failed', 'accepted', 'revoked')),
  target_email text,
  provider_reference text,
  -- For the buyer, from the provider or the admin ("accept the invitation from …").
  note text
    constraint invitations_note_length check (note is null or length(note) <= 500),
  error_kind text
    constraint invitations_error_kind_known check (error_kind is null or error_kind in ('retry', 'account', 'permanent')),
  error text
    constraint invitations_error_length check (error is null or length(error) <= 500),
  -- After an account failure: the cooldown this failure put the account in.
  account_cooldown_until timestamptz,
  expected_by timestamptz,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint invitations_attempt_unique unique (order_id, attempt),
  constraint invitations_failure_consistent check ((status = 'failed') = (error_kind is not null))
);
comment on table public.invitations is 'Each invitation an INVITE order sent (or tried to send) from a pool account. Server only.';
-- At most one invitation per order is live: the seat is given once.
create unique index invitations_one_live_per_order on public.invitations (order_id)
  where status in ('sending', 'awaiting_team', 'sent', 'accepted');
create index invitations_account_id_idx on public.invitations (account_id, created_at);

create table public.order_deliveries (
  order_id uuid primary key references public.orders (id) on delete restrict,
  kind public.product_type not null,
  -- STOCK: the number of items sold to the order; INVITE: 0.
  item_count integer not null
    constraint order_deliveries_item_count_nonnegative check (item_count >= 0),
  invitation_id uuid references public.invitations (id) on delete restrict,
  delivered_at timestamptz not null default now(),
  constraint order_deliveries_shape check (
    (kind = 'STOCK' and item_count > 0 and invitation_id is null) or (kind = 'INVITE' and invitation_id is not null)
  )
);
comment on table public.order_deliveries is 'One row per delivered order, written in the transaction that delivers it. Server only.';
create index order_deliveries_invitation_id_idx on public.order_deliveries (invitation_id);

create table public.delivery_reveals (
  id bigint generated always as identity primary key,
  order_id uuid not null references public.order_deliveries (order_id) on delete restrict,
  -- How the caller proved access: the tracking token, or the owning member's session.
  via text not null
    constraint delivery_reveals_via_known check (via in ('tracking_token', 'member')),
  user_id uuid references auth.users (id) on delete set null,
  client_ip inet,
  item_count integer not null,
  created_at timestamptz not null default now()
);
comment on table public.delivery_reveals is 'Each time a delivered secret was decrypted for its buyer.';
create index delivery_reveals_order_id_idx on public.delivery_reveals (order_id, id);
create index delivery_reveals_user_id_idx on public.delivery_reveals (user_id);

-- ---------------------------------------------------------------------------------------
-- The queue.

-- Claims up to p_limit due jobs for p_worker under a lease of p_lease_seconds. Rows another
-- worker is claiming are skipped, never waited for.
create or replace function private.claim_jobs(p_worker text, p_limit integer, p_lease_seconds double precision)
returns setof public.fulfillment_jobs
language plpgsql
security invoker
set search_path = ''
as $$
begin
  return query
  with due as (
    select j.id from public.fulfillment_jobs j
    where j.status = 'queued' and j.run_at <= now()
    order by j.run_at, j.id
    limit p_limit
    for update skip locked
  )
  update public.fulfillment_jobs j
  set status = 'running', attempts = j.attempts + 1, locked_by = p_worker, locked_at = now(),
      locked_until = now() + make_interval(secs => p_lease_seconds)
  from due
  where j.id = due.id
  returning j.*;
end;
$$;
comment on function private.claim_jobs(text, integer, double precision) is 'Claims due jobs under a lease (FOR UPDATE SKIP LOCKED).';

-- Claims one given job, if it is queued and due (the webhook runs the job it just enqueued).
create or replace function private.claim_job(p_job_id bigint, p_worker text, p_lease_seconds double precision)
returns setof public.fulfillment_jobs
language plpgsql
security invoker
set search_path = ''
as $$
begin
  return query
  update public.fulfillment_jobs j
  set status = 'running', attempts = j.attempts + 1, locked_by = p_worker, locked_at = now(),
      locked_until = now() + make_interval(secs => p_lease_seconds)
  where j.id = (
    select q.id from public.fulfillment_jobs q
    where q.id = p_job_id and q.status = 'queued' and q.run_at <= now()
    for update skip locked
  )
  returning j.*;
end;
$$;
comment on function private.claim_job(bigint, text, double precision) is 'Claims one queued, due job under a lease, unless someone else is claiming it.';

-- Locks the job if p_worker still holds its lease; false otherwise (the lease ran out and
-- the job was recovered, or it was finished by someone else).
create or replace function private.hold_lease(p_job_id bigint, p_worker text)
returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform 1 from public.fulfillment_jobs
  where id = p_job_id and status = 'running' and locked_by = p_worker
  for update;
  return found;
end;
$$;
comment on function private.hold_lease(bigint, text) is 'Whether the worker still holds the job''s lease (and locks the job for this transaction).';

-- Extends a running job's lease (the worker's heartbeat while a provider call runs).
create or replace function private.extend_lease(p_job_id bigint, p_worker text, p_lease_seconds double precision)
returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
begin
  update public.fulfillment_jobs
  set locked_until = now() + make_interval(secs => p_lease_seconds)
  where id = p_job_id and status = 'running' and locked_by = p_worker;
  return found;
end;
$$;
comment on function private.extend_lease(bigint, text, double precision) is 'The heartbeat: extends the lease of a job the worker still holds.';

-- Ends an attempt: the job leaves `running` for p_status and the attempt is logged. The
-- caller holds the lease (checked).
create or replace function private.finish_attempt(
  p_job_id bigint, p_worker text, p_status public.job_status, p_outcome text, p_error text, p_run_at timestamptz
)
returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_started timestamptz;
  v_attempt integer;
begin
  select locked_at, attempts into v_started, v_attempt from public.fulfillment_jobs
  where id = p_job_id and status = 'running' and locked_by = p_worker
  for update;
  if not found then
    return false;
  end if;
  update public.fulfillment_jobs j
  set status = p_status, locked_by = null, locked_at = null, locked_until = null,
      last_error = coalesce(left(p_error, 1000), j.last_error),
      run_at = coalesce(p_run_at, j.run_at),
      finished_at = case when p_status in ('succeeded', 'dead') then now() end
  where j.id = p_job_id;
  insert into public.fulfillment_job_attempts (job_id, attempt, worker, started_at, outcome, error)
  values (p_job_id, v_attempt, p_worker, v_started, p_outcome, left(p_error, 1000));
  return true;
end;
$$;
comment on function private.finish_attempt(bigint, text, public.job_status, text, text, timestamptz) is 'Ends the current attempt of a job the worker holds, and logs it.';

-- Completes jobs that succeeded (no-op jobs, in batches). Returns how many were still held.
create or replace function private.complete_jobs(p_job_ids bigint[], p_worker text)
returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_count integer;
begin
  with held as (
    select j.id, j.locked_at from public.fulfillment_jobs j
    where j.id = any (p_job_ids) and j.status = 'running' and j.locked_by = p_worker
    for update
  ), done as (
    update public.fulfillment_jobs j
    set status = 'succeeded', locked_by = null, locked_at = null, locked_until = null, finished_at = now()
    from held
    where j.id = held.id
    returning j.id, j.attempts, held.locked_at
  ), logged as (
    insert into public.fulfillment_job_attempts (job_id, attempt, worker, started_at, outcome)
    select d.id, d.attempts, p_worker, d.locked_at, 'succeeded' from done d
    returning 1
  )
  select count(*) into v_count from logged;
  return v_count;
end;
$$;
comment on function private.complete_jobs(bigint[], text) is 'Marks held jobs succeeded and logs their attempts.';

-- A failed attempt: queued again after p_delay_seconds (the caller's backoff with jitter),
-- or dead when it was the last one. A dead order job puts its order in front of the admin.
-- Returns 'retry', 'dead', or 'lost_lease'.
create or replace function private.fail_job(p_job_id bigint, p_worker text, p_error text, p_delay_seconds double precision)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_job public.fulfillment_jobs;
begin
  select * into v_job from public.fulfillment_jobs
  where id = p_job_id and status = 'running' and locked_by = p_worker
  for update;
  if not found then
    return 'lost_lease';
  end if;
  if v_job.attempts >= v_job.max_attempts then
    perform private.finish_attempt(p_job_id, p_worker, 'dead', 'dead', p_error, null);
    perform private.order_needs_attention(v_job.order_id,
      'Delivery failed after ' || v_job.attempts || ' attempts: ' || left(coalesce(p_error, 'unknown error'), 300));
    return 'dead';
  end if;
  perform private.finish_attempt(p_job_id, p_worker, 'queued', 'retry', p_error,
    now() + make_interval(secs => greatest(p_delay_seconds, 0)));
  return 'retry';
end;
$$;
comment on function private.fail_job(bigint, text, text, double precision) is 'Retries a failed job later, or parks it as dead after its last attempt.';

-- Jobs whose worker vanished (lease ran out): queued again at once, or dead if that was
-- their last attempt. Skips rows being finished right now; any number may run at once.
create or replace function private.recover_expired_leases(p_limit integer)
returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_job public.fulfillment_jobs;
  v_count integer := 0;
begin
  for v_job in
    select * from public.fulfillment_jobs
    where status = 'running' and locked_until < now()
    order by locked_until
    limit p_limit
    for update skip locked
  loop
    insert into public.fulfillment_job_attempts (job_id, attempt, worker, started_at, outcome, error)
    values (v_job.id, v_job.attempts, v_job.locked_by, v_job.locked_at, 'lease_expired',
            'The worker''s lease ran out before it finished.');
    if v_job.attempts >= v_job.max_attempts then
      update public.fulfillment_jobs
      set status = 'dead', locked_by = null, locked_at = null, locked_until = null, finished_at = now(),
          last_error = 'The worker''s lease ran out on the last attempt.'
      where id = v_job.id;
      perform private.order_needs_attention(v_job.order_id, 'Delivery stopped: its worker vanished on the last attempt.');
    else
      update public.fulfillment_jobs
      set status = 'queued', locked_by = null, locked_at = null, locked_until = null, run_at = now(),
          last_error = 'The worker''s lease ran out before it finished.'
      where id = v_job.id;
    end if;
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
comment on function private.recover_expired_leases(integer) is 'Requeues (or parks as dead) jobs whose lease ran out.';

-- ---------------------------------------------------------------------------------------
-- Orders.

-- Puts a paid order in front of the admin with a reason, and tells the buyer and the admin.
create or replace function private.order_needs_attention(p_order_id uuid, p_reason text)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if p_order_id is null then
    return;
  end if;
  update public.orders set status = 'needs_attention', attention_reason = left(p_reason, 500)
  where id = p_order_id and status in ('paid', 'processing');
  if found then
    perform private.enqueue_order_notifications(p_order_id, 'needs_attention');
  end if;
end;
$$;
comment on function private.order_needs_attention(uuid, text) is 'Moves a paid order to needs_attention with its reason and notifies.';

-- Marks a payment whose status Tokopay confirmed as paid, once, and enqueues the order's
-- fulfillment job in the same transaction. Returns what happened: 'paid' (the order was
-- waiting), 'late_paid' (the order had expired and its items could be reserved again),
-- 'needs_attention' (expired, and nothing left to reserve: the payment is kept for the
-- admin), or 'duplicate' (already paid: nothing changed).
create or replace function private.mark_payment_paid(p_payment_id uuid)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_order uuid;
  v_status public.order_status;
  v_outcome text;
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
    v_outcome := 'paid';
  else
    select status into v_status from public.orders where id = v_order for update;
    if v_status not in ('expired', 'cancelled') then
      -- Already past payment by another path (cannot happen with one live payment per order).
      return 'duplicate';
    end if;
    if not private.reserve_for_order(v_order, now()) then
      update public.orders
      set status = 'needs_attention', paid_at = now(),
          attention_reason = 'Paid after the invoice expired, and what it needs is no longer available.'
      where id = v_order;
      perform private.enqueue_order_notifications(v_order, 'needs_attention');
      return 'needs_attention';
    end if;
    update public.orders set status = 'paid', paid_at = now() where id = v_order;
    v_outcome := 'late_paid';
  end if;

  insert into public.fulfillment_jobs (kind, order_id)
  select lower(o.product_type::text), o.id from public.orders o where o.id = v_order
  on conflict (order_id) do nothing;
  return v_outcome;
end;
$$;
comment on function private.mark_payment_paid(uuid) is 'The one pending → paid transition of a payment and its order, with its fulfillment job; repeats change nothing.';

-- ---------------------------------------------------------------------------------------
-- STOCK: sells the order's reserved items and delivers it, in one transaction, if the
-- worker still holds the job's lease. An order whose reservation is short (it cannot be,
-- but stock can be disabled by hand) first tries to reserve the rest; if there is not
-- enough, nothing is sold and the order goes to the admin: never delivered short.
-- Returns 'delivered', 'already_delivered', 'short' (to the admin) or 'lost_lease'.
create or replace function private.fulfill_stock(p_job_id bigint, p_worker text)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_order public.orders;
  v_held integer;
  v_more integer;
begin
  if not private.hold_lease(p_job_id, p_worker) then
    return 'lost_lease';
  end if;
  select o.* into v_order from public.orders o
  join public.fulfillment_jobs j on j.order_id = o.id
  where j.id = p_job_id
  for update of o;
  if exists (select 1 from public.order_deliveries d where d.order_id = v_order.id) then
    perform private.finish_attempt(p_job_id, p_worker, 'succeeded', 'succeeded', null, null);
    return 'already_delivered';
  end if;

  select count(*) into v_held from public.stock_items where order_id = v_order.id and status = 'reserved';
  if v_held < v_order.quantity then
    with picked as (
      select si.id from public.stock_items si
      where si.product_id = v_order.product_id and si.status = 'available'
      order by si.created_at, si.id
      limit v_order.quantity - v_held
      for update skip locked
    )
    update public.stock_items si
    set status = 'reserved', order_id = v_order.id, reserved_until = now()
    from picked where si.id = picked.id;
    get diagnostics v_more = row_count;
    if v_held + v_more < v_order.quantity then
      perform private.finish_attempt(p_job_id, p_worker, 'dead', 'dead', 'Not enough stock to deliver the whole order.', null);
      perform private.order_needs_attention(v_order.id,
        'Paid, but only ' || (v_held + v_more) || ' of ' || v_order.quantity || ' items could be reserved; nothing was delivered.');
      return 'short';
    end if;
  end if;

  update public.stock_items
  set status = 'sold', sold_at = now(), reserved_until = null
  where order_id = v_order.id and status = 'reserved';
  insert into public.order_deliveries (order_id, kind, item_count) values (v_order.id, 'STOCK', v_order.quantity);
  update public.orders set status = 'delivered' where id = v_order.id;
  perform private.enqueue_order_notifications(v_order.id, 'delivered');
  perform private.finish_attempt(p_job_id, p_worker, 'succeeded', 'succeeded', null, null);
  return 'delivered';
end;
$$;
comment on function private.fulfill_stock(bigint, text) is 'Sells an order''s reserved stock items and delivers the order, exactly once and never short.';

-- ---------------------------------------------------------------------------------------
-- INVITE: the account pool.

-- Starts (or resumes) the invitation of the job's order, if the worker holds the lease:
-- an invitation still `sending` (its worker died before recording the answer) is resumed
-- as it is, with its account; otherwise an account of the product's provider and plan is
-- taken that is active, not cooling down, has quota left today (WIB) and a seat: the
-- account already holding the order's seat (since checkout) if it can take it, else the
-- least recently used one, whose seat then moves there. Its quota is counted now.
--
-- Locks: the order's own account is locked first (and waited for), every other account
-- only with SKIP LOCKED, so orders swapping seats can never deadlock. When every
-- account that could take the order is locked by someone else for the moment, the answer
-- is 'busy' (try again in a few milliseconds), never 'no_account'.
-- Returns the invitation and its account, or outcome 'no_account' / 'busy' /
-- 'lost_lease' / 'already_delivered' with nulls.
create or replace function private.begin_invitation(p_job_id bigint, p_worker text)
returns table (outcome text, invitation_id uuid, account_id uuid, attempt integer, consecutive_failures integer)
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_order public.orders;
  v_product public.products;
  v_invitation public.invitations;
  v_account public.provider_accounts;
  v_today date := (now() at time zone 'Asia/Jakarta')::date;
begin
  if not private.hold_lease(p_job_id, p_worker) then
    return query select 'lost_lease'::text, null::uuid, null::uuid, null::integer, null::integer;
    return;
  end if;
  select o.* into v_order from public.orders o
  join public.fulfillment_jobs j on j.order_id = o.id
  where j.id = p_job_id
  for update of o;
  if v_order.status = 'delivered' then
    return query select 'already_delivered'::text, null::uuid, null::uuid, null::integer, null::integer;
    return;
  end if;

  select * into v_invitation from public.invitations i
  where i.order_id = v_order.id and i.status = 'sending';
  if found then
    return query
    select 'resumed'::text, v_invitation.id, v_invitation.account_id, v_invitation.attempt, a.consecutive_failures
    from public.provider_accounts a where a.id = v_invitation.account_id;
    return;
  end if;

  select * into v_product from public.products where id = v_order.product_id;
  -- The account holding the order's seat is locked first, whatever its state: it is the
  -- only account this transaction ever waits for, so no lock cycle can form.
  perform 1 from public.provider_accounts where id = v_order.held_account_id for update;
  -- It sends, if it can now (its seat is already counted).
  update public.provider_accounts a
  set quota_used = case when a.quota_day = v_today then a.quota_used + 1 else 1 end,
      quota_day = v_today,
      last_used_at = now()
  from public.providers pr
  where a.id = v_order.held_account_id
    and pr.id = a.provider_id
    and a.provider_id = v_product.provider_id
    and a.plan = v_product.provider_plan
    and pr.active
    and a.status = 'active'
    and (a.cooldown_until is null or a.cooldown_until <= now())
    and (a.quota_day <> v_today or a.quota_used < a.daily_quota)
  returning a.* into v_account;

  if not found then
    -- Another account, least recently used first, skipping those locked right now.
    update public.provider_accounts a
    set quota_used = case when a.quota_day = v_today then a.quota_used + 1 else 1 end,
        quota_day = v_today,
        seats_used = a.seats_used + 1,
        last_used_at = now()
    where a.id = (
      select c.id
      from public.provider_accounts c
      join public.providers pr on pr.id = c.provider_id
      where c.provider_id = v_product.provider_id
        and c.plan = v_product.provider_plan
        and c.id is distinct from v_order.held_account_id
        and pr.active
        and c.status = 'active'
        and (c.cooldown_until is null or c.cooldown_until <= now())
        and c.seats_used < c.seat_capacity
        and (c.quota_day <> v_today or c.quota_used < c.daily_quota)
      order by c.last_used_at nulls first, c.id
      limit 1
      for update of c skip locked
    )
    returning a.* into v_account;
    if not found then
      -- Nothing free: is that so, or is every candidate just locked for a moment? (The
      -- catalog's availability rule, which takes no lock; the order's own account was not
      -- free either, or it would have been taken above.)
      if coalesce((select av.available from private.products_availability(array[v_order.product_id]) av), false) then
        return query select 'busy'::text, null::uuid, null::uuid, null::integer, null::integer;
      else
        return query select 'no_account'::text, null::uuid, null::uuid, null::integer, null::integer;
      end if;
      return;
    end if;
    -- The seat moves: give back the one held on the order's own account (locked above).
    update public.provider_accounts set seats_used = seats_used - 1
    where id = v_order.held_account_id and seats_used > 0;
    update public.orders set held_account_id = v_account.id where id = v_order.id;
  end if;

  insert into public.invitations (order_id, account_id, attempt, target_email)
  values (v_order.id, v_account.id,
          coalesce((select max(i.attempt) from public.invitations i where i.order_id = v_order.id), 0) + 1,
          v_order.target ->> 'email')
  returning * into v_invitation;
  update public.orders set status = 'processing' where id = v_order.id and status = 'paid';
  return query select 'started'::text, v_invitation.id, v_account.id, v_invitation.attempt, v_account.consecutive_failures;
end;
$$;
comment on function private.begin_invitation(bigint, text) is 'Takes a pool account (the order''s own if it can, else the least recently used with quota, a seat and no cooldown) and records the invitation about to be sent.';

-- Records the provider's answer to an invitation, if the worker still holds the job's
-- lease, and moves the job on:
--   sent:          the invitation is out; the order is delivered; the account's failure
--                  streak ends; the job succeeded.
--   awaiting_team: a person sends it (manual adapter); the job waits for the admin.
--   retry:         a temporary failure; the job is tried again after p_delay_seconds.
--   account:       this account has a problem: after its n-th failure in a row it cools
--                  down for p_cooldown_seconds[n] (the last element for any n beyond;
--                  the caller's backoff schedule, jitter included), and is parked after
--                  p_park_after failures in a row; the job moves on to another account
--                  at once. n is counted here, so failures that overlap still double it.
--   permanent:     the order goes to the admin with the reason; its seat is given back.
-- Returns the job's new state: 'succeeded', 'waiting', 'retry', 'dead' or 'lost_lease'.
create or replace function private.finish_invitation(
  p_job_id bigint, p_worker text, p_invitation_id uuid, p_result text,
  p_reference text, p_note text, p_error text,
  p_delay_seconds double precision, p_cooldown_seconds double precision[], p_park_after integer, p_expected_by timestamptz
)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_invitation public.invitations;
  v_cooldown_until timestamptz;
begin
  if not private.hold_lease(p_job_id, p_worker) then
    return 'lost_lease';
  end if;
  select * into v_invitation from public.invitations where id = p_invitation_id and status = 'sending' for update;
  if not found then
    return 'lost_lease';
  end if;

  if p_result = 'sent' then
    update public.invitations
    set status = 'sent', provider_reference = left(p_reference, 200), note = left(p_note, 500), finished_at = now()
    where id = p_invitation_id;
    update public.provider_accounts set consecutive_failures = 0 where id = v_invitation.account_id;
    perform private.deliver_invitation(v_invitation.order_id, p_invitation_id);
    perform private.finish_attempt(p_job_id, p_worker, 'succeeded', 'succeeded', null, null);
    return 'succeeded';
  elsif p_result = 'awaiting_team' then
    update public.invitations set status = 'awaiting_team', expected_by = p_expected_by where id = p_invitation_id;
    update public.provider_accounts set consecutive_failures = 0 where id = v_invitation.account_id;
    perform private.finish_attempt(p_job_id, p_worker, 'waiting', 'waiting', null, null);
    perform private.enqueue_order_notifications(v_invitation.order_id, 'awaiting_team');
    return 'waiting';
  elsif p_result in ('retry', 'account') then
    update public.invitations
    set status = 'failed', error_kind = p_result, error = left(p_error, 500), finished_at = now()
    where id = p_invitation_id;
    if p_result = 'account' then
      update public.provider_accounts
      set consecutive_failures = consecutive_failures + 1,
          cooldown_until = greatest(
            cooldown_until,
            now() + make_interval(secs => coalesce(
              p_cooldown_seconds[least(consecutive_failures + 1, cardinality(p_cooldown_seconds))], 0))),
          status = case when consecutive_failures + 1 >= p_park_after then 'parked'::public.provider_account_status else status end
      where id = v_invitation.account_id
      returning cooldown_until into v_cooldown_until;
      update public.invitations set account_cooldown_until = v_cooldown_until where id = p_invitation_id;
      -- Another account is tried at once (the attempt still counts against the job's limit).
      return private.fail_job(p_job_id, p_worker, p_error, 0);
    end if;
    return private.fail_job(p_job_id, p_worker, p_error, p_delay_seconds);
  elsif p_result = 'permanent' then
    update public.invitations
    set status = 'failed', error_kind = 'permanent', error = left(p_error, 500), finished_at = now()
    where id = p_invitation_id;
    perform private.release_order_holds(v_invitation.order_id);
    perform private.finish_attempt(p_job_id, p_worker, 'dead', 'dead', p_error, null);
    perform private.order_needs_attention(v_invitation.order_id,
      'The provider refused the invitation: ' || left(coalesce(p_error, 'no reason given'), 300));
    return 'dead';
  end if;
  raise exception 'unknown invitation result %', p_result using errcode = '22023';
end;
$$;
comment on function private.finish_invitation(bigint, text, uuid, text, text, text, text, double precision, double precision[], integer, timestamptz)
  is 'Records a provider''s answer to an invitation and moves its job on (delivered, waiting, retry, next account, or the admin).';

-- The order is delivered by this invitation (called in the transaction that records it).
create or replace function private.deliver_invitation(p_order_id uuid, p_invitation_id uuid)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
begin
  insert into public.order_deliveries (order_id, kind, item_count, invitation_id)
  values (p_order_id, 'INVITE', 0, p_invitation_id);
  update public.orders set status = 'delivered' where id = p_order_id;
  perform private.enqueue_order_notifications(p_order_id, 'delivered');
end;
$$;
comment on function private.deliver_invitation(uuid, uuid) is 'Delivers an INVITE order by its invitation.';

-- The admin's answer for an invitation a person sends (manual adapter): sent (with a note
-- for the buyer) delivers the order; not sent hands it back to the admin as needs_attention.
-- Returns 'delivered', 'needs_attention' or 'not_waiting'.
create or replace function private.confirm_invitation(p_invitation_id uuid, p_sent boolean, p_note text)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_invitation public.invitations;
  v_job bigint;
begin
  select * into v_invitation from public.invitations where id = p_invitation_id and status = 'awaiting_team' for update;
  if not found then
    return 'not_waiting';
  end if;
  select id into v_job from public.fulfillment_jobs where order_id = v_invitation.order_id and status = 'waiting' for update;
  if p_sent then
    update public.invitations set status = 'sent', note = left(p_note, 500), finished_at = now() where id = p_invitation_id;
    perform private.deliver_invitation(v_invitation.order_id, p_invitation_id);
    update public.fulfillment_jobs set status = 'succeeded', finished_at = now() where id = v_job;
    return 'delivered';
  end if;
  update public.invitations
  set status = 'failed', error_kind = 'permanent', error = left(coalesce(p_note, 'Not sent by the team.'), 500), finished_at = now()
  where id = p_invitation_id;
  perform private.release_order_holds(v_invitation.order_id);
  update public.fulfillment_jobs set status = 'dead', finished_at = now(), last_error = left(p_note, 1000) where id = v_job;
  perform private.order_needs_attention(v_invitation.order_id, 'The team could not send the invitation: ' || left(coalesce(p_note, ''), 300));
  return 'needs_attention';
end;
$$;
comment on function private.confirm_invitation(uuid, boolean, text) is 'An admin confirms (or refuses) an invitation sent by hand.';

-- ---------------------------------------------------------------------------------------
-- Payments to reconcile: Tokopay's webhook can be lost, so the sweep asks Tokopay about
-- payments still pending a minute after they were created, and about expired ones for a
-- day after their expiry (a late payment). `reconcile_at` is when to ask next.
alter table public.payments
  add column reconcile_at timestamptz not null default now() + interval '1 minute',
  add column reconcile_checks integer not null default 0
    constraint payments_reconcile_checks_nonnegative check (reconcile_checks >= 0);
create index payments_reconcile_idx on public.payments (reconcile_at)
  where status in ('pending', 'expired') and trx_id is not null;

-- Takes up to p_limit payments due for a status check and schedules their next check:
-- every minute while pending; once expired, after a third of the time since expiry (at
-- least a minute, at most an hour: checked often right after expiry, when a late payment
-- is likeliest, then hourly until a day has passed). Rows another sweep is taking are
-- skipped.
create or replace function private.take_payments_to_reconcile(p_limit integer)
returns table (payment_id uuid, reff_id text, amount bigint, trx_id text, total_bayar bigint, total_diterima bigint)
language plpgsql
security invoker
set search_path = ''
as $$
begin
  return query
  with due as (
    select p.id from public.payments p
    where p.status in ('pending', 'expired') and p.trx_id is not null
      and p.reconcile_at <= now()
      and p.expires_at > now() - interval '1 day'
    order by p.reconcile_at
    limit p_limit
    for update skip locked
  )
  update public.payments p
  set reconcile_checks = p.reconcile_checks + 1,
      reconcile_at = now() + case
        when p.status = 'pending' then interval '1 minute'
        else least(interval '1 hour', greatest(interval '1 minute', (now() - p.expires_at) / 3))
      end
  from due
  where p.id = due.id
  returning p.id, p.reff_id, p.amount, p.trx_id, p.total_bayar, p.total_diterima;
end;
$$;
comment on function private.take_payments_to_reconcile(integer) is 'Payments due for a status check with Tokopay, with their next check scheduled.';

-- ---------------------------------------------------------------------------------------
-- Row Level Security and grants: all of it is the server's.
alter table public.fulfillment_jobs enable row level security;
alter table public.fulfillment_job_attempts enable row level security;
alter table public.invitations enable row level security;
alter table public.order_deliveries enable row level security;
alter table public.delivery_reveals enable row level security;

revoke all on public.fulfillment_jobs, public.fulfillment_job_attempts, public.invitations,
  public.order_deliveries, public.delivery_reveals from anon, authenticated, service_role;
grant select, insert, update, delete on public.fulfillment_jobs, public.fulfillment_job_attempts,
  public.invitations, public.order_deliveries, public.delivery_reveals to service_role;

create policy "no api access to fulfillment jobs" on public.fulfillment_jobs
  as restrictive for all to anon, authenticated using (false) with check (false);
create policy "no api access to fulfillment job attempts" on public.fulfillment_job_attempts
  as restrictive for all to anon, authenticated using (false) with check (false);
create policy "no api access to invitations" on public.invitations
  as restrictive for all to anon, authenticated using (false) with check (false);
create policy "no api access to order deliveries" on public.order_deliveries
  as restrictive for all to anon, authenticated using (false) with check (false);
create policy "no api access to delivery reveals" on public.delivery_reveals
  as restrictive for all to anon, authenticated using (false) with check (false);

revoke all on function private.claim_jobs(text, integer, double precision) from public;
revoke all on function private.claim_job(bigint, text, double precision) from public;
revoke all on function private.hold_lease(bigint, text) from public;
revoke all on function private.extend_lease(bigint, text, double precision) from public;
revoke all on function private.finish_attempt(bigint, text, public.job_status, text, text, timestamptz) from public;
revoke all on function private.complete_jobs(bigint[], text) from public;
revoke all on function private.fail_job(bigint, text, text, double precision) from public;
revoke all on function private.recover_expired_leases(integer) from public;
revoke all on function private.order_needs_attention(uuid, text) from public;
revoke all on function private.fulfill_stock(bigint, text) from public;
revoke all on function private.begin_invitation(bigint, text) from public;
revoke all on function private.finish_invitation(bigint, text, uuid, text, text, text, text, double precision, double precision[], integer, timestamptz) from public;
revoke all on function private.deliver_invitation(uuid, uuid) from public;
revoke all on function private.confirm_invitation(uuid, boolean, text) from public;
revoke all on function private.take_payments_to_reconcile(integer) from public;
grant execute on function
  private.claim_jobs(text, integer, double precision), private.claim_job(bigint, text, double precision),
  private.hold_lease(bigint, text), private.extend_lease(bigint, text, double precision),
  private.finish_attempt(bigint, text, public.job_status, text, text, timestamptz),
  private.complete_jobs(bigint[], text), private.fail_job(bigint, text, text, double precision),
  private.recover_expired_leases(integer), private.order_needs_attention(uuid, text),
  private.fulfill_stock(bigint, text), private.begin_invitation(bigint, text),
  private.finish_invitation(bigint, text, uuid, text, text, text, text, double precision, double precision[], integer, timestamptz),
  private.deliver_invitation(uuid, uuid), private.confirm_invitation(uuid, boolean, text),
  private.take_payments_to_reconcile(integer)
  to service_role;
