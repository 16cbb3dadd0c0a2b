-- private.products_availability(product_ids): what the public catalog learns about stock and
-- provider capacity without reading stock_items or provider_accounts: a stock count for
-- STOCK products, "can an invitation be sent now" for INVITE products, nothing for
-- inactive ones.
begin;
\ir _helpers.psql
select plan(35);

-- Fixture, as postgres.
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.providers (id, slug, name, adapter, active) values
  ('30000000-0000-4000-8000-000000000001', 'chatgpt', 'ChatGPT', 'manual', true),
  ('30000000-0000-4000-8000-000000000002', 'canva', 'Canva', 'manual', false),
  ('30000000-0000-4000-8000-000000000003', 'gemini', 'Gemini', 'manual', true);

-- STOCK products: 20…01 has 2 available items among others, 20…02 only sold and disabled
-- ones, 20…03 none, 20…04 is inactive.
insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price, active) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'STOCK', 'stok-campur', 'Stok Campur', 1000, 900, true),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'STOCK', 'stok-habis', 'Stok Habis', 1000, 900, true),
  ('20000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', 'STOCK', 'stok-kosong', 'Stok Kosong', 1000, 900, true),
  ('20000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001', 'STOCK', 'stok-nonaktif', 'Stok Nonaktif', 1000, 900, false);
-- Reserved and sold items belong to an order (stock_items_order_consistent); one order of
-- each product holds them.
insert into public.orders
  (id, number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
   quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at)
values
  ('60000000-0000-4000-8000-000000000001', 'RP-261126-AAAAAA', 'Budi', 'budi@example.com', '+6281234567890',
   '20000000-0000-4000-8000-000000000001', 'STOCK', 'Stok Campur', 2, 1000, 2000, 'retail',
   extensions.digest('token-1', 'sha256'), '\x01', now() + interval '15 minutes'),
  ('60000000-0000-4000-8000-000000000002', 'RP-261126-BBBBBB', 'Budi', 'budi@example.com', '+6281234567890',
   '20000000-0000-4000-8000-000000000002', 'STOCK', 'Stok Habis', 1, 1000, 1000, 'retail',
   extensions.digest('token-2', 'sha256'), '\x02', now() + interval '15 minutes');
insert into public.stock_items (id, product_id, secret_ciphertext, fingerprint, status, reserved_until, sold_at, order_id) values
  ('40000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', '\x01', extensions.digest('1', 'sha256'), 'available', null, null, null),
  ('40000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', '\x02', extensions.digest('2', 'sha256'), 'available', null, null, null),
  ('40000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', '\x03', extensions.digest('3', 'sha256'), 'reserved', now() + interval '15 minutes', null, '60000000-0000-4000-8000-000000000001'),
  ('40000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000001', '\x04', extensions.digest('4', 'sha256'), 'sold', null, now(), '60000000-0000-4000-8000-000000000001'),
  ('40000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000001', '\x05', extensions.digest('5', 'sha256'), 'disabled', null, null, null),
  ('40000000-0000-4000-8000-000000000006', '20000000-0000-4000-8000-000000000002', '\x06', extensions.digest('6', 'sha256'), 'sold', null, now(), '60000000-0000-4000-8000-000000000002'),
  ('40000000-0000-4000-8000-000000000007', '20000000-0000-4000-8000-000000000002', '\x07', extensions.digest('7', 'sha256'), 'disabled', null, null, null),
  ('40000000-0000-4000-8000-000000000008', '20000000-0000-4000-8000-000000000004', '\x08', extensions.digest('8', 'sha256'), 'available', null, null, null);

-- INVITE products: one per case, each on its own plan, so each sees only its own accounts.
insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price, active, provider_id, provider_plan, input_schema)
select ('21000000-0000-4000-8000-0000000000' || p.n)::uuid, '10000000-0000-4000-8000-000000000001', 'INVITE',
       'invite-' || p.plan || coalesce(p.suffix, ''), 'Invite ' || p.plan, 1000, 900, p.active,
       p.provider_id::uuid, p.plan, '[{"key": "email", "type": "email", "required": true}]'
from (values
  ('01', 'ok', true, '30000000-0000-4000-8000-000000000001', null),
  ('02', 'disabled', true, '30000000-0000-4000-8000-000000000001', null),
  ('03', 'parked', true, '30000000-0000-4000-8000-000000000001', null),
  ('04', 'cooldown-future', true, '30000000-0000-4000-8000-000000000001', null),
  ('05', 'cooldown-past', true, '30000000-0000-4000-8000-000000000001', null),
  ('06', 'cooldown-now', true, '30000000-0000-4000-8000-000000000001', null),
  ('07', 'seats-full', true, '30000000-0000-4000-8000-000000000001', null),
  ('08', 'quota-today', true, '30000000-0000-4000-8000-000000000001', null),
  ('09', 'quota-yesterday', true, '30000000-0000-4000-8000-000000000001', null),
  ('10', 'no-account', true, '30000000-0000-4000-8000-000000000001', null),
  ('11', 'other-provider', true, '30000000-0000-4000-8000-000000000001', null),
  ('12', 'other-plan', true, '30000000-0000-4000-8000-000000000001', null),
  ('13', 'ok', true, '30000000-0000-4000-8000-000000000002', '-inactive-provider'),
  ('14', 'mixed', true, '30000000-0000-4000-8000-000000000001', null),
  ('15', 'ok', false, '30000000-0000-4000-8000-000000000001', '-inactive-product')
) as p (n, plan, active, provider_id, suffix);

-- Accounts: healthy unless the column under test says otherwise (1 of 5 seats, 3 of 10
-- invitations today, no cooldown).
insert into public.provider_accounts
  (provider_id, plan, label, credentials_ciphertext, daily_quota, quota_day, quota_used,
   seat_capacity, seats_used, status, cooldown_until)
select a.provider_id::uuid, a.plan, a.label, '\x01', 10, private.today_wib() - a.days_ago, a.quota_used,
       5, a.seats_used, a.status::public.provider_account_status, now() + a.cooldown
from (values
  ('30000000-0000-4000-8000-000000000001', 'ok', 'ok', 0, 3, 1, 'active', null::interval),
  ('30000000-0000-4000-8000-000000000001', 'disabled', 'disabled', 0, 3, 1, 'disabled', null),
  ('30000000-0000-4000-8000-000000000001', 'parked', 'parked', 0, 3, 1, 'parked', null),
  ('30000000-0000-4000-8000-000000000001', 'cooldown-future', 'cooldown-future', 0, 3, 1, 'active', interval '1 hour'),
  ('30000000-0000-4000-8000-000000000001', 'cooldown-past', 'cooldown-past', 0, 3, 1, 'active', interval '-1 minute'),
  ('30000000-0000-4000-8000-000000000001', 'cooldown-now', 'cooldown-now', 0, 3, 1, 'active', interval '0'),
  ('30000000-0000-4000-8000-000000000001', 'seats-full', 'seats-full', 0, 3, 5, 'active', null),
  ('30000000-0000-4000-8000-000000000001', 'quota-today', 'quota-today', 0, 10, 1, 'active', null),
  ('30000000-0000-4000-8000-000000000001', 'quota-yesterday', 'quota-yesterday', 1, 10, 1, 'active', null),
  ('30000000-0000-4000-8000-000000000003', 'other-provider', 'other-provider', 0, 3, 1, 'active', null),
  ('30000000-0000-4000-8000-000000000001', 'other-plan-x', 'other-plan', 0, 3, 1, 'active', null),
  ('30000000-0000-4000-8000-000000000002', 'ok', 'ok', 0, 3, 1, 'active', null),
  ('30000000-0000-4000-8000-000000000001', 'mixed', 'mixed-full', 0, 10, 1, 'active', null),
  ('30000000-0000-4000-8000-000000000001', 'mixed', 'mixed-parked', 0, 3, 1, 'parked', null),
  ('30000000-0000-4000-8000-000000000001', 'mixed', 'mixed-ok', 0, 3, 1, 'active', null)
) as a (provider_id, plan, label, days_ago, quota_used, seats_used, status, cooldown);

-- ---------------------------------------------------------------------------------------
-- STOCK, as anon.
select tests.authenticate_anon();

select results_eq(
  $$ select available, stock from private.products_availability(array['20000000-0000-4000-8000-000000000001']::uuid[]) $$,
  $$ values (true, 2) $$,
  'A STOCK product is available with a count of only its available items (not reserved, sold or disabled).');
select results_eq(
  $$ select available, stock from private.products_availability(array['20000000-0000-4000-8000-000000000002']::uuid[]) $$,
  $$ values (false, 0) $$,
  'A STOCK product whose items are all sold or disabled is unavailable with stock 0.');
select results_eq(
  $$ select available, stock from private.products_availability(array['20000000-0000-4000-8000-000000000003']::uuid[]) $$,
  $$ values (false, 0) $$,
  'A STOCK product without items is unavailable with stock 0.');
select is_empty(
  $$ select * from private.products_availability(array['20000000-0000-4000-8000-000000000004']::uuid[]) $$,
  'An inactive STOCK product returns no row, although it has an available item.');
select is_empty(
  $$ select * from private.products_availability(array['2fffffff-0000-4000-8000-000000000000']::uuid[]) $$,
  'An unknown product id returns no row.');

select results_eq(
  $$ select product_id, available, stock from private.products_availability(array[
       '20000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002',
       '20000000-0000-4000-8000-000000000004']::uuid[]) order by product_id $$,
  $$ values ('20000000-0000-4000-8000-000000000001'::uuid, true, 2),
            ('20000000-0000-4000-8000-000000000002'::uuid, false, 0) $$,
  'A page of products at once: one row per active product, the inactive one left out.');

-- ---------------------------------------------------------------------------------------
-- INVITE, as anon.

select results_eq(
  $$ select available, stock from private.products_availability(array['21000000-0000-4000-8000-000000000001']::uuid[]) $$,
  $$ values (true, null::integer) $$,
  'An INVITE product is available when an active account of its provider and plan has seats, quota and no cooldown; it has no stock count.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000002']::uuid[]) $$,
  array[false],
  'A disabled account cannot fulfil an INVITE product.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000003']::uuid[]) $$,
  array[false],
  'A parked account cannot fulfil an INVITE product.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000004']::uuid[]) $$,
  array[false],
  'An account cooling down until a future time cannot fulfil an INVITE product.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000005']::uuid[]) $$,
  array[true],
  'An account whose cooldown has passed can fulfil an INVITE product again.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000006']::uuid[]) $$,
  array[true],
  'An account whose cooldown ends right now can fulfil an INVITE product.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000007']::uuid[]) $$,
  array[false],
  'An account with every seat taken cannot fulfil an INVITE product.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000008']::uuid[]) $$,
  array[false],
  'An account that used its whole daily quota today (WIB) cannot fulfil an INVITE product.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000009']::uuid[]) $$,
  array[true],
  'A quota used up on an earlier WIB day counts as reset.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000010']::uuid[]) $$,
  array[false],
  'An INVITE product without accounts is unavailable.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000011']::uuid[]) $$,
  array[false],
  'An account of the same plan at another provider does not count.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000012']::uuid[]) $$,
  array[false],
  'An account of the same provider on another plan does not count.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000013']::uuid[]) $$,
  array[false],
  'A healthy account of an inactive provider cannot fulfil an INVITE product.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000014']::uuid[]) $$,
  array[true],
  'One healthy account among exhausted and parked ones makes an INVITE product available.');
select is_empty(
  $$ select * from private.products_availability(array['21000000-0000-4000-8000-000000000015']::uuid[]) $$,
  'An inactive INVITE product returns no row, although a healthy account exists.');

-- The helpers behind it are not for the API roles.
select throws_ok(
  $$ select private.invite_can_fulfill('30000000-0000-4000-8000-000000000001', 'ok') $$,
  '42501', 'permission denied for function invite_can_fulfill',
  'anon cannot call private.invite_can_fulfill directly (it would reveal any provider''s capacity).');
select throws_ok(
  $$ select private.today_wib() $$,
  '42501', 'permission denied for function today_wib',
  'anon cannot call the private helper today_wib.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');

select results_eq(
  $$ select available, stock from private.products_availability(array['20000000-0000-4000-8000-000000000001']::uuid[]) $$,
  $$ values (true, 2) $$,
  'A signed-in user gets the same availability as anon.');
select throws_ok(
  $$ select private.invite_can_fulfill('30000000-0000-4000-8000-000000000001', 'ok') $$,
  '42501', 'permission denied for function invite_can_fulfill',
  'A signed-in user cannot call private.invite_can_fulfill directly.');

select tests.authenticate_service();

select results_eq(
  $$ select available, stock from private.products_availability(array['20000000-0000-4000-8000-000000000001']::uuid[]) $$,
  $$ values (true, 2) $$,
  'service_role can call private.products_availability too.');

-- ---------------------------------------------------------------------------------------
-- Availability follows the data.
select tests.clear_authentication();
update public.stock_items set status = 'reserved', reserved_until = now() + interval '15 minutes',
  order_id = '60000000-0000-4000-8000-000000000001'
where id = '40000000-0000-4000-8000-000000000001';
update public.provider_accounts set seats_used = seat_capacity
where plan = 'ok' and provider_id = '30000000-0000-4000-8000-000000000001';
select tests.authenticate_anon();

select results_eq(
  $$ select available, stock from private.products_availability(array['20000000-0000-4000-8000-000000000001']::uuid[]) $$,
  $$ values (true, 1) $$,
  'Reserving an item lowers the stock count at once.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000001']::uuid[]) $$,
  array[false],
  'Filling the last seat of the only account makes the INVITE product unavailable at once.');

select tests.clear_authentication();
update public.stock_items set status = 'sold', reserved_until = null, sold_at = now(),
  order_id = '60000000-0000-4000-8000-000000000001'
where product_id = '20000000-0000-4000-8000-000000000001' and status in ('available', 'reserved');
select tests.authenticate_anon();

select results_eq(
  $$ select available, stock from private.products_availability(array['20000000-0000-4000-8000-000000000001']::uuid[]) $$,
  $$ values (false, 0) $$,
  'Selling the last items makes the STOCK product unavailable with stock 0.');

-- ---------------------------------------------------------------------------------------
-- The quota day is the WIB date whatever the session's time zone. UTC+14 and UTC-11 are
-- always on different calendar dates, so a function that used current_date would disagree
-- with itself here.
select tests.clear_authentication();
set local timezone = 'Pacific/Kiritimati';
select is(private.today_wib(), (now() at time zone 'Asia/Jakarta')::date,
  'With the session at UTC+14, today_wib() is the date in Jakarta.');
select tests.authenticate_anon();
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000008']::uuid[]) $$,
  array[false],
  'With the session at UTC+14, a quota used up today (WIB) still blocks.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000009']::uuid[]) $$,
  array[true],
  'With the session at UTC+14, a quota used up yesterday (WIB) is still reset.');

select tests.clear_authentication();
set local timezone = 'Pacific/Pago_Pago';
select is(private.today_wib(), (now() at time zone 'Asia/Jakarta')::date,
  'With the session at UTC-11, today_wib() is the date in Jakarta.');
select tests.authenticate_anon();
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000008']::uuid[]) $$,
  array[false],
  'With the session at UTC-11, a quota used up today (WIB) still blocks.');
select results_eq(
  $$ select available from private.products_availability(array['21000000-0000-4000-8000-000000000009']::uuid[]) $$,
  array[true],
  'With the session at UTC-11, a quota used up yesterday (WIB) is still reset.');

select * from finish();
rollback;
