-- user_roles: a user reads their own roles; no API role but the server's writes any, so
-- nobody grants themself a role, whatever they put in their user_metadata. Every cell of
-- {anon, owner, other user, reseller, admin, service_role} × {select, insert, update,
-- delete} has an assertion below; for the three signed-in kinds of user, each write is
-- tried on their own rows and on someone else's.
begin;
\ir _helpers.psql
select plan(47);

-- Fixture, as postgres. The sign-up trigger (22_new_user_trigger.sql) gives every user the
-- member role; bob is also a reseller and ada also an admin. mallory has set
-- user_metadata.role = 'admin' through Auth (any user can:
-- supabase.auth.updateUser({ data: { role: 'admin' } })).
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');
select tests.create_user('bob@example.com', 'b0b00000-0000-4000-8000-000000000002');
select tests.create_user('ada@example.com', 'ad000000-0000-4000-8000-000000000003');
select tests.create_user('mallory@example.com', 'bad00000-0000-4000-8000-000000000005', '{"role": "admin"}');
insert into public.user_roles (user_id, role, granted_by) values
  ('b0b00000-0000-4000-8000-000000000002', 'reseller', 'ad000000-0000-4000-8000-000000000003'),
  ('ad000000-0000-4000-8000-000000000003', 'admin', null);

-- A product with a reseller price, to show that mallory's claim unlocks nothing elsewhere.
insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'STOCK', 'netflix', 'Netflix', 50000, 45000);

select policies_are('public', 'user_roles', array['users read their own roles'],
  'user_roles has exactly one policy: a user reads their own roles.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();

select throws_ok('select role from public.user_roles',
  '42501', 'permission denied for table user_roles', 'anon cannot read roles.');
select throws_ok($$ insert into public.user_roles (user_id, role) values ('a11ce000-0000-4000-8000-000000000001', 'admin') $$,
  '42501', 'permission denied for table user_roles', 'anon cannot insert a role.');
select throws_ok($$ update public.user_roles set role = 'admin' $$,
  '42501', 'permission denied for table user_roles', 'anon cannot update a role.');
select throws_ok('delete from public.user_roles',
  '42501', 'permission denied for table user_roles', 'anon cannot delete a role.');

-- ---------------------------------------------------------------------------------------
-- alice, a member.
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');

select results_eq(
  'select user_id, role::text from public.user_roles',
  $$ values ('a11ce000-0000-4000-8000-000000000001'::uuid, 'member') $$,
  'A user reads her own role and no one else''s.');
select is_empty(
  $$ select role from public.user_roles where user_id = 'b0b00000-0000-4000-8000-000000000002' $$,
  'A user cannot read another user''s roles even by user id.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('a11ce000-0000-4000-8000-000000000001', 'admin') $$,
  '42501', 'permission denied for table user_roles',
  'A user cannot grant herself a role.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('b0b00000-0000-4000-8000-000000000002', 'admin') $$,
  '42501', 'permission denied for table user_roles',
  'A user cannot grant another user a role.');
select throws_ok(
  $$ update public.user_roles set role = 'admin' where user_id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table user_roles',
  'A user cannot turn her own role into another.');
select throws_ok(
  $$ update public.user_roles set role = 'member' where user_id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '42501', 'permission denied for table user_roles',
  'A user cannot change another user''s role.');
select throws_ok(
  $$ delete from public.user_roles where user_id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table user_roles',
  'A user cannot delete her own role.');
select throws_ok(
  $$ delete from public.user_roles where user_id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '42501', 'permission denied for table user_roles',
  'A user cannot revoke another user''s role.');

-- ---------------------------------------------------------------------------------------
-- bob, a reseller.
select tests.authenticate_as('b0b00000-0000-4000-8000-000000000002');

select results_eq(
  'select user_id, role::text from public.user_roles order by role',
  $$ values ('b0b00000-0000-4000-8000-000000000002'::uuid, 'member'),
            ('b0b00000-0000-4000-8000-000000000002'::uuid, 'reseller') $$,
  'A reseller reads his own roles and no one else''s.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('b0b00000-0000-4000-8000-000000000002', 'admin') $$,
  '42501', 'permission denied for table user_roles',
  'A reseller cannot grant himself a role.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('a11ce000-0000-4000-8000-000000000001', 'reseller') $$,
  '42501', 'permission denied for table user_roles',
  'A reseller cannot grant another user a role (no sub-resellers through the API).');
select throws_ok(
  $$ update public.user_roles set role = 'admin' where user_id = 'b0b00000-0000-4000-8000-000000000002' and role = 'reseller' $$,
  '42501', 'permission denied for table user_roles',
  'A reseller cannot turn his reseller role into admin.');
select throws_ok(
  $$ update public.user_roles set granted_by = 'b0b00000-0000-4000-8000-000000000002'
     where user_id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table user_roles',
  'A reseller cannot change another user''s role row.');
select throws_ok(
  $$ delete from public.user_roles where user_id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '42501', 'permission denied for table user_roles',
  'A reseller cannot delete his own roles.');
select throws_ok(
  $$ delete from public.user_roles where user_id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table user_roles',
  'A reseller cannot revoke another user''s role.');

-- ---------------------------------------------------------------------------------------
-- ada is an admin, but roles are granted by the server, not through the Data API.
select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');

select results_eq(
  'select role::text from public.user_roles order by role',
  array['admin', 'member'],
  'An admin reads her own roles and no one else''s.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('a11ce000-0000-4000-8000-000000000001', 'reseller') $$,
  '42501', 'permission denied for table user_roles',
  'An admin cannot grant a role through the API.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('ad000000-0000-4000-8000-000000000003', 'reseller') $$,
  '42501', 'permission denied for table user_roles',
  'An admin cannot grant herself another role through the API.');
select throws_ok(
  $$ update public.user_roles set role = 'member' where user_id = 'b0b00000-0000-4000-8000-000000000002' and role = 'reseller' $$,
  '42501', 'permission denied for table user_roles',
  'An admin cannot change another user''s role through the API.');
select throws_ok(
  $$ update public.user_roles set granted_by = null where user_id = 'ad000000-0000-4000-8000-000000000003' $$,
  '42501', 'permission denied for table user_roles',
  'An admin cannot change her own role rows through the API.');
select throws_ok(
  $$ delete from public.user_roles where user_id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '42501', 'permission denied for table user_roles',
  'An admin cannot revoke a role through the API.');
select throws_ok(
  $$ delete from public.user_roles where user_id = 'ad000000-0000-4000-8000-000000000003' and role = 'member' $$,
  '42501', 'permission denied for table user_roles',
  'An admin cannot drop one of her own roles through the API.');

-- ---------------------------------------------------------------------------------------
-- mallory: user_metadata.role = 'admin' in her token gains nothing.
select tests.authenticate_as('bad00000-0000-4000-8000-000000000005');

select is(auth.jwt() -> 'user_metadata' ->> 'role', 'admin',
  'mallory''s access token carries user_metadata.role = admin.');
select results_eq(
  'select role::text from public.user_roles',
  array['member'],
  'mallory still holds only the member role.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('bad00000-0000-4000-8000-000000000005', 'admin') $$,
  '42501', 'permission denied for table user_roles',
  'mallory cannot insert an admin role for herself.');
select throws_ok(
  $$ update public.user_roles set role = 'admin' where user_id = 'bad00000-0000-4000-8000-000000000005' $$,
  '42501', 'permission denied for table user_roles',
  'mallory cannot upgrade her member role to admin.');
select throws_ok(
  $$ delete from public.user_roles where user_id = 'ad000000-0000-4000-8000-000000000003' $$,
  '42501', 'permission denied for table user_roles',
  'mallory cannot revoke the real admin''s roles.');
select throws_ok('select reseller_price from public.products',
  '42501', 'permission denied for table products',
  'mallory cannot read reseller prices.');
select throws_ok('select id from public.provider_accounts',
  '42501', 'permission denied for table provider_accounts',
  'mallory cannot read provider accounts.');
select results_eq('select id from public.profiles',
  $$ values ('bad00000-0000-4000-8000-000000000005'::uuid) $$,
  'mallory reads her own profile and no other user''s.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_service();

select results_eq(
  'select user_id, role::text from public.user_roles order by user_id, role::text',
  $$ values ('a11ce000-0000-4000-8000-000000000001'::uuid, 'member'),
            ('ad000000-0000-4000-8000-000000000003'::uuid, 'admin'),
            ('ad000000-0000-4000-8000-000000000003'::uuid, 'member'),
            ('b0b00000-0000-4000-8000-000000000002'::uuid, 'member'),
            ('b0b00000-0000-4000-8000-000000000002'::uuid, 'reseller'),
            ('bad00000-0000-4000-8000-000000000005'::uuid, 'member') $$,
  'service_role reads every role, and every refused write above left them as they were.');
select lives_ok(
  $$ insert into public.user_roles (user_id, role, granted_by)
     values ('a11ce000-0000-4000-8000-000000000001', 'reseller', 'ad000000-0000-4000-8000-000000000003') $$,
  'service_role grants a role.');
select is(
  tests.affected_rows($$ update public.user_roles set granted_by = 'ad000000-0000-4000-8000-000000000003'
                         where user_id = 'a11ce000-0000-4000-8000-000000000001' and role = 'member' $$),
  1::bigint,
  'service_role updates a role row.');
select is(
  tests.affected_rows($$ delete from public.user_roles
                         where user_id = 'bad00000-0000-4000-8000-000000000005' and role = 'member' $$),
  1::bigint,
  'service_role revokes a role.');

select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------
-- Constraints, as postgres.

select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('a11ce000-0000-4000-8000-000000000001', 'member') $$,
  '23505', 'duplicate key value violates unique constraint "user_roles_pkey"',
  'A user holds each role at most once.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('b0b00000-0000-4000-8000-000000000002', 'guest') $$,
  '23514', 'new row for relation "user_roles" violates check constraint "user_roles_not_guest"',
  'The guest role is never stored.');
select throws_ok(
  $$ update public.user_roles set role = 'guest' where user_id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '23514', 'new row for relation "user_roles" violates check constraint "user_roles_not_guest"',
  'A stored role cannot be turned into guest.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('b0b00000-0000-4000-8000-000000000002', 'superadmin') $$,
  '22P02', 'invalid input value for enum app_role: "superadmin"',
  'A role outside member, reseller and admin is rejected.');
select results_eq(
  $$ select role::text from public.user_roles where user_id = 'a11ce000-0000-4000-8000-000000000001' order by role $$,
  array['member', 'reseller'],
  'A user may hold several different roles.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('00000000-0000-4000-8000-0000000000ff', 'member') $$,
  '23503', 'insert or update on table "user_roles" violates foreign key constraint "user_roles_user_id_fkey"',
  'A role needs an existing auth user.');

delete from auth.users where id = 'ad000000-0000-4000-8000-000000000003';
select is_empty(
  $$ select role from public.user_roles where user_id = 'ad000000-0000-4000-8000-000000000003' $$,
  'Deleting an auth user deletes their roles.');
select results_eq(
  $$ select granted_by from public.user_roles
     where user_id = 'b0b00000-0000-4000-8000-000000000002' and role = 'reseller' $$,
  array[null::uuid],
  'Deleting the admin who granted a role keeps the role and clears granted_by.');

select * from finish();
rollback;
