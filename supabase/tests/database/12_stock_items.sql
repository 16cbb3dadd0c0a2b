-- stock_items: encrypted secrets of STOCK products. Only the server reads or writes them;
-- the public sees a count through private.products_availability (30_availability.sql).
begin;
\ir _helpers.psql
select plan(29);

-- Fixture, as postgres. Secrets are opaque bytes here (the Rust functions encrypt them);
-- fingerprints are 32-byte HMACs, stood in for by SHA-256 digests.
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');
select tests.create_user('ada@example.com', 'ad000000-0000-4000-8000-000000000003');
-- Every user gets the member role from the sign-up trigger (22_new_user_trigger.sql).
insert into public.user_roles (user_id, role) values
  ('ad000000-0000-4000-8000-000000000003', 'admin');

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'STOCK', 'netflix', 'Netflix', 50000, 45000),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'STOCK', 'spotify', 'Spotify', 30000, 25000);
-- Reserved and sold items belong to an order (stock_items_order_consistent, tested in
-- 40_orders.sql). This one is for the other product, so that deleting the first product
-- below meets the stock items' foreign key and not the order's.
insert into public.orders
  (id, number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
   quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at)
values
  ('60000000-0000-4000-8000-000000000001', 'RP-261126-AAAAAA', 'Budi', 'budi@example.com', '+6281234567890',
   '20000000-0000-4000-8000-000000000002', 'STOCK', 'Spotify', 2, 30000, 60000, 'retail',
   extensions.digest('token-1', 'sha256'), '\x01', now() + interval '15 minutes');
insert into public.stock_items (id, product_id, secret_ciphertext, fingerprint, status, reserved_until, sold_at, created_by, order_id) values
  ('40000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', '\x01'::bytea,
   extensions.digest('akun-1', 'sha256'), 'available', null, null, 'ad000000-0000-4000-8000-000000000003', null),
  ('40000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', '\x02'::bytea,
   extensions.digest('akun-2', 'sha256'), 'reserved', now() + interval '15 minutes', null, null,
   '60000000-0000-4000-8000-000000000001'),
  ('40000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', '\x03'::bytea,
   extensions.digest('akun-3', 'sha256'), 'sold', null, now(), null, '60000000-0000-4000-8000-000000000001');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();

select throws_ok('select id from public.stock_items',
  '42501', 'permission denied for table stock_items', 'anon cannot read stock items.');
select throws_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint)
     values ('20000000-0000-4000-8000-000000000001', '\x09', extensions.digest('baru', 'sha256')) $$,
  '42501', 'permission denied for table stock_items', 'anon cannot insert a stock item.');
select throws_ok($$ update public.stock_items set status = 'disabled' $$,
  '42501', 'permission denied for table stock_items', 'anon cannot update a stock item.');
select throws_ok('delete from public.stock_items',
  '42501', 'permission denied for table stock_items', 'anon cannot delete a stock item.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');

select throws_ok('select id from public.stock_items',
  '42501', 'permission denied for table stock_items', 'A signed-in member cannot read stock items.');
select throws_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint)
     values ('20000000-0000-4000-8000-000000000001', '\x09', extensions.digest('baru', 'sha256')) $$,
  '42501', 'permission denied for table stock_items', 'A signed-in member cannot insert a stock item.');
select throws_ok($$ update public.stock_items set status = 'disabled' $$,
  '42501', 'permission denied for table stock_items', 'A signed-in member cannot update a stock item.');
select throws_ok('delete from public.stock_items',
  '42501', 'permission denied for table stock_items', 'A signed-in member cannot delete a stock item.');

-- ---------------------------------------------------------------------------------------
-- ada holds the admin role and created the first item; neither opens stock to her.
select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');

select throws_ok('select id from public.stock_items',
  '42501', 'permission denied for table stock_items',
  'A user with the admin role cannot read stock items, not even ones she created.');
select throws_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint)
     values ('20000000-0000-4000-8000-000000000001', '\x09', extensions.digest('baru', 'sha256')) $$,
  '42501', 'permission denied for table stock_items',
  'A user with the admin role cannot insert a stock item through the API.');
select throws_ok($$ update public.stock_items set status = 'disabled' $$,
  '42501', 'permission denied for table stock_items',
  'A user with the admin role cannot update a stock item through the API.');
select throws_ok('delete from public.stock_items',
  '42501', 'permission denied for table stock_items',
  'A user with the admin role cannot delete a stock item through the API.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_service();

select results_eq(
  'select id, secret_ciphertext from public.stock_items order by id',
  $$ values ('40000000-0000-4000-8000-000000000001'::uuid, '\x01'::bytea),
            ('40000000-0000-4000-8000-000000000002'::uuid, '\x02'::bytea),
            ('40000000-0000-4000-8000-000000000003'::uuid, '\x03'::bytea) $$,
  'service_role reads every stock item with its ciphertext.');
select lives_ok(
  $$ insert into public.stock_items (id, product_id, secret_ciphertext, fingerprint)
     values ('40000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000001',
             '\x04', extensions.digest('akun-4', 'sha256')) $$,
  'service_role inserts a stock item.');
select is(
  tests.affected_rows($$ update public.stock_items
                         set status = 'reserved', reserved_until = now() + interval '15 minutes',
                             order_id = '60000000-0000-4000-8000-000000000001'
                         where id = '40000000-0000-4000-8000-000000000001' and status = 'available' $$),
  1::bigint,
  'service_role reserves an available stock item.');
select is(
  tests.affected_rows($$ delete from public.stock_items where id = '40000000-0000-4000-8000-000000000004' $$),
  1::bigint,
  'service_role deletes a stock item.');

select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------
-- Constraints, as postgres.

select is_empty(
  $$ select id from public.stock_items where id = '40000000-0000-4000-8000-000000000004' $$,
  'The stock item service_role deleted is gone.');
insert into public.stock_items (id, product_id, secret_ciphertext, fingerprint) values
  ('40000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000001', '\x05', decode(repeat('ab', 32), 'hex'));
select is(
  (select status::text from public.stock_items where id = '40000000-0000-4000-8000-000000000005'),
  'available',
  'A new stock item starts out available.');

select throws_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint)
     values ('20000000-0000-4000-8000-000000000001', '\x06', decode(repeat('ab', 31), 'hex')) $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_fingerprint_size"',
  'A fingerprint shorter than 32 bytes is rejected.');
select throws_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint)
     values ('20000000-0000-4000-8000-000000000001', '\x06', decode(repeat('ab', 33), 'hex')) $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_fingerprint_size"',
  'A fingerprint longer than 32 bytes is rejected.');
select throws_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint)
     values ('20000000-0000-4000-8000-000000000001', '\x06', extensions.digest('akun-1', 'sha256')) $$,
  '23505', 'duplicate key value violates unique constraint "stock_items_unique_secret"',
  'The same secret (same fingerprint) cannot be stocked twice for one product.');
select lives_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint)
     values ('20000000-0000-4000-8000-000000000002', '\x06', extensions.digest('akun-1', 'sha256')) $$,
  'The same fingerprint is allowed for a different product.');
select throws_ok(
  $$ insert into public.stock_items (product_id, secret_ciphertext, fingerprint)
     values ('20000000-0000-4000-8000-000000000001', '', extensions.digest('kosong', 'sha256')) $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_secret_present"',
  'An empty secret is rejected.');
select throws_ok(
  $$ update public.stock_items set status = 'reserved', order_id = '60000000-0000-4000-8000-000000000001'
     where id = '40000000-0000-4000-8000-000000000005' $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_reservation_consistent"',
  'A reserved item needs reserved_until.');
select throws_ok(
  $$ update public.stock_items set reserved_until = now() where id = '40000000-0000-4000-8000-000000000005' $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_reservation_consistent"',
  'Only a reserved item has reserved_until.');
select throws_ok(
  $$ update public.stock_items set status = 'sold', order_id = '60000000-0000-4000-8000-000000000001'
     where id = '40000000-0000-4000-8000-000000000005' $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_sale_consistent"',
  'A sold item needs sold_at.');
select throws_ok(
  $$ update public.stock_items set sold_at = now() where id = '40000000-0000-4000-8000-000000000005' $$,
  '23514', 'new row for relation "stock_items" violates check constraint "stock_items_sale_consistent"',
  'Only a sold item has sold_at.');
select throws_ok(
  $$ delete from public.products where id = '20000000-0000-4000-8000-000000000001' $$,
  '23503', 'update or delete on table "products" violates foreign key constraint "stock_items_product_id_fkey" on table "stock_items"',
  'A product that has stock items cannot be deleted.');

delete from auth.users where id = 'ad000000-0000-4000-8000-000000000003';
select is(
  (select created_by from public.stock_items where id = '40000000-0000-4000-8000-000000000001'),
  null,
  'Deleting the user who stocked an item keeps the item and clears created_by.');

select * from finish();
rollback;
