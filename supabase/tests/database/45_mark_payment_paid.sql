-- private.mark_payment_paid, called as the webhook does (connected as postgres) once
-- Tokopay confirmed the payment: pending → 'paid' once, a repeat → 'duplicate' changing
-- nothing; a payment of an expired order → 'late_paid' if what it needs can be reserved
-- again, else 'needs_attention' with the payment kept as paid.
begin;
\ir _helpers.psql
select plan(47);

-- Fixture, as postgres.
select tests.create_user('alice@example.com', 'a11ce000-0000-4000-8000-000000000001');

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.providers (id, slug, name, adapter) values
  ('30000000-0000-4000-8000-000000000001', 'chatgpt', 'ChatGPT', 'manual');
insert into public.products
  (id, category_id, type, slug, name, retail_price, reseller_price, provider_id, provider_plan, input_schema)
select ('20000000-0000-4000-8000-00000000000' || p.n)::uuid, '10000000-0000-4000-8000-000000000001',
       p.type::public.product_type, p.slug, initcap(p.slug), 50000, 45000,
       case when p.type = 'INVITE' then '30000000-0000-4000-8000-000000000001'::uuid end, p.plan,
       case when p.type = 'INVITE' then '[{"key": "invite_email", "type": "email", "required": true}]' else '[]' end::jsonb
from (values
  ('1', 'STOCK', 'netflix', null, 3),
  ('2', 'STOCK', 'spotify', null, 1),
  ('3', 'STOCK', 'disney', null, 1),
  ('4', 'STOCK', 'youtube', null, 2),
  ('5', 'INVITE', 'chatgpt-team', 'team', 0),
  ('6', 'INVITE', 'chatgpt-solo', 'solo', 0)
) as p (n, type, slug, plan, items);
insert into public.stock_items (product_id, secret_ciphertext, fingerprint, created_at)
select p.id::uuid, '\x01', extensions.digest(p.id || n, 'sha256'), now() - make_interval(mins => n)
from (values ('20000000-0000-4000-8000-000000000001', 3), ('20000000-0000-4000-8000-000000000002', 1),
             ('20000000-0000-4000-8000-000000000003', 1), ('20000000-0000-4000-8000-000000000004', 2)) as p (id, items),
     generate_series(1, p.items) as n;
-- One seat on each plan.
insert into public.provider_accounts
  (id, provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
values
  ('50000000-0000-4000-8000-000000000005', '30000000-0000-4000-8000-000000000001', 'team', 'tim-1', '\x01', 10, 1),
  ('50000000-0000-4000-8000-000000000006', '30000000-0000-4000-8000-000000000001', 'solo', 'solo-1', '\x01', 10, 1);

-- A checkout as the API does it: the order, its reservation and, once Tokopay answered, a
-- pending payment whose id is the order's with 7 for 6. The invoice is due at now() + p_due.
create function tests.checkout(p_id uuid, p_product_id uuid, p_quantity integer, p_due interval)
returns boolean
language plpgsql
as $$
declare
  v_reserved boolean;
begin
  insert into public.orders
    (id, number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
     quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at)
  select p_id, 'RP-261126-' || upper(left(md5(p_id::text), 6)), 'Budi', 'budi@example.com', '+6281234567890',
         p.id, p.type, p.name, p_quantity, p.retail_price, p.retail_price * p_quantity, 'retail',
         extensions.digest(p_id::text, 'sha256'), '\x01', now() + p_due
  from public.products p where p.id = p_product_id;
  v_reserved := private.reserve_for_order(p_id, now() + p_due);
  insert into public.payments
    (id, order_id, attempt, reff_id, channel, amount, trx_id, total_bayar, total_diterima, qr_string, expires_at, status)
  select overlay(p_id::text placing '7' from 1 for 1)::uuid, o.id, 1, replace(o.number, '-', '') || '-1', 'QRIS',
         o.total, 'TP' || upper(left(md5(o.number), 10)), o.total + 350, o.total, '000201', o.expires_at, 'pending'
  from public.orders o where o.id = p_id;
  return v_reserved;
end;
$$;

create function tests.order_state(p_order_id uuid)
returns table (status text, paid boolean, attention_reason text)
language sql
as $$ select status::text, paid_at = now(), attention_reason from public.orders where id = p_order_id; $$;

create function tests.payment_state(p_payment_id uuid)
returns table (status text, paid boolean)
language sql
as $$ select status::text, paid_at = now() from public.payments where id = p_payment_id; $$;

create function tests.history(p_order_id uuid)
returns text[]
language sql
as $$ select array_agg(status::text order by id) from public.order_status_history where order_id = p_order_id; $$;

create function tests.order_items(p_order_id uuid)
returns integer
language sql
as $$ select count(*)::int from public.stock_items where order_id = p_order_id and status = 'reserved'; $$;

create function tests.held(p_order_id uuid)
returns uuid
language sql
as $$ select held_account_id from public.orders where id = p_order_id; $$;

create function tests.seats(p_account_id uuid)
returns integer
language sql
as $$ select seats_used from public.provider_accounts where id = p_account_id; $$;

-- ---------------------------------------------------------------------------------------
-- On time: the order awaits payment (its invoice just passed its due time, but the sweep
-- has not run yet).
select tests.checkout('60000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', 1, interval '-1 minute');

select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000001'), 'paid',
  'mark_payment_paid of a pending payment whose order awaits payment returns paid.');
select results_eq($$ select * from tests.order_state('60000000-0000-4000-8000-000000000001') $$,
  $$ values ('paid', true, null::text) $$,
  'The order is paid, with paid_at set.');
select results_eq($$ select * from tests.payment_state('70000000-0000-4000-8000-000000000001') $$,
  $$ values ('paid', true) $$,
  'The payment is paid, with paid_at set.');
select is(tests.order_items('60000000-0000-4000-8000-000000000001'), 1,
  'The order keeps its reserved item for fulfilment.');
select is(tests.history('60000000-0000-4000-8000-000000000001'), array['awaiting_payment', 'paid'],
  'The payment is recorded in the order''s history.');

-- Row versions, to show that a repeat writes nothing at all.
create temporary table versions as
select 'order' as what, ctid::text as version from public.orders where id = '60000000-0000-4000-8000-000000000001'
union all
select 'payment', ctid::text from public.payments where id = '70000000-0000-4000-8000-000000000001';

select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000001'), 'duplicate',
  'A second call for the same payment returns duplicate.');
select set_eq(
  $$ select 'order' as what, ctid::text as version from public.orders where id = '60000000-0000-4000-8000-000000000001'
     union all
     select 'payment', ctid::text as version from public.payments where id = '70000000-0000-4000-8000-000000000001' $$,
  'select what, version from versions',
  'and writes neither the order nor the payment again.');
select is(tests.history('60000000-0000-4000-8000-000000000001'), array['awaiting_payment', 'paid'],
  'and records nothing more in the history.');

select is(private.mark_payment_paid(gen_random_uuid()), 'duplicate',
  'An unknown payment changes nothing (duplicate).');

-- ---------------------------------------------------------------------------------------
-- Late. Five orders expire, releasing what they held; then other buyers take the only
-- item of disney, one of youtube's two and the only seat on solo.
select tests.checkout('60000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000002', 1, interval '-10 minutes');
select tests.checkout('60000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000003', 1, interval '-10 minutes');
select tests.checkout('60000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000004', 2, interval '-10 minutes');
select tests.checkout('60000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000005', 1, interval '-10 minutes');
select tests.checkout('60000000-0000-4000-8000-000000000006', '20000000-0000-4000-8000-000000000006', 1, interval '-10 minutes');

select set_eq('select * from private.expire_due_orders(10)',
  $$ values ('60000000-0000-4000-8000-000000000002'::uuid), ('60000000-0000-4000-8000-000000000003'::uuid),
            ('60000000-0000-4000-8000-000000000004'::uuid), ('60000000-0000-4000-8000-000000000005'::uuid),
            ('60000000-0000-4000-8000-000000000006'::uuid) $$,
  'Fixture: the sweep expires the five late orders (not the paid one).');

select tests.checkout('60000000-0000-4000-8000-000000000013', '20000000-0000-4000-8000-000000000003', 1, interval '15 minutes');
select tests.checkout('60000000-0000-4000-8000-000000000014', '20000000-0000-4000-8000-000000000004', 1, interval '15 minutes');
select tests.checkout('60000000-0000-4000-8000-000000000016', '20000000-0000-4000-8000-000000000006', 1, interval '15 minutes');
select results_eq(
  $$ select tests.order_items('60000000-0000-4000-8000-000000000013'), tests.order_items('60000000-0000-4000-8000-000000000014'),
            tests.held('60000000-0000-4000-8000-000000000016') $$,
  $$ values (1, 1, '50000000-0000-4000-8000-000000000006'::uuid) $$,
  'Fixture: the other buyers hold disney''s item, one of youtube''s and the solo seat.');
select results_eq(
  $$ select status::text, count(*)::int from public.payments
     where order_id in ('60000000-0000-4000-8000-000000000002', '60000000-0000-4000-8000-000000000003',
                        '60000000-0000-4000-8000-000000000004', '60000000-0000-4000-8000-000000000005',
                        '60000000-0000-4000-8000-000000000006')
     group by status $$,
  $$ values ('expired', 5) $$,
  'Fixture: the late orders'' payments are expired.');

-- STOCK, the item still there.
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000002'), 'late_paid',
  'A payment of an expired order whose item is still available returns late_paid.');
select results_eq($$ select * from tests.order_state('60000000-0000-4000-8000-000000000002') $$,
  $$ values ('paid', true, null::text) $$,
  'The order is paid after all.');
select is(tests.order_items('60000000-0000-4000-8000-000000000002'), 1,
  'Its item is reserved for it again.');
select results_eq($$ select * from tests.payment_state('70000000-0000-4000-8000-000000000002') $$,
  $$ values ('paid', true) $$,
  'The expired payment is paid.');
select is(tests.history('60000000-0000-4000-8000-000000000002'), array['awaiting_payment', 'expired', 'paid'],
  'The history shows the order expiring and then being paid.');
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000002'), 'duplicate',
  'A repeat of the late payment returns duplicate.');

-- STOCK, the item gone.
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000003'), 'needs_attention',
  'A payment of an expired order whose item is gone returns needs_attention.');
select results_eq(
  $$ select status, paid, attention_reason is not null and length(attention_reason) > 0
     from tests.order_state('60000000-0000-4000-8000-000000000003') $$,
  $$ values ('needs_attention', true, true) $$,
  'The order needs attention, with paid_at and an attention reason.');
select results_eq($$ select * from tests.payment_state('70000000-0000-4000-8000-000000000003') $$,
  $$ values ('paid', true) $$,
  'The payment is kept as paid for the admin.');
select is(tests.order_items('60000000-0000-4000-8000-000000000003'), 0,
  'The order holds no item.');
select is(tests.order_items('60000000-0000-4000-8000-000000000013'), 1,
  'The other buyer keeps the item.');
select results_eq(
  $$ select status::text, note = (select attention_reason from public.orders where id = '60000000-0000-4000-8000-000000000003')
     from public.order_status_history where order_id = '60000000-0000-4000-8000-000000000003' order by id $$,
  $$ values ('awaiting_payment', null::boolean), ('expired', null), ('needs_attention', true) $$,
  'The history ends in needs_attention, noted with the attention reason.');
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000003'), 'duplicate',
  'A repeat returns duplicate');
select results_eq($$ select status from tests.order_state('60000000-0000-4000-8000-000000000003') $$,
  $$ values ('needs_attention') $$,
  'and leaves the order as it was.');

-- STOCK, one of the two items gone: all or nothing.
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000004'), 'needs_attention',
  'A late payment for two items when only one is left returns needs_attention.');
select is(tests.order_items('60000000-0000-4000-8000-000000000004'), 0,
  'The order reserves neither item.');
select is(
  (select count(*)::int from public.stock_items
   where product_id = '20000000-0000-4000-8000-000000000004' and status = 'available' and order_id is null),
  1, 'The one item left stays available.');
select results_eq($$ select * from tests.payment_state('70000000-0000-4000-8000-000000000004') $$,
  $$ values ('paid', true) $$,
  'The payment is kept as paid.');

-- INVITE, the seat still free.
select is(tests.seats('50000000-0000-4000-8000-000000000005'), 0, 'Fixture: the team seat is free after the expiry.');
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000005'), 'late_paid',
  'A late payment of an INVITE order returns late_paid when a seat is free.');
select results_eq(
  $$ select (select status from tests.order_state('60000000-0000-4000-8000-000000000005')),
            tests.held('60000000-0000-4000-8000-000000000005'), tests.seats('50000000-0000-4000-8000-000000000005') $$,
  $$ values ('paid', '50000000-0000-4000-8000-000000000005'::uuid, 1) $$,
  'The order is paid and holds the seat again.');

-- INVITE, no seat left.
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000006'), 'needs_attention',
  'A late payment of an INVITE order returns needs_attention when no seat is left.');
select results_eq(
  $$ select (select status from tests.order_state('60000000-0000-4000-8000-000000000006')),
            tests.held('60000000-0000-4000-8000-000000000006'), tests.seats('50000000-0000-4000-8000-000000000006') $$,
  $$ values ('needs_attention', null::uuid, 1) $$,
  'The order needs attention, holds no seat, and the seat stays with the other buyer.');
select results_eq($$ select * from tests.payment_state('70000000-0000-4000-8000-000000000006') $$,
  $$ values ('paid', true) $$,
  'The payment is kept as paid.');

-- ---------------------------------------------------------------------------------------
-- Payments that are not waiting for money are never marked paid.
select tests.checkout('60000000-0000-4000-8000-000000000007', '20000000-0000-4000-8000-000000000001', 1, interval '15 minutes');
update public.payments set status = 'creating', trx_id = null, total_bayar = null, total_diterima = null, qr_string = null
where id = '70000000-0000-4000-8000-000000000007';
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000007'), 'duplicate',
  'A payment still creating (Tokopay never answered) is not marked paid.');
select results_eq(
  $$ select p.status::text, p.paid_at, o.status::text
     from public.payments p join public.orders o on o.id = p.order_id
     where p.id = '70000000-0000-4000-8000-000000000007' $$,
  $$ values ('creating', null::timestamptz, 'awaiting_payment') $$,
  'It and its order stay as they were.');
select is(private.cancel_unpaid_order('70000000-0000-4000-8000-000000000007', 'tidak terjawab'), true,
  'Fixture: the attempt is failed and its order cancelled.');
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000007'), 'duplicate',
  'A failed payment is not marked paid.');
select results_eq(
  $$ select p.status::text, o.status::text
     from public.payments p join public.orders o on o.id = p.order_id
     where p.id = '70000000-0000-4000-8000-000000000007' $$,
  $$ values ('failed', 'cancelled') $$,
  'It and its cancelled order stay as they were.');

-- ---------------------------------------------------------------------------------------
-- Who may call it: the server only; service_role's rights reach the late path too.
select tests.authenticate_anon();
select throws_ok($$ select private.mark_payment_paid('70000000-0000-4000-8000-000000000008') $$,
  '42501', 'permission denied for function mark_payment_paid', 'anon cannot call mark_payment_paid.');
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');
select throws_ok($$ select private.mark_payment_paid('70000000-0000-4000-8000-000000000008') $$,
  '42501', 'permission denied for function mark_payment_paid', 'A signed-in user cannot call mark_payment_paid.');

select tests.clear_authentication();
select tests.checkout('60000000-0000-4000-8000-000000000008', '20000000-0000-4000-8000-000000000001', 1, interval '-1 minute');
select tests.checkout('60000000-0000-4000-8000-000000000009', '20000000-0000-4000-8000-000000000001', 1, interval '15 minutes');
select set_eq('select * from private.expire_due_orders(10)',
  $$ values ('60000000-0000-4000-8000-000000000008'::uuid) $$,
  'Fixture: one more netflix order expires.');
select tests.authenticate_service();
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000009'), 'paid',
  'service_role can mark a payment paid.');
select is(private.mark_payment_paid('70000000-0000-4000-8000-000000000008'), 'late_paid',
  'service_role can mark a late payment paid, reserving again.');
select tests.clear_authentication();
select results_eq(
  $$ select tests.order_items('60000000-0000-4000-8000-000000000008'), tests.order_items('60000000-0000-4000-8000-000000000009') $$,
  $$ values (1, 1) $$,
  'Both orders paid by service_role hold their item.');

select * from finish();
rollback;
