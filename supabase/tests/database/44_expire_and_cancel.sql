-- private.expire_due_orders and private.cancel_unpaid_order, called as the server does
-- (connected as postgres): the sweep expires unpaid orders past their invoice, at most
-- p_limit per call, releasing what they hold and expiring their open payment; a payment
-- attempt Tokopay never created is failed and its order cancelled, once.
begin;
\ir _helpers.psql
select plan(51);

-- Fixture, as postgres.
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.providers (id, slug, name, adapter) values
  ('30000000-0000-4000-8000-000000000001', 'chatgpt', 'ChatGPT', 'manual');
insert into public.products
  (id, category_id, type, slug, name, retail_price, reseller_price, provider_id, provider_plan, input_schema)
values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'STOCK',
   'netflix', 'Netflix', 50000, 45000, null, null, '[]'),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'INVITE',
   'chatgpt-team', 'ChatGPT Team', 90000, 80000, '30000000-0000-4000-8000-000000000001', 'team',
   '[{"key": "invite_email", "type": "email", "required": true}]');
-- Two seats already held, by orders 60…02 and 62…03 below.
insert into public.provider_accounts
  (id, provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity, seats_used)
values
  ('50000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', 'team', 'tim-1', '\x01', 10, 5, 2);

-- An order of a product in a status, due at now() + p_due, holding what its type needs:
-- for STOCK `quantity` new reserved items, for INVITE the seat on tim-1 (already counted).
create function tests.insert_order(
  p_id uuid, p_product_id uuid, p_due interval, p_status public.order_status default 'awaiting_payment',
  p_quantity integer default 1
)
returns uuid
language plpgsql
as $$
declare
  v_type public.product_type;
begin
  insert into public.orders
    (id, number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
     quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at,
     status, paid_at, held_account_id)
  select p_id, 'RP-261126-' || upper(left(md5(p_id::text), 6)), 'Budi', 'budi@example.com', '+6281234567890',
         p.id, p.type, p.name, p_quantity, p.retail_price, p.retail_price * p_quantity, 'retail',
         extensions.digest(p_id::text, 'sha256'), '\x01', now() + p_due,
         p_status, case when p_status not in ('awaiting_payment', 'expired', 'cancelled') then now() end,
         case when p.type = 'INVITE' then '50000000-0000-4000-8000-000000000001'::uuid end
  from public.products p where p.id = p_product_id
  returning product_type into v_type;
  if v_type = 'STOCK' then
    insert into public.stock_items (product_id, secret_ciphertext, fingerprint, status, reserved_until, sold_at, order_id)
    select p_product_id, '\x01', extensions.digest(p_id::text || n, 'sha256'),
           case when p_status = 'awaiting_payment' then 'reserved' else 'sold' end::public.stock_item_status,
           case when p_status = 'awaiting_payment' then now() + p_due end,
           case when p_status <> 'awaiting_payment' then now() end,
           p_id
    from generate_series(1, p_quantity) as n;
  end if;
  return p_id;
end;
$$;

-- A payment attempt of an order; creating has no invoice yet, the other states do.
create function tests.insert_payment(p_id uuid, p_order_id uuid, p_attempt integer, p_status public.payment_status)
returns uuid
language sql
as $$
  insert into public.payments
    (id, order_id, attempt, reff_id, channel, amount, trx_id, total_bayar, total_diterima, qr_string,
     expires_at, status, paid_at)
  select p_id, p_order_id, p_attempt, replace(o.number, '-', '') || '-' || p_attempt, 'QRIS', o.total,
         case when p_status not in ('creating', 'failed') then 'TP' || upper(left(md5(p_id::text), 10)) end,
         case when p_status not in ('creating', 'failed') then o.total + 350 end,
         case when p_status not in ('creating', 'failed') then o.total end,
         case when p_status not in ('creating', 'failed') then '000201' end,
         o.expires_at, p_status, case when p_status = 'paid' then now() end
  from public.orders o where o.id = p_order_id
  returning id;
$$;

create function tests.status(p_order_id uuid)
returns text
language sql
as $$ select status::text from public.orders where id = p_order_id; $$;

create function tests.payment_statuses(p_order_id uuid)
returns text[]
language sql
as $$ select array_agg(status::text order by attempt) from public.payments where order_id = p_order_id; $$;

-- The order's stock items, as their statuses.
create function tests.order_items(p_order_id uuid)
returns text[]
language sql
as $$ select coalesce(array_agg(status::text order by id), '{}') from public.stock_items where order_id = p_order_id; $$;

create function tests.seats()
returns integer
language sql
as $$ select seats_used from public.provider_accounts where id = '50000000-0000-4000-8000-000000000001'; $$;

-- ---------------------------------------------------------------------------------------
-- expire_due_orders. Due: 60…01 (10 minutes ago, STOCK), 60…02 (5 minutes ago, INVITE)
-- and 60…05 (right now). Not due: 60…03 (in 10 minutes) and 60…04 (paid).
select tests.insert_order('60000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', interval '-10 minutes');
select tests.insert_order('60000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000002', interval '-5 minutes');
select tests.insert_order('60000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', interval '10 minutes');
select tests.insert_order('60000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000001', interval '-20 minutes', 'paid');
select tests.insert_order('60000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000001', interval '0');
select tests.insert_payment(('70000000-0000-4000-8000-00000000000' || n)::uuid, ('60000000-0000-4000-8000-00000000000' || n)::uuid, 1,
       case n when 4 then 'paid' else 'pending' end::public.payment_status)
from generate_series(1, 5) as n;

create temporary table expired (call integer, ord bigint, order_id uuid);
grant insert, select on expired to service_role;

select lives_ok(
  $$ insert into expired select 1, ord, id from private.expire_due_orders(2) with ordinality as e (id, ord) $$,
  'expire_due_orders runs with a limit of 2.');
select results_eq('select order_id from expired where call = 1 order by ord',
  $$ values ('60000000-0000-4000-8000-000000000001'::uuid), ('60000000-0000-4000-8000-000000000002'::uuid) $$,
  'It returns the ids of the two orders that were due first, oldest due first.');
select is(tests.status('60000000-0000-4000-8000-000000000001'), 'expired', 'The due STOCK order is expired.');
select is(tests.status('60000000-0000-4000-8000-000000000002'), 'expired', 'The due INVITE order is expired.');
select is(tests.status('60000000-0000-4000-8000-000000000005'), 'awaiting_payment',
  'A third due order waits for the next call (p_limit holds).');
select is(tests.status('60000000-0000-4000-8000-000000000003'), 'awaiting_payment',
  'An order not yet due is left alone.');
select is(tests.status('60000000-0000-4000-8000-000000000004'), 'paid',
  'A paid order past its expiry is left alone.');

select is(tests.order_items('60000000-0000-4000-8000-000000000001'), '{}'::text[],
  'The expired STOCK order holds no item any more.');
select is(
  (select count(*)::int from public.stock_items
   where status = 'available' and order_id is null and reserved_until is null),
  1, 'Its item is available again.');
select results_eq(
  $$ select held_account_id from public.orders where id = '60000000-0000-4000-8000-000000000002' $$,
  $$ values (null::uuid) $$,
  'The expired INVITE order holds no account any more.');
select is(tests.seats(), 1, 'Its seat is given back.');
select is(tests.payment_statuses('60000000-0000-4000-8000-000000000001'), array['expired'],
  'The pending payment of the expired STOCK order is expired.');
select is(tests.payment_statuses('60000000-0000-4000-8000-000000000002'), array['expired'],
  'The pending payment of the expired INVITE order is expired.');
select is(tests.order_items('60000000-0000-4000-8000-000000000003'), array['reserved'],
  'The order not yet due keeps its item.');
select is(tests.payment_statuses('60000000-0000-4000-8000-000000000003'), array['pending'],
  'The order not yet due keeps its pending payment.');
select is(tests.order_items('60000000-0000-4000-8000-000000000004'), array['sold'],
  'The paid order keeps its sold item.');
select is(tests.payment_statuses('60000000-0000-4000-8000-000000000004'), array['paid'],
  'The paid order keeps its paid payment.');
select results_eq(
  $$ select status::text from public.order_status_history
     where order_id = '60000000-0000-4000-8000-000000000001' order by id $$,
  $$ values ('awaiting_payment'), ('expired') $$,
  'The expiry is recorded in the order''s history.');

select lives_ok(
  $$ insert into expired select 2, ord, id from private.expire_due_orders(10) with ordinality as e (id, ord) $$,
  'expire_due_orders runs again.');
select results_eq('select order_id from expired where call = 2',
  $$ values ('60000000-0000-4000-8000-000000000005'::uuid) $$,
  'The next call expires the remaining order, due exactly now, and only it.');
select is(tests.order_items('60000000-0000-4000-8000-000000000005'), '{}'::text[],
  'Its item is released too.');
select is_empty('select * from private.expire_due_orders(10)',
  'With nothing due, expire_due_orders returns nothing.');

-- An order whose payment attempt is still creating (the server died before Tokopay
-- answered), next to an earlier failed attempt.
select tests.insert_order('60000000-0000-4000-8000-000000000006', '20000000-0000-4000-8000-000000000001', interval '-1 minute');
select tests.insert_payment('70000000-0000-4000-8000-000000000061', '60000000-0000-4000-8000-000000000006', 1, 'failed');
select tests.insert_payment('70000000-0000-4000-8000-000000000062', '60000000-0000-4000-8000-000000000006', 2, 'creating');
select lives_ok(
  $$ insert into expired select 3, ord, id from private.expire_due_orders(10) with ordinality as e (id, ord) $$,
  'expire_due_orders expires an order whose payment is still creating.');
select results_eq('select order_id from expired where call = 3',
  $$ values ('60000000-0000-4000-8000-000000000006'::uuid) $$,
  'It returns that order.');
select is(tests.status('60000000-0000-4000-8000-000000000006'), 'expired',
  'The order whose payment was still creating is expired.');
select is(tests.payment_statuses('60000000-0000-4000-8000-000000000006'), array['failed', 'expired'],
  'Its creating payment is expired; the earlier failed attempt stays failed.');
select is(tests.order_items('60000000-0000-4000-8000-000000000006'), '{}'::text[],
  'Its item is released.');

-- ---------------------------------------------------------------------------------------
-- cancel_unpaid_order. 62…01: STOCK of two with a creating payment; 62…02: a pending
-- payment (Tokopay answered); 62…03: INVITE with a creating payment.
select tests.insert_order('62000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', interval '15 minutes', 'awaiting_payment', 2);
select tests.insert_order('62000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', interval '15 minutes');
select tests.insert_order('62000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000002', interval '15 minutes');
select tests.insert_payment('72000000-0000-4000-8000-000000000001', '62000000-0000-4000-8000-000000000001', 1, 'creating');
select tests.insert_payment('72000000-0000-4000-8000-000000000002', '62000000-0000-4000-8000-000000000002', 1, 'pending');
select tests.insert_payment('72000000-0000-4000-8000-000000000003', '62000000-0000-4000-8000-000000000003', 1, 'creating');

select is(private.cancel_unpaid_order('72000000-0000-4000-8000-000000000001', 'Tokopay tidak menjawab'), true,
  'cancel_unpaid_order acts on a payment still creating.');
select results_eq(
  $$ select status::text, failure_reason from public.payments where id = '72000000-0000-4000-8000-000000000001' $$,
  $$ values ('failed', 'Tokopay tidak menjawab') $$,
  'The payment is failed, with the reason.');
select results_eq(
  $$ select status::text, paid_at from public.orders where id = '62000000-0000-4000-8000-000000000001' $$,
  $$ values ('cancelled', null::timestamptz) $$,
  'Its order is cancelled.');
select is(tests.order_items('62000000-0000-4000-8000-000000000001'), '{}'::text[],
  'The cancelled order holds no item.');
select is(
  (select count(*)::int from public.stock_items
   where fingerprint in (extensions.digest('62000000-0000-4000-8000-0000000000011', 'sha256'),
                         extensions.digest('62000000-0000-4000-8000-0000000000012', 'sha256'))
     and status = 'available' and order_id is null and reserved_until is null),
  2, 'Both of its items are available again.');

select is(private.cancel_unpaid_order('72000000-0000-4000-8000-000000000001', 'lagi'), false,
  'A second call for the same payment returns false.');
select results_eq(
  $$ select p.status::text, p.failure_reason, o.status::text
     from public.payments p join public.orders o on o.id = p.order_id
     where p.id = '72000000-0000-4000-8000-000000000001' $$,
  $$ values ('failed', 'Tokopay tidak menjawab', 'cancelled') $$,
  'and changes nothing.');
select is(
  (select count(*)::int from public.order_status_history where order_id = '62000000-0000-4000-8000-000000000001'),
  2, 'The order''s history has its creation and the cancellation, once.');

select is(private.cancel_unpaid_order('72000000-0000-4000-8000-000000000002', 'terlambat'), false,
  'cancel_unpaid_order refuses a pending payment (Tokopay created the invoice).');
select results_eq(
  $$ select p.status::text, p.failure_reason, o.status::text
     from public.payments p join public.orders o on o.id = p.order_id
     where p.id = '72000000-0000-4000-8000-000000000002' $$,
  $$ values ('pending', null::text, 'awaiting_payment') $$,
  'That payment and its order are untouched.');
select is(tests.order_items('62000000-0000-4000-8000-000000000002'), array['reserved'],
  'That order keeps its item.');

select is(private.cancel_unpaid_order('72000000-0000-4000-8000-000000000003', repeat('x', 600)), true,
  'cancel_unpaid_order cancels an INVITE order whose payment is creating.');
select results_eq(
  $$ select held_account_id from public.orders where id = '62000000-0000-4000-8000-000000000003' $$,
  $$ values (null::uuid) $$,
  'The cancelled INVITE order holds no account.');
select is(tests.seats(), 0, 'Its seat is given back.');
select is((select length(failure_reason) from public.payments where id = '72000000-0000-4000-8000-000000000003'), 500,
  'A long reason is cut to 500 characters.');
select is(private.cancel_unpaid_order(gen_random_uuid(), 'x'), false,
  'An unknown payment returns false.');

-- ---------------------------------------------------------------------------------------
-- Who may call them: the server only.
select tests.authenticate_anon();
select throws_ok('select private.expire_due_orders(10)',
  '42501', 'permission denied for function expire_due_orders', 'anon cannot call expire_due_orders.');
select throws_ok($$ select private.cancel_unpaid_order('72000000-0000-4000-8000-000000000002', 'x') $$,
  '42501', 'permission denied for function cancel_unpaid_order', 'anon cannot call cancel_unpaid_order.');

select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');
select throws_ok('select private.expire_due_orders(10)',
  '42501', 'permission denied for function expire_due_orders', 'A signed-in user cannot call expire_due_orders.');
select throws_ok($$ select private.cancel_unpaid_order('72000000-0000-4000-8000-000000000002', 'x') $$,
  '42501', 'permission denied for function cancel_unpaid_order', 'A signed-in user cannot call cancel_unpaid_order.');

-- service_role's rights reach everything the functions touch.
select tests.clear_authentication();
select tests.insert_order('60000000-0000-4000-8000-000000000007', '20000000-0000-4000-8000-000000000002', interval '-1 minute');
update public.provider_accounts set seats_used = 1;
select tests.insert_payment('70000000-0000-4000-8000-000000000007', '60000000-0000-4000-8000-000000000007', 1, 'pending');
select tests.insert_order('62000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000001', interval '15 minutes');
select tests.insert_payment('72000000-0000-4000-8000-000000000004', '62000000-0000-4000-8000-000000000004', 1, 'creating');
select tests.authenticate_service();
select lives_ok(
  $$ insert into expired select 4, ord, id from private.expire_due_orders(10) with ordinality as e (id, ord) $$,
  'service_role can call expire_due_orders.');
select results_eq('select order_id from expired where call = 4',
  $$ values ('60000000-0000-4000-8000-000000000007'::uuid) $$,
  'It expires the order that is due.');
select is(private.cancel_unpaid_order('72000000-0000-4000-8000-000000000004', 'x'), true,
  'service_role can call cancel_unpaid_order.');
select tests.clear_authentication();
select results_eq(
  $$ select tests.status('60000000-0000-4000-8000-000000000007'), tests.status('62000000-0000-4000-8000-000000000004'), tests.seats() $$,
  $$ values ('expired', 'cancelled', 0) $$,
  'What service_role did took effect.');

select * from finish();
rollback;
