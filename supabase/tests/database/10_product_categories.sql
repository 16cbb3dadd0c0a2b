-- product_categories: everyone reads the active ones; only the server writes.
begin;
\ir _helpers.psql
select plan(29);

-- Fixture, as postgres. alice is a plain member (the role the sign-up trigger gives every
-- user); ada also holds the admin role in user_roles, which the Data API does not honour
-- for writes (admin actions go through the server).
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');
select tests.create_user('ada@example.com', 'ad000000-0000-4000-8000-000000000003');
insert into public.user_roles (user_id, role) values
  ('ad000000-0000-4000-8000-000000000003', 'admin');

insert into public.product_categories (id, slug, name, sort_order, active, updated_at) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming', 1, true, now()),
  ('10000000-0000-4000-8000-000000000002', 'arsip', 'Arsip', 2, false, '2020-01-01');

select policies_are('public', 'product_categories',
  array['anon reads active categories', 'authenticated reads active categories'],
  'product_categories has exactly one read policy each for anon and authenticated.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();

select results_eq(
  'select slug from public.product_categories order by slug',
  array['streaming'],
  'anon sees the active category and not the inactive one.');
select is_empty(
  $$ select id from public.product_categories where id = '10000000-0000-4000-8000-000000000002' $$,
  'anon cannot read an inactive category even by its id.');
select throws_ok(
  $$ insert into public.product_categories (slug, name) values ('baru', 'Baru') $$,
  '42501', 'permission denied for table product_categories',
  'anon cannot insert a category.');
select throws_ok(
  $$ update public.product_categories set name = 'Diubah' $$,
  '42501', 'permission denied for table product_categories',
  'anon cannot update a category.');
select throws_ok(
  $$ delete from public.product_categories $$,
  '42501', 'permission denied for table product_categories',
  'anon cannot delete a category.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');

select results_eq(
  'select slug from public.product_categories order by slug',
  array['streaming'],
  'A signed-in member sees the active category and not the inactive one.');
select is_empty(
  $$ select id from public.product_categories where id = '10000000-0000-4000-8000-000000000002' $$,
  'A signed-in member cannot read an inactive category even by its id.');
select throws_ok(
  $$ insert into public.product_categories (slug, name) values ('baru', 'Baru') $$,
  '42501', 'permission denied for table product_categories',
  'A signed-in member cannot insert a category.');
select throws_ok(
  $$ update public.product_categories set name = 'Diubah' $$,
  '42501', 'permission denied for table product_categories',
  'A signed-in member cannot update a category.');
select throws_ok(
  $$ delete from public.product_categories $$,
  '42501', 'permission denied for table product_categories',
  'A signed-in member cannot delete a category.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');

select results_eq(
  'select slug from public.product_categories order by slug',
  array['streaming'],
  'A user with the admin role still sees only active categories through the API.');
select throws_ok(
  $$ insert into public.product_categories (slug, name) values ('baru', 'Baru') $$,
  '42501', 'permission denied for table product_categories',
  'A user with the admin role cannot insert a category through the API.');
select throws_ok(
  $$ update public.product_categories set name = 'Diubah' $$,
  '42501', 'permission denied for table product_categories',
  'A user with the admin role cannot update a category through the API.');
select throws_ok(
  $$ delete from public.product_categories $$,
  '42501', 'permission denied for table product_categories',
  'A user with the admin role cannot delete a category through the API.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_service();

select results_eq(
  'select slug from public.product_categories order by slug',
  array['arsip', 'streaming'],
  'service_role reads every category, inactive ones included.');
select lives_ok(
  $$ insert into public.product_categories (id, slug, name)
     values ('10000000-0000-4000-8000-000000000003', 'baru', 'Baru') $$,
  'service_role inserts a category.');
select is(
  tests.affected_rows($$ update public.product_categories set name = 'Arsip Lama'
                         where id = '10000000-0000-4000-8000-000000000002' $$),
  1::bigint,
  'service_role updates an inactive category.');
select is(
  tests.affected_rows($$ delete from public.product_categories
                         where id = '10000000-0000-4000-8000-000000000003' $$),
  1::bigint,
  'service_role deletes a category.');

select tests.clear_authentication();

select results_eq(
  $$ select name, updated_at > '2020-01-01' from public.product_categories
     where id = '10000000-0000-4000-8000-000000000002' $$,
  $$ values ('Arsip Lama', true) $$,
  'The service_role update was stored and the trigger moved updated_at forward.');

-- ---------------------------------------------------------------------------------------
-- Constraints, as postgres.

select throws_ok(
  $$ insert into public.product_categories (slug, name) values ('Streaming-HD', 'X') $$,
  '23514', 'new row for relation "product_categories" violates check constraint "product_categories_slug_format"',
  'A slug with capital letters is rejected.');
select throws_ok(
  $$ insert into public.product_categories (slug, name) values ('top_up', 'X') $$,
  '23514', 'new row for relation "product_categories" violates check constraint "product_categories_slug_format"',
  'A slug with an underscore is rejected.');
select throws_ok(
  $$ insert into public.product_categories (slug, name) values ('top--up', 'X') $$,
  '23514', 'new row for relation "product_categories" violates check constraint "product_categories_slug_format"',
  'A slug with a double hyphen is rejected.');
select throws_ok(
  $$ insert into public.product_categories (slug, name) values ('-top-up', 'X') $$,
  '23514', 'new row for relation "product_categories" violates check constraint "product_categories_slug_format"',
  'A slug starting with a hyphen is rejected.');
select throws_ok(
  $$ insert into public.product_categories (slug, name) values (repeat('a', 81), 'X') $$,
  '23514', 'new row for relation "product_categories" violates check constraint "product_categories_slug_format"',
  'A slug longer than 80 characters is rejected.');
select throws_ok(
  $$ insert into public.product_categories (slug, name) values ('streaming', 'Streaming 2') $$,
  '23505', 'duplicate key value violates unique constraint "product_categories_slug_key"',
  'Two categories cannot share a slug.');
select throws_ok(
  $$ insert into public.product_categories (slug, name) values ('kosong', '   ') $$,
  '23514', 'new row for relation "product_categories" violates check constraint "product_categories_name_length"',
  'A blank category name is rejected.');
select throws_ok(
  $$ insert into public.product_categories (slug, name, icon) values ('ikon', 'Ikon', '') $$,
  '23514', 'new row for relation "product_categories" violates check constraint "product_categories_icon_length"',
  'An empty icon is rejected (no icon is null).');
select lives_ok(
  $$ insert into public.product_categories (slug, name, icon) values ('top-up-game2', 'Top Up Game', '🎮') $$,
  'Lowercase letters, digits and single hyphens make a valid slug.');

select * from finish();
rollback;
