-- orders: a member reads their own orders, without the tracking token's hash and
-- ciphertext, the buyer's IP address, the held account and the attention reason; nobody
-- but the server writes any. Every cell of {anon, owner, other member, admin, reseller,
-- service_role} × {select, insert, update, delete} has an assertion below, followed by the
-- constraints of orders and the one this migration adds to stock_items.
begin;
\ir _helpers.psql
select plan(76);

-- Fixture, as postgres. alice and bob are members, ada also an admin, rita also a
-- reseller (the sign-up trigger gives everyone the member role).
select tests.create_matrix_users();

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
insert into public.provider_accounts
  (id, provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity, seats_used)
values
  ('50000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', 'team', 'tim-1', '\x01', 10, 5, 1);

-- A valid order as JSON, which a test overrides key by key. The number and token hash are
-- fresh each time so that valid rows never collide.
create function tests.order_json(p_overrides jsonb default '{}'::jsonb)
returns jsonb
language sql
as $$
  select jsonb_build_object(
    'id', gen_random_uuid(),
    'number', 'RP-261126-' || upper(substr(md5(random()::text), 1, 6)),
    'user_id', null,
    'buyer_name', 'Budi',
    'buyer_email', 'budi@example.com',
    'buyer_whatsapp', '+6281234567890',
    'product_id', '20000000-0000-4000-8000-000000000001',
    'product_type', 'STOCK',
    'product_name', 'Netflix',
    'quantity', 1,
    'unit_price', 50000,
    'total', 50000,
    'price_tier', 'retail',
    'target', '{}'::jsonb,
    'status', 'awaiting_payment',
    'tracking_token_hash', extensions.digest(gen_random_uuid()::text, 'sha256'),
    'tracking_token_ciphertext', '\x01'::bytea,
    'client_ip', '203.0.113.7',
    'held_account_id', null,
    'expires_at', now() + interval '15 minutes',
    'paid_at', null,
    'attention_reason', null,
    'created_at', now(),
    'updated_at', now()
  ) || p_overrides;
$$;

create function tests.insert_order(p_overrides jsonb default '{}'::jsonb)
returns uuid
language sql
as $$
  insert into public.orders
  select * from jsonb_populate_record(null::public.orders, tests.order_json(p_overrides))
  returning id;
$$;

-- alice's, bob's, a guest's and rita's order; alice's INVITE order holds a seat.
select tests.insert_order(jsonb_build_object(
  'id', '60000000-0000-4000-8000-000000000001', 'number', 'RP-261126-ALICE1',
  'user_id', 'a11ce000-0000-4000-8000-000000000001', 'buyer_email', 'alice@example.com'));
select tests.insert_order(jsonb_build_object(
  'id', '60000000-0000-4000-8000-000000000002', 'number', 'RP-261126-B0B002',
  'user_id', 'b0b00000-0000-4000-8000-000000000002', 'buyer_email', 'bob@example.com'));
select tests.insert_order(jsonb_build_object(
  'id', '60000000-0000-4000-8000-000000000003', 'number', 'RP-261126-GUEST3', 'user_id', null));
select tests.insert_order(jsonb_build_object(
  'id', '60000000-0000-4000-8000-000000000004', 'number', 'RP-261126-R1TA04',
  'user_id', '5e11e200-0000-4000-8000-000000000004', 'buyer_email', 'rita@example.com',
  'price_tier', 'reseller', 'unit_price', 45000, 'total', 45000));
select tests.insert_order(jsonb_build_object(
  'id', '60000000-0000-4000-8000-000000000005', 'number', 'RP-261126-ALICE5',
  'user_id', 'a11ce000-0000-4000-8000-000000000001', 'buyer_email', 'alice@example.com',
  'product_id', '20000000-0000-4000-8000-000000000002', 'product_type', 'INVITE',
  'product_name', 'ChatGPT Team', 'unit_price', 90000, 'total', 90000,
  'target', '{"invite_email": "alice@kantor.id"}'::jsonb,
  'held_account_id', '50000000-0000-4000-8000-000000000001'));

select policies_are('public', 'orders', array['members read their own orders'],
  'orders has exactly one policy: members read their own orders.');

-- The statements every role tries.
create temporary table attempts (op text primary key, sql text not null);
insert into attempts values
  ('insert', $$ insert into public.orders
                  (number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
                   quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at)
                values ('RP-261126-NEW001', 'Budi', 'budi@example.com', '+6281234567890',
                        '20000000-0000-4000-8000-000000000001', 'STOCK', 'Netflix', 1, 1, 1, 'retail',
                        decode(repeat('ab', 32), 'hex'), '\x01', now() + interval '1 day') $$),
  ('update own', $$ update public.orders set status = 'paid', paid_at = now()
                    where id = '60000000-0000-4000-8000-000000000001' $$),
  ('delete own', $$ delete from public.orders where id = '60000000-0000-4000-8000-000000000001' $$);
grant select on attempts to anon, authenticated, service_role;

-- The columns a member may read.
create temporary view member_columns (list) as
values ('id, number, user_id, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type,
         product_name, quantity, unit_price, total, price_tier, target, status, expires_at, paid_at,
         created_at, updated_at');
grant select on member_columns to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();

select throws_ok('select id from public.orders',
  '42501', 'permission denied for table orders', 'anon cannot read orders.');
select throws_ok((select sql from attempts where op = 'insert'),
  '42501', 'permission denied for table orders', 'anon cannot insert an order.');
select throws_ok((select sql from attempts where op = 'update own'),
  '42501', 'permission denied for table orders', 'anon cannot update an order.');
select throws_ok((select sql from attempts where op = 'delete own'),
  '42501', 'permission denied for table orders', 'anon cannot delete an order.');

-- ---------------------------------------------------------------------------------------
-- alice, a member with two orders.
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');

select results_eq(
  'select id from public.orders order by id',
  $$ values ('60000000-0000-4000-8000-000000000001'::uuid), ('60000000-0000-4000-8000-000000000005'::uuid) $$,
  'A member reads her own orders and nobody else''s (not another member''s, not a guest''s).');
select lives_ok(
  'select ' || (select list from member_columns) || ' from public.orders',
  'A member can read every column granted to her.');
select is_empty(
  $$ select id from public.orders where id in ('60000000-0000-4000-8000-000000000002', '60000000-0000-4000-8000-000000000003') $$,
  'A member cannot read another member''s or a guest''s order even by its id.');
select throws_ok('select tracking_token_hash from public.orders',
  '42501', 'permission denied for table orders', 'A member cannot read tracking_token_hash.');
select throws_ok('select tracking_token_ciphertext from public.orders',
  '42501', 'permission denied for table orders', 'A member cannot read tracking_token_ciphertext.');
select throws_ok('select client_ip from public.orders',
  '42501', 'permission denied for table orders', 'A member cannot read client_ip.');
select throws_ok('select held_account_id from public.orders',
  '42501', 'permission denied for table orders', 'A member cannot read held_account_id.');
select throws_ok('select attention_reason from public.orders',
  '42501', 'permission denied for table orders', 'A member cannot read attention_reason.');
select throws_ok('select * from public.orders',
  '42501', 'permission denied for table orders', 'A member cannot select * from orders, which includes the hidden columns.');
select throws_ok($$ select id from public.orders where tracking_token_hash = decode(repeat('ab', 32), 'hex') $$,
  '42501', 'permission denied for table orders', 'A member cannot probe tracking_token_hash by filtering on it.');
select throws_ok((select sql from attempts where op = 'insert'),
  '42501', 'permission denied for table orders', 'A member cannot insert an order.');
select throws_ok((select sql from attempts where op = 'update own'),
  '42501', 'permission denied for table orders', 'A member cannot update her own order (e.g. mark it paid).');
select throws_ok((select sql from attempts where op = 'delete own'),
  '42501', 'permission denied for table orders', 'A member cannot delete her own order.');

-- ---------------------------------------------------------------------------------------
-- bob, another member.
select tests.authenticate_as('b0b00000-0000-4000-8000-000000000002');

select results_eq('select id from public.orders',
  $$ values ('60000000-0000-4000-8000-000000000002'::uuid) $$,
  'Another member reads only his own order.');
select throws_ok('select client_ip from public.orders',
  '42501', 'permission denied for table orders', 'Another member cannot read client_ip either.');
select throws_ok((select sql from attempts where op = 'insert'),
  '42501', 'permission denied for table orders', 'Another member cannot insert an order.');
select throws_ok((select sql from attempts where op = 'update own'),
  '42501', 'permission denied for table orders', 'Another member cannot update alice''s order.');
select throws_ok(
  $$ update public.orders set buyer_name = 'Bob' where id = '60000000-0000-4000-8000-000000000002' $$,
  '42501', 'permission denied for table orders', 'Another member cannot update his own order.');
select throws_ok((select sql from attempts where op = 'delete own'),
  '42501', 'permission denied for table orders', 'Another member cannot delete alice''s order.');

-- ---------------------------------------------------------------------------------------
-- ada, an admin without orders: the role opens nothing through the API.
select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');

select is_empty('select id from public.orders',
  'A user with the admin role reads no orders through the API (she has none of her own).');
select throws_ok((select sql from attempts where op = 'insert'),
  '42501', 'permission denied for table orders', 'A user with the admin role cannot insert an order.');
select throws_ok((select sql from attempts where op = 'update own'),
  '42501', 'permission denied for table orders', 'A user with the admin role cannot update an order.');
select throws_ok((select sql from attempts where op = 'delete own'),
  '42501', 'permission denied for table orders', 'A user with the admin role cannot delete an order.');

-- ---------------------------------------------------------------------------------------
-- rita, a reseller with one order.
select tests.authenticate_as('5e11e200-0000-4000-8000-000000000004');

select results_eq('select id, price_tier from public.orders',
  $$ values ('60000000-0000-4000-8000-000000000004'::uuid, 'reseller') $$,
  'A reseller reads only her own order.');
select throws_ok((select sql from attempts where op = 'insert'),
  '42501', 'permission denied for table orders', 'A reseller cannot insert an order.');
select throws_ok(
  $$ update public.orders set unit_price = 1, total = 1 where id = '60000000-0000-4000-8000-000000000004' $$,
  '42501', 'permission denied for table orders', 'A reseller cannot update her own order (e.g. its price).');
select throws_ok(
  $$ delete from public.orders where id = '60000000-0000-4000-8000-000000000004' $$,
  '42501', 'permission denied for table orders', 'A reseller cannot delete her own order.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_service();

select results_eq(
  $$ select count(*)::int, count(tracking_token_hash)::int, count(client_ip)::int, count(held_account_id)::int
     from public.orders $$,
  $$ values (5, 5, 5, 1) $$,
  'service_role reads every order with every column.');
select lives_ok((select sql from attempts where op = 'insert'), 'service_role inserts an order.');
select is(tests.affected_rows((select sql from attempts where op = 'update own')), 1::bigint,
  'service_role updates an order.');
select is(
  tests.affected_rows($$ delete from public.orders where number = 'RP-261126-NEW001' $$), 1::bigint,
  'service_role deletes an order (its history goes with it).');

select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------
-- Defaults and constraints, as postgres.

select results_eq(
  $$ select status::text, target, paid_at is null from public.orders where number = 'RP-261126-GUEST3' $$,
  $$ values ('awaiting_payment', '{}'::jsonb, true) $$,
  'A new order is awaiting payment with an empty target and no paid_at.');
select lives_ok(
  $$ select tests.insert_order('{"status": "delivered", "paid_at": "2026-11-26T01:00:00Z", "quantity": 3, "total": 150000}') $$,
  'A valid order (delivered, three items) is accepted.');

select throws_ok($$ select tests.insert_order('{"number": "RP-261126-abc123"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_number_format"',
  'An order number with lower-case letters is rejected.');
select throws_ok($$ select tests.insert_order('{"number": "RP-2611-ABC123"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_number_format"',
  'An order number without a six-digit date is rejected.');
select throws_ok($$ select tests.insert_order('{"number": "RP-261126-ABC12"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_number_format"',
  'An order number with five random characters is rejected.');
select throws_ok(
  $$ select tests.insert_order(jsonb_build_object('number', 'RP-261126-ALICE1')) $$,
  '23505', 'duplicate key value violates unique constraint "orders_number_key"',
  'Two orders cannot share a number.');
select throws_ok($$ select tests.insert_order('{"buyer_email": "Budi@Example.com"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_buyer_email_format"',
  'A buyer email with upper-case letters is rejected (the server stores it lower-cased).');
select throws_ok($$ select tests.insert_order('{"buyer_email": "budi@example"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_buyer_email_format"',
  'A buyer email without a dot in the domain is rejected.');
select throws_ok($$ select tests.insert_order('{"buyer_email": "budi example@example.com"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_buyer_email_format"',
  'A buyer email with a space is rejected.');
select throws_ok(
  $$ select tests.insert_order(jsonb_build_object('buyer_email', repeat('a', 243) || '@example.com')) $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_buyer_email_format"',
  'A buyer email longer than 254 characters is rejected.');
select throws_ok($$ select tests.insert_order('{"buyer_whatsapp": "081234567890"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_buyer_whatsapp_format"',
  'A WhatsApp number not in +628… form is rejected (the server normalises 08… first).');
select throws_ok($$ select tests.insert_order('{"buyer_whatsapp": "+62812345"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_buyer_whatsapp_format"',
  'A WhatsApp number that is too short is rejected.');
select throws_ok($$ select tests.insert_order('{"buyer_name": "  "}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_buyer_name_length"',
  'A blank buyer name is rejected.');
select throws_ok($$ select tests.insert_order('{"quantity": 2, "unit_price": 50000, "total": 50000}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_total_is_price_times_quantity"',
  'A total that is not unit_price × quantity is rejected.');
select throws_ok($$ select tests.insert_order('{"quantity": 0, "total": 0}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_quantity_range"',
  'A quantity of 0 is rejected.');
select throws_ok($$ select tests.insert_order('{"quantity": 101, "total": 5050000}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_quantity_range"',
  'A quantity above 100 is rejected.');
select throws_ok($$ select tests.insert_order('{"unit_price": 0, "total": 0}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_unit_price_positive"',
  'A unit price of 0 is rejected.');
select throws_ok(
  $$ select tests.insert_order('{"product_id": "20000000-0000-4000-8000-000000000002", "product_type": "INVITE",
                                 "product_name": "ChatGPT Team", "quantity": 2, "unit_price": 90000, "total": 180000}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_invite_single_seat"',
  'An INVITE order for more than one seat is rejected.');
select throws_ok($$ select tests.insert_order('{"idempotency_key": "short", "request_fingerprint": "\\x00"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_idempotency_key_format"',
  'An idempotency key under 8 characters is rejected.');
select throws_ok($$ select tests.insert_order('{"idempotency_key": "checkout-key-0001"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_request_fingerprint_with_key"',
  'An idempotency key without the request fingerprint is rejected.');
select tests.insert_order('{"number": "RP-261126-IDEM01", "idempotency_key": "checkout-key-0001", "request_fingerprint": "\\x01"}');
select throws_ok($$ select tests.insert_order('{"number": "RP-261126-IDEM02", "idempotency_key": "checkout-key-0001", "request_fingerprint": "\\x01"}') $$,
  '23505', 'duplicate key value violates unique constraint "orders_idempotency_key_key"',
  'One idempotency key names one order.');
select throws_ok($$ select tests.insert_order('{"price_tier": "vip"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_price_tier_known"',
  'A price tier other than retail or reseller is rejected.');
select throws_ok($$ select tests.insert_order('{"target": []}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_target_object"',
  'A target that is not a JSON object is rejected.');
select throws_ok($$ select tests.insert_order('{"status": "paid", "paid_at": null}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_paid_at_consistent"',
  'A paid order without paid_at is rejected.');
select throws_ok($$ select tests.insert_order('{"status": "needs_attention", "paid_at": null}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_paid_at_consistent"',
  'A needs_attention order (it was paid) without paid_at is rejected.');
select throws_ok($$ select tests.insert_order('{"status": "awaiting_payment", "paid_at": "2026-11-26T01:00:00Z"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_paid_at_consistent"',
  'An unpaid order with paid_at is rejected.');
select throws_ok($$ select tests.insert_order('{"status": "expired", "paid_at": "2026-11-26T01:00:00Z"}') $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_paid_at_consistent"',
  'An expired order with paid_at is rejected.');
select throws_ok(
  $$ select tests.insert_order(jsonb_build_object('tracking_token_hash', decode(repeat('ab', 31), 'hex'))) $$,
  '23514', 'new row for relation "orders" violates check constraint "orders_tracking_token_hash_size"',
  'A tracking token hash that is not 32 bytes is rejected.');
select throws_ok(
  $$ select tests.insert_order(jsonb_build_object('tracking_token_hash',
       (select tracking_token_hash from public.orders where number = 'RP-261126-ALICE1'))) $$,
  '23505', 'duplicate key value violates unique constraint "orders_tracking_token_hash_key"',
  'Two orders cannot share a tracking token hash.');
select throws_ok(
  $$ delete from public.products where id = '20000000-0000-4000-8000-000000000002' $$,
  '23503', 'update or delete on table "products" violates foreign key constraint "orders_product_id_fkey" on table "orders"',
  'A product that has orders cannot be deleted.');
select throws_ok(
  $$ delete from public.provider_accounts where id = '50000000-0000-4000-8000-000000000001' $$,
  '23503', 'update or delete on table "provider_accounts" violates foreign key constraint "orders_held_account_id_fkey" on table "orders"',
  'A provider account an order holds a seat on cannot be deleted.');

-- stock_items_order_consistent: reserved and sold items name their order; no other does.
insert into public.stock_items (id, product_id, secret_ciphertext, fingerprint) values
  ('40000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', '\x01', extensions.digest('s1', 'sha256'));
select throws_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint, status, reserved_until)
     values ('20000000-0000-4000-8000-000000000001', '\x02', extensions.digest('s2', 'sha256'), 'reserved', now()) $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_order_consistent"',
  'A reserved stock item without an order is rejected.');
select throws_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint, status, sold_at)
     values ('20000000-0000-4000-8000-000000000001', '\x02', extensions.digest('s2', 'sha256'), 'sold', now()) $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_order_consistent"',
  'A sold stock item without an order is rejected.');
select throws_ok(
  $$ update public.stock_items set order_id = '60000000-0000-4000-8000-000000000001'
     where id = '40000000-0000-4000-8000-000000000001' $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_order_consistent"',
  'An available stock item cannot name an order.');
select throws_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint, status, order_id)
     values ('20000000-0000-4000-8000-000000000001', '\x02', extensions.digest('s2', 'sha256'), 'disabled',
             '60000000-0000-4000-8000-000000000001') $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_order_consistent"',
  'A disabled stock item cannot name an order.');
select lives_ok(
  $$ update public.stock_items
     set status = 'reserved', reserved_until = now() + interval '15 minutes', order_id = '60000000-0000-4000-8000-000000000001'
     where id = '40000000-0000-4000-8000-000000000001' $$,
  'A stock item reserved for an order is accepted.');
select lives_ok(
  $$ update public.stock_items set status = 'sold', reserved_until = null, sold_at = now()
     where id = '40000000-0000-4000-8000-000000000001' $$,
  'The reserved item sold to its order is accepted.');
select throws_ok(
  $$ update public.stock_items set order_id = gen_random_uuid() where id = '40000000-0000-4000-8000-000000000001' $$,
  '23503', 'insert or update on table "stock_items" violates foreign key constraint "stock_items_order_id_fkey"',
  'A stock item cannot name an order that does not exist.');
select throws_ok(
  $$ delete from public.orders where id = '60000000-0000-4000-8000-000000000001' $$,
  '23503', 'update or delete on table "orders" violates foreign key constraint "stock_items_order_id_fkey" on table "stock_items"',
  'An order that stock items were sold to cannot be deleted.');

-- Deleting a member keeps their orders, unlinked.
delete from auth.users where id = 'b0b00000-0000-4000-8000-000000000002';
select results_eq(
  $$ select user_id from public.orders where id = '60000000-0000-4000-8000-000000000002' $$,
  $$ values (null::uuid) $$,
  'Deleting a member keeps his order and clears its user_id.');

select * from finish();
rollback;
