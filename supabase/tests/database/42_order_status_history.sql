-- order_status_history: written only by the trigger on orders, one row per status an order
-- takes (its first one included); a member reads the history of their own orders and no
-- one else's; nobody but the server writes it. Every cell of {anon, owner, other member,
-- admin, reseller, service_role} × {select, insert, update, delete} has an assertion.
begin;
\ir _helpers.psql
select plan(40);

-- Fixture, as postgres.
select tests.create_matrix_users();

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'STOCK', 'netflix', 'Netflix', 50000, 45000);

-- Inserts an awaiting_payment order numbered RP-261126-<suffix> for the user (null: a guest).
create function tests.insert_order(p_id uuid, p_suffix text, p_user_id uuid)
returns uuid
language sql
as $$
  insert into public.orders
    (id, number, user_id, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
     quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at)
  values (p_id, 'RP-261126-' || p_suffix, p_user_id, 'Budi', 'budi@example.com', '+6281234567890',
          '20000000-0000-4000-8000-000000000001', 'STOCK', 'Netflix', 1, 50000, 50000, 'retail',
          extensions.digest(p_id::text, 'sha256'), '\x01', now() + interval '15 minutes')
  returning id;
$$;

-- The history of one order, oldest first.
create function tests.history(p_order_id uuid)
returns text[]
language sql
as $$
  select coalesce(array_agg(status::text order by id), '{}') from public.order_status_history where order_id = p_order_id;
$$;

select tests.insert_order('60000000-0000-4000-8000-000000000001', 'ALICE1', 'a11ce000-0000-4000-8000-000000000001');
select tests.insert_order('60000000-0000-4000-8000-000000000002', 'B0B002', 'b0b00000-0000-4000-8000-000000000002');
select tests.insert_order('60000000-0000-4000-8000-000000000003', 'GUEST3', null);
select tests.insert_order('60000000-0000-4000-8000-000000000004', 'R1TA04', '5e11e200-0000-4000-8000-000000000004');
update public.orders set status = 'paid', paid_at = now() where id = '60000000-0000-4000-8000-000000000001';

select policies_are('public', 'order_status_history', array['members read their own orders'' history'],
  'order_status_history has exactly one policy: members read their own orders'' history.');

create temporary table attempts (op text primary key, sql text not null);
insert into attempts values
  ('insert', $$ insert into public.order_status_history (order_id, status)
                values ('60000000-0000-4000-8000-000000000001', 'delivered') $$),
  ('update', $$ update public.order_status_history set status = 'delivered'
                where order_id = '60000000-0000-4000-8000-000000000001' $$),
  ('delete', $$ delete from public.order_status_history where order_id = '60000000-0000-4000-8000-000000000001' $$);
grant select on attempts to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();

select throws_ok('select id from public.order_status_history',
  '42501', 'permission denied for table order_status_history', 'anon cannot read order history.');
select throws_ok((select sql from attempts where op = 'insert'),
  '42501', 'permission denied for table order_status_history', 'anon cannot insert order history.');
select throws_ok((select sql from attempts where op = 'update'),
  '42501', 'permission denied for table order_status_history', 'anon cannot update order history.');
select throws_ok((select sql from attempts where op = 'delete'),
  '42501', 'permission denied for table order_status_history', 'anon cannot delete order history.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');

select results_eq('select order_id, status::text from public.order_status_history order by id',
  $$ values ('60000000-0000-4000-8000-000000000001'::uuid, 'awaiting_payment'),
            ('60000000-0000-4000-8000-000000000001'::uuid, 'paid') $$,
  'A member reads the whole history of her own order and nothing else.');
select is_empty(
  $$ select id from public.order_status_history
     where order_id in ('60000000-0000-4000-8000-000000000002', '60000000-0000-4000-8000-000000000003') $$,
  'A member cannot read another member''s or a guest''s order history even by order id.');
select throws_ok((select sql from attempts where op = 'insert'),
  '42501', 'permission denied for table order_status_history', 'A member cannot add to her own order''s history.');
select throws_ok((select sql from attempts where op = 'update'),
  '42501', 'permission denied for table order_status_history', 'A member cannot rewrite her own order''s history.');
select throws_ok((select sql from attempts where op = 'delete'),
  '42501', 'permission denied for table order_status_history', 'A member cannot delete her own order''s history.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('b0b00000-0000-4000-8000-000000000002');

select results_eq('select order_id, status::text from public.order_status_history',
  $$ values ('60000000-0000-4000-8000-000000000002'::uuid, 'awaiting_payment') $$,
  'Another member reads only his own order''s history.');
select throws_ok((select sql from attempts where op = 'insert'),
  '42501', 'permission denied for table order_status_history', 'Another member cannot insert order history.');
select throws_ok((select sql from attempts where op = 'update'),
  '42501', 'permission denied for table order_status_history', 'Another member cannot update order history.');
select throws_ok((select sql from attempts where op = 'delete'),
  '42501', 'permission denied for table order_status_history', 'Another member cannot delete order history.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');

select is_empty('select id from public.order_status_history',
  'A user with the admin role reads no order history through the API.');
select throws_ok((select sql from attempts where op = 'insert'),
  '42501', 'permission denied for table order_status_history', 'A user with the admin role cannot insert order history.');
select throws_ok((select sql from attempts where op = 'update'),
  '42501', 'permission denied for table order_status_history', 'A user with the admin role cannot update order history.');
select throws_ok((select sql from attempts where op = 'delete'),
  '42501', 'permission denied for table order_status_history', 'A user with the admin role cannot delete order history.');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_as('5e11e200-0000-4000-8000-000000000004');

select results_eq('select order_id, status::text from public.order_status_history',
  $$ values ('60000000-0000-4000-8000-000000000004'::uuid, 'awaiting_payment') $$,
  'A reseller reads only her own order''s history.');
select throws_ok((select sql from attempts where op = 'insert'),
  '42501', 'permission denied for table order_status_history', 'A reseller cannot insert order history.');
select throws_ok((select sql from attempts where op = 'update'),
  '42501', 'permission denied for table order_status_history', 'A reseller cannot update order history.');
select throws_ok((select sql from attempts where op = 'delete'),
  '42501', 'permission denied for table order_status_history', 'A reseller cannot delete order history.');

-- ---------------------------------------------------------------------------------------
-- service_role: reads and writes everything, and its order updates run the trigger, which
-- runs with its rights.
select tests.authenticate_service();

select is((select count(*)::int from public.order_status_history), 5,
  'service_role reads every order''s history.');
select lives_ok((select sql from attempts where op = 'insert'), 'service_role inserts order history.');
select is(tests.affected_rows($$ update public.order_status_history set note = 'diperiksa'
                                  where order_id = '60000000-0000-4000-8000-000000000001' and status = 'delivered' $$),
  1::bigint, 'service_role updates order history.');
select is(tests.affected_rows($$ delete from public.order_status_history
                                  where order_id = '60000000-0000-4000-8000-000000000001' and status = 'delivered' $$),
  1::bigint, 'service_role deletes order history.');
select lives_ok(
  $$ update public.orders set status = 'processing' where id = '60000000-0000-4000-8000-000000000001' $$,
  'service_role changes an order''s status (the trigger runs as service_role).');
select is(tests.history('60000000-0000-4000-8000-000000000001'), array['awaiting_payment', 'paid', 'processing'],
  'The status service_role set is recorded.');

select tests.clear_authentication();

-- ---------------------------------------------------------------------------------------
-- The trigger, as postgres.

select is(tests.history('60000000-0000-4000-8000-000000000003'), array['awaiting_payment'],
  'Inserting an order records its first status.');
select is((select note from public.order_status_history where order_id = '60000000-0000-4000-8000-000000000003'), null,
  'An ordinary status carries no note.');

update public.orders set buyer_name = 'Budi Santoso', client_ip = '203.0.113.9'
where id = '60000000-0000-4000-8000-000000000003';
select is(tests.history('60000000-0000-4000-8000-000000000003'), array['awaiting_payment'],
  'Updating other columns records nothing.');

update public.orders set status = 'awaiting_payment' where id = '60000000-0000-4000-8000-000000000003';
select is(tests.history('60000000-0000-4000-8000-000000000003'), array['awaiting_payment'],
  'Setting the status it already has records nothing.');

update public.orders set status = 'expired', buyer_name = 'Budi S.' where id = '60000000-0000-4000-8000-000000000003';
select is(tests.history('60000000-0000-4000-8000-000000000003'), array['awaiting_payment', 'expired'],
  'A status change together with other columns records one row.');

update public.orders set status = 'needs_attention', paid_at = now(), attention_reason = 'Dibayar setelah kedaluwarsa.'
where id = '60000000-0000-4000-8000-000000000003';
select results_eq(
  $$ select status::text, note from public.order_status_history
     where order_id = '60000000-0000-4000-8000-000000000003' order by id desc limit 1 $$,
  $$ values ('needs_attention', 'Dibayar setelah kedaluwarsa.') $$,
  'needs_attention is recorded with the attention reason as its note.');

update public.orders set status = 'paid', paid_at = now()
where id in ('60000000-0000-4000-8000-000000000002', '60000000-0000-4000-8000-000000000004');
select results_eq(
  $$ select order_id, status::text from public.order_status_history
     where order_id in ('60000000-0000-4000-8000-000000000002', '60000000-0000-4000-8000-000000000004')
     order by order_id, id $$,
  $$ values ('60000000-0000-4000-8000-000000000002'::uuid, 'awaiting_payment'),
            ('60000000-0000-4000-8000-000000000002'::uuid, 'paid'),
            ('60000000-0000-4000-8000-000000000004'::uuid, 'awaiting_payment'),
            ('60000000-0000-4000-8000-000000000004'::uuid, 'paid') $$,
  'One statement changing two orders records one row for each.');

select lives_ok(
  $$ insert into public.orders
       (id, number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
        quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at,
        status, paid_at)
     values ('60000000-0000-4000-8000-000000000005', 'RP-261126-PAID05', 'Budi', 'budi@example.com', '+6281234567890',
             '20000000-0000-4000-8000-000000000001', 'STOCK', 'Netflix', 1, 50000, 50000, 'retail',
             extensions.digest('5', 'sha256'), '\x01', now(), 'paid', now()) $$,
  'An order may be inserted in a later status.');
select is(tests.history('60000000-0000-4000-8000-000000000005'), array['paid'],
  'An order inserted in a later status records that status alone.');

select results_eq(
  $$ select count(distinct created_at)::int, min(created_at) = now() from public.order_status_history $$,
  $$ values (1, true) $$,
  'Each row is stamped with the time of its transaction.');

delete from public.orders where id = '60000000-0000-4000-8000-000000000003';
select is(tests.history('60000000-0000-4000-8000-000000000003'), '{}'::text[],
  'Deleting an order deletes its history with it.');
select throws_ok(
  $$ insert into public.order_status_history (order_id, status) values (gen_random_uuid(), 'paid') $$,
  '23503', 'insert or update on table "order_status_history" violates foreign key constraint "order_status_history_order_id_fkey"',
  'A history row needs an existing order.');

select * from finish();
rollback;
