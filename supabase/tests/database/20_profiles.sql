-- profiles: a user reads and edits only their own profile, and only display_name and
-- whatsapp; the sign-up trigger and the server create profiles, only the server deletes
-- them. Every cell of {anon, owner, other user, reseller, admin, service_role} ×
-- {select, insert, update, delete} has an assertion below.
begin;
\ir _helpers.psql
select plan(48);

-- Fixture, as postgres. The sign-up trigger (22_new_user_trigger.sql) gives every user a
-- profile and the member role. alice's and bob's profiles are replaced by ones last edited
-- in 2020, so that updated_at can be seen to move; carol's is removed, so she has none yet
-- (the server makes it, as for a user from before the trigger). rita is a reseller, ada
-- an admin.
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');
select tests.create_user('bob@example.com', 'b0b00000-0000-4000-8000-000000000002');
select tests.create_user('ada@example.com', 'ad000000-0000-4000-8000-000000000003');
select tests.create_user('rita@example.com', '5e11e200-0000-4000-8000-000000000004',
  '{"display_name": "Rita"}');
select tests.create_user('carol@example.com', 'ca201000-0000-4000-8000-000000000006');
insert into public.user_roles (user_id, role) values
  ('ad000000-0000-4000-8000-000000000003', 'admin'),
  ('5e11e200-0000-4000-8000-000000000004', 'reseller');
delete from public.profiles where id in ('a11ce000-0000-4000-8000-000000000001',
  'b0b00000-0000-4000-8000-000000000002', 'ca201000-0000-4000-8000-000000000006');
insert into public.profiles (id, display_name, whatsapp, created_at, updated_at) values
  ('a11ce000-0000-4000-8000-000000000001', 'Alice', '+6281234567890', '2020-01-01', '2020-01-01'),
  ('b0b00000-0000-4000-8000-000000000002', 'Bob', null, '2020-01-01', '2020-01-01');

select policies_are('public', 'profiles',
  array['users read their own profile', 'users update their own profile'],
  'profiles has exactly a read and an update policy, both for the profile''s own user.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();

select throws_ok('select id from public.profiles',
  '42501', 'permission denied for table profiles', 'anon cannot read profiles.');
select throws_ok($$ insert into public.profiles (id) values ('ca201000-0000-4000-8000-000000000006') $$,
  '42501', 'permission denied for table profiles', 'anon cannot insert a profile.');
select throws_ok($$ update public.profiles set display_name = 'Anon' $$,
  '42501', 'permission denied for table profiles', 'anon cannot update a profile.');
select throws_ok('delete from public.profiles',
  '42501', 'permission denied for table profiles', 'anon cannot delete a profile.');

-- ---------------------------------------------------------------------------------------
-- alice, the owner.
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');

select results_eq(
  'select id, display_name, whatsapp from public.profiles',
  $$ values ('a11ce000-0000-4000-8000-000000000001'::uuid, 'Alice', '+6281234567890') $$,
  'A user sees her own profile and no one else''s.');
select is_empty(
  $$ select id from public.profiles where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  'A user cannot read another user''s profile even by its id.');
select is(
  tests.affected_rows($$ update public.profiles set display_name = 'Alice Baru', whatsapp = '+6281298765432'
                         where id = 'a11ce000-0000-4000-8000-000000000001' $$),
  1::bigint,
  'A user updates display_name and whatsapp of her own profile.');
select throws_ok(
  $$ update public.profiles set id = 'ca201000-0000-4000-8000-000000000006'
     where id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table profiles',
  'A user cannot change the id of her profile.');
select throws_ok(
  $$ update public.profiles set created_at = now() where id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table profiles',
  'A user cannot change created_at of her profile.');
select throws_ok(
  $$ update public.profiles set updated_at = '2000-01-01' where id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table profiles',
  'A user cannot set updated_at of her profile.');
select throws_ok(
  $$ update public.profiles set whatsapp = '081234567890' where id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_whatsapp_format"',
  'A user cannot save a WhatsApp number that is not in +628... form.');
select is(
  tests.affected_rows($$ update public.profiles set display_name = 'Dibajak'
                         where id = 'b0b00000-0000-4000-8000-000000000002' $$),
  0::bigint,
  'A user''s update of another user''s profile affects 0 rows.');
select throws_ok(
  $$ update public.profiles set created_at = now() where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '42501', 'permission denied for table profiles',
  'A user cannot change created_at of another user''s profile either.');
select is(
  tests.affected_rows($$ update public.profiles set display_name = 'Alice' $$),
  1::bigint,
  'An update without a filter reaches only the user''s own profile.');
select throws_ok(
  $$ insert into public.profiles (id, display_name) values ('ca201000-0000-4000-8000-000000000006', 'Carol?') $$,
  '42501', 'permission denied for table profiles',
  'A user cannot create a profile for someone else.');
select throws_ok(
  $$ insert into public.profiles (id, display_name) values ('a11ce000-0000-4000-8000-000000000001', 'Alice')
     on conflict (id) do update set display_name = excluded.display_name $$,
  '42501', 'permission denied for table profiles',
  'A user cannot upsert her own profile either (no INSERT, so no ON CONFLICT DO UPDATE).');
select throws_ok(
  $$ delete from public.profiles where id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table profiles',
  'A user cannot delete her own profile.');

-- ---------------------------------------------------------------------------------------
-- bob, another user.
select tests.authenticate_as('b0b00000-0000-4000-8000-000000000002');

select results_eq(
  'select id, display_name from public.profiles',
  $$ values ('b0b00000-0000-4000-8000-000000000002'::uuid, 'Bob') $$,
  'Another user sees only his own profile, untouched by alice''s attempt.');
select is_empty(
  $$ select id from public.profiles where id = 'a11ce000-0000-4000-8000-000000000001' $$,
  'Another user cannot read alice''s profile by its id.');
select throws_ok(
  $$ insert into public.profiles (id, display_name) values ('a11ce000-0000-4000-8000-000000000001', 'Alice?')
     on conflict (id) do nothing $$,
  '42501', 'permission denied for table profiles',
  'Another user cannot insert a profile row for alice.');
select is(
  tests.affected_rows($$ update public.profiles set whatsapp = '+6281111111111'
                         where id = 'a11ce000-0000-4000-8000-000000000001' $$),
  0::bigint,
  'Another user''s update of alice''s profile affects 0 rows.');
select throws_ok(
  $$ delete from public.profiles where id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table profiles',
  'Another user cannot delete alice''s profile.');

-- carol has no profile yet: the server makes it, she cannot.
select tests.authenticate_as('ca201000-0000-4000-8000-000000000006');

select throws_ok(
  $$ insert into public.profiles (id, display_name) values ('ca201000-0000-4000-8000-000000000006', 'Carol') $$,
  '42501', 'permission denied for table profiles',
  'A user cannot create her own profile through the API.');

-- ---------------------------------------------------------------------------------------
-- rita, a reseller: the role changes nothing about profiles.
select tests.authenticate_as('5e11e200-0000-4000-8000-000000000004');

select results_eq(
  'select id, display_name from public.profiles',
  $$ values ('5e11e200-0000-4000-8000-000000000004'::uuid, 'Rita') $$,
  'A reseller reads only her own profile.');
select throws_ok(
  $$ insert into public.profiles (id, display_name) values ('ca201000-0000-4000-8000-000000000006', 'Carol') $$,
  '42501', 'permission denied for table profiles',
  'A reseller cannot create a profile.');
select is(
  tests.affected_rows($$ update public.profiles set display_name = 'Reseller'
                         where id = 'a11ce000-0000-4000-8000-000000000001' $$),
  0::bigint,
  'A reseller''s update of another user''s profile affects 0 rows.');
select throws_ok(
  $$ delete from public.profiles where id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table profiles',
  'A reseller cannot delete a profile.');

-- ---------------------------------------------------------------------------------------
-- ada, an admin: admin actions go through the server, not the Data API.
select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');

select results_eq('select id from public.profiles',
  $$ values ('ad000000-0000-4000-8000-000000000003'::uuid) $$,
  'A user with the admin role reads only her own profile through the API, no one else''s.');
select throws_ok(
  $$ insert into public.profiles (id, display_name) values ('ca201000-0000-4000-8000-000000000006', 'Carol') $$,
  '42501', 'permission denied for table profiles',
  'A user with the admin role cannot create a profile through the API.');
select is(
  tests.affected_rows($$ update public.profiles set display_name = 'Admin'
                         where id = 'a11ce000-0000-4000-8000-000000000001' $$),
  0::bigint,
  'A user with the admin role cannot update another user''s profile through the API.');
select throws_ok(
  $$ delete from public.profiles where id = 'a11ce000-0000-4000-8000-000000000001' $$,
  '42501', 'permission denied for table profiles',
  'A user with the admin role cannot delete a profile through the API.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_service();

select results_eq(
  'select id from public.profiles order by id',
  $$ values ('5e11e200-0000-4000-8000-000000000004'::uuid), ('a11ce000-0000-4000-8000-000000000001'::uuid),
            ('ad000000-0000-4000-8000-000000000003'::uuid), ('b0b00000-0000-4000-8000-000000000002'::uuid) $$,
  'service_role reads every profile.');
select lives_ok(
  $$ insert into public.profiles (id, display_name) values ('ca201000-0000-4000-8000-000000000006', 'Carol') $$,
  'service_role creates a profile.');
select is(
  tests.affected_rows($$ update public.profiles set whatsapp = '+6281311112222'
                         where id = 'b0b00000-0000-4000-8000-000000000002' $$),
  1::bigint,
  'service_role updates any profile.');
select is(
  tests.affected_rows($$ delete from public.profiles where id = 'ca201000-0000-4000-8000-000000000006' $$),
  1::bigint,
  'service_role deletes a profile.');

select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------
-- What was stored, and the constraints, as postgres.

select results_eq(
  $$ select display_name, whatsapp, created_at = '2020-01-01', updated_at > '2020-01-01'
     from public.profiles where id = 'a11ce000-0000-4000-8000-000000000001' $$,
  $$ values ('Alice', '+6281298765432', true, true) $$,
  'alice''s own edits were stored, created_at kept and updated_at moved by the trigger.');
select results_eq(
  $$ select id, display_name, created_at = '2020-01-01' from public.profiles
     where id in ('b0b00000-0000-4000-8000-000000000002', '5e11e200-0000-4000-8000-000000000004',
                  'ad000000-0000-4000-8000-000000000003')
     order by id $$,
  $$ values ('5e11e200-0000-4000-8000-000000000004'::uuid, 'Rita', false),
            ('ad000000-0000-4000-8000-000000000003'::uuid, null, false),
            ('b0b00000-0000-4000-8000-000000000002'::uuid, 'Bob', true) $$,
  'The other users'' profiles kept their names through every refused attempt (bob''s number only by the server).');

select throws_ok(
  $$ update public.profiles set whatsapp = '+62 812 3456 7890' where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_whatsapp_format"',
  'A WhatsApp number with spaces is rejected.');
select throws_ok(
  $$ update public.profiles set whatsapp = '+62215551234' where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_whatsapp_format"',
  'A landline number (+6221...) is rejected; WhatsApp numbers are mobile (+628...).');
select throws_ok(
  $$ update public.profiles set whatsapp = '+628123456' where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_whatsapp_format"',
  'A number with fewer than 7 digits after +628 is rejected.');
select throws_ok(
  $$ update public.profiles set whatsapp = '+6281234567890123' where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_whatsapp_format"',
  'A number with more than 12 digits after +628 is rejected.');
select lives_ok(
  $$ update public.profiles set whatsapp = '+6281234567' where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  'The shortest valid number, +628 and 7 digits, is accepted.');
select lives_ok(
  $$ update public.profiles set whatsapp = '+628123456789012' where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  'The longest valid number, +628 and 12 digits, is accepted.');
select throws_ok(
  $$ update public.profiles set display_name = '   ' where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_display_name_length"',
  'A blank display name is rejected (no name is null).');
select throws_ok(
  $$ update public.profiles set display_name = repeat('x', 81) where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_display_name_length"',
  'A display name longer than 80 characters is rejected.');
select throws_ok(
  $$ insert into public.profiles (id) values ('00000000-0000-4000-8000-0000000000ff') $$,
  '23503', 'insert or update on table "profiles" violates foreign key constraint "profiles_id_fkey"',
  'A profile needs an existing auth user.');

delete from auth.users where id = 'b0b00000-0000-4000-8000-000000000002';
select is_empty(
  $$ select id from public.profiles where id = 'b0b00000-0000-4000-8000-000000000002' $$,
  'Deleting an auth user deletes their profile.');

select * from finish();
rollback;
