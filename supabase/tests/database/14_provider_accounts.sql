-- provider_accounts: the pool of team accounts INVITE orders are fulfilled from, with
-- encrypted credentials, quotas, seats and cooldowns. Server only.
begin;
\ir _helpers.psql
select plan(32);

-- Fixture, as postgres.
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');
select tests.create_user('ada@example.com', 'ad000000-0000-4000-8000-000000000003');
-- Every user gets the member role from the sign-up trigger (22_new_user_trigger.sql).
insert into public.user_roles (user_id, role) values
  ('ad000000-0000-4000-8000-000000000003', 'admin');

insert into public.providers (id, slug, name, adapter) values
  ('30000000-0000-4000-8000-000000000001', 'chatgpt', 'ChatGPT', 'manual'),
  ('30000000-0000-4000-8000-000000000002', 'canva', 'Canva', 'http');
insert into public.provider_accounts
  (id, provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity, seats_used)
values
  ('50000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', 'team', 'tim-1',
   '\x01'::bytea, 10, 5, 1);

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();

select throws_ok('select id from public.provider_accounts',
  '42501', 'permission denied for table provider_accounts', 'anon cannot read provider accounts.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'tim-2', '\x02', 10, 5) $$,
  '42501', 'permission denied for table provider_accounts', 'anon cannot insert a provider account.');
select throws_ok('update public.provider_accounts set seats_used = 0',
  '42501', 'permission denied for table provider_accounts', 'anon cannot update a provider account.');
select throws_ok('delete from public.provider_accounts',
  '42501', 'permission denied for table provider_accounts', 'anon cannot delete a provider account.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');

select throws_ok('select id from public.provider_accounts',
  '42501', 'permission denied for table provider_accounts', 'A signed-in member cannot read provider accounts.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'tim-2', '\x02', 10, 5) $$,
  '42501', 'permission denied for table provider_accounts', 'A signed-in member cannot insert a provider account.');
select throws_ok('update public.provider_accounts set seats_used = 0',
  '42501', 'permission denied for table provider_accounts', 'A signed-in member cannot update a provider account.');
select throws_ok('delete from public.provider_accounts',
  '42501', 'permission denied for table provider_accounts', 'A signed-in member cannot delete a provider account.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');

select throws_ok('select id from public.provider_accounts',
  '42501', 'permission denied for table provider_accounts',
  'A user with the admin role cannot read provider accounts through the API.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'tim-2', '\x02', 10, 5) $$,
  '42501', 'permission denied for table provider_accounts',
  'A user with the admin role cannot insert a provider account through the API.');
select throws_ok('update public.provider_accounts set seats_used = 0',
  '42501', 'permission denied for table provider_accounts',
  'A user with the admin role cannot update a provider account through the API.');
select throws_ok('delete from public.provider_accounts',
  '42501', 'permission denied for table provider_accounts',
  'A user with the admin role cannot delete a provider account through the API.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_service();

select results_eq(
  'select id, credentials_ciphertext from public.provider_accounts',
  $$ values ('50000000-0000-4000-8000-000000000001'::uuid, '\x01'::bytea) $$,
  'service_role reads provider accounts with their encrypted credentials.');
select lives_ok(
  $$ insert into public.provider_accounts
       (id, provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
     values ('50000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000001',
             'team', 'tim-2', '\x02', 10, 5) $$,
  'service_role inserts a provider account.');
select is(
  tests.affected_rows($$ update public.provider_accounts
                         set seats_used = seats_used + 1, quota_used = quota_used + 1, last_used_at = now()
                         where id = '50000000-0000-4000-8000-000000000001' and seats_used < seat_capacity $$),
  1::bigint,
  'service_role takes a seat and a unit of quota from an account.');
select is(
  tests.affected_rows($$ delete from public.provider_accounts where id = '50000000-0000-4000-8000-000000000002' $$),
  1::bigint,
  'service_role deletes a provider account.');

select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------
-- Defaults and constraints, as postgres.

select results_eq(
  $$ select status::text, quota_used, seats_used, consecutive_failures, quota_day
     from public.provider_accounts where id = '50000000-0000-4000-8000-000000000001' $$,
  $$ values ('active', 1, 2, 0, (now() at time zone 'Asia/Jakarta')::date) $$,
  'An account starts active with no failures, and counts its quota on today''s WIB date.');

select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity, seats_used)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'penuh-lebih', '\x03', 10, 5, 6) $$,
  '23514', 'new row for relation "provider_accounts" violates check constraint "provider_accounts_seats_used_range"',
  'An account cannot be stored with more seats used than it has.');
select throws_ok(
  $$ update public.provider_accounts set seats_used = seat_capacity + 1
     where id = '50000000-0000-4000-8000-000000000001' $$,
  '23514', 'new row for relation "provider_accounts" violates check constraint "provider_accounts_seats_used_range"',
  'Taking a seat beyond seat_capacity is rejected.');
select throws_ok(
  $$ update public.provider_accounts set seat_capacity = 1
     where id = '50000000-0000-4000-8000-000000000001' $$,
  '23514', 'new row for relation "provider_accounts" violates check constraint "provider_accounts_seats_used_range"',
  'seat_capacity cannot shrink below the seats already used.');
select lives_ok(
  $$ update public.provider_accounts set seats_used = seat_capacity
     where id = '50000000-0000-4000-8000-000000000001' $$,
  'An account may use every one of its seats.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity, seats_used)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'minus', '\x03', 10, 5, -1) $$,
  '23514', 'new row for relation "provider_accounts" violates check constraint "provider_accounts_seats_used_range"',
  'seats_used cannot be negative.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'tanpa-kursi', '\x03', 10, 0) $$,
  '23514', 'new row for relation "provider_accounts" violates check constraint "provider_accounts_seat_capacity_positive"',
  'seat_capacity must be positive.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'tanpa-kuota', '\x03', 0, 5) $$,
  '23514', 'new row for relation "provider_accounts" violates check constraint "provider_accounts_daily_quota_positive"',
  'daily_quota must be positive.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity, quota_used)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'kuota-minus', '\x03', 10, 5, -1) $$,
  '23514', 'new row for relation "provider_accounts" violates check constraint "provider_accounts_quota_used_nonnegative"',
  'quota_used cannot be negative.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity, consecutive_failures)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'gagal-minus', '\x03', 10, 5, -1) $$,
  '23514', 'new row for relation "provider_accounts" violates check constraint "provider_accounts_failures_nonnegative"',
  'consecutive_failures cannot be negative.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'tanpa-kredensial', '', 10, 5) $$,
  '23514', 'new row for relation "provider_accounts" violates check constraint "provider_accounts_credentials_present"',
  'Empty credentials are rejected.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
     values ('30000000-0000-4000-8000-000000000001', ' ', 'tanpa-plan', '\x03', 10, 5) $$,
  '23514', 'new row for relation "provider_accounts" violates check constraint "provider_accounts_plan_length"',
  'A blank plan is rejected.');
select throws_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
     values ('30000000-0000-4000-8000-000000000001', 'team', 'tim-1', '\x03', 10, 5) $$,
  '23505', 'duplicate key value violates unique constraint "provider_accounts_unique_label"',
  'Two accounts of one provider cannot share a label.');
select lives_ok(
  $$ insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
     values ('30000000-0000-4000-8000-000000000002', 'pro', 'tim-1', '\x03', 10, 5) $$,
  'Accounts of different providers may share a label.');
select throws_ok(
  $$ update public.provider_accounts set status = 'banned' where id = '50000000-0000-4000-8000-000000000001' $$,
  '22P02', 'invalid input value for enum provider_account_status: "banned"',
  'An account status other than active, disabled or parked is rejected.');
select throws_ok(
  $$ delete from public.providers where id = '30000000-0000-4000-8000-000000000001' $$,
  '23503', 'update or delete on table "providers" violates foreign key constraint "provider_accounts_provider_id_fkey" on table "provider_accounts"',
  'A provider that still has accounts cannot be deleted.');

select * from finish();
rollback;
