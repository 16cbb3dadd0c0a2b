-- private.reserve_for_order and private.release_order_holds, called as the server does
-- (connected as postgres, the tables' owner): a STOCK order reserves exactly `quantity`
-- available items, oldest first, or nothing; an INVITE order takes one seat on the usable
-- pool account with the most free seats, or nothing; releasing gives both back, once.
begin;
\ir _helpers.psql
select plan(51);

-- Fixture, as postgres.
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.providers (id, slug, name, adapter, active) values
  ('30000000-0000-4000-8000-000000000001', 'chatgpt', 'ChatGPT', 'manual', true),
  ('30000000-0000-4000-8000-000000000002', 'canva', 'Canva', 'manual', false),
  ('30000000-0000-4000-8000-000000000003', 'gemini', 'Gemini', 'manual', true);
insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'STOCK', 'netflix', 'Netflix', 50000, 45000),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'STOCK', 'spotify', 'Spotify', 30000, 25000);

-- An awaiting_payment order of a product; its number and token hash derive from its id.
create function tests.insert_order(p_id uuid, p_product_id uuid, p_quantity integer default 1)
returns uuid
language sql
as $$
  insert into public.orders
    (id, number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
     quantity, unit_price, total, price_tier, target, tracking_token_hash, tracking_token_ciphertext, expires_at)
  select p_id, 'RP-261126-' || upper(left(md5(p_id::text), 6)), 'Budi', 'budi@example.com',
         '+6281234567890', p.id, p.type, p.name, p_quantity, p.retail_price, p.retail_price * p_quantity,
         'retail', '{}', extensions.digest(p_id::text, 'sha256'), '\x01', now() + interval '15 minutes'
  from public.products p where p.id = p_product_id
  returning id;
$$;

-- ---------------------------------------------------------------------------------------
-- STOCK. Netflix has five items created an hour apart, their ids in the opposite order of
-- their age, plus an older disabled one. The oldest usable one (…05) is already held by
-- order 60…09.
select tests.insert_order('60000000-0000-4000-8000-000000000009', '20000000-0000-4000-8000-000000000001');
insert into public.stock_items (id, product_id, secret_ciphertext, fingerprint, status, reserved_until, order_id, created_at)
select ('40000000-0000-4000-8000-00000000000' || n)::uuid, '20000000-0000-4000-8000-000000000001', '\x01',
       extensions.digest('netflix-' || n, 'sha256'),
       case n when 5 then 'reserved' when 6 then 'disabled' else 'available' end::public.stock_item_status,
       case n when 5 then now() + interval '10 minutes' end,
       case n when 5 then '60000000-0000-4000-8000-000000000009'::uuid end,
       now() - make_interval(hours => n)
from generate_series(1, 6) as n;

-- The items of a product, as "item:status:order" (order as its last two digits).
create function tests.items(p_product_id uuid)
returns text[]
language sql
as $$
  select array_agg(right(id::text, 2) || ':' || status || ':' || coalesce(right(order_id::text, 2), '-') order by id)
  from public.stock_items where product_id = p_product_id;
$$;

select tests.insert_order('60000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', 2);
select is(private.reserve_for_order('60000000-0000-4000-8000-000000000001', now() + interval '15 minutes'), true,
  'reserve_for_order reserves a STOCK order of two when enough items are available.');
select is(tests.items('20000000-0000-4000-8000-000000000001'),
  array['01:available:-', '02:available:-', '03:reserved:01', '04:reserved:01', '05:reserved:09', '06:disabled:-'],
  'It takes exactly two items, the oldest available ones, skipping the item another order holds and the disabled one.');
select results_eq(
  $$ select distinct reserved_until from public.stock_items where order_id = '60000000-0000-4000-8000-000000000001' $$,
  $$ values (now() + interval '15 minutes') $$,
  'The items are reserved until the time given.');
select results_eq(
  $$ select reserved_until from public.stock_items where id = '40000000-0000-4000-8000-000000000005' $$,
  $$ values (now() + interval '10 minutes') $$,
  'The item of the other order keeps its own reservation.');

-- Two left, three wanted: nothing.
select tests.insert_order('60000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', 3);
select is(private.reserve_for_order('60000000-0000-4000-8000-000000000002', now() + interval '15 minutes'), false,
  'reserve_for_order returns false for three items when only two are available.');
select is(tests.items('20000000-0000-4000-8000-000000000001'),
  array['01:available:-', '02:available:-', '03:reserved:01', '04:reserved:01', '05:reserved:09', '06:disabled:-'],
  'It reserves nothing at all then: the two available items stay available.');
select results_eq(
  $$ select count(*)::int, count(reserved_until)::int from public.stock_items
     where status = 'available' and order_id is null $$,
  $$ values (2, 0) $$,
  'The items it gave back carry no order and no reserved_until.');

select tests.insert_order('60000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', 2);
select is(private.reserve_for_order('60000000-0000-4000-8000-000000000003', now() + interval '15 minutes'), true,
  'An order for exactly the two items left is reserved.');
select tests.insert_order('60000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000001', 1);
select is(private.reserve_for_order('60000000-0000-4000-8000-000000000004', now() + interval '15 minutes'), false,
  'Once every item is held, even one item cannot be reserved.');
select tests.insert_order('60000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000002', 1);
select is(private.reserve_for_order('60000000-0000-4000-8000-000000000005', now() + interval '15 minutes'), false,
  'A product without stock cannot be reserved (other products'' items are never taken).');
select is(tests.items('20000000-0000-4000-8000-000000000001'),
  array['01:reserved:03', '02:reserved:03', '03:reserved:01', '04:reserved:01', '05:reserved:09', '06:disabled:-'],
  'The failed attempts took nothing.');
select is(private.reserve_for_order(gen_random_uuid(), now()), false,
  'An unknown order reserves nothing.');

-- ---------------------------------------------------------------------------------------
-- Releasing STOCK.
select lives_ok($$ select private.release_order_holds('60000000-0000-4000-8000-000000000001') $$,
  'release_order_holds releases a STOCK order.');
select is(tests.items('20000000-0000-4000-8000-000000000001'),
  array['01:reserved:03', '02:reserved:03', '03:available:-', '04:available:-', '05:reserved:09', '06:disabled:-'],
  'Its items are available again; other orders'' items are untouched.');
select results_eq(
  $$ select count(*)::int from public.stock_items
     where id in ('40000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000004')
       and order_id is null and reserved_until is null $$,
  $$ values (2) $$,
  'The released items carry no order and no reserved_until.');

-- An item already sold to an order stays sold when the order's holds are released.
update public.stock_items set status = 'sold', reserved_until = null, sold_at = now()
where id = '40000000-0000-4000-8000-000000000001';
select private.release_order_holds('60000000-0000-4000-8000-000000000003');
select is(tests.items('20000000-0000-4000-8000-000000000001'),
  array['01:sold:03', '02:available:-', '03:available:-', '04:available:-', '05:reserved:09', '06:disabled:-'],
  'release_order_holds gives back reserved items only, never a sold one.');
select lives_ok($$ select private.release_order_holds('60000000-0000-4000-8000-000000000004') $$,
  'Releasing an order that holds nothing does nothing, without error.');

-- ---------------------------------------------------------------------------------------
-- INVITE. One product per case, each on its own plan, so each sees only its own accounts.
-- Accounts are usable unless the plan's name says otherwise: active, 10 invitations a day
-- with 3 used today, no cooldown.
insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price, provider_id, provider_plan, input_schema)
select ('21000000-0000-4000-8000-0000000000' || p.n)::uuid, '10000000-0000-4000-8000-000000000001', 'INVITE',
       'invite-' || p.plan, 'Invite ' || p.plan, 90000, 80000, p.provider_id::uuid, p.plan,
       '[{"key": "invite_email", "type": "email", "required": true}]'
from (values
  ('01', 'pick', '30000000-0000-4000-8000-000000000001'),
  ('02', 'disabled', '30000000-0000-4000-8000-000000000001'),
  ('03', 'parked', '30000000-0000-4000-8000-000000000001'),
  ('04', 'cooldown-future', '30000000-0000-4000-8000-000000000001'),
  ('05', 'cooldown-past', '30000000-0000-4000-8000-000000000001'),
  ('06', 'quota-today', '30000000-0000-4000-8000-000000000001'),
  ('07', 'quota-yesterday', '30000000-0000-4000-8000-000000000001'),
  ('08', 'one-seat', '30000000-0000-4000-8000-000000000001'),
  ('09', 'inactive-provider', '30000000-0000-4000-8000-000000000002'),
  ('10', 'no-account', '30000000-0000-4000-8000-000000000001')
) as p (n, plan, provider_id);

-- pick: b has the most free seats (4) among the three usable accounts; the accounts with
-- more free seats are of another plan or another provider.
insert into public.provider_accounts
  (id, provider_id, plan, label, credentials_ciphertext, daily_quota, quota_day, quota_used,
   seat_capacity, seats_used, status, cooldown_until)
select ('5' || a.n || '00000-0000-4000-8000-000000000000')::uuid, a.provider_id::uuid, a.plan, a.label, '\x01', 10,
       private.today_wib() - a.days_ago, a.quota_used, a.capacity, a.used,
       a.status::public.provider_account_status, now() + a.cooldown
from (values
  ('01', '30000000-0000-4000-8000-000000000001', 'pick', 'pick-a', 0, 3, 5, 3, 'active', null::interval),
  ('02', '30000000-0000-4000-8000-000000000001', 'pick', 'pick-b', 0, 3, 5, 1, 'active', null),
  ('03', '30000000-0000-4000-8000-000000000001', 'pick', 'pick-c', 0, 3, 5, 2, 'active', null),
  ('04', '30000000-0000-4000-8000-000000000001', 'pick-x', 'other-plan', 0, 3, 10, 0, 'active', null),
  ('05', '30000000-0000-4000-8000-000000000003', 'pick', 'other-provider', 0, 3, 10, 0, 'active', null),
  ('06', '30000000-0000-4000-8000-000000000001', 'disabled', 'disabled', 0, 3, 5, 1, 'disabled', null),
  ('07', '30000000-0000-4000-8000-000000000001', 'parked', 'parked', 0, 3, 5, 1, 'parked', null),
  ('08', '30000000-0000-4000-8000-000000000001', 'cooldown-future', 'cooldown-future', 0, 3, 5, 1, 'active', interval '1 hour'),
  ('09', '30000000-0000-4000-8000-000000000001', 'cooldown-past', 'cooldown-past', 0, 3, 5, 1, 'active', interval '-1 minute'),
  ('10', '30000000-0000-4000-8000-000000000001', 'quota-today', 'quota-today', 0, 10, 5, 1, 'active', null),
  ('11', '30000000-0000-4000-8000-000000000001', 'quota-yesterday', 'quota-yesterday', 1, 10, 5, 1, 'active', null),
  ('12', '30000000-0000-4000-8000-000000000001', 'one-seat', 'one-seat', 0, 3, 1, 0, 'active', null),
  ('13', '30000000-0000-4000-8000-000000000002', 'inactive-provider', 'inactive-provider', 0, 3, 5, 1, 'active', null)
) as a (n, provider_id, plan, label, days_ago, quota_used, capacity, used, status, cooldown);

-- The seats used on every account, as "account:seats" (account as its two-digit number).
create function tests.seats()
returns text[]
language sql
as $$
  select array_agg(substr(id::text, 2, 2) || ':' || seats_used order by id) from public.provider_accounts;
$$;

create function tests.held(p_order_id uuid)
returns text
language sql
as $$
  select substr(held_account_id::text, 2, 2) from public.orders where id = p_order_id;
$$;

select tests.insert_order(('61000000-0000-4000-8000-0000000000' || n)::uuid, ('21000000-0000-4000-8000-0000000000' || n)::uuid)
from unnest(array['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']) as n;
select tests.insert_order('61000000-0000-4000-8000-000000000018', '21000000-0000-4000-8000-000000000008');
select tests.insert_order('61000000-0000-4000-8000-000000000011', '21000000-0000-4000-8000-000000000001');

select is(private.reserve_for_order('61000000-0000-4000-8000-000000000001', now() + interval '15 minutes'), true,
  'reserve_for_order reserves a seat for an INVITE order.');
select is(tests.held('61000000-0000-4000-8000-000000000001'), '02',
  'The seat is on the usable account of the plan with the most free seats, and the order records it in held_account_id.');
select is(tests.seats(),
  array['01:3', '02:2', '03:2', '04:0', '05:0', '06:1', '07:1', '08:1', '09:1', '10:1', '11:1', '12:0', '13:1'],
  'That account, and only it, has one more seat used.');

select is(private.reserve_for_order('61000000-0000-4000-8000-000000000002', now()), false,
  'A disabled account gives no seat.');
select is(private.reserve_for_order('61000000-0000-4000-8000-000000000003', now()), false,
  'A parked account gives no seat.');
select is(private.reserve_for_order('61000000-0000-4000-8000-000000000004', now()), false,
  'An account cooling down until a future time gives no seat.');
select is(private.reserve_for_order('61000000-0000-4000-8000-000000000006', now()), false,
  'An account that used its whole daily quota today (WIB) gives no seat.');
select is(private.reserve_for_order('61000000-0000-4000-8000-000000000009', now()), false,
  'A healthy account of an inactive provider gives no seat.');
select is(private.reserve_for_order('61000000-0000-4000-8000-000000000010', now()), false,
  'A plan without accounts gives no seat.');
select results_eq(
  $$ select count(*)::int from public.orders
     where id in ('61000000-0000-4000-8000-000000000002', '61000000-0000-4000-8000-000000000003',
                  '61000000-0000-4000-8000-000000000004', '61000000-0000-4000-8000-000000000006',
                  '61000000-0000-4000-8000-000000000009', '61000000-0000-4000-8000-000000000010')
       and held_account_id is null $$,
  $$ values (6) $$,
  'An order that got no seat holds no account.');
select is(tests.seats(),
  array['01:3', '02:2', '03:2', '04:0', '05:0', '06:1', '07:1', '08:1', '09:1', '10:1', '11:1', '12:0', '13:1'],
  'Refused reservations change no account''s seats.');

select is(private.reserve_for_order('61000000-0000-4000-8000-000000000005', now()), true,
  'An account whose cooldown has passed gives a seat again.');
select is(private.reserve_for_order('61000000-0000-4000-8000-000000000007', now()), true,
  'A daily quota used up on an earlier WIB day counts as reset.');
select is(private.reserve_for_order('61000000-0000-4000-8000-000000000008', now()), true,
  'The only seat of an account can be taken.');
select is(private.reserve_for_order('61000000-0000-4000-8000-000000000018', now()), false,
  'An account with every seat taken gives no more (seat_capacity holds).');
select is(tests.seats(),
  array['01:3', '02:2', '03:2', '04:0', '05:0', '06:1', '07:1', '08:1', '09:2', '10:1', '11:2', '12:1', '13:1'],
  'Each successful reservation took one seat on its account.');

-- The next pick order sees b and c with three free seats each, a with two: the tie goes to
-- the account used longest ago (never used first).
update public.provider_accounts set last_used_at = now() - interval '1 day' where label = 'pick-b';
select is(private.reserve_for_order('61000000-0000-4000-8000-000000000011', now()), true,
  'A second pick order is reserved.');
select is(tests.held('61000000-0000-4000-8000-000000000011'), '03',
  'Between accounts with as many free seats, the one never used wins.');

-- ---------------------------------------------------------------------------------------
-- Releasing INVITE.
select private.release_order_holds('61000000-0000-4000-8000-000000000001');
select is(tests.held('61000000-0000-4000-8000-000000000001'), null,
  'release_order_holds clears the order''s held account.');
select is((select seats_used from public.provider_accounts where label = 'pick-b'), 1,
  'release_order_holds gives the seat back to its account.');
select private.release_order_holds('61000000-0000-4000-8000-000000000001');
select is((select seats_used from public.provider_accounts where label = 'pick-b'), 1,
  'Releasing the same order again gives back nothing more.');
select is(tests.seats(),
  array['01:3', '02:1', '03:3', '04:0', '05:0', '06:1', '07:1', '08:1', '09:2', '10:1', '11:2', '12:1', '13:1'],
  'No other account''s seats changed.');

-- A seat count already at zero (an admin reset the account) does not go negative.
update public.provider_accounts set seats_used = 0 where label = 'one-seat';
select lives_ok($$ select private.release_order_holds('61000000-0000-4000-8000-000000000008') $$,
  'Releasing a seat on an account whose count is already zero does not fail.');
select results_eq(
  $$ select (select seats_used from public.provider_accounts where label = 'one-seat'),
            (select held_account_id from public.orders where id = '61000000-0000-4000-8000-000000000008') $$,
  $$ values (0, null::uuid) $$,
  'The count stays at zero and the order holds nothing.');

-- ---------------------------------------------------------------------------------------
-- Who may call them: the server only.
select tests.authenticate_anon();
select throws_ok($$ select private.reserve_for_order('61000000-0000-4000-8000-000000000010', now()) $$,
  '42501', 'permission denied for function reserve_for_order', 'anon cannot call reserve_for_order.');
select throws_ok($$ select private.release_order_holds('61000000-0000-4000-8000-000000000011') $$,
  '42501', 'permission denied for function release_order_holds', 'anon cannot call release_order_holds.');

select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');
select throws_ok($$ select private.reserve_for_order('61000000-0000-4000-8000-000000000010', now()) $$,
  '42501', 'permission denied for function reserve_for_order', 'A signed-in user cannot call reserve_for_order.');
select throws_ok($$ select private.release_order_holds('61000000-0000-4000-8000-000000000011') $$,
  '42501', 'permission denied for function release_order_holds', 'A signed-in user cannot call release_order_holds.');

select tests.authenticate_service();
select is(private.reserve_for_order('61000000-0000-4000-8000-000000000007', now()), true,
  'service_role can call reserve_for_order (INVITE).');
select is(private.reserve_for_order('60000000-0000-4000-8000-000000000004', now() + interval '15 minutes'), true,
  'service_role can call reserve_for_order (STOCK).');
select lives_ok($$ select private.release_order_holds('60000000-0000-4000-8000-000000000004') $$,
  'service_role can call release_order_holds (STOCK).');
select lives_ok($$ select private.release_order_holds('61000000-0000-4000-8000-000000000007') $$,
  'service_role can call release_order_holds (INVITE).');
select tests.clear_authentication();

select is(tests.seats(),
  array['01:3', '02:1', '03:3', '04:0', '05:0', '06:1', '07:1', '08:1', '09:2', '10:1', '11:2', '12:0', '13:1'],
  'What service_role reserved and released leaves the seats as they were.');
select is(tests.items('20000000-0000-4000-8000-000000000001'),
  array['01:sold:03', '02:available:-', '03:available:-', '04:available:-', '05:reserved:09', '06:disabled:-'],
  'And the items as they were.');

select * from finish();
rollback;
