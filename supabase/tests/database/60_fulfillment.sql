-- Fulfillment (20261127000200_create_fulfillment.sql): the job queue, its attempts, the
-- invitations INVITE orders send from the pool, the deliveries and their reveals, and the
-- payments the sweep reconciles. The five tables and every function are the server's
-- alone: no API role but service_role reads or writes them, not even the member whose
-- order it is. Then every named constraint, by name; then the functions as the server calls
-- them (connected as postgres): the queue (claim under a lease, complete, fail with
-- backoff, die at the last attempt, recover expired leases), mark_payment_paid enqueueing
-- the job, STOCK delivery, INVITE invitations from the account pool, the admin's
-- confirmation, and the payments to reconcile; last, the same calls as service_role.
--
-- now() is the transaction's start, so every timestamp these functions write is now()
-- plus a known interval; the passing of time is played by moving rows' times back.
begin;
\ir _helpers.psql
select plan(424);

-- ---------------------------------------------------------------------------------------
-- Fixture, as postgres.
select tests.create_matrix_users();

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
-- chatgpt is active, canva is switched off.
insert into public.providers (id, slug, name, adapter, active) values
  ('30000000-0000-4000-8000-000000000001', 'chatgpt', 'ChatGPT', 'manual', true),
  ('30000000-0000-4000-8000-000000000002', 'canva', 'Canva', 'manual', false);
-- STOCK products 01-05; INVITE products 11-18, each on its own plan so that each scenario
-- has its own pool of accounts.
insert into public.products
  (id, category_id, type, slug, name, retail_price, reseller_price, provider_id, provider_plan, input_schema)
select ('20000000-0000-4000-8000-0000000000' || p.n)::uuid, '10000000-0000-4000-8000-000000000001',
       p.type::public.product_type, p.slug, initcap(p.slug), 50000, 45000, p.provider::uuid, p.plan,
       case when p.type = 'INVITE' then '[{"key": "email", "type": "email", "required": true}]' else '[]' end::jsonb
from (values
  ('01', 'STOCK', 'netflix', null, null),
  ('02', 'STOCK', 'spotify', null, null),
  ('03', 'STOCK', 'disney', null, null),
  ('04', 'STOCK', 'youtube', null, null),
  ('05', 'STOCK', 'prime', null, null),
  ('11', 'INVITE', 'chatgpt-pick', '30000000-0000-4000-8000-000000000001', 'pick'),
  ('12', 'INVITE', 'chatgpt-own', '30000000-0000-4000-8000-000000000001', 'own'),
  ('13', 'INVITE', 'chatgpt-acct', '30000000-0000-4000-8000-000000000001', 'acct'),
  ('14', 'INVITE', 'chatgpt-retry', '30000000-0000-4000-8000-000000000001', 'retry'),
  ('15', 'INVITE', 'chatgpt-conf', '30000000-0000-4000-8000-000000000001', 'conf'),
  ('16', 'INVITE', 'canva-gone', '30000000-0000-4000-8000-000000000002', 'gone'),
  ('17', 'INVITE', 'chatgpt-late', '30000000-0000-4000-8000-000000000001', 'late'),
  ('18', 'INVITE', 'chatgpt-svc', '30000000-0000-4000-8000-000000000001', 'svc')
) as p (n, type, slug, provider, plan);

-- Stock: netflix 6 items, spotify 1, disney 3, youtube 1, prime 2, oldest first in that order.
insert into public.stock_items (product_id, secret_ciphertext, fingerprint, created_at)
select p.id::uuid, '\x01', extensions.digest(p.id || n, 'sha256'), now() - make_interval(mins => 100 - n)
from (values ('20000000-0000-4000-8000-000000000001', 6), ('20000000-0000-4000-8000-000000000002', 1),
             ('20000000-0000-4000-8000-000000000003', 3), ('20000000-0000-4000-8000-000000000004', 1),
             ('20000000-0000-4000-8000-000000000005', 2)) as p (id, items),
     generate_series(1, p.items) as n;

-- The pool, as (n, provider, plan, label, status, daily_quota, quota_day offset in WIB days,
-- quota_used, seat_capacity, seats_used, cooldown_until, consecutive_failures, last_used_at).
-- Seats in use are those of the orders below that hold them.
create temporary view wib as select (now() at time zone 'Asia/Jakarta')::date as today;
insert into public.provider_accounts
  (id, provider_id, plan, label, credentials_ciphertext, status, daily_quota, quota_day, quota_used,
   seat_capacity, seats_used, cooldown_until, consecutive_failures, last_used_at)
select ('50000000-0000-4000-8000-0000000000' || a.n)::uuid, a.provider::uuid, a.plan, a.label, '\x01',
       a.status::public.provider_account_status, a.quota, (select today from wib) + a.day, a.used,
       a.capacity, a.seats, now() + a.cooldown, a.failures, now() - a.idle
from (values
  -- pick: only 06 and 07 can take an invitation; 06 was used longest ago (yesterday in
  -- WIB, its quota then used up), 07 holds the seat of the order.
  ('01', '30000000-0000-4000-8000-000000000001', 'pick', 'cooling', 'active', 10, 0, 0, 5, 0, interval '1 hour', 0, null::interval),
  ('02', '30000000-0000-4000-8000-000000000001', 'pick', 'parked', 'parked', 10, 0, 0, 5, 0, null, 3, null),
  ('03', '30000000-0000-4000-8000-000000000001', 'pick', 'full', 'active', 10, 0, 0, 2, 2, null, 0, null),
  ('04', '30000000-0000-4000-8000-000000000001', 'pick', 'no-quota', 'active', 3, 0, 3, 5, 0, null, 0, null),
  ('05', '30000000-0000-4000-8000-000000000001', 'pick', 'disabled', 'disabled', 10, 0, 0, 5, 0, null, 0, null),
  ('06', '30000000-0000-4000-8000-000000000001', 'pick', 'old', 'active', 2, -1, 2, 5, 0, null, 2, interval '2 days'),
  ('07', '30000000-0000-4000-8000-000000000001', 'pick', 'recent', 'active', 10, 0, 1, 5, 1, interval '-1 hour', 0, interval '1 hour'),
  -- own: 11 is full with the order's own seat; 12 is full with someone else's.
  ('11', '30000000-0000-4000-8000-000000000001', 'own', 'own-1', 'active', 3, 0, 1, 1, 1, null, 1, interval '1 hour'),
  ('12', '30000000-0000-4000-8000-000000000001', 'own', 'own-2', 'active', 3, 0, 0, 1, 1, null, 0, null),
  -- acct: 21 holds the order's seat and was never used; 22 was used a day ago.
  ('21', '30000000-0000-4000-8000-000000000001', 'acct', 'acct-1', 'active', 10, 0, 0, 3, 1, null, 0, null),
  ('22', '30000000-0000-4000-8000-000000000001', 'acct', 'acct-2', 'active', 10, 0, 0, 3, 0, null, 0, interval '1 day'),
  ('31', '30000000-0000-4000-8000-000000000001', 'retry', 'retry-1', 'active', 10, 0, 0, 2, 1, null, 0, null),
  ('41', '30000000-0000-4000-8000-000000000001', 'conf', 'conf-1', 'active', 10, 0, 0, 2, 1, null, 0, null),
  -- gone: a fine account of a provider that is switched off.
  ('51', '30000000-0000-4000-8000-000000000002', 'gone', 'gone-1', 'active', 10, 0, 0, 5, 0, null, 0, null),
  ('61', '30000000-0000-4000-8000-000000000001', 'late', 'late-1', 'active', 10, 0, 0, 1, 0, null, 0, null),
  ('71', '30000000-0000-4000-8000-000000000001', 'svc', 'svc-1', 'active', 10, 0, 0, 2, 1, null, 0, null),
  ('81', '30000000-0000-4000-8000-000000000001', 'matrix', 'matrix-1', 'active', 10, 0, 0, 5, 0, null, 0, null)
) as a (n, provider, plan, label, status, quota, day, used, capacity, seats, cooldown, failures, idle);

-- An order past payment (status p_status, paid now), of the given product and quantity,
-- holding the given account's seat; INVITE orders ask to invite tim-<id>@kantor.id.
create function tests.paid_order(
  p_id uuid, p_product_id uuid, p_quantity integer default 1, p_held uuid default null,
  p_user_id uuid default null, p_status text default 'paid'
)
returns uuid
language sql
as $$
  insert into public.orders
    (id, number, user_id, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
     quantity, unit_price, total, price_tier, target, tracking_token_hash, tracking_token_ciphertext,
     expires_at, status, paid_at, held_account_id)
  select p_id, 'RP-261127-' || upper(left(md5(p_id::text), 6)), p_user_id, 'Budi', 'budi@example.com',
         '+6281234567890', p.id, p.type, p.name, p_quantity, p.retail_price, p.retail_price * p_quantity, 'retail',
         case when p.type = 'INVITE' then jsonb_build_object('email', 'tim-' || right(p_id::text, 2) || '@kantor.id')
              else '{}'::jsonb end,
         extensions.digest(p_id::text, 'sha256'), '\x01', now() - interval '5 minutes',
         p_status::public.order_status, now(), p_held
  from public.products p where p.id = p_product_id
  returning id;
$$;

-- The order's fulfillment job, as mark_payment_paid enqueues it, under a fixed id.
create function tests.enqueue(p_job_id bigint, p_order_id uuid, p_max_attempts integer default 10)
returns bigint
language sql
as $$
  insert into public.fulfillment_jobs (id, kind, order_id, max_attempts)
  overriding system value
  select p_job_id, lower(o.product_type::text), o.id, p_max_attempts from public.orders o where o.id = p_order_id
  returning id;
$$;

-- A checkout as the API does it (as in 45_mark_payment_paid.sql): the order, its
-- reservation and a pending payment whose id is the order's with 7 for 6.
create function tests.checkout(p_id uuid, p_product_id uuid, p_quantity integer, p_due interval)
returns boolean
language plpgsql
as $$
declare
  v_reserved boolean;
begin
  insert into public.orders
    (id, number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
     quantity, unit_price, total, price_tier, target, tracking_token_hash, tracking_token_ciphertext, expires_at)
  select p_id, 'RP-261127-' || upper(left(md5(p_id::text), 6)), 'Budi', 'budi@example.com', '+6281234567890',
         p.id, p.type, p.name, p_quantity, p.retail_price, p.retail_price * p_quantity, 'retail',
         case when p.type = 'INVITE' then '{"email": "tim@kantor.id"}'::jsonb else '{}'::jsonb end,
         extensions.digest(p_id::text, 'sha256'), '\x01', now() + p_due
  from public.products p where p.id = p_product_id;
  v_reserved := private.reserve_for_order(p_id, now() + p_due);
  insert into public.payments
    (id, order_id, attempt, reff_id, channel, amount, trx_id, total_bayar, total_diterima, qr_string, expires_at, status)
  select overlay(p_id::text placing '7' from 1 for 1)::uuid, o.id, 1, replace(o.number, '-', '') || '-1', 'QRIS',
         o.total, 'TP' || upper(left(md5(o.number), 10)), o.total + 350, o.total, '000201', o.expires_at, 'pending'
  from public.orders o where o.id = p_id;
  return v_reserved;
end;
$$;

create function tests.job_of(p_order_id uuid)
returns bigint
language sql
as $$ select id from public.fulfillment_jobs where order_id = p_order_id; $$;

-- A job's state: status/attempts/locked_by, e.g. 'running/1/w1' or 'queued/1/-'.
create function tests.job(p_job_id bigint)
returns text
language sql
as $$ select concat_ws('/', status, attempts, coalesce(locked_by, '-')) from public.fulfillment_jobs where id = p_job_id; $$;

-- The outcomes of a job's attempts, in order.
create function tests.outcomes(p_job_id bigint)
returns text[]
language sql
as $$ select coalesce(array_agg(outcome order by id), '{}') from public.fulfillment_job_attempts where job_id = p_job_id; $$;

-- The notifications queued about an order, as event/audience/channel.
create function tests.events(p_order_id uuid)
returns text[]
language sql
as $$
  select coalesce(array_agg(concat_ws('/', event, audience, channel) order by event, audience, channel), '{}')
  from public.notifications where order_id = p_order_id;
$$;

create function tests.history(p_order_id uuid)
returns text[]
language sql
as $$ select array_agg(status::text order by id) from public.order_status_history where order_id = p_order_id; $$;

create function tests.order_status(p_order_id uuid)
returns text
language sql
as $$ select status::text from public.orders where id = p_order_id; $$;

-- The order's stock items by status, e.g. '{reserved:1,sold:2}'.
create function tests.items(p_order_id uuid)
returns text
language sql
as $$
  select coalesce('{' || string_agg(status || ':' || n, ',' order by status) || '}', '{}')
  from (select status::text, count(*) as n from public.stock_items where order_id = p_order_id group by status) s;
$$;

create function tests.available(p_product_id uuid)
returns integer
language sql
as $$ select count(*)::int from public.stock_items where product_id = p_product_id and status = 'available'; $$;

-- An account's pool state: status/seats_used/quota_used/consecutive_failures.
create function tests.account(p_account_id uuid)
returns text
language sql
as $$
  select concat_ws('/', status, seats_used, quota_used, consecutive_failures)
  from public.provider_accounts where id = p_account_id;
$$;

-- The role matrix's rows: alice's delivered STOCK order (01) with its job, attempt,
-- delivery and a reveal; her delivered INVITE order (02) with its invitation and
-- delivery; and bob's paid, not yet delivered order (03).
select tests.paid_order('60000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', 1, null,
                        'a11ce000-0000-4000-8000-000000000001', 'delivered');
select tests.paid_order('60000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000011', 1, null,
                        'a11ce000-0000-4000-8000-000000000001', 'delivered');
select tests.paid_order('60000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', 1, null,
                        'b0b00000-0000-4000-8000-000000000002');
insert into public.fulfillment_jobs (id, kind, order_id, status, attempts, finished_at) overriding system value
values (1000, 'stock', '60000000-0000-4000-8000-000000000001', 'succeeded', 1, now());
insert into public.fulfillment_job_attempts (job_id, attempt, worker, started_at, outcome)
values (1000, 1, 'w0', now(), 'succeeded');
insert into public.order_deliveries (order_id, kind, item_count) values ('60000000-0000-4000-8000-000000000001', 'STOCK', 1);
insert into public.delivery_reveals (order_id, via, user_id, client_ip, item_count)
values ('60000000-0000-4000-8000-000000000001', 'member', 'a11ce000-0000-4000-8000-000000000001', '203.0.113.7', 1);
insert into public.invitations (id, order_id, account_id, attempt, status, target_email, finished_at)
values ('80000000-0000-4000-8000-000000000002', '60000000-0000-4000-8000-000000000002',
        '50000000-0000-4000-8000-000000000081', 1, 'sent', 'tim-02@kantor.id', now());
insert into public.order_deliveries (order_id, kind, item_count, invitation_id)
values ('60000000-0000-4000-8000-000000000002', 'INVITE', 0, '80000000-0000-4000-8000-000000000002');

-- ---------------------------------------------------------------------------------------
-- Row level security, policies and grants.

select results_eq(
  $$ select c.oid::regclass::text, c.relrowsecurity from pg_catalog.pg_class c
     where c.oid in ('public.fulfillment_jobs'::regclass, 'public.fulfillment_job_attempts'::regclass,
                     'public.invitations'::regclass, 'public.order_deliveries'::regclass,
                     'public.delivery_reveals'::regclass)
     order by 1 $$,
  $$ values ('delivery_reveals', true), ('fulfillment_job_attempts', true), ('fulfillment_jobs', true),
            ('invitations', true), ('order_deliveries', true) $$,
  'The five fulfillment tables have row level security enabled.');
select policies_are('public', 'fulfillment_jobs', array['no api access to fulfillment jobs'],
  'fulfillment_jobs has exactly one policy, the one that shuts the API roles out.');
select policies_are('public', 'fulfillment_job_attempts', array['no api access to fulfillment job attempts'],
  'fulfillment_job_attempts has exactly one policy, the one that shuts the API roles out.');
select policies_are('public', 'invitations', array['no api access to invitations'],
  'invitations has exactly one policy, the one that shuts the API roles out.');
select policies_are('public', 'order_deliveries', array['no api access to order deliveries'],
  'order_deliveries has exactly one policy, the one that shuts the API roles out.');
select policies_are('public', 'delivery_reveals', array['no api access to delivery reveals'],
  'delivery_reveals has exactly one policy, the one that shuts the API roles out.');
select is_empty(
  $$ select tablename from pg_catalog.pg_policies
     where schemaname = 'public'
       and tablename in ('fulfillment_jobs', 'fulfillment_job_attempts', 'invitations', 'order_deliveries', 'delivery_reveals')
       and not (permissive = 'RESTRICTIVE' and cmd = 'ALL' and roles = array['anon', 'authenticated']::name[]
                and qual = 'false' and with_check = 'false') $$,
  'Each of those policies is restrictive, for every command, to anon and authenticated, and lets no row through.');
select is_empty(
  $$ select t || ' ' || g || ' ' || p
     from unnest(array['public.fulfillment_jobs', 'public.fulfillment_job_attempts', 'public.invitations',
                       'public.order_deliveries', 'public.delivery_reveals']) as t,
          unnest(array['anon', 'authenticated', 'public']) as g,
          unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) as p
     where case when g = 'public' then exists (
             select 1 from pg_catalog.pg_class c, aclexplode(c.relacl) a
             where c.oid = t::regclass and a.grantee = 0 and a.privilege_type = p)
           else has_table_privilege(g, t, p) end $$,
  'Neither anon, authenticated nor PUBLIC holds any privilege on the five tables.');

-- Every function this migration creates or redefines.
create temporary table new_functions (signature text primary key);
insert into new_functions values
  ('private.claim_jobs(text, integer, double precision)'),
  ('private.claim_job(bigint, text, double precision)'),
  ('private.hold_lease(bigint, text)'),
  ('private.extend_lease(bigint, text, double precision)'),
  ('private.finish_attempt(bigint, text, public.job_status, text, text, timestamptz)'),
  ('private.complete_jobs(bigint[], text)'),
  ('private.fail_job(bigint, text, text, double precision)'),
  ('private.recover_expired_leases(integer)'),
  ('private.order_needs_attention(uuid, text)'),
  ('private.mark_payment_paid(uuid)'),
  ('private.fulfill_stock(bigint, text)'),
  ('private.begin_invitation(bigint, text)'),
  ('private.finish_invitation(bigint, text, uuid, text, text, text, text, double precision, double precision[], integer, timestamptz)'),
  ('private.deliver_invitation(uuid, uuid)'),
  ('private.confirm_invitation(uuid, boolean, text)'),
  ('private.take_payments_to_reconcile(integer)');

select is(
  (select count(*)::int from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'private'
     and p.oid in (select signature::regprocedure from new_functions)
     and not p.prosecdef and p.proconfig = array['search_path=""']),
  16, 'The 16 functions exist, run with the caller''s rights and pin an empty search_path.');
select is_empty(
  $$ select signature || ' ' || g from new_functions,
            unnest(array['anon', 'authenticated']) as g
     where has_function_privilege(g, signature, 'EXECUTE') $$,
  'Neither anon nor authenticated can execute any of them.');
select is_empty(
  $$ select signature from new_functions f
     where exists (select 1 from pg_catalog.pg_proc p, aclexplode(p.proacl) a
                   where p.oid = f.signature::regprocedure and a.grantee = 0)
        or (select proacl is null from pg_catalog.pg_proc where oid = f.signature::regprocedure) $$,
  'PUBLIC holds no EXECUTE on any of them (each has an explicit ACL without PUBLIC).');
select is_empty(
  $$ select signature from new_functions where not has_function_privilege('service_role', signature, 'EXECUTE') $$,
  'service_role can execute every one of them.');

-- The statements every API role tries on the five tables.
create temporary table attempts (tbl text, op text, sql text not null, primary key (tbl, op));
insert into attempts values
  ('fulfillment_jobs', 'select', 'select id, kind, status from public.fulfillment_jobs'),
  ('fulfillment_jobs', 'insert', $$ insert into public.fulfillment_jobs (kind) values ('noop') $$),
  ('fulfillment_jobs', 'update', $$ update public.fulfillment_jobs set max_attempts = 5 where id = 1000 $$),
  ('fulfillment_jobs', 'delete', 'delete from public.fulfillment_jobs where id = 1000'),
  ('fulfillment_job_attempts', 'select', 'select job_id, worker, outcome from public.fulfillment_job_attempts'),
  ('fulfillment_job_attempts', 'insert', $$ insert into public.fulfillment_job_attempts (job_id, attempt, worker, started_at, outcome)
                                            values (1000, 2, 'w9', now(), 'retry') $$),
  ('fulfillment_job_attempts', 'update', $$ update public.fulfillment_job_attempts set error = 'x' where job_id = 1000 $$),
  ('fulfillment_job_attempts', 'delete', 'delete from public.fulfillment_job_attempts where job_id = 1000'),
  ('invitations', 'select', 'select id, target_email, note from public.invitations'),
  ('invitations', 'insert', $$ insert into public.invitations (order_id, account_id, attempt, status, error_kind)
                               values ('60000000-0000-4000-8000-000000000002', '50000000-0000-4000-8000-000000000081', 2, 'failed', 'retry') $$),
  ('invitations', 'update', $$ update public.invitations set note = 'x' where order_id = '60000000-0000-4000-8000-000000000002' $$),
  ('invitations', 'delete', $$ delete from public.invitations where order_id = '60000000-0000-4000-8000-000000000002' $$),
  ('order_deliveries', 'select', 'select order_id, kind, item_count from public.order_deliveries'),
  ('order_deliveries', 'insert', $$ insert into public.order_deliveries (order_id, kind, item_count)
                                    values ('60000000-0000-4000-8000-000000000003', 'STOCK', 1) $$),
  ('order_deliveries', 'update', $$ update public.order_deliveries set item_count = 5 where kind = 'STOCK' $$),
  ('order_deliveries', 'delete', $$ delete from public.order_deliveries where kind = 'STOCK' $$),
  ('delivery_reveals', 'select', 'select order_id, via, client_ip from public.delivery_reveals'),
  ('delivery_reveals', 'insert', $$ insert into public.delivery_reveals (order_id, via, client_ip, item_count)
                                    values ('60000000-0000-4000-8000-000000000001', 'tracking_token', '203.0.113.9', 1) $$),
  ('delivery_reveals', 'update', $$ update public.delivery_reveals set item_count = 9 where order_id = '60000000-0000-4000-8000-000000000001' $$),
  ('delivery_reveals', 'delete', $$ delete from public.delivery_reveals where order_id = '60000000-0000-4000-8000-000000000001' $$);
grant select on attempts, new_functions to anon, authenticated, service_role;

-- A call of each function, with arguments of the right types.
create temporary table calls (fn text primary key, sql text not null);
insert into calls values
  ('claim_jobs', $$ select * from private.claim_jobs('w', 1, 30) $$),
  ('claim_job', $$ select * from private.claim_job(1000, 'w', 30) $$),
  ('hold_lease', $$ select private.hold_lease(1000, 'w') $$),
  ('extend_lease', $$ select private.extend_lease(1000, 'w', 30) $$),
  ('finish_attempt', $$ select private.finish_attempt(1000, 'w', 'succeeded', 'succeeded', null, null) $$),
  ('complete_jobs', $$ select private.complete_jobs(array[1000]::bigint[], 'w') $$),
  ('fail_job', $$ select private.fail_job(1000, 'w', 'boom', 30) $$),
  ('recover_expired_leases', $$ select private.recover_expired_leases(10) $$),
  ('order_needs_attention', $$ select private.order_needs_attention('60000000-0000-4000-8000-000000000003', 'x') $$),
  ('mark_payment_paid', $$ select private.mark_payment_paid(gen_random_uuid()) $$),
  ('fulfill_stock', $$ select private.fulfill_stock(1000, 'w') $$),
  ('begin_invitation', $$ select * from private.begin_invitation(1000, 'w') $$),
  ('finish_invitation', $$ select private.finish_invitation(1000, 'w', gen_random_uuid(), 'sent', null, null, null, 0, null, 3, null) $$),
  ('deliver_invitation', $$ select private.deliver_invitation('60000000-0000-4000-8000-000000000003', gen_random_uuid()) $$),
  ('confirm_invitation', $$ select private.confirm_invitation(gen_random_uuid(), true, null) $$),
  ('take_payments_to_reconcile', $$ select * from private.take_payments_to_reconcile(10) $$);
grant select on calls to anon, authenticated, service_role;

-- Every API role but service_role meets "permission denied" for every statement on every
-- table; anon and a member also for every function.
create function tests.denied(p_who text, p_calls boolean)
returns setof text
language plpgsql
as $$
declare
  a record;
begin
  for a in select * from pg_temp.attempts order by tbl, op loop
    return next throws_ok(a.sql, '42501', format('permission denied for table %s', a.tbl),
      format('%s cannot %s %s.', p_who, a.op, a.tbl));
  end loop;
  if p_calls then
    for a in select * from pg_temp.calls order by fn loop
      return next throws_ok(a.sql, '42501', format('permission denied for function %s', a.fn),
        format('%s cannot call private.%s.', p_who, a.fn));
    end loop;
  end if;
end;
$$;
grant execute on function tests.denied(text, boolean) to anon, authenticated;

select tests.authenticate_anon();
select * from tests.denied('anon', true);

select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');
select * from tests.denied('A member, even for her own order,', true);

select tests.authenticate_as('b0b00000-0000-4000-8000-000000000002');
select * from tests.denied('Another member', false);

select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');
select * from tests.denied('A user with the admin role', false);

select tests.authenticate_as('5e11e200-0000-4000-8000-000000000004');
select * from tests.denied('A reseller', false);

-- service_role reads and writes all five.
select tests.authenticate_service();
select results_eq(
  $$ select (select count(*)::int from public.fulfillment_jobs), (select count(*)::int from public.fulfillment_job_attempts),
            (select count(*)::int from public.invitations), (select count(*)::int from public.order_deliveries),
            (select count(*)::int from public.delivery_reveals) $$,
  $$ values (1, 1, 1, 2, 1) $$,
  'service_role reads every row of the five tables.');
select lives_ok((select sql from attempts where tbl = 'fulfillment_jobs' and op = 'insert'), 'service_role enqueues a job.');
select lives_ok((select sql from attempts where tbl = 'fulfillment_job_attempts' and op = 'insert'), 'service_role logs an attempt.');
select lives_ok((select sql from attempts where tbl = 'invitations' and op = 'insert'), 'service_role records an invitation.');
select lives_ok((select sql from attempts where tbl = 'order_deliveries' and op = 'insert'), 'service_role records a delivery.');
select lives_ok((select sql from attempts where tbl = 'delivery_reveals' and op = 'insert'), 'service_role records a reveal.');
select is(tests.affected_rows($$ update public.fulfillment_jobs set max_attempts = 5 where kind = 'noop' $$), 1::bigint,
  'service_role updates a job.');
select is(tests.affected_rows($$ update public.fulfillment_job_attempts set error = 'x' where worker = 'w9' $$), 1::bigint,
  'service_role updates an attempt.');
select is(tests.affected_rows($$ update public.invitations set error = 'x' where status = 'failed' $$), 1::bigint,
  'service_role updates an invitation.');
select is(tests.affected_rows($$ update public.order_deliveries set item_count = 2 where order_id = '60000000-0000-4000-8000-000000000003' $$), 1::bigint,
  'service_role updates a delivery.');
select is(tests.affected_rows($$ update public.delivery_reveals set item_count = 2 where via = 'tracking_token' $$), 1::bigint,
  'service_role updates a reveal.');
select is(tests.affected_rows($$ delete from public.delivery_reveals where via = 'tracking_token' $$), 1::bigint,
  'service_role deletes a reveal.');
select is(tests.affected_rows($$ delete from public.order_deliveries where order_id = '60000000-0000-4000-8000-000000000003' $$), 1::bigint,
  'service_role deletes a delivery.');
select is(tests.affected_rows($$ delete from public.invitations where status = 'failed' $$), 1::bigint,
  'service_role deletes an invitation.');
select is(tests.affected_rows($$ delete from public.fulfillment_job_attempts where worker = 'w9' $$), 1::bigint,
  'service_role deletes an attempt.');
select is(tests.affected_rows($$ delete from public.fulfillment_jobs where kind = 'noop' $$), 1::bigint,
  'service_role deletes a job.');
select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------
-- Constraints, as postgres.

create function tests.insert_job(p_overrides jsonb)
returns void
language sql
as $$
  insert into public.fulfillment_jobs (kind, order_id, status, attempts, max_attempts, locked_by, locked_at, locked_until, finished_at)
  select r.kind, r.order_id, coalesce(r.status, 'queued'), coalesce(r.attempts, 0), coalesce(r.max_attempts, 10),
         r.locked_by, r.locked_at, r.locked_until, r.finished_at
  from jsonb_populate_record(null::public.fulfillment_jobs, jsonb_build_object('kind', 'noop') || p_overrides) r;
$$;

select lives_ok($$ select tests.insert_job('{}') $$, 'A queued noop job without an order is valid.');
select throws_ok($$ select tests.insert_job('{"kind": "email", "order_id": "60000000-0000-4000-8000-000000000003"}') $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_kind_known"',
  'An unknown kind is rejected.');
select throws_ok($$ select tests.insert_job('{"kind": "stock"}') $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_order_for_kind"',
  'A stock job needs its order.');
select throws_ok($$ select tests.insert_job('{"kind": "noop", "order_id": "60000000-0000-4000-8000-000000000003"}') $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_order_for_kind"',
  'A noop job has no order.');
select lives_ok($$ select tests.insert_job('{"kind": "stock", "order_id": "60000000-0000-4000-8000-000000000003"}') $$,
  'A stock job of an order is valid.');
select throws_ok($$ select tests.insert_job('{"kind": "invite", "order_id": "60000000-0000-4000-8000-000000000003"}') $$,
  '23505', 'duplicate key value violates unique constraint "fulfillment_jobs_order_id_key"',
  'An order has one job.');
select throws_ok($$ select tests.insert_job('{"kind": "stock", "order_id": "69999999-0000-4000-8000-000000000009"}') $$,
  '23503', 'insert or update on table "fulfillment_jobs" violates foreign key constraint "fulfillment_jobs_order_id_fkey"',
  'A job''s order exists.');
select throws_ok($$ select tests.insert_job('{"attempts": -1}') $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_attempts_range"',
  'Negative attempts are rejected.');
select throws_ok($$ select tests.insert_job('{"max_attempts": 0}') $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_max_attempts_range"',
  'max_attempts below 1 is rejected.');
select throws_ok($$ select tests.insert_job('{"max_attempts": 101}') $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_max_attempts_range"',
  'max_attempts above 100 is rejected.');
select throws_ok($$ select tests.insert_job('{"status": "running"}') $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_lease_consistent"',
  'A running job has a lease.');
select throws_ok($$ select tests.insert_job(jsonb_build_object('status', 'running', 'locked_by', 'w1', 'locked_at', now())) $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_lease_consistent"',
  'A lease has its holder, its start and its end.');
select lives_ok($$ select tests.insert_job(jsonb_build_object('status', 'running', 'locked_by', 'w1', 'locked_at', now(),
                                                              'locked_until', now() + interval '30 seconds')) $$,
  'A running job with its whole lease is valid.');
select throws_ok($$ select tests.insert_job(jsonb_build_object('locked_by', 'w1', 'locked_at', now(), 'locked_until', now())) $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_lease_consistent"',
  'A queued job holds no lease.');
select throws_ok($$ select tests.insert_job('{"status": "succeeded"}') $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_finished_consistent"',
  'A succeeded job has finished_at.');
select throws_ok($$ select tests.insert_job('{"status": "dead"}') $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_finished_consistent"',
  'A dead job has finished_at.');
select throws_ok($$ select tests.insert_job(jsonb_build_object('status', 'waiting', 'finished_at', now())) $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_finished_consistent"',
  'A waiting job has not finished.');
select throws_ok($$ update public.fulfillment_jobs set status = 'queued' where id = 1000 $$,
  '23514', 'new row for relation "fulfillment_jobs" violates check constraint "fulfillment_jobs_finished_consistent"',
  'A finished job cannot be queued again without clearing finished_at.');

select throws_ok($$ insert into public.fulfillment_job_attempts (job_id, attempt, worker, started_at, outcome)
                    values (1000, 2, 'w1', now(), 'crashed') $$,
  '23514', 'new row for relation "fulfillment_job_attempts" violates check constraint "fulfillment_job_attempts_outcome_known"',
  'An unknown attempt outcome is rejected.');
select throws_ok($$ insert into public.fulfillment_job_attempts (job_id, attempt, worker, started_at, outcome)
                    values (999999, 1, 'w1', now(), 'retry') $$,
  '23503', 'insert or update on table "fulfillment_job_attempts" violates foreign key constraint "fulfillment_job_attempts_job_id_fkey"',
  'An attempt belongs to an existing job.');
insert into public.fulfillment_jobs (id, kind) overriding system value values (999, 'noop');
insert into public.fulfillment_job_attempts (job_id, attempt, worker, started_at, outcome) values (999, 1, 'w1', now(), 'retry');
delete from public.fulfillment_jobs where id = 999;
select is((select count(*)::int from public.fulfillment_job_attempts where job_id = 999), 0,
  'Deleting a job deletes its attempts.');
delete from public.fulfillment_jobs where kind = 'noop' or order_id = '60000000-0000-4000-8000-000000000003';

-- Invitations of bob's order 03 (the table does not check the order's type).
create function tests.insert_invitation(p_overrides jsonb)
returns void
language sql
as $$
  insert into public.invitations (order_id, account_id, attempt, status, note, error_kind, error)
  select r.order_id, r.account_id, r.attempt, coalesce(r.status, 'sending'), r.note, r.error_kind, r.error
  from jsonb_populate_record(null::public.invitations,
    jsonb_build_object('order_id', '60000000-0000-4000-8000-000000000003',
                       'account_id', '50000000-0000-4000-8000-000000000081', 'attempt', 1) || p_overrides) r;
$$;

select lives_ok($$ select tests.insert_invitation('{"status": "failed", "error_kind": "retry"}') $$,
  'A failed invitation with its error kind is valid.');
select throws_ok($$ select tests.insert_invitation('{"status": "failed", "error_kind": "retry"}') $$,
  '23505', 'duplicate key value violates unique constraint "invitations_attempt_unique"',
  'An order has one invitation per attempt number.');
select throws_ok($$ select tests.insert_invitation('{"attempt": 0}') $$,
  '23514', 'new row for relation "invitations" violates check constraint "invitations_attempt_positive"',
  'Attempts count from 1.');
select throws_ok($$ select tests.insert_invitation('{"attempt": 2, "status": "lost"}') $$,
  '23514', 'new row for relation "invitations" violates check constraint "invitations_status_known"',
  'An unknown status is rejected.');
select throws_ok($$ select tests.insert_invitation(jsonb_build_object('attempt', 2, 'note', repeat('x', 501))) $$,
  '23514', 'new row for relation "invitations" violates check constraint "invitations_note_length"',
  'A note over 500 characters is rejected.');
select throws_ok($$ select tests.insert_invitation('{"attempt": 2, "status": "failed", "error_kind": "bad luck"}') $$,
  '23514', 'new row for relation "invitations" violates check constraint "invitations_error_kind_known"',
  'An unknown error kind is rejected.');
select throws_ok($$ select tests.insert_invitation(jsonb_build_object('attempt', 2, 'status', 'failed', 'error_kind', 'retry', 'error', repeat('x', 501))) $$,
  '23514', 'new row for relation "invitations" violates check constraint "invitations_error_length"',
  'An error over 500 characters is rejected.');
select throws_ok($$ select tests.insert_invitation('{"attempt": 2, "status": "failed"}') $$,
  '23514', 'new row for relation "invitations" violates check constraint "invitations_failure_consistent"',
  'A failed invitation says what kind of failure.');
select throws_ok($$ select tests.insert_invitation('{"attempt": 2, "status": "sent", "error_kind": "account"}') $$,
  '23514', 'new row for relation "invitations" violates check constraint "invitations_failure_consistent"',
  'An invitation that did not fail has no error kind.');
select lives_ok($$ select tests.insert_invitation('{"attempt": 2}') $$,
  'A live (sending) invitation next to a failed one is valid.');
select throws_ok($$ select tests.insert_invitation('{"attempt": 3, "status": "awaiting_team"}') $$,
  '23505', 'duplicate key value violates unique constraint "invitations_one_live_per_order"',
  'An order has one live invitation at a time.');
update public.invitations set status = 'sent' where order_id = '60000000-0000-4000-8000-000000000003' and attempt = 2;
select throws_ok($$ select tests.insert_invitation('{"attempt": 3}') $$,
  '23505', 'duplicate key value violates unique constraint "invitations_one_live_per_order"',
  'A sent invitation is live too: the seat is given once.');
select lives_ok($$ select tests.insert_invitation('{"attempt": 3, "status": "revoked"}') $$,
  'A revoked invitation does not count as live.');
select throws_ok($$ select tests.insert_invitation('{"attempt": 4, "account_id": "59999999-0000-4000-8000-000000000009", "status": "revoked"}') $$,
  '23503', 'insert or update on table "invitations" violates foreign key constraint "invitations_account_id_fkey"',
  'An invitation''s account exists.');

select throws_ok($$ insert into public.order_deliveries (order_id, kind, item_count) values ('60000000-0000-4000-8000-000000000003', 'STOCK', 0) $$,
  '23514', 'new row for relation "order_deliveries" violates check constraint "order_deliveries_shape"',
  'A STOCK delivery has at least one item.');
select throws_ok($$ insert into public.order_deliveries (order_id, kind, item_count, invitation_id)
                    values ('60000000-0000-4000-8000-000000000003', 'STOCK', 1, '80000000-0000-4000-8000-000000000002') $$,
  '23514', 'new row for relation "order_deliveries" violates check constraint "order_deliveries_shape"',
  'A STOCK delivery has no invitation.');
select throws_ok($$ insert into public.order_deliveries (order_id, kind, item_count) values ('60000000-0000-4000-8000-000000000003', 'INVITE', 0) $$,
  '23514', 'new row for relation "order_deliveries" violates check constraint "order_deliveries_shape"',
  'An INVITE delivery has its invitation.');
select throws_ok($$ insert into public.order_deliveries (order_id, kind, item_count, invitation_id)
                    values ('60000000-0000-4000-8000-000000000003', 'INVITE', -1, '80000000-0000-4000-8000-000000000002') $$,
  '23514', 'new row for relation "order_deliveries" violates check constraint "order_deliveries_item_count_nonnegative"',
  'A negative item count is rejected.');
select throws_ok($$ insert into public.order_deliveries (order_id, kind, item_count) values ('60000000-0000-4000-8000-000000000001', 'STOCK', 1) $$,
  '23505', 'duplicate key value violates unique constraint "order_deliveries_pkey"',
  'An order is delivered once.');
select throws_ok($$ insert into public.order_deliveries (order_id, kind, item_count, invitation_id)
                    values ('60000000-0000-4000-8000-000000000003', 'INVITE', 0, '89999999-0000-4000-8000-000000000009') $$,
  '23503', 'insert or update on table "order_deliveries" violates foreign key constraint "order_deliveries_invitation_id_fkey"',
  'A delivery''s invitation exists.');

select throws_ok($$ insert into public.delivery_reveals (order_id, via, item_count) values ('60000000-0000-4000-8000-000000000001', 'email', 1) $$,
  '23514', 'new row for relation "delivery_reveals" violates check constraint "delivery_reveals_via_known"',
  'A reveal is by tracking token or by the member''s session, nothing else.');
select throws_ok($$ insert into public.delivery_reveals (order_id, via, item_count) values ('60000000-0000-4000-8000-000000000003', 'tracking_token', 1) $$,
  '23503', 'insert or update on table "delivery_reveals" violates foreign key constraint "delivery_reveals_order_id_fkey"',
  'Only a delivered order can be revealed.');
select throws_ok($$ delete from public.order_deliveries where order_id = '60000000-0000-4000-8000-000000000001' $$,
  '23503', 'update or delete on table "order_deliveries" violates foreign key constraint "delivery_reveals_order_id_fkey" on table "delivery_reveals"',
  'A delivery that was revealed cannot be deleted.');
delete from public.invitations where order_id = '60000000-0000-4000-8000-000000000003';

-- ---------------------------------------------------------------------------------------
-- The queue, with noop jobs 1001-1006: 1001 and 1002 due, 1003 due in an hour, 1004
-- running under another worker's lease, 1005 succeeded, 1006 due right now.
insert into public.fulfillment_jobs (id, kind, status, attempts, run_at, locked_by, locked_at, locked_until, finished_at)
overriding system value values
  (1001, 'noop', 'queued', 0, now() - interval '2 minutes', null, null, null, null),
  (1002, 'noop', 'queued', 0, now() - interval '1 minute', null, null, null, null),
  (1003, 'noop', 'queued', 0, now() + interval '1 hour', null, null, null, null),
  (1004, 'noop', 'running', 1, now() - interval '3 minutes', 'other', now() - interval '10 seconds', now() + interval '1 minute', null),
  (1005, 'noop', 'succeeded', 1, now() - interval '4 minutes', null, null, null, now()),
  (1006, 'noop', 'queued', 0, now(), null, null, null, null);

select results_eq(
  $$ select id, status::text, attempts, locked_by, locked_at, locked_until from private.claim_jobs('w1', 2, 30) order by id $$,
  $$ values (1001::bigint, 'running', 1, 'w1', now(), now() + interval '30 seconds'),
            (1002::bigint, 'running', 1, 'w1', now(), now() + interval '30 seconds') $$,
  'claim_jobs takes the p_limit jobs due first, running under a lease of p_lease_seconds from now, as attempt 1.');
select results_eq(
  $$ select id, locked_by, locked_until from private.claim_jobs('w2', 10, 12.5) $$,
  $$ values (1006::bigint, 'w2', now() + interval '12.5 seconds') $$,
  'A second claim takes only the job due right now: not the one due later, the running ones or the finished one.');
select is_empty($$ select * from private.claim_jobs('w3', 10, 30) $$,
  'With nothing due, claim_jobs takes nothing.');
select results_eq($$ select tests.job(1003), tests.job(1004), tests.job(1005) $$,
  $$ values ('queued/0/-', 'running/1/other', 'succeeded/1/-') $$,
  'The job not yet due, the other worker''s running job and the finished job are untouched.');

select is_empty($$ select * from private.claim_job(1003, 'w3', 30) $$, 'claim_job does not take a job not yet due,');
select is_empty($$ select * from private.claim_job(1004, 'w3', 30) $$, 'nor a running one,');
select is_empty($$ select * from private.claim_job(1005, 'w3', 30) $$, 'nor a finished one,');
select is_empty($$ select * from private.claim_job(424242, 'w3', 30) $$, 'nor an unknown one.');
update public.fulfillment_jobs set run_at = now() - interval '1 second' where id = 1003;
select results_eq(
  $$ select id, status::text, attempts, locked_by, locked_at, locked_until from private.claim_job(1003, 'w3', 45) $$,
  $$ values (1003::bigint, 'running', 1, 'w3', now(), now() + interval '45 seconds') $$,
  'claim_job takes the given job once it is due, under a lease.');

update public.fulfillment_jobs set updated_at = now() - interval '1 day' where id = 1002;
select is(private.hold_lease(1002, 'w1'), true, 'hold_lease: the worker holding the lease holds it.');
select is(private.hold_lease(1002, 'w2'), false, 'hold_lease: another worker does not.');
select is(private.hold_lease(1005, 'w1'), false, 'hold_lease: nobody holds a finished job.');
select is(private.extend_lease(1002, 'w1', 120), true, 'extend_lease extends the lease the worker holds');
select results_eq($$ select locked_until, updated_at from public.fulfillment_jobs where id = 1002 $$,
  $$ values (now() + interval '120 seconds', now()) $$,
  'to now + p_lease_seconds (and the update stamps updated_at).');
select is(private.extend_lease(1002, 'w2', 600), false, 'extend_lease refuses a worker that does not hold the lease');
select is((select locked_until from public.fulfillment_jobs where id = 1002), now() + interval '120 seconds',
  'and leaves the lease as it was.');
select is(private.extend_lease(1005, 'w1', 600), false, 'extend_lease refuses a finished job.');

-- complete_jobs. The claims are moved 5 s into the past, so that the attempt's start (the
-- claim) differs from its end (now).
update public.fulfillment_jobs set locked_at = now() - interval '5 seconds' where id in (1001, 1002);
select is(private.complete_jobs(array[1001, 1002]::bigint[], 'w2'), 0,
  'complete_jobs by a worker that holds none of the jobs completes nothing.');
select results_eq($$ select tests.job(1001), tests.job(1002) $$, $$ values ('running/1/w1', 'running/1/w1') $$,
  'Both jobs still run under w1.');
select is(private.complete_jobs(array[1001, 1002, 1006]::bigint[], 'w1'), 2,
  'complete_jobs completes the jobs the worker holds and counts them, not the one another worker holds.');
select results_eq(
  $$ select id, status::text, locked_by, locked_at, locked_until, finished_at from public.fulfillment_jobs
     where id in (1001, 1002, 1006) order by id $$,
  $$ values (1001::bigint, 'succeeded', null::text, null::timestamptz, null::timestamptz, now()),
            (1002::bigint, 'succeeded', null, null, null, now()),
            (1006::bigint, 'running', 'w2', now(), now() + interval '12.5 seconds', null) $$,
  'They succeeded, their lease released and finished now; the other worker''s job runs on.');
select results_eq(
  $$ select job_id, attempt, worker, started_at, finished_at, outcome, error from public.fulfillment_job_attempts
     where job_id in (1001, 1002, 1006) order by job_id $$,
  $$ values (1001::bigint, 1, 'w1', now() - interval '5 seconds', now(), 'succeeded', null::text),
            (1002::bigint, 1, 'w1', now() - interval '5 seconds', now(), 'succeeded', null) $$,
  'Each completed job logs its attempt: its number, the worker, started when it was claimed, succeeded.');
select is(private.complete_jobs(array[1001, 1002]::bigint[], 'w1'), 0, 'Completing them again completes nothing');
select is((select count(*)::int from public.fulfillment_job_attempts where job_id in (1001, 1002)), 2,
  'and logs nothing more.');

-- fail_job.
select is(private.fail_job(1006, 'w1', 'boom', 30), 'lost_lease',
  'fail_job by a worker that does not hold the lease returns lost_lease');
select is(tests.job(1006), 'running/1/w2', 'and leaves the job running under its worker.');
select is(private.fail_job(1006, 'w2', 'Provider timeout', 30), 'retry',
  'fail_job of an attempt that was not the last returns retry');
select results_eq(
  $$ select status::text, attempts, run_at, locked_by, locked_at, locked_until, last_error, finished_at
     from public.fulfillment_jobs where id = 1006 $$,
  $$ values ('queued', 1, now() + interval '30 seconds', null::text, null::timestamptz, null::timestamptz,
             'Provider timeout', null::timestamptz) $$,
  'and queues the job again p_delay_seconds from now, lease released, with the error.');
select results_eq(
  $$ select attempt, worker, started_at, outcome, error from public.fulfillment_job_attempts where job_id = 1006 $$,
  $$ values (1, 'w2', now(), 'retry', 'Provider timeout') $$,
  'The failed attempt is logged as retry with its error.');
select is_empty($$ select * from private.claim_job(1006, 'w1', 30) $$,
  'The job cannot be claimed before its backoff ends.');
update public.fulfillment_jobs set run_at = now() where id = 1006;
select results_eq($$ select attempts, locked_by from private.claim_job(1006, 'w1', 30) $$, $$ values (2, 'w1') $$,
  'Once due again it is claimed for attempt 2.');
select is(private.fail_job(1006, 'w1', 'again', -5), 'retry', 'A negative delay');
select is((select run_at from public.fulfillment_jobs where id = 1006), now(), 'queues the job again at once.');

-- fail_job at the last attempt: job 1011 of paid order 11, two attempts allowed.
select tests.paid_order('60000000-0000-4000-8000-000000000011', '20000000-0000-4000-8000-000000000001');
select tests.enqueue(1011, '60000000-0000-4000-8000-000000000011', 2);
select results_eq($$ select attempts from private.claim_job(1011, 'w1', 30) $$, $$ values (1) $$, 'Fixture: job 1011 is claimed.');
select is(private.fail_job(1011, 'w1', 'first', 0), 'retry', 'Attempt 1 of 2 fails: retry.');
select results_eq($$ select attempts from private.claim_job(1011, 'w1', 30) $$, $$ values (2) $$, 'Attempt 2 is claimed at once.');
select is(private.fail_job(1011, 'w1', 'Stock decryption failed', 60), 'dead',
  'The last attempt failing returns dead');
select results_eq(
  $$ select status::text, attempts, locked_by, finished_at, last_error from public.fulfillment_jobs where id = 1011 $$,
  $$ values ('dead', 2, null::text, now(), 'Stock decryption failed') $$,
  'and parks the job as dead, finished, with its last error.');
select is(tests.outcomes(1011), array['retry', 'dead'], 'Both attempts are logged.');
select results_eq(
  $$ select status::text, attention_reason from public.orders where id = '60000000-0000-4000-8000-000000000011' $$,
  $$ values ('needs_attention', 'Delivery failed after 2 attempts: Stock decryption failed') $$,
  'The order goes to the admin, with the reason.');
select is(tests.history('60000000-0000-4000-8000-000000000011'), array['paid', 'needs_attention'],
  'The history records it.');
select is(tests.events('60000000-0000-4000-8000-000000000011'),
  array['needs_attention/admin/email', 'needs_attention/admin/whatsapp',
        'needs_attention/buyer/email', 'needs_attention/buyer/whatsapp'],
  'The buyer and the admin are notified on both channels.');

-- recover_expired_leases. w3's lease of job 1003 ran out a second ago; job 1012 of paid
-- order 12, one attempt allowed, lost its worker too; 1004's lease runs on.
update public.fulfillment_jobs set locked_at = now() - interval '50 seconds', locked_until = now() - interval '1 second'
where id = 1003;
select tests.paid_order('60000000-0000-4000-8000-000000000012', '20000000-0000-4000-8000-000000000001');
select tests.enqueue(1012, '60000000-0000-4000-8000-000000000012', 1);
select results_eq($$ select attempts from private.claim_job(1012, 'w4', 30) $$, $$ values (1) $$, 'Fixture: job 1012 is claimed.');
update public.fulfillment_jobs set locked_at = now() - interval '40 seconds', locked_until = now() - interval '10 seconds'
where id = 1012;

select is(private.recover_expired_leases(1), 1, 'recover_expired_leases recovers at most p_limit jobs');
select is(tests.job(1012), 'dead/1/-', 'the one whose lease ran out first:');
select is(private.recover_expired_leases(10), 1, 'A second call recovers the other');
select is(tests.job(1004), 'running/1/other', 'and not the job whose lease runs on.');
select results_eq(
  $$ select status::text, attempts, run_at, locked_by, locked_at, locked_until, finished_at, last_error
     from public.fulfillment_jobs where id = 1003 $$,
  $$ values ('queued', 1, now(), null::text, null::timestamptz, null::timestamptz, null::timestamptz,
             'The worker''s lease ran out before it finished.') $$,
  'A job with attempts left is queued again at once, its lease released, saying why.');
select results_eq(
  $$ select attempt, worker, started_at, outcome, error from public.fulfillment_job_attempts where job_id = 1003 $$,
  $$ values (1, 'w3', now() - interval '50 seconds', 'lease_expired', 'The worker''s lease ran out before it finished.') $$,
  'Its attempt is logged as lease_expired, with the vanished worker and the time it claimed the job.');
select results_eq(
  $$ select status::text, finished_at, last_error from public.fulfillment_jobs where id = 1012 $$,
  $$ values ('dead', now(), 'The worker''s lease ran out on the last attempt.') $$,
  'A job at its last attempt is parked as dead.');
select is(tests.outcomes(1012), array['lease_expired'], 'Its attempt is logged as lease_expired.');
select results_eq(
  $$ select status::text, attention_reason from public.orders where id = '60000000-0000-4000-8000-000000000012' $$,
  $$ values ('needs_attention', 'Delivery stopped: its worker vanished on the last attempt.') $$,
  'Its order goes to the admin');
select is(tests.events('60000000-0000-4000-8000-000000000012'),
  array['needs_attention/admin/email', 'needs_attention/admin/whatsapp',
        'needs_attention/buyer/email', 'needs_attention/buyer/whatsapp'],
  'with the buyer and the admin notified.');
select is(private.recover_expired_leases(10), 0, 'Nothing is left to recover.');
select is(private.complete_jobs(array[1003]::bigint[], 'w3'), 0,
  'The vanished worker, back, cannot complete the recovered job');
select is(private.fail_job(1003, 'w3', 'late', 0), 'lost_lease', 'nor fail it');
select is(private.extend_lease(1003, 'w3', 30), false, 'nor extend its lease.');
select is(tests.job(1003), 'queued/1/-', 'The job waits for its next claim.');

-- ---------------------------------------------------------------------------------------
-- mark_payment_paid enqueues the order's job in the same transaction.

-- 21: netflix ×2 on time. 22: an INVITE order that expired with its seat free. 23: a
-- youtube order that expired and whose item another buyer (24) took.
select tests.checkout('60000000-0000-4000-8000-000000000021', '20000000-0000-4000-8000-000000000001', 2, interval '15 minutes');
select tests.checkout('60000000-0000-4000-8000-000000000022', '20000000-0000-4000-8000-000000000017', 1, interval '-10 minutes');
select tests.checkout('60000000-0000-4000-8000-000000000023', '20000000-0000-4000-8000-000000000004', 1, interval '-10 minutes');
select set_eq('select * from private.expire_due_orders(10)',
  $$ values ('60000000-0000-4000-8000-000000000022'::uuid), ('60000000-0000-4000-8000-000000000023'::uuid) $$,
  'Fixture: orders 22 and 23 expire.');
select tests.checkout('60000000-0000-4000-8000-000000000024', '20000000-0000-4000-8000-000000000004', 1, interval '15 minutes');

select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000021'), 'paid', 'A payment on time: paid');
select results_eq(
  $$ select kind, status::text, attempts, max_attempts, run_at, locked_by, finished_at
     from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000021' $$,
  $$ values ('stock', 'queued', 0, 10, now(), null::text, null::timestamptz) $$,
  'enqueues one stock job for the order, due now, never attempted, ten attempts allowed.');
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000021'), 'duplicate', 'A repeat is a duplicate');
select is((select count(*)::int from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000021'), 1,
  'and enqueues nothing more.');

select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000022'), 'late_paid', 'A late payment with its seat free: late_paid');
select results_eq(
  $$ select kind, status::text from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000022' $$,
  $$ values ('invite', 'queued') $$,
  'enqueues one invite job.');

select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000023'), 'needs_attention',
  'A late payment with nothing left to reserve: needs_attention');
select is_empty($$ select id from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000023' $$,
  'enqueues no job');
select is(tests.events('60000000-0000-4000-8000-000000000023'),
  array['needs_attention/admin/email', 'needs_attention/admin/whatsapp',
        'needs_attention/buyer/email', 'needs_attention/buyer/whatsapp'],
  'but tells the buyer and the admin.');
select is(tests.events('60000000-0000-4000-8000-000000000021'), '{}'::text[], 'A payment on time notifies nobody yet.');
select is(private.mark_payment_paid(gen_random_uuid()), 'duplicate', 'An unknown payment is a duplicate');
select is((select count(*)::int from public.fulfillment_jobs where order_id in (
             '60000000-0000-4000-8000-000000000021', '60000000-0000-4000-8000-000000000022',
             '60000000-0000-4000-8000-000000000023', '60000000-0000-4000-8000-000000000024')), 2,
  'and the four orders have exactly the two jobs of the paid ones.');

-- ---------------------------------------------------------------------------------------
-- fulfill_stock.

select results_eq($$ select attempts from private.claim_job(tests.job_of('60000000-0000-4000-8000-000000000021'), 'w1', 30) $$,
  $$ values (1) $$, 'Fixture: order 21''s job is claimed by w1.');
select is(tests.items('60000000-0000-4000-8000-000000000021'), '{reserved:2}', 'Fixture: order 21 holds its two items.');
select is(private.fulfill_stock(tests.job_of('60000000-0000-4000-8000-000000000021'), 'w2'), 'lost_lease',
  'fulfill_stock by a worker without the lease returns lost_lease');
select results_eq(
  $$ select tests.items('60000000-0000-4000-8000-000000000021'), tests.order_status('60000000-0000-4000-8000-000000000021'),
            tests.job(tests.job_of('60000000-0000-4000-8000-000000000021')),
            (select count(*)::int from public.order_deliveries where order_id = '60000000-0000-4000-8000-000000000021') $$,
  $$ values ('{reserved:2}', 'paid', 'running/1/w1', 0) $$,
  'and changes nothing: items reserved, order paid, job running under w1, no delivery.');

select is(private.fulfill_stock(tests.job_of('60000000-0000-4000-8000-000000000021'), 'w1'), 'delivered',
  'fulfill_stock by the lease holder returns delivered');
select results_eq(
  $$ select count(*)::int, bool_and(sold_at = now()), bool_and(reserved_until is null) from public.stock_items
     where order_id = '60000000-0000-4000-8000-000000000021' and status = 'sold' $$,
  $$ values (2, true, true) $$,
  'and sells the two reserved items, now.');
select results_eq(
  $$ select kind::text, item_count, invitation_id, delivered_at from public.order_deliveries
     where order_id = '60000000-0000-4000-8000-000000000021' $$,
  $$ values ('STOCK', 2, null::uuid, now()) $$,
  'The delivery is recorded with its item count.');
select is(tests.order_status('60000000-0000-4000-8000-000000000021'), 'delivered', 'The order is delivered');
select is(tests.history('60000000-0000-4000-8000-000000000021'), array['awaiting_payment', 'paid', 'delivered'],
  'and its history says so.');
select is(tests.events('60000000-0000-4000-8000-000000000021'), array['delivered/buyer/email', 'delivered/buyer/whatsapp'],
  'The buyer is told by email and WhatsApp.');
select results_eq(
  $$ select status::text, locked_by, finished_at from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000021' $$,
  $$ values ('succeeded', null::text, now()) $$,
  'The job succeeded');
select is(tests.outcomes(tests.job_of('60000000-0000-4000-8000-000000000021')), array['succeeded'], 'and its attempt is logged.');

-- The job runs again (as if a duplicate run): the delivery is already there.
update public.fulfillment_jobs set status = 'queued', finished_at = null where order_id = '60000000-0000-4000-8000-000000000021';
select results_eq($$ select attempts from private.claim_job(tests.job_of('60000000-0000-4000-8000-000000000021'), 'w3', 30) $$,
  $$ values (2) $$, 'Fixture: the delivered order''s job is claimed again.');
select is(private.fulfill_stock(tests.job_of('60000000-0000-4000-8000-000000000021'), 'w3'), 'already_delivered',
  'fulfill_stock of a delivered order returns already_delivered');
select results_eq(
  $$ select tests.items('60000000-0000-4000-8000-000000000021'), tests.available('20000000-0000-4000-8000-000000000001'),
            (select count(*)::int from public.order_deliveries where order_id = '60000000-0000-4000-8000-000000000021'),
            cardinality(tests.events('60000000-0000-4000-8000-000000000021')) $$,
  $$ values ('{sold:2}', 4, 1, 2) $$,
  'and sells nothing more, delivers nothing more and notifies nobody again.');
select is(tests.job(tests.job_of('60000000-0000-4000-8000-000000000021')), 'succeeded/2/-', 'The job succeeded again.');

-- Short, with nothing to top up: spotify's only item, reserved by order 25, is disabled by
-- hand after the payment.
select tests.checkout('60000000-0000-4000-8000-000000000025', '20000000-0000-4000-8000-000000000002', 1, interval '15 minutes');
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000025'), 'paid', 'Fixture: order 25 is paid.');
update public.stock_items set status = 'disabled', order_id = null, reserved_until = null
where order_id = '60000000-0000-4000-8000-000000000025';
select results_eq($$ select attempts from private.claim_job(tests.job_of('60000000-0000-4000-8000-000000000025'), 'w1', 30) $$,
  $$ values (1) $$, 'Fixture: its job is claimed.');
select is(private.fulfill_stock(tests.job_of('60000000-0000-4000-8000-000000000025'), 'w1'), 'short',
  'fulfill_stock of an order short of items, with none available, returns short');
select results_eq(
  $$ select count(*)::int from public.stock_items where product_id = '20000000-0000-4000-8000-000000000002' and status = 'sold' $$,
  $$ values (0) $$, 'and sells nothing');
select is_empty($$ select 1 from public.order_deliveries where order_id = '60000000-0000-4000-8000-000000000025' $$,
  'and delivers nothing.');
select results_eq(
  $$ select status::text, attention_reason from public.orders where id = '60000000-0000-4000-8000-000000000025' $$,
  $$ values ('needs_attention', 'Paid, but only 0 of 1 items could be reserved; nothing was delivered.') $$,
  'The order goes to the admin, saying how many items were missing.');
select results_eq(
  $$ select status::text, finished_at, last_error from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000025' $$,
  $$ values ('dead', now(), 'Not enough stock to deliver the whole order.') $$,
  'The job is dead, not retried.');
select is(tests.outcomes(tests.job_of('60000000-0000-4000-8000-000000000025')), array['dead'], 'Its attempt is logged as dead.');
select is(tests.events('60000000-0000-4000-8000-000000000025'),
  array['needs_attention/admin/email', 'needs_attention/admin/whatsapp',
        'needs_attention/buyer/email', 'needs_attention/buyer/whatsapp'],
  'The buyer and the admin are told.');

-- Short, and only partly topped up: order 27 asks for three prime items, of which there
-- are two, and could not reserve them at checkout (it was paid all the same).
select is(tests.checkout('60000000-0000-4000-8000-000000000027', '20000000-0000-4000-8000-000000000005', 3, interval '15 minutes'),
  false, 'Fixture: order 27 reserves nothing at checkout');
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000027'), 'paid', 'but is paid.');
select results_eq($$ select attempts from private.claim_job(tests.job_of('60000000-0000-4000-8000-000000000027'), 'w1', 30) $$,
  $$ values (1) $$, 'Fixture: its job is claimed.');
select is(private.fulfill_stock(tests.job_of('60000000-0000-4000-8000-000000000027'), 'w1'), 'short',
  'fulfill_stock of an order that can reserve only part of what it lacks returns short');
select results_eq(
  $$ select count(*)::int from public.stock_items where product_id = '20000000-0000-4000-8000-000000000005' and status = 'sold' $$,
  $$ values (0) $$, 'and sells nothing: never delivered short');
select results_eq(
  $$ select status::text, attention_reason, tests.job(tests.job_of(id)) from public.orders where id = '60000000-0000-4000-8000-000000000027' $$,
  $$ values ('needs_attention', 'Paid, but only 2 of 3 items could be reserved; nothing was delivered.', 'dead/1/-') $$,
  'The order goes to the admin saying how many items it could get, and the job is dead.');

-- Short, topped up: order 26 reserved disney's two oldest items, one of which is disabled;
-- the third is still available.
select tests.checkout('60000000-0000-4000-8000-000000000026', '20000000-0000-4000-8000-000000000003', 2, interval '15 minutes');
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000026'), 'paid', 'Fixture: order 26 is paid.');
create temporary table disabled_item as
select id from public.stock_items where order_id = '60000000-0000-4000-8000-000000000026' order by created_at limit 1;
update public.stock_items set status = 'disabled', order_id = null, reserved_until = null
where id = (select id from disabled_item);
select results_eq(
  $$ select tests.items('60000000-0000-4000-8000-000000000026'), tests.available('20000000-0000-4000-8000-000000000003') $$,
  $$ values ('{reserved:1}', 1) $$, 'Fixture: order 26 holds one of its two items; one more is available.');
select results_eq($$ select attempts from private.claim_job(tests.job_of('60000000-0000-4000-8000-000000000026'), 'w1', 30) $$,
  $$ values (1) $$, 'Fixture: its job is claimed.');
select is(private.fulfill_stock(tests.job_of('60000000-0000-4000-8000-000000000026'), 'w1'), 'delivered',
  'fulfill_stock of an order short of an item that is available tops it up and returns delivered');
select results_eq(
  $$ select tests.items('60000000-0000-4000-8000-000000000026'), tests.available('20000000-0000-4000-8000-000000000003'),
            (select status::text from public.stock_items where id = (select id from disabled_item)),
            (select item_count from public.order_deliveries where order_id = '60000000-0000-4000-8000-000000000026'),
            tests.order_status('60000000-0000-4000-8000-000000000026'),
            tests.job(tests.job_of('60000000-0000-4000-8000-000000000026')) $$,
  $$ values ('{sold:2}', 0, 'disabled', 2, 'delivered', 'succeeded/1/-') $$,
  'Both items are sold (the one it held and the one it took), the disabled one stays disabled, and the order is delivered whole.');

-- ---------------------------------------------------------------------------------------
-- Invitations. Each scenario has its own plan and order, whose job is claimed by w1.
select tests.paid_order('60000000-0000-4000-8000-000000000031', '20000000-0000-4000-8000-000000000011', 1, '50000000-0000-4000-8000-000000000007');
select tests.paid_order('60000000-0000-4000-8000-000000000032', '20000000-0000-4000-8000-000000000012', 1, '50000000-0000-4000-8000-000000000011');
select tests.paid_order('60000000-0000-4000-8000-000000000033', '20000000-0000-4000-8000-000000000013', 1, '50000000-0000-4000-8000-000000000021');
select tests.paid_order('60000000-0000-4000-8000-000000000034', '20000000-0000-4000-8000-000000000014', 1, '50000000-0000-4000-8000-000000000031');
select tests.paid_order('60000000-0000-4000-8000-000000000035', '20000000-0000-4000-8000-000000000015', 1, '50000000-0000-4000-8000-000000000041');
select tests.paid_order('60000000-0000-4000-8000-000000000036', '20000000-0000-4000-8000-000000000016');
select tests.enqueue(1000 + n, ('60000000-0000-4000-8000-0000000000' || n)::uuid) from generate_series(31, 36) as n;
select results_eq($$ select count(*)::int from generate_series(1031, 1036) as n, private.claim_job(n, 'w1', 30) $$,
  $$ values (6) $$, 'Fixture: the six invite jobs are claimed by w1.');

-- The invitation started or resumed, with its columns the function returns.
create temporary table begun (name text primary key, outcome text, invitation_id uuid, account_id uuid,
                              attempt integer, consecutive_failures integer);
create function tests.begin(p_name text, p_job_id bigint, p_worker text default 'w1')
returns text
language sql
as $$
  insert into pg_temp.begun select p_name, b.* from private.begin_invitation(p_job_id, p_worker) b
  returning concat_ws('/', outcome, attempt, right(account_id::text, 2), consecutive_failures);
$$;
create function tests.invitation(p_name text)
returns uuid
language sql
as $$ select invitation_id from pg_temp.begun where name = p_name; $$;

-- pick: the seat is held on 07, which is cooling down (an account that can send is
-- preferred when it holds the seat: see 'own' below); 06, used longest ago, is picked.
update public.provider_accounts set cooldown_until = now() + interval '1 minute'
where id = '50000000-0000-4000-8000-000000000007';
select is((select sum(seats_used)::int from public.provider_accounts where plan = 'pick'), 3,
  'Fixture: the pick pool has 3 seats in use (2 on the full account, the order''s on 07).');
select is(tests.begin('pick', 1031), 'started/1/06/2',
  'begin_invitation starts attempt 1 on the least recently used account that can take it (06), skipping the cooling, parked, full, out-of-quota and disabled ones, and returns its failure streak.');
select results_eq(
  $$ select quota_day = (select today from wib), quota_used, seats_used, last_used_at from public.provider_accounts
     where id = '50000000-0000-4000-8000-000000000006' $$,
  $$ values (true, 1, 1, now()) $$,
  'Its quota is counted on a new WIB day (it had used its whole quota yesterday: today starts at 1), it takes a seat and is marked used now.');
select results_eq(
  $$ select held_account_id, status::text from public.orders where id = '60000000-0000-4000-8000-000000000031' $$,
  $$ values ('50000000-0000-4000-8000-000000000006'::uuid, 'processing') $$,
  'The order''s seat moves to 06 and the order is processing');
select is(tests.account('50000000-0000-4000-8000-000000000007'), 'active/0/1/0', 'and 07 gives the seat back.');
select is((select sum(seats_used)::int from public.provider_accounts where plan = 'pick'), 3,
  'The pool still has 3 seats in use: the seat moved, none was added.');
select results_eq(
  $$ select id, quota_used, seats_used, last_used_at from public.provider_accounts
     where plan = 'pick' and id not in ('50000000-0000-4000-8000-000000000006', '50000000-0000-4000-8000-000000000007') order by id $$,
  $$ values ('50000000-0000-4000-8000-000000000001'::uuid, 0, 0, null::timestamptz),
            ('50000000-0000-4000-8000-000000000002'::uuid, 0, 0, null),
            ('50000000-0000-4000-8000-000000000003'::uuid, 0, 2, null),
            ('50000000-0000-4000-8000-000000000004'::uuid, 3, 0, null),
            ('50000000-0000-4000-8000-000000000005'::uuid, 0, 0, null) $$,
  'The skipped accounts are untouched.');
select results_eq(
  $$ select order_id, account_id, attempt, status, target_email, finished_at from public.invitations
     where id = tests.invitation('pick') $$,
  $$ values ('60000000-0000-4000-8000-000000000031'::uuid, '50000000-0000-4000-8000-000000000006'::uuid, 1, 'sending',
             'tim-31@kantor.id', null::timestamptz) $$,
  'The invitation is recorded as sending, to the email the buyer gave.');
select is(tests.begin('pick again', 1031), 'resumed/1/06/2',
  'begin_invitation with an invitation still sending resumes it, on its account');
select results_eq(
  $$ select (select invitation_id from begun where name = 'pick again') = tests.invitation('pick'),
            (select count(*)::int from public.invitations where order_id = '60000000-0000-4000-8000-000000000031'),
            tests.account('50000000-0000-4000-8000-000000000006') $$,
  $$ values (true, 1, 'active/1/1/2') $$,
  'the same invitation, without a new one or counting the quota again.');
select is(tests.begin('pick other', 1031, 'w2'), 'lost_lease', 'begin_invitation by a worker without the lease returns lost_lease.');

select is(private.finish_invitation(1031, 'w2', tests.invitation('pick'), 'sent', 'REF-1', null, null, 0, null, 3, null),
  'lost_lease', 'finish_invitation by a worker without the lease returns lost_lease');
select is((select status from public.invitations where id = tests.invitation('pick')), 'sending', 'and records nothing.');
select is(private.finish_invitation(1031, 'w1', tests.invitation('pick'), 'sent', 'REF-1',
                                    'Terima undangan dari tim-06 di email Anda.', null, 0, null, 3, null),
  'succeeded', 'finish_invitation with sent returns succeeded');
select results_eq(
  $$ select status, provider_reference, note, finished_at from public.invitations where id = tests.invitation('pick') $$,
  $$ values ('sent', 'REF-1', 'Terima undangan dari tim-06 di email Anda.', now()) $$,
  'The invitation is sent, with the provider''s reference and the note for the buyer.');
select results_eq(
  $$ select kind::text, item_count, invitation_id = tests.invitation('pick'), delivered_at from public.order_deliveries
     where order_id = '60000000-0000-4000-8000-000000000031' $$,
  $$ values ('INVITE', 0, true, now()) $$,
  'The order is delivered by that invitation.');
select is(tests.history('60000000-0000-4000-8000-000000000031'), array['paid', 'processing', 'delivered'],
  'The order went from paid through processing to delivered.');
select is(tests.account('50000000-0000-4000-8000-000000000006'), 'active/1/1/0',
  'The account keeps the seat and its failure streak ends.');
select results_eq($$ select tests.job(1031), tests.outcomes(1031) $$, $$ values ('succeeded/1/-', array['succeeded']) $$,
  'The job succeeded, its attempt logged.');
select is(tests.events('60000000-0000-4000-8000-000000000031'), array['delivered/buyer/email', 'delivered/buyer/whatsapp'],
  'The buyer is told.');
select is(private.finish_invitation(1031, 'w1', tests.invitation('pick'), 'sent', 'REF-1', null, null, 0, null, 3, null),
  'lost_lease', 'Recording an answer again (the job no longer runs) changes nothing.');
update public.fulfillment_jobs set status = 'queued', finished_at = null where id = 1031;
select results_eq($$ select attempts from private.claim_job(1031, 'w1', 30) $$, $$ values (2) $$,
  'Fixture: the delivered order''s job is claimed again.');
select is(tests.begin('pick delivered', 1031), 'already_delivered',
  'begin_invitation of a delivered order returns already_delivered');
select is((select count(*)::int from public.invitations where order_id = '60000000-0000-4000-8000-000000000031'), 1,
  'and starts no invitation.');
select is(private.complete_jobs(array[1031]::bigint[], 'w1'), 1, 'Fixture: the worker completes it.');

-- own: 11 is full, but the seat is the order's own; its quota was already used once today.
select is(tests.begin('own', 1032), 'started/1/11/1',
  'begin_invitation takes the account holding the order''s seat even when it is full (and not the other full account)');
select is(tests.account('50000000-0000-4000-8000-000000000011'), 'active/1/2/1',
  'without taking a second seat; the quota counts on from today''s 1 to 2.');
select is(tests.account('50000000-0000-4000-8000-000000000012'), 'active/1/0/0', 'The other full account is untouched.');
select is(private.finish_invitation(1032, 'w1', tests.invitation('own'), 'awaiting_team', null, null, null, 0, null, 3,
                                    now() + interval '2 hours'),
  'waiting', 'finish_invitation with awaiting_team returns waiting');
select results_eq(
  $$ select status, expected_by, finished_at from public.invitations where id = tests.invitation('own') $$,
  $$ values ('awaiting_team', now() + interval '2 hours', null::timestamptz) $$,
  'The invitation awaits the team, with when the buyer can expect it.');
select results_eq(
  $$ select status::text, locked_by, locked_until, finished_at from public.fulfillment_jobs where id = 1032 $$,
  $$ values ('waiting', null::text, null::timestamptz, null::timestamptz) $$,
  'The job waits for the admin, its lease released, not finished.');
select is(tests.outcomes(1032), array['waiting'], 'Its attempt is logged as waiting.');
select is(tests.order_status('60000000-0000-4000-8000-000000000032'), 'processing', 'The order is processing.');
select is(tests.account('50000000-0000-4000-8000-000000000011'), 'active/1/2/0', 'The account''s failure streak ends.');
select is(tests.events('60000000-0000-4000-8000-000000000032'),
  array['awaiting_team/admin/email', 'awaiting_team/admin/whatsapp', 'awaiting_team/buyer/email', 'awaiting_team/buyer/whatsapp'],
  'The buyer and the admin are told.');
select is_empty($$ select * from private.claim_job(1032, 'w9', 30) $$, 'A waiting job cannot be claimed.');

select is(private.confirm_invitation(tests.invitation('pick'), true, null), 'not_waiting',
  'confirm_invitation of an invitation that is not awaiting the team returns not_waiting.');
select is(private.confirm_invitation(gen_random_uuid(), false, null), 'not_waiting', 'So does an unknown invitation.');
select is(private.confirm_invitation(tests.invitation('own'), true, 'Cek email dari tim kami.'), 'delivered',
  'confirm_invitation of a sent invitation returns delivered');
select results_eq(
  $$ select status, note, finished_at from public.invitations where id = tests.invitation('own') $$,
  $$ values ('sent', 'Cek email dari tim kami.', now()) $$,
  'The invitation is sent, with the team''s note.');
select results_eq(
  $$ select tests.order_status('60000000-0000-4000-8000-000000000032'),
            (select invitation_id = tests.invitation('own') from public.order_deliveries where order_id = '60000000-0000-4000-8000-000000000032') $$,
  $$ values ('delivered', true) $$,
  'The order is delivered by it.');
select results_eq($$ select status::text, finished_at from public.fulfillment_jobs where id = 1032 $$,
  $$ values ('succeeded', now()) $$, 'The job succeeded.');
select is(tests.events('60000000-0000-4000-8000-000000000032'),
  array['awaiting_team/admin/email', 'awaiting_team/admin/whatsapp', 'awaiting_team/buyer/email', 'awaiting_team/buyer/whatsapp',
        'delivered/buyer/email', 'delivered/buyer/whatsapp'],
  'The buyer is told it was delivered.');
select is(private.confirm_invitation(tests.invitation('own'), true, null), 'not_waiting', 'A second confirmation returns not_waiting.');

-- acct: 21 (never used, holds the seat) fails with an account problem, then 22.
select is(tests.begin('acct 1', 1033), 'started/1/21/0', 'Fixture: attempt 1 goes to 21.');
select is(private.finish_invitation(1033, 'w1', tests.invitation('acct 1'), 'account', null, null, 'Akun dibatasi sementara',
                                    300, array[600, 1200, 2400], 3, null),
  'retry', 'finish_invitation with account returns retry');
select results_eq(
  $$ select status, consecutive_failures, cooldown_until from public.provider_accounts where id = '50000000-0000-4000-8000-000000000021' $$,
  $$ values ('active'::public.provider_account_status, 1, now() + interval '10 minutes') $$,
  'The account''s failure streak grows to 1 and it cools down for the first of p_cooldown_seconds (not parked: 1 < p_park_after 3).');
select results_eq(
  $$ select status, error_kind, error, account_cooldown_until, finished_at from public.invitations where id = tests.invitation('acct 1') $$,
  $$ values ('failed', 'account', 'Akun dibatasi sementara', now() + interval '10 minutes', now()) $$,
  'The invitation failed, with the kind, the error and the cooldown it caused.');
select results_eq(
  $$ select status::text, attempts, run_at, last_error from public.fulfillment_jobs where id = 1033 $$,
  $$ values ('queued', 1, now(), 'Akun dibatasi sementara') $$,
  'The job is queued again at once, not after p_delay_seconds.');
select is(tests.outcomes(1033), array['retry'], 'The attempt is logged as retry.');
select results_eq($$ select attempts from private.claim_job(1033, 'w1', 30) $$, $$ values (2) $$, 'Fixture: attempt 2 is claimed.');
select is(tests.begin('acct 2', 1033), 'started/2/22/0', 'begin_invitation passes over the cooling account: attempt 2 goes to 22');
select results_eq(
  $$ select (select held_account_id from public.orders where id = '60000000-0000-4000-8000-000000000033'),
            tests.account('50000000-0000-4000-8000-000000000021'), tests.account('50000000-0000-4000-8000-000000000022') $$,
  $$ values ('50000000-0000-4000-8000-000000000022'::uuid, 'active/0/1/1', 'active/1/1/0') $$,
  'and the seat moves from 21 to 22.');
select is(private.finish_invitation(1033, 'w1', tests.invitation('acct 2'), 'account', null, null, 'Sesi kedaluwarsa',
                                    300, array[300], 1, null),
  'retry', 'An account failure that reaches p_park_after');
select results_eq(
  $$ select status, consecutive_failures, cooldown_until from public.provider_accounts where id = '50000000-0000-4000-8000-000000000022' $$,
  $$ values ('parked'::public.provider_account_status, 1, now() + interval '5 minutes') $$,
  'parks the account.');
select results_eq($$ select attempts from private.claim_job(1033, 'w1', 30) $$, $$ values (3) $$, 'Fixture: attempt 3 is claimed.');
select results_eq($$ select outcome, invitation_id, account_id, attempt, consecutive_failures from private.begin_invitation(1033, 'w1') $$,
  $$ values ('no_account', null::uuid, null::uuid, null::integer, null::integer) $$,
  'With one account cooling and the other parked, begin_invitation returns no_account');
select results_eq(
  $$ select (select count(*)::int from public.invitations where order_id = '60000000-0000-4000-8000-000000000033'),
            tests.job(1033), (select held_account_id from public.orders where id = '60000000-0000-4000-8000-000000000033') $$,
  $$ values (2, 'running/3/w1', '50000000-0000-4000-8000-000000000022'::uuid) $$,
  'and records nothing: no invitation, the job still running for its worker to retry later, the seat where it was.');

-- retry: a temporary failure, then attempt 2 on the same account, refused for good.
select is(tests.begin('retry 1', 1034), 'started/1/31/0', 'Fixture: attempt 1 goes to 31.');
select is(private.finish_invitation(1034, 'w1', tests.invitation('retry 1'), 'retry', null, null, 'Batas waktu habis',
                                    120, null, 3, null),
  'retry', 'finish_invitation with retry returns retry');
select results_eq(
  $$ select status::text, run_at, last_error from public.fulfillment_jobs where id = 1034 $$,
  $$ values ('queued', now() + interval '120 seconds', 'Batas waktu habis') $$,
  'and queues the job again after p_delay_seconds.');
select results_eq(
  $$ select status, error_kind, error, account_cooldown_until from public.invitations where id = tests.invitation('retry 1') $$,
  $$ values ('failed', 'retry', 'Batas waktu habis', null::timestamptz) $$,
  'The invitation failed with kind retry, and cooled no account down');
select results_eq(
  $$ select status, consecutive_failures, cooldown_until, seats_used from public.provider_accounts where id = '50000000-0000-4000-8000-000000000031' $$,
  $$ values ('active'::public.provider_account_status, 0, null::timestamptz, 1) $$,
  'nor counted against it: the account keeps the order''s seat.');
select is_empty($$ select * from private.claim_job(1034, 'w1', 30) $$, 'The job cannot be claimed before its delay.');
update public.fulfillment_jobs set run_at = now() where id = 1034;
select results_eq($$ select attempts from private.claim_job(1034, 'w1', 30) $$, $$ values (2) $$, 'Fixture: attempt 2 is claimed.');
select is(tests.begin('retry 2', 1034), 'started/2/31/0', 'Attempt 2 records a new invitation on the same account');
select is(tests.account('50000000-0000-4000-8000-000000000031'), 'active/1/2/0', 'counting its quota again, with the same seat.');
select is(private.finish_invitation(1034, 'w1', tests.invitation('retry 2'), 'permanent', null, null, 'Email tidak valid',
                                    0, null, 3, null),
  'dead', 'finish_invitation with permanent returns dead');
select results_eq(
  $$ select status, error_kind, error from public.invitations where id = tests.invitation('retry 2') $$,
  $$ values ('failed', 'permanent', 'Email tidak valid') $$,
  'The invitation failed for good.');
select results_eq(
  $$ select (select held_account_id from public.orders where id = '60000000-0000-4000-8000-000000000034'),
            tests.account('50000000-0000-4000-8000-000000000031') $$,
  $$ values (null::uuid, 'active/0/2/0') $$,
  'The order''s seat is given back.');
select results_eq(
  $$ select status::text, attention_reason from public.orders where id = '60000000-0000-4000-8000-000000000034' $$,
  $$ values ('needs_attention', 'The provider refused the invitation: Email tidak valid') $$,
  'The order goes to the admin with the provider''s reason.');
select results_eq($$ select tests.job(1034), tests.outcomes(1034) $$, $$ values ('dead/2/-', array['retry', 'dead']) $$,
  'The job is dead, both attempts logged.');
select is(tests.events('60000000-0000-4000-8000-000000000034'),
  array['needs_attention/admin/email', 'needs_attention/admin/whatsapp',
        'needs_attention/buyer/email', 'needs_attention/buyer/whatsapp'],
  'The buyer and the admin are told.');

-- conf: the team answers that it could not send the invitation.
select is(tests.begin('conf', 1035), 'started/1/41/0', 'Fixture: the invitation goes to 41.');
select is(private.finish_invitation(1035, 'w1', tests.invitation('conf'), 'awaiting_team', null, null, null, 0, null, 3, now() + interval '1 hour'),
  'waiting', 'Fixture: it awaits the team.');
select is(private.confirm_invitation(tests.invitation('conf'), false, 'Tim sedang penuh'), 'needs_attention',
  'confirm_invitation of an invitation not sent returns needs_attention');
select results_eq(
  $$ select status, error_kind, error, finished_at from public.invitations where id = tests.invitation('conf') $$,
  $$ values ('failed', 'permanent', 'Tim sedang penuh', now()) $$,
  'The invitation failed for good, with the team''s note as the error.');
select results_eq(
  $$ select (select held_account_id from public.orders where id = '60000000-0000-4000-8000-000000000035'),
            tests.account('50000000-0000-4000-8000-000000000041') $$,
  $$ values (null::uuid, 'active/0/1/0') $$,
  'The order''s seat is given back.');
select results_eq(
  $$ select status::text, attention_reason from public.orders where id = '60000000-0000-4000-8000-000000000035' $$,
  $$ values ('needs_attention', 'The team could not send the invitation: Tim sedang penuh') $$,
  'The order goes to the admin with the team''s note.');
select results_eq(
  $$ select status::text, finished_at, last_error from public.fulfillment_jobs where id = 1035 $$,
  $$ values ('dead', now(), 'Tim sedang penuh') $$,
  'The job is dead.');
select is(tests.events('60000000-0000-4000-8000-000000000035'),
  array['awaiting_team/admin/email', 'awaiting_team/admin/whatsapp', 'awaiting_team/buyer/email', 'awaiting_team/buyer/whatsapp',
        'needs_attention/admin/email', 'needs_attention/admin/whatsapp', 'needs_attention/buyer/email', 'needs_attention/buyer/whatsapp'],
  'The buyer and the admin are told.');

-- gone: the only account of the plan is fine, but its provider is switched off.
select is(tests.begin('gone', 1036), 'no_account',
  'begin_invitation takes no account of a provider that is switched off: no_account.');
select is(tests.account('50000000-0000-4000-8000-000000000051'), 'active/0/0/0', 'The account is untouched.');

select is(private.finish_invitation(1036, 'w1', gen_random_uuid(), 'sent', null, null, null, 0, null, 3, null), 'lost_lease',
  'finish_invitation of an invitation that is not sending returns lost_lease, even for the lease holder.');
insert into public.invitations (id, order_id, account_id, attempt)
values ('80000000-0000-4000-8000-000000000036', '60000000-0000-4000-8000-000000000036', '50000000-0000-4000-8000-000000000051', 1);
select throws_ok(
  $$ select private.finish_invitation(1036, 'w1', '80000000-0000-4000-8000-000000000036', 'maybe', null, null, null, 0, null, 3, null) $$,
  '22023', 'unknown invitation result maybe', 'An unknown result is an error');
select results_eq(
  $$ select (select status from public.invitations where id = '80000000-0000-4000-8000-000000000036'), tests.job(1036) $$,
  $$ values ('sending', 'running/1/w1') $$,
  'that records nothing.');
delete from public.invitations where id = '80000000-0000-4000-8000-000000000036';

-- ---------------------------------------------------------------------------------------
-- Payments to reconcile. Orders 51-60 each have one payment (id with 7 for 6), as
-- (n, status, trx_id?, reconcile_at, expires_at, reconcile_checks).
insert into public.orders
  (id, number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
   quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at)
select ('60000000-0000-4000-8000-0000000000' || n)::uuid, 'RP-261127-RECN' || lpad((n - 50)::text, 2, '0'), 'Budi', 'budi@example.com',
       '+6281234567890', '20000000-0000-4000-8000-000000000001', 'STOCK', 'Netflix', 1, 50000, 50000, 'retail',
       extensions.digest('recon' || n, 'sha256'), '\x01', now()
from generate_series(51, 60) as n;
insert into public.payments
  (id, order_id, attempt, reff_id, channel, amount, trx_id, total_bayar, total_diterima, qr_string, expires_at, status,
   paid_at, reconcile_at, reconcile_checks)
select ('70000000-0000-4000-8000-0000000000' || p.n)::uuid, ('60000000-0000-4000-8000-0000000000' || p.n)::uuid, 1,
       'RECON-' || p.n, 'QRIS', 50000, case when p.trx then 'TPRECON' || p.n end,
       case when p.trx then 50350 end, case when p.trx then 50000 end, case when p.trx then '000201' end,
       now() + p.expires, p.status::public.payment_status, case when p.status = 'paid' then now() end,
       now() + p.due, p.checks
from (values
  (51, 'pending', true, interval '-1 second', interval '10 minutes', 3),   -- due
  (52, 'pending', true, interval '30 seconds', interval '10 minutes', 0),  -- not yet due
  (53, 'expired', true, interval '-1 minute', interval '-2 hours', 0),     -- due
  (54, 'expired', true, interval '-2 minutes', interval '-3 hours', 2),    -- due
  (55, 'expired', true, interval '-3 minutes', interval '-23 hours', 10),  -- due
  (56, 'expired', true, interval '-4 minutes', interval '-25 hours', 0),   -- expired over a day ago
  (57, 'expired', false, interval '-5 minutes', interval '-1 hour', 0),    -- no invoice at Tokopay
  (58, 'creating', false, interval '-6 minutes', interval '10 minutes', 0),
  (59, 'paid', true, interval '-7 minutes', interval '-10 minutes', 0),
  (60, 'failed', false, interval '-8 minutes', interval '10 minutes', 0)
) as p (n, status, trx, due, expires, checks);

select results_eq(
  $$ select reconcile_at, reconcile_checks from public.payments where id = '70000000-0000-4000-8000-000000000021' $$,
  $$ values (now() + interval '1 minute', 0) $$,
  'A new payment is first checked a minute after it is created, with no check made.');
select throws_ok($$ update public.payments set reconcile_checks = -1 where id = '70000000-0000-4000-8000-000000000051' $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_reconcile_checks_nonnegative"',
  'reconcile_checks cannot be negative.');
select has_index('public', 'payments', 'payments_reconcile_idx', array['reconcile_at'],
  'Due payments are found by an index on reconcile_at.');

select results_eq(
  $$ select * from private.take_payments_to_reconcile(10) order by payment_id $$,
  $$ values ('70000000-0000-4000-8000-000000000051'::uuid, 'RECON-51', 50000::bigint, 'TPRECON51', 50350::bigint, 50000::bigint),
            ('70000000-0000-4000-8000-000000000053'::uuid, 'RECON-53', 50000::bigint, 'TPRECON53', 50350::bigint, 50000::bigint),
            ('70000000-0000-4000-8000-000000000054'::uuid, 'RECON-54', 50000::bigint, 'TPRECON54', 50350::bigint, 50000::bigint),
            ('70000000-0000-4000-8000-000000000055'::uuid, 'RECON-55', 50000::bigint, 'TPRECON55', 50350::bigint, 50000::bigint) $$,
  'take_payments_to_reconcile takes the due pending and expired payments with a Tokopay invoice that expired less than a day ago, with what the check needs.');
select results_eq(
  $$ select right(id::text, 2), reconcile_at - now(), reconcile_checks from public.payments
     where order_id in (select ('60000000-0000-4000-8000-0000000000' || n)::uuid from generate_series(51, 60) as n)
     order by id $$,
  $$ values ('51', interval '1 minute', 4),
            ('52', interval '30 seconds', 0),
            ('53', interval '40 minutes', 1),
            ('54', interval '1 hour', 3),
            ('55', interval '1 hour', 11),
            ('56', interval '-4 minutes', 0),
            ('57', interval '-5 minutes', 0),
            ('58', interval '-6 minutes', 0),
            ('59', interval '-7 minutes', 0),
            ('60', interval '-8 minutes', 0) $$,
  'Each taken payment counts the check and schedules the next: a minute later while pending; once expired, after a third of the time since expiry (1 minute to 1 hour); the others are untouched.');
select is_empty($$ select * from private.take_payments_to_reconcile(10) $$,
  'Taken again at once, nothing is due.');
update public.payments set reconcile_at = now() - interval '1 second' where id = '70000000-0000-4000-8000-000000000051';
update public.payments set reconcile_at = now() - interval '2 seconds' where id = '70000000-0000-4000-8000-000000000053';
select results_eq($$ select payment_id from private.take_payments_to_reconcile(1) $$,
  $$ values ('70000000-0000-4000-8000-000000000053'::uuid) $$,
  'take_payments_to_reconcile takes at most p_limit, longest due first.');

-- A payment checked every minute for its whole 15-minute invoice, just expired, is checked
-- again a minute later however often it was checked while pending (a late payment is
-- likeliest right after expiry).
update public.payments set reconcile_checks = 14, reconcile_at = now() - interval '1 hour',
  expires_at = now() - interval '30 seconds'
where id = '70000000-0000-4000-8000-000000000054';
select results_eq($$ select payment_id from private.take_payments_to_reconcile(1) $$,
  $$ values ('70000000-0000-4000-8000-000000000054'::uuid) $$,
  'Fixture: the just-expired payment checked 14 times while pending is taken.');
select is((select reconcile_at - now() from public.payments where id = '70000000-0000-4000-8000-000000000054'),
  interval '1 minute',
  'The first check after expiry schedules the next one a minute later, however often the payment was checked while pending.');

-- ---------------------------------------------------------------------------------------
-- The same calls as service_role: its grants reach every function and what each calls.
-- Order 41 is a netflix checkout; order 42 an INVITE order holding a seat on 71; job
-- 1043 of paid order 43 will lose its worker on its only attempt; noop jobs 1050-1051.
-- The jobs left queued by the scenarios above are put off, so that claim_jobs meets only
-- the two noop jobs.
update public.fulfillment_jobs set run_at = now() + interval '1 day' where status = 'queued';
select tests.checkout('60000000-0000-4000-8000-000000000041', '20000000-0000-4000-8000-000000000001', 1, interval '15 minutes');
select tests.paid_order('60000000-0000-4000-8000-000000000042', '20000000-0000-4000-8000-000000000018', 1, '50000000-0000-4000-8000-000000000071');
select tests.enqueue(1042, '60000000-0000-4000-8000-000000000042');
select tests.paid_order('60000000-0000-4000-8000-000000000043', '20000000-0000-4000-8000-000000000001');
select tests.enqueue(1043, '60000000-0000-4000-8000-000000000043', 1);
insert into public.fulfillment_jobs (id, kind) overriding system value values (1050, 'noop'), (1051, 'noop');
update public.payments set reconcile_at = now() - interval '1 second' where id = '70000000-0000-4000-8000-000000000051';

select tests.authenticate_service();
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000041'), 'paid', 'service_role: mark_payment_paid enqueues');
select results_eq(
  $$ select locked_by from private.claim_job((select id from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000041'), 'svc', 30) $$,
  $$ values ('svc') $$, 'service_role: claim_job.');
select is(private.hold_lease((select id from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000041'), 'svc'), true,
  'service_role: hold_lease.');
select is(private.extend_lease((select id from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000041'), 'svc', 60), true,
  'service_role: extend_lease.');
select is(private.fulfill_stock((select id from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000041'), 'svc'), 'delivered',
  'service_role: fulfill_stock delivers.');
select results_eq($$ select attempts from private.claim_job(1042, 'svc', 30) $$, $$ values (1) $$, 'service_role: claim_job of an invite job.');
select results_eq($$ select attempts from private.claim_job(1043, 'svc', 30) $$, $$ values (1) $$, 'service_role: claim_job of job 1043.');
select set_eq($$ select id from private.claim_jobs('svc', 10, 30) $$, array[1050, 1051]::bigint[],
  'service_role: claim_jobs.');
select is(private.complete_jobs(array[1050]::bigint[], 'svc'), 1, 'service_role: complete_jobs.');
select is(private.fail_job(1051, 'svc', 'boom', 10), 'retry', 'service_role: fail_job.');
select results_eq($$ select outcome, right(account_id::text, 2) from private.begin_invitation(1042, 'svc') $$,
  $$ values ('started', '71') $$, 'service_role: begin_invitation.');
select is(private.finish_invitation(1042, 'svc', (select id from public.invitations where order_id = '60000000-0000-4000-8000-000000000042'),
                                    'awaiting_team', null, null, null, 0, null, 3, now() + interval '1 hour'),
  'waiting', 'service_role: finish_invitation.');
select is(private.confirm_invitation((select id from public.invitations where order_id = '60000000-0000-4000-8000-000000000042'), true, null),
  'delivered', 'service_role: confirm_invitation delivers (deliver_invitation).');
update public.fulfillment_jobs set locked_until = now() - interval '1 second' where id = 1043;
select is(private.recover_expired_leases(10), 1, 'service_role: recover_expired_leases');
select is(tests.order_status('60000000-0000-4000-8000-000000000043'), 'needs_attention',
  'puts the order in front of the admin (order_needs_attention).');
select results_eq($$ select payment_id from private.take_payments_to_reconcile(10) $$,
  $$ values ('70000000-0000-4000-8000-000000000051'::uuid) $$, 'service_role: take_payments_to_reconcile.');
select results_eq(
  $$ select (select status::text from public.fulfillment_jobs where order_id = '60000000-0000-4000-8000-000000000041'),
            tests.order_status('60000000-0000-4000-8000-000000000041'), tests.order_status('60000000-0000-4000-8000-000000000042') $$,
  $$ values ('succeeded', 'delivered', 'delivered') $$,
  'service_role delivered both orders.');
select tests.clear_authentication();

select * from finish();
rollback;
