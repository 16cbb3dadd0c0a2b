-- payments and tokopay_webhooks: the server's alone. No API role but service_role reads or
-- writes either, not even the member whose order a payment belongs to. Every cell of
-- {anon, owner, other member, admin, reseller, service_role} × {select, insert, update,
-- delete} has an assertion for each table, followed by their constraints.
begin;
\ir _helpers.psql
select plan(79);

-- Fixture, as postgres.
select tests.create_matrix_users();

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'STOCK', 'netflix', 'Netflix', 50000, 45000);

-- alice's order (1), rita's (2), and a guest's (3) for the constraint tests.
insert into public.orders
  (id, number, user_id, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
   quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at)
select o.id::uuid, o.number, o.user_id::uuid, 'Budi', o.email, '+6281234567890',
       '20000000-0000-4000-8000-000000000001', 'STOCK', 'Netflix', 1, 50000, 50000, 'retail',
       extensions.digest(o.number, 'sha256'), '\x01', now() + interval '15 minutes'
from (values
  ('60000000-0000-4000-8000-000000000001', 'RP-261126-ALICE1', 'a11ce000-0000-4000-8000-000000000001', 'alice@example.com'),
  ('60000000-0000-4000-8000-000000000002', 'RP-261126-R1TA02', '5e11e200-0000-4000-8000-000000000004', 'rita@example.com'),
  ('60000000-0000-4000-8000-000000000003', 'RP-261126-GUEST3', null, 'budi@example.com')
) as o (id, number, user_id, email);

-- A pending payment (QRIS shown) as JSON, which a test overrides key by key.
create function tests.payment_json(p_overrides jsonb default '{}'::jsonb)
returns jsonb
language sql
as $$
  select jsonb_build_object(
    'id', gen_random_uuid(),
    'order_id', '60000000-0000-4000-8000-000000000003',
    'attempt', 1,
    'reff_id', 'RP261126GUEST3-1',
    'channel', 'QRIS',
    'amount', 50000,
    'trx_id', 'TP' || upper(substr(md5(random()::text), 1, 12)),
    'total_bayar', 50350,
    'total_diterima', 50000,
    'qr_string', '000201010212',
    'pay_url', 'https://pay.tokopay.id/x',
    'expires_at', now() + interval '15 minutes',
    'status', 'pending',
    'paid_at', null,
    'create_response', '{}'::jsonb,
    'failure_reason', null,
    'created_at', now(),
    'updated_at', now(),
    'reconcile_at', now() + interval '1 minute',
    'reconcile_checks', 0
  ) || p_overrides;
$$;

create function tests.insert_payment(p_overrides jsonb default '{}'::jsonb)
returns uuid
language sql
as $$
  insert into public.payments
  select * from jsonb_populate_record(null::public.payments, tests.payment_json(p_overrides))
  returning id;
$$;

select tests.insert_payment(jsonb_build_object(
  'id', '70000000-0000-4000-8000-000000000001', 'order_id', '60000000-0000-4000-8000-000000000001',
  'reff_id', 'RP261126ALICE1-1', 'trx_id', 'TPALICE1'));
select tests.insert_payment(jsonb_build_object(
  'id', '70000000-0000-4000-8000-000000000002', 'order_id', '60000000-0000-4000-8000-000000000002',
  'reff_id', 'RP261126R1TA02-1', 'trx_id', 'TPR1TA02'));
insert into public.tokopay_webhooks (remote_addr, headers, body, reff_id, payment_id) values
  ('178.128.104.179', '{"content-type": "application/json"}', '{"status": "Success"}', 'RP261126ALICE1-1',
   '70000000-0000-4000-8000-000000000001');

select policies_are('public', 'payments', array['no api access to payments'],
  'payments has exactly one policy, the restrictive one that shuts the API roles out.');
select policies_are('public', 'tokopay_webhooks', array['no api access to tokopay webhooks'],
  'tokopay_webhooks has exactly one policy, the restrictive one that shuts the API roles out.');

create temporary table attempts (tbl text, op text, sql text not null, primary key (tbl, op));
insert into attempts values
  ('payments', 'select', 'select id, status from public.payments'),
  ('payments', 'insert', $$ insert into public.payments (order_id, attempt, reff_id, channel, amount, expires_at)
                            values ('60000000-0000-4000-8000-000000000001', 2, 'RP261126ALICE1-2', 'QRIS', 50000,
                                    now() + interval '15 minutes') $$),
  ('payments', 'update', $$ update public.payments set status = 'paid', paid_at = now()
                            where id = '70000000-0000-4000-8000-000000000001' $$),
  ('payments', 'delete', $$ delete from public.payments where id = '70000000-0000-4000-8000-000000000001' $$),
  ('tokopay_webhooks', 'select', 'select reff_id, body from public.tokopay_webhooks'),
  ('tokopay_webhooks', 'insert', $$ insert into public.tokopay_webhooks (body, reff_id)
                                    values ('{"status": "Success"}', 'RP261126ALICE1-2') $$),
  ('tokopay_webhooks', 'update', $$ update public.tokopay_webhooks set outcome = 'paid' $$),
  ('tokopay_webhooks', 'delete', 'delete from public.tokopay_webhooks');
grant select on attempts to anon, authenticated, service_role;

-- Every API role but service_role meets "permission denied" for every statement.
create function tests.denied(p_who text)
returns setof text
language plpgsql
as $$
declare
  a record;
begin
  for a in select * from pg_temp.attempts order by tbl, op loop
    return next throws_ok(a.sql, '42501', format('permission denied for table %s', a.tbl),
      format('%s cannot %s %s.', p_who, a.op, a.tbl));
  end loop;
end;
$$;
grant execute on function tests.denied(text) to anon, authenticated;

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();
select * from tests.denied('anon');

select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');
select * from tests.denied('A member, even for her own order''s payment,');

select tests.authenticate_as('b0b00000-0000-4000-8000-000000000002');
select * from tests.denied('Another member');

select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');
select * from tests.denied('A user with the admin role');

select tests.authenticate_as('5e11e200-0000-4000-8000-000000000004');
select * from tests.denied('A reseller, even for her own order''s payment,');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_service();

select results_eq((select sql from attempts where tbl = 'payments' and op = 'select') || ' order by id',
  $$ values ('70000000-0000-4000-8000-000000000001'::uuid, 'pending'::public.payment_status),
            ('70000000-0000-4000-8000-000000000002'::uuid, 'pending'::public.payment_status) $$,
  'service_role reads every payment.');
select is(
  tests.affected_rows($$ update public.payments set status = 'expired' where id = '70000000-0000-4000-8000-000000000001' $$),
  1::bigint, 'service_role updates a payment.');
select lives_ok((select sql from attempts where tbl = 'payments' and op = 'insert'),
  'service_role inserts a payment (a new attempt after the first expired).');
select is(
  tests.affected_rows($$ delete from public.payments where reff_id = 'RP261126ALICE1-2' $$),
  1::bigint, 'service_role deletes a payment.');

select results_eq((select sql from attempts where tbl = 'tokopay_webhooks' and op = 'select'),
  $$ values ('RP261126ALICE1-1', convert_to('{"status": "Success"}', 'UTF8')) $$,
  'service_role reads the webhook log.');
select lives_ok((select sql from attempts where tbl = 'tokopay_webhooks' and op = 'insert'),
  'service_role records a webhook call.');
select is(
  tests.affected_rows($$ update public.tokopay_webhooks set outcome = 'duplicate', handled_at = now() where reff_id = 'RP261126ALICE1-2' $$),
  1::bigint, 'service_role records what it did with a webhook call.');
select is(tests.affected_rows($$ delete from public.tokopay_webhooks where reff_id = 'RP261126ALICE1-2' $$),
  1::bigint, 'service_role deletes a webhook call.');

select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------
-- Payments: defaults and constraints, as postgres. Order 3 has no payment yet.

select lives_ok(
  $$ insert into public.payments (id, order_id, attempt, reff_id, channel, amount, expires_at)
     values ('70000000-0000-4000-8000-000000000003', '60000000-0000-4000-8000-000000000003', 1,
             'RP261126GUEST3-1', 'QRIS', 50000, now() + interval '15 minutes') $$,
  'A payment attempt is inserted before Tokopay answers, without trx_id or QR string.');
select is((select status::text from public.payments where id = '70000000-0000-4000-8000-000000000003'),
  'creating', 'A new payment starts out creating.');

select throws_ok(
  $$ select tests.insert_payment('{"order_id": "60000000-0000-4000-8000-000000000003", "attempt": 2, "reff_id": "RP261126GUEST3-2"}') $$,
  '23505', 'duplicate key value violates unique constraint "payments_one_live_per_order"',
  'An order cannot have a second live payment while one is creating.');
update public.payments
set status = 'pending', trx_id = 'TPGUEST3', total_bayar = 50350, total_diterima = 50000, qr_string = '000201'
where id = '70000000-0000-4000-8000-000000000003';
select throws_ok(
  $$ select tests.insert_payment('{"order_id": "60000000-0000-4000-8000-000000000003", "attempt": 2, "reff_id": "RP261126GUEST3-2", "status": "creating"}') $$,
  '23505', 'duplicate key value violates unique constraint "payments_one_live_per_order"',
  'An order cannot have a second live payment while one is pending.');
update public.payments set status = 'paid', paid_at = now() where id = '70000000-0000-4000-8000-000000000003';
select throws_ok(
  $$ select tests.insert_payment('{"order_id": "60000000-0000-4000-8000-000000000003", "attempt": 2, "reff_id": "RP261126GUEST3-2"}') $$,
  '23505', 'duplicate key value violates unique constraint "payments_one_live_per_order"',
  'An order cannot have a second live payment once one is paid.');
update public.payments set status = 'expired', paid_at = null where id = '70000000-0000-4000-8000-000000000003';
select lives_ok(
  $$ select tests.insert_payment('{"order_id": "60000000-0000-4000-8000-000000000003", "attempt": 2, "reff_id": "RP261126GUEST3-2", "status": "failed", "trx_id": null}') $$,
  'A failed attempt may sit next to an expired one.');
select lives_ok(
  $$ select tests.insert_payment('{"order_id": "60000000-0000-4000-8000-000000000003", "attempt": 3, "reff_id": "RP261126GUEST3-3"}') $$,
  'A new live attempt is allowed once the earlier ones expired or failed.');

select throws_ok(
  $$ select tests.insert_payment('{"order_id": "60000000-0000-4000-8000-000000000003", "attempt": 3, "reff_id": "RP261126GUEST3-9", "status": "failed"}') $$,
  '23505', 'duplicate key value violates unique constraint "payments_attempt_unique"',
  'Two payments of one order cannot share an attempt number.');
select throws_ok(
  $$ select tests.insert_payment('{"attempt": 0, "reff_id": "RP261126GUEST3-0", "status": "failed"}') $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_attempt_positive"',
  'An attempt number below 1 is rejected.');
select throws_ok(
  $$ select tests.insert_payment('{"attempt": 9, "reff_id": "RP261126GUEST3-1", "status": "failed"}') $$,
  '23505', 'duplicate key value violates unique constraint "payments_reff_id_key"',
  'Two payments cannot share a reff_id.');
select throws_ok(
  $$ select tests.insert_payment('{"attempt": 9, "reff_id": "rp261126guest3-9", "status": "failed"}') $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_reff_id_format"',
  'A reff_id with lower-case letters is rejected.');
select throws_ok(
  $$ select tests.insert_payment('{"attempt": 9, "reff_id": "RP261126_GUEST3-9", "status": "failed"}') $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_reff_id_format"',
  'A reff_id with an underscore is rejected.');
select throws_ok(
  $$ select tests.insert_payment(jsonb_build_object('attempt', 9, 'reff_id', repeat('A', 41), 'status', 'failed')) $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_reff_id_format"',
  'A reff_id longer than 40 characters is rejected.');
select throws_ok(
  $$ select tests.insert_payment('{"attempt": 9, "reff_id": "RP261126GUEST3-9", "status": "failed", "channel": "OVO"}') $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_channel_known"',
  'A channel other than QRIS or QRISREALTIME is rejected.');
select throws_ok(
  $$ select tests.insert_payment('{"attempt": 9, "reff_id": "RP261126GUEST3-9", "status": "failed", "amount": 0}') $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_amount_positive"',
  'An amount of 0 is rejected.');
select throws_ok(
  $$ select tests.insert_payment('{"attempt": 9, "reff_id": "RP261126GUEST3-9", "status": "failed", "trx_id": "TPGUEST3"}') $$,
  '23505', 'duplicate key value violates unique constraint "payments_trx_id_key"',
  'Two payments cannot share a Tokopay trx_id.');

-- The invoice columns: pending and paid payments have all four.
select throws_ok(
  $$ select tests.insert_payment('{"order_id": "60000000-0000-4000-8000-000000000001", "attempt": 9, "reff_id": "RP261126ALICE1-9", "trx_id": null}') $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_pending_has_invoice"',
  'A pending payment without trx_id is rejected.');
select throws_ok(
  $$ select tests.insert_payment('{"order_id": "60000000-0000-4000-8000-000000000001", "attempt": 9, "reff_id": "RP261126ALICE1-9", "qr_string": null}') $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_pending_has_invoice"',
  'A pending payment without a QR string is rejected.');
select throws_ok(
  $$ select tests.insert_payment('{"order_id": "60000000-0000-4000-8000-000000000001", "attempt": 9, "reff_id": "RP261126ALICE1-9", "total_bayar": null}') $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_pending_has_invoice"',
  'A pending payment without total_bayar is rejected.');
select throws_ok(
  $$ select tests.insert_payment(jsonb_build_object('order_id', '60000000-0000-4000-8000-000000000001', 'attempt', 9,
       'reff_id', 'RP261126ALICE1-9', 'status', 'paid', 'paid_at', now(), 'total_diterima', null)) $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_pending_has_invoice"',
  'A paid payment without total_diterima is rejected.');
select lives_ok(
  $$ select tests.insert_payment('{"order_id": "60000000-0000-4000-8000-000000000001", "attempt": 9, "reff_id": "RP261126ALICE1-9", "status": "failed", "trx_id": null, "total_bayar": null, "total_diterima": null, "qr_string": null, "failure_reason": "timeout"}') $$,
  'A failed attempt (Tokopay never created it) needs no invoice.');

select throws_ok(
  $$ update public.payments set status = 'paid' where id = '70000000-0000-4000-8000-000000000002' $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_paid_at_consistent"',
  'A paid payment without paid_at is rejected.');
select throws_ok(
  $$ update public.payments set paid_at = now() where id = '70000000-0000-4000-8000-000000000002' $$,
  '23514', 'new row for relation "payments" violates check constraint "payments_paid_at_consistent"',
  'A payment that is not paid cannot have paid_at.');
select throws_ok(
  $$ delete from public.orders where id = '60000000-0000-4000-8000-000000000002' $$,
  '23503', 'update or delete on table "orders" violates foreign key constraint "payments_order_id_fkey" on table "payments"',
  'An order that has payments cannot be deleted.');

-- ---------------------------------------------------------------------------------------
-- tokopay_webhooks, as postgres.

select results_eq(
  $$ select outcome, handled_at, received_at from public.tokopay_webhooks where reff_id = 'RP261126ALICE1-1' $$,
  $$ values ('received', null::timestamptz, now()) $$,
  'A webhook call is recorded as received, not yet handled, at the time it came.');
select lives_ok(
  $$ insert into public.tokopay_webhooks (headers, body) values ('{}', 'not json at all') $$,
  'A webhook call whose body is not JSON, with no reff_id or payment, is still recorded.');
select throws_ok(
  $$ insert into public.tokopay_webhooks (body, outcome) values ('{}', 'accepted') $$,
  '23514', 'new row for relation "tokopay_webhooks" violates check constraint "tokopay_webhooks_outcome_known"',
  'An unknown outcome is rejected.');
select throws_ok(
  $$ insert into public.tokopay_webhooks (id, body) values (99, '{}') $$,
  '428C9', null,
  'A webhook call''s id is generated, never supplied.');
select throws_ok(
  $$ delete from public.payments where id = '70000000-0000-4000-8000-000000000001' $$,
  '23503', 'update or delete on table "payments" violates foreign key constraint "tokopay_webhooks_payment_id_fkey" on table "tokopay_webhooks"',
  'A payment that a webhook call refers to cannot be deleted.');

select * from finish();
rollback;
