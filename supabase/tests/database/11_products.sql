-- products: everyone reads the public columns of active products; reseller prices and the
-- provider mapping stay with the server, which alone writes.
begin;
\ir _helpers.psql
select plan(53);

-- Fixture, as postgres.
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');
select tests.create_user('ada@example.com', 'ad000000-0000-4000-8000-000000000003');
select tests.create_user('rita@example.com', '5e11e200-0000-4000-8000-000000000004');
-- Every user gets the member role from the sign-up trigger (22_new_user_trigger.sql).
insert into public.user_roles (user_id, role) values
  ('ad000000-0000-4000-8000-000000000003', 'admin'),
  ('5e11e200-0000-4000-8000-000000000004', 'reseller');

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.providers (id, slug, name, adapter) values
  ('30000000-0000-4000-8000-000000000001', 'chatgpt', 'ChatGPT', 'manual');
insert into public.products
  (id, category_id, type, slug, name, retail_price, reseller_price, active, provider_id, provider_plan, input_schema)
values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'STOCK',
   'netflix-1-bulan', 'Netflix 1 Bulan', 50000, 45000, true, null, null, '[]'),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'STOCK',
   'spotify-lama', 'Spotify Lama', 30000, 25000, false, null, null, '[]'),
  ('20000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', 'INVITE',
   'chatgpt-team', 'ChatGPT Team', 90000, 80000, true, '30000000-0000-4000-8000-000000000001', 'team',
   '[{"key": "email", "type": "email", "required": true, "label": {"id": "Email", "en": "Email"}}]');

select policies_are('public', 'products',
  array['anon reads active products', 'authenticated reads active products'],
  'products has exactly one read policy each for anon and authenticated.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();

select results_eq(
  'select slug from public.products order by slug',
  array['chatgpt-team', 'netflix-1-bulan'],
  'anon sees the active products and not the inactive one.');
select is_empty(
  $$ select id from public.products where id = '20000000-0000-4000-8000-000000000002' $$,
  'anon cannot read an inactive product even by its id.');
select lives_ok(
  $$ select id, category_id, type, slug, name, short_description, description, image_url,
            retail_price, active, featured, sort_order, must_read_notice, input_schema,
            max_per_order, search_text, created_at, updated_at
     from public.products $$,
  'anon can read every public column of products.');
select results_eq(
  $$ select retail_price from public.products where slug = 'netflix-1-bulan' $$,
  array[50000::bigint],
  'anon reads the retail price.');
select throws_ok(
  'select reseller_price from public.products',
  '42501', 'permission denied for table products',
  'anon cannot read reseller_price.');
select throws_ok(
  'select provider_id from public.products',
  '42501', 'permission denied for table products',
  'anon cannot read provider_id.');
select throws_ok(
  'select provider_plan from public.products',
  '42501', 'permission denied for table products',
  'anon cannot read provider_plan.');
select throws_ok(
  'select * from public.products',
  '42501', 'permission denied for table products',
  'anon cannot select * from products, which would include the hidden columns.');
select throws_ok(
  'select id from public.products where reseller_price < 46000',
  '42501', 'permission denied for table products',
  'anon cannot probe reseller_price by filtering on it.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'baru', 'Baru', 1000, 900) $$,
  '42501', 'permission denied for table products',
  'anon cannot insert a product.');
select throws_ok(
  $$ update public.products set retail_price = 1 $$,
  '42501', 'permission denied for table products',
  'anon cannot update a product.');
select throws_ok(
  $$ delete from public.products $$,
  '42501', 'permission denied for table products',
  'anon cannot delete a product.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');

select results_eq(
  'select slug from public.products order by slug',
  array['chatgpt-team', 'netflix-1-bulan'],
  'A signed-in member sees the active products and not the inactive one.');
select is_empty(
  $$ select id from public.products where id = '20000000-0000-4000-8000-000000000002' $$,
  'A signed-in member cannot read an inactive product even by its id.');
select throws_ok(
  'select reseller_price from public.products',
  '42501', 'permission denied for table products',
  'A signed-in member cannot read reseller_price.');
select throws_ok(
  'select provider_id from public.products',
  '42501', 'permission denied for table products',
  'A signed-in member cannot read provider_id.');
select throws_ok(
  'select provider_plan from public.products',
  '42501', 'permission denied for table products',
  'A signed-in member cannot read provider_plan.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'baru', 'Baru', 1000, 900) $$,
  '42501', 'permission denied for table products',
  'A signed-in member cannot insert a product.');
select throws_ok(
  $$ update public.products set retail_price = 1 $$,
  '42501', 'permission denied for table products',
  'A signed-in member cannot update a product.');
select throws_ok(
  $$ delete from public.products $$,
  '42501', 'permission denied for table products',
  'A signed-in member cannot delete a product.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('5e11e200-0000-4000-8000-000000000004');

select throws_ok(
  'select reseller_price from public.products',
  '42501', 'permission denied for table products',
  'A reseller cannot read reseller_price through the Data API either; the server quotes it.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');

select results_eq(
  'select slug from public.products order by slug',
  array['chatgpt-team', 'netflix-1-bulan'],
  'A user with the admin role still sees only active products through the API.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'baru', 'Baru', 1000, 900) $$,
  '42501', 'permission denied for table products',
  'A user with the admin role cannot insert a product through the API.');
select throws_ok(
  $$ update public.products set retail_price = 1 $$,
  '42501', 'permission denied for table products',
  'A user with the admin role cannot update a product through the API.');
select throws_ok(
  $$ delete from public.products $$,
  '42501', 'permission denied for table products',
  'A user with the admin role cannot delete a product through the API.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_service();

select results_eq(
  'select slug, reseller_price, provider_id, provider_plan from public.products order by slug',
  $$ values ('chatgpt-team', 80000::bigint, '30000000-0000-4000-8000-000000000001'::uuid, 'team'),
            ('netflix-1-bulan', 45000::bigint, null, null),
            ('spotify-lama', 25000::bigint, null, null) $$,
  'service_role reads every product, inactive ones and hidden columns included.');

-- The products_set_search_text trigger calls private.search_text(), on which only postgres
-- has EXECUTE, so every insert (and name/description update) by service_role fails.
select lives_ok(
  $$ insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price)
     values ('20000000-0000-4000-8000-000000000009', '10000000-0000-4000-8000-000000000001',
             'STOCK', 'baru', 'Baru', 1000, 900) $$,
  'service_role inserts a product.');
select lives_ok(
  $$ update public.products set name = 'Netflix Premium 1 Bulan'
     where id = '20000000-0000-4000-8000-000000000001' $$,
  'service_role renames a product.');

select is(
  tests.affected_rows($$ update public.products set retail_price = 55000, reseller_price = 48000
                         where id = '20000000-0000-4000-8000-000000000001' $$),
  1::bigint,
  'service_role updates a product''s prices.');
select is(
  tests.affected_rows($$ delete from public.products where id = '20000000-0000-4000-8000-000000000002' $$),
  1::bigint,
  'service_role deletes a product.');

select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------
-- Triggers and constraints, as postgres.

insert into public.products (id, category_id, type, slug, name, short_description, retail_price, reseller_price)
values ('20000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001', 'STOCK',
        'kopi', 'Kópi PREMIUM', 'Akses Sélama 30 Hari', 1000, 900);
select is(
  (select btrim(search_text) from public.products where id = '20000000-0000-4000-8000-000000000004'),
  'kopi premium akses selama 30 hari',
  'search_text holds the lower-cased, accent-free name and descriptions.');

select throws_ok(
  $$ delete from public.product_categories where id = '10000000-0000-4000-8000-000000000001' $$,
  '23503', 'update or delete on table "product_categories" violates foreign key constraint "products_category_id_fkey" on table "products"',
  'A category that still has products cannot be deleted.');
select throws_ok(
  $$ delete from public.providers where id = '30000000-0000-4000-8000-000000000001' $$,
  '23503', 'update or delete on table "providers" violates foreign key constraint "products_provider_id_fkey" on table "products"',
  'A provider that INVITE products point to cannot be deleted.');

select throws_matching(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'gratis', 'Gratis', 0, 0) $$,
  'violates check constraint "products_(retail_price_positive|reseller_price_valid)"',
  'A retail price of 0 is rejected (retail_price_positive and reseller_price_valid both refuse it).');
select throws_matching(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'minus', 'Minus', -1000, 900) $$,
  'violates check constraint "products_(retail_price_positive|reseller_price_valid)"',
  'A negative retail price is rejected (retail_price_positive and reseller_price_valid both refuse it).');
select throws_ok(
  $$ update public.products set retail_price = 0 where id = '20000000-0000-4000-8000-000000000004' $$,
  '23514', 'new row for relation "products" violates check constraint "products_reseller_price_valid"',
  'A product''s retail price cannot be changed to 0.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'reseller-nol', 'Reseller Nol', 1000, 0) $$,
  '23514', 'new row for relation "products" violates check constraint "products_reseller_price_valid"',
  'A reseller price of 0 is rejected.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'terbalik', 'Terbalik', 1000, 1001) $$,
  '23514', 'new row for relation "products" violates check constraint "products_reseller_price_valid"',
  'A reseller price above the retail price is rejected.');
select lives_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'sama', 'Sama', 1000, 1000) $$,
  'A reseller price equal to the retail price is allowed.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'Netflix 1 Bulan', 'X', 1000, 900) $$,
  '23514', 'new row for relation "products" violates check constraint "products_slug_format"',
  'A slug with capitals and spaces is rejected.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'netflix-1-bulan', 'X', 1000, 900) $$,
  '23505', 'duplicate key value violates unique constraint "products_slug_key"',
  'Two products cannot share a slug.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, provider_id)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'stok-provider', 'X', 1000, 900,
             '30000000-0000-4000-8000-000000000001') $$,
  '23514', 'new row for relation "products" violates check constraint "products_type_fulfillment"',
  'A STOCK product cannot have a provider.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, input_schema)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'stok-input', 'X', 1000, 900,
             '[{"key": "email"}]') $$,
  '23514', 'new row for relation "products" violates check constraint "products_type_fulfillment"',
  'A STOCK product cannot ask the buyer for input fields.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, provider_plan, input_schema)
     values ('10000000-0000-4000-8000-000000000001', 'INVITE', 'invite-tanpa-provider', 'X', 1000, 900,
             'team', '[{"key": "email"}]') $$,
  '23514', 'new row for relation "products" violates check constraint "products_type_fulfillment"',
  'An INVITE product needs a provider.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, provider_id, input_schema)
     values ('10000000-0000-4000-8000-000000000001', 'INVITE', 'invite-tanpa-plan', 'X', 1000, 900,
             '30000000-0000-4000-8000-000000000001', '[{"key": "email"}]') $$,
  '23514', 'new row for relation "products" violates check constraint "products_type_fulfillment"',
  'An INVITE product needs a provider plan.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, provider_id, provider_plan)
     values ('10000000-0000-4000-8000-000000000001', 'INVITE', 'invite-tanpa-input', 'X', 1000, 900,
             '30000000-0000-4000-8000-000000000001', 'team') $$,
  '23514', 'new row for relation "products" violates check constraint "products_type_fulfillment"',
  'An INVITE product needs at least one input field.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, provider_id, provider_plan, input_schema)
     values ('10000000-0000-4000-8000-000000000001', 'INVITE', 'invite-objek', 'X', 1000, 900,
             '30000000-0000-4000-8000-000000000001', 'team', '{"key": "email"}') $$,
  '23514', 'new row for relation "products" violates check constraint "products_input_schema_array"',
  'input_schema must be a JSON array.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, max_per_order)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'maks-nol', 'X', 1000, 900, 0) $$,
  '23514', 'new row for relation "products" violates check constraint "products_max_per_order_range"',
  'max_per_order must be at least 1.');
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, image_url)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'gambar-http', 'X', 1000, 900,
             'http://cdn.example.com/a.png') $$,
  '23514', 'new row for relation "products" violates check constraint "products_image_url_format"',
  'An image URL must be https or a site path, not http.');
-- '^(https://|/)[^\s]+$' lets '//host/…' through as a "site path"; browsers load it from
-- any host.
select throws_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, image_url)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'gambar-relatif', 'X', 1000, 900,
             '//evil.example/a.png') $$,
  '23514', 'new row for relation "products" violates check constraint "products_image_url_format"',
  'A protocol-relative image URL (//host/...) is rejected; a site path starts with a single slash.');
select lives_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, image_url)
     values ('10000000-0000-4000-8000-000000000001', 'STOCK', 'gambar-ok', 'X', 1000, 900,
             '/images/netflix.webp') $$,
  'A site-path image URL is accepted.');
select lives_ok(
  $$ insert into public.products (category_id, type, slug, name, retail_price, reseller_price, provider_id, provider_plan, input_schema)
     values ('10000000-0000-4000-8000-000000000001', 'INVITE', 'canva-pro', 'Canva Pro', 15000, 12000,
             '30000000-0000-4000-8000-000000000001', 'pro', '[{"key": "email", "type": "email"}]') $$,
  'An INVITE product with a provider, a plan and an input field is accepted.');

select * from finish();
rollback;
