-- private.lock_buyer_and_count_unpaid, called by the checkout as the server does
-- (connected as postgres): takes one transaction-scoped advisory lock per key (email,
-- account, IP address) and counts the unpaid orders of the buyer (same email or same
-- account) and, separately, of the IP address, which has its own cap.
begin;
\ir _helpers.psql
select plan(19);

-- Fixture, as postgres.
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');
select tests.create_user('bob@example.com', 'b0b00000-0000-4000-8000-000000000002');

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'STOCK', 'netflix', 'Netflix', 50000, 45000);

-- Orders as (number suffix, user, email, ip, status). alice (alice@example.com, account
-- a11ce…, 203.0.113.1) has an unpaid order by her email only, one by her account only,
-- one by both her email and her IP address, and paid, delivered, expired and cancelled
-- ones; a guest has an unpaid order from alice's IP address; bob has his own two.
insert into public.orders
  (number, user_id, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
   quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, client_ip,
   expires_at, status, paid_at)
select 'RP-261126-' || o.suffix, o.user_id::uuid, 'Budi', o.email, '+6281234567890',
       '20000000-0000-4000-8000-000000000001', 'STOCK', 'Netflix', 1, 50000, 50000, 'retail',
       extensions.digest(o.suffix, 'sha256'), '\x01', o.ip::inet, now() + interval '15 minutes',
       o.status::public.order_status, case when o.status in ('paid', 'delivered') then now() end
from (values
  ('EMAIL1', null, 'alice@example.com', '198.51.100.1', 'awaiting_payment'),
  ('USER01', 'a11ce000-0000-4000-8000-000000000001', 'alice.lain@example.com', '198.51.100.2', 'awaiting_payment'),
  ('BOTH01', null, 'alice@example.com', '203.0.113.1', 'awaiting_payment'),
  ('IP0001', null, 'tamu@example.com', '203.0.113.1', 'awaiting_payment'),
  ('PAID01', 'a11ce000-0000-4000-8000-000000000001', 'alice@example.com', '203.0.113.1', 'paid'),
  ('DONE01', 'a11ce000-0000-4000-8000-000000000001', 'alice@example.com', '203.0.113.1', 'delivered'),
  ('EXPIR1', 'a11ce000-0000-4000-8000-000000000001', 'alice@example.com', '203.0.113.1', 'expired'),
  ('CANCL1', 'a11ce000-0000-4000-8000-000000000001', 'alice@example.com', '203.0.113.1', 'cancelled'),
  ('B0B001', 'b0b00000-0000-4000-8000-000000000002', 'bob@example.com', '198.51.100.9', 'awaiting_payment'),
  ('B0B002', 'b0b00000-0000-4000-8000-000000000002', 'bob@example.com', null, 'awaiting_payment')
) as o (suffix, user_id, email, ip, status);

create function tests.my_advisory_locks()
returns integer
language sql
as $$ select count(*)::int from pg_catalog.pg_locks where locktype = 'advisory' and pid = pg_catalog.pg_backend_pid(); $$;

-- The counts for a buyer, as "by_buyer/by_ip".
create function tests.counts(p_email text, p_user_id uuid, p_ip inet)
returns text
language sql
as $$ select by_buyer || '/' || by_ip from private.lock_buyer_and_count_unpaid(p_email, p_user_id, p_ip); $$;

select is(tests.my_advisory_locks(), 0, 'Fixture: no advisory lock is held yet.');
select results_eq(
  $$ select * from private.lock_buyer_and_count_unpaid('alice@example.com', 'a11ce000-0000-4000-8000-000000000001', '203.0.113.1') $$,
  $$ values (3, 2) $$,
  'lock_buyer_and_count_unpaid returns one row: the buyer''s unpaid orders (by email or account, each once) and the IP address''s; paid, delivered, expired and cancelled ones are not counted.');
select is(tests.my_advisory_locks(), 3, 'One advisory lock is taken per key (email, account, IP address).');
select results_eq(
  $$ select count(*)::int from pg_catalog.pg_locks
     where locktype = 'advisory' and pid = pg_catalog.pg_backend_pid() and mode = 'ExclusiveLock' and granted $$,
  $$ values (3) $$,
  'They are exclusive locks, held until the transaction ends.');

select is(tests.counts('alice@example.com', null, null), '2/0',
  'By email alone: the orders with that email, and no IP count without an address.');
select is(tests.counts('nobody@example.com', 'a11ce000-0000-4000-8000-000000000001', null), '1/0',
  'By account alone: only the order linked to that account.');
select is(tests.counts('nobody@example.com', null, '203.0.113.1'), '0/2',
  'By IP address alone: the buyer has none, the address has two (a guest''s among them).');
select is(tests.my_advisory_locks(), 4,
  'The same keys map to the same locks; only the new email took a new one.');
select is(tests.counts('nobody@example.com', null, null), '0/0',
  'A buyer matching nothing has no unpaid orders.');
select is(tests.counts('bob@example.com', 'b0b00000-0000-4000-8000-000000000002', '198.51.100.9'), '2/1',
  'Another buyer counts only his own unpaid orders and his own address''s.');
select is(tests.counts('tamu@example.com', 'b0b00000-0000-4000-8000-000000000002', '203.0.113.1'), '3/2',
  'Email and account add up: the guest''s order and bob''s two.');
select is(tests.counts('ALICE@example.com', null, null), '0/0',
  'The email is compared exactly (the server passes it lower-cased, as stored).');
select is(tests.counts('x@example.com', null, '198.51.100.0/24'), '0/0',
  'A network is not an address: only the exact IP address matches.');
select is(tests.counts('x@example.com', null, '198.51.100.1'), '0/1',
  'Any unpaid order from the address counts for it, whoever placed it.');

update public.orders set status = 'paid', paid_at = now() where number = 'RP-261126-BOTH01';
select is(tests.counts('alice@example.com', 'a11ce000-0000-4000-8000-000000000001', '203.0.113.1'), '2/1',
  'Once an order is paid it counts neither for the buyer nor for the address.');

-- Who may call it: the server only.
select tests.authenticate_anon();
select throws_ok($$ select * from private.lock_buyer_and_count_unpaid('alice@example.com', null, null) $$,
  '42501', 'permission denied for function lock_buyer_and_count_unpaid', 'anon cannot call lock_buyer_and_count_unpaid.');
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');
select throws_ok($$ select * from private.lock_buyer_and_count_unpaid('alice@example.com', null, null) $$,
  '42501', 'permission denied for function lock_buyer_and_count_unpaid', 'A signed-in user cannot call lock_buyer_and_count_unpaid.');
select tests.authenticate_service();
select results_eq($$ select * from private.lock_buyer_and_count_unpaid('bob@example.com', null, '198.51.100.9') $$,
  $$ values (2, 1) $$,
  'service_role can call lock_buyer_and_count_unpaid.');
select tests.clear_authentication();
select is(tests.my_advisory_locks(), 12,
  'No call released a lock: all 12 distinct keys used in this transaction are still locked.');

select * from finish();
rollback;
