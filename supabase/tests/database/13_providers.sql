-- providers: the services INVITE products sell seats of, with their encrypted adapter
-- settings. Server only.
begin;
\ir _helpers.psql
select plan(22);

-- Fixture, as postgres.
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');
select tests.create_user('ada@example.com', 'ad000000-0000-4000-8000-000000000003');
-- Every user gets the member role from the sign-up trigger (22_new_user_trigger.sql).
insert into public.user_roles (user_id, role) values
  ('ad000000-0000-4000-8000-000000000003', 'admin');

insert into public.providers (id, slug, name, adapter, config_ciphertext, active) values
  ('30000000-0000-4000-8000-000000000001', 'chatgpt', 'ChatGPT', 'manual', null, true),
  ('30000000-0000-4000-8000-000000000002', 'canva', 'Canva', 'http', '\xc0ffee'::bytea, false);

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();

select throws_ok('select id from public.providers',
  '42501', 'permission denied for table providers', 'anon cannot read providers.');
select throws_ok($$ insert into public.providers (slug, name, adapter) values ('baru', 'Baru', 'manual') $$,
  '42501', 'permission denied for table providers', 'anon cannot insert a provider.');
select throws_ok($$ update public.providers set active = true $$,
  '42501', 'permission denied for table providers', 'anon cannot update a provider.');
select throws_ok('delete from public.providers',
  '42501', 'permission denied for table providers', 'anon cannot delete a provider.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');

select throws_ok('select id from public.providers',
  '42501', 'permission denied for table providers', 'A signed-in member cannot read providers.');
select throws_ok($$ insert into public.providers (slug, name, adapter) values ('baru', 'Baru', 'manual') $$,
  '42501', 'permission denied for table providers', 'A signed-in member cannot insert a provider.');
select throws_ok($$ update public.providers set active = true $$,
  '42501', 'permission denied for table providers', 'A signed-in member cannot update a provider.');
select throws_ok('delete from public.providers',
  '42501', 'permission denied for table providers', 'A signed-in member cannot delete a provider.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');

select throws_ok('select id from public.providers',
  '42501', 'permission denied for table providers',
  'A user with the admin role cannot read providers through the API.');
select throws_ok($$ insert into public.providers (slug, name, adapter) values ('baru', 'Baru', 'manual') $$,
  '42501', 'permission denied for table providers',
  'A user with the admin role cannot insert a provider through the API.');
select throws_ok($$ update public.providers set active = true $$,
  '42501', 'permission denied for table providers',
  'A user with the admin role cannot update a provider through the API.');
select throws_ok('delete from public.providers',
  '42501', 'permission denied for table providers',
  'A user with the admin role cannot delete a provider through the API.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_service();

select results_eq(
  'select slug, active, config_ciphertext from public.providers order by slug',
  $$ values ('canva', false, '\xc0ffee'::bytea), ('chatgpt', true, null) $$,
  'service_role reads every provider, inactive ones and their encrypted settings included.');
select lives_ok(
  $$ insert into public.providers (id, slug, name, adapter)
     values ('30000000-0000-4000-8000-000000000003', 'netflix-household', 'Netflix Household', 'simulated') $$,
  'service_role inserts a provider.');
select is(
  tests.affected_rows($$ update public.providers set active = true
                         where id = '30000000-0000-4000-8000-000000000002' $$),
  1::bigint,
  'service_role reactivates a provider.');
select is(
  tests.affected_rows($$ delete from public.providers where id = '30000000-0000-4000-8000-000000000003' $$),
  1::bigint,
  'service_role deletes a provider.');

select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------
-- Constraints, as postgres.

select throws_ok(
  $$ insert into public.providers (slug, name, adapter) values ('baru', 'Baru', 'selenium') $$,
  '23514', 'new row for relation "providers" violates check constraint "providers_adapter_known"',
  'An adapter other than manual, http or simulated is rejected.');
select throws_ok(
  $$ insert into public.providers (slug, name, adapter) values ('ChatGPT Team', 'Baru', 'manual') $$,
  '23514', 'new row for relation "providers" violates check constraint "providers_slug_format"',
  'A provider slug with capitals and spaces is rejected.');
select throws_ok(
  $$ insert into public.providers (slug, name, adapter) values ('chatgpt', 'ChatGPT 2', 'manual') $$,
  '23505', 'duplicate key value violates unique constraint "providers_slug_key"',
  'Two providers cannot share a slug.');
select throws_ok(
  $$ insert into public.providers (slug, name, adapter) values ('kosong', '  ', 'manual') $$,
  '23514', 'new row for relation "providers" violates check constraint "providers_name_length"',
  'A blank provider name is rejected.');
select lives_ok(
  $$ insert into public.providers (slug, name, adapter) values ('canva-edu', 'Canva Edu', 'http') $$,
  'A provider with a known adapter and a valid slug is accepted.');
select is(
  (select active from public.providers where slug = 'canva-edu'),
  true,
  'A new provider is active by default.');

select * from finish();
rollback;
