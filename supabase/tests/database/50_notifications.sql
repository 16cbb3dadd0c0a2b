-- notifications: the outbox is the server's alone. No API role but service_role reads or
-- writes it, not even the member whose order a message is about; then its constraints, by
-- name, and private.enqueue_order_notifications: which rows each event queues, that a
-- repeat queues nothing, and that only the server may call it.
begin;
\ir _helpers.psql
select plan(75);

-- Fixture, as postgres.
select tests.create_matrix_users();

insert into public.product_categories (id, slug, name) values
  ('10000000-0000-4000-8000-000000000001', 'streaming', 'Streaming');
insert into public.products (id, category_id, type, slug, name, retail_price, reseller_price) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'STOCK', 'netflix', 'Netflix', 50000, 45000);

-- A paid order of the user (null: a guest) with the given buyer email.
create function tests.insert_order(p_id uuid, p_suffix text, p_user_id uuid, p_email text)
returns uuid
language sql
as $$
  insert into public.orders
    (id, number, user_id, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
     quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at,
     status, paid_at)
  values (p_id, 'RP-261127-' || p_suffix, p_user_id, 'Budi', p_email, '+6281234567890',
          '20000000-0000-4000-8000-000000000001', 'STOCK', 'Netflix', 1, 50000, 50000, 'retail',
          extensions.digest(p_id::text, 'sha256'), '\x01', now() + interval '15 minutes', 'paid', now())
  returning id;
$$;

-- The rows of one order, as event/audience/channel/recipient, in a fixed order.
create function tests.queued(p_order_id uuid)
returns text[]
language sql
as $$
  select coalesce(array_agg(concat_ws('/', event, audience, channel, coalesce(recipient, '-'))
                            order by event, audience, channel), '{}')
  from public.notifications where order_id = p_order_id;
$$;

select tests.insert_order('60000000-0000-4000-8000-000000000001', 'ALICE1', 'a11ce000-0000-4000-8000-000000000001', 'alice@example.com');
select tests.insert_order('60000000-0000-4000-8000-000000000002', 'GUEST2', null, 'budi@example.com');
select tests.insert_order('60000000-0000-4000-8000-000000000003', 'GUEST3', null, 'citra@example.com');
select tests.insert_order('60000000-0000-4000-8000-000000000004', 'GUEST4', null, 'dewi@example.com');
insert into public.notifications (order_id, event, audience, channel, recipient) values
  ('60000000-0000-4000-8000-000000000001', 'delivered', 'buyer', 'email', 'alice@example.com');

select policies_are('public', 'notifications', array['no api access to notifications'],
  'notifications has exactly one policy, the restrictive one that shuts the API roles out.');

create temporary table attempts (op text primary key, sql text not null);
insert into attempts values
  ('select', 'select id, recipient from public.notifications'),
  ('insert', $$ insert into public.notifications (order_id, event, audience, channel, recipient)
                values ('60000000-0000-4000-8000-000000000001', 'delivered', 'buyer', 'whatsapp', '+6281234567890') $$),
  ('update', $$ update public.notifications set status = 'skipped' $$),
  ('delete', 'delete from public.notifications');
grant select on attempts to anon, authenticated, service_role;

-- Every API role but service_role meets "permission denied" for every statement.
create function tests.denied(p_who text)
returns setof text
language plpgsql
as $$
declare
  a record;
begin
  for a in select * from pg_temp.attempts order by op loop
    return next throws_ok(a.sql, '42501', 'permission denied for table notifications',
      format('%s cannot %s notifications.', p_who, a.op));
  end loop;
  return next throws_ok(
    $q$ select private.enqueue_order_notifications('60000000-0000-4000-8000-000000000002', 'delivered') $q$,
    '42501', 'permission denied for function enqueue_order_notifications',
    format('%s cannot call enqueue_order_notifications.', p_who));
end;
$$;
grant execute on function tests.denied(text) to anon, authenticated;

-- ---------------------------------------------------------------------------------------
select tests.authenticate_anon();
select * from tests.denied('anon');

select tests.authenticate_as('a11ce000-0000-4000-8000-000000000001');
select * from tests.denied('A member, even for her own order''s message,');

select tests.authenticate_as('b0b00000-0000-4000-8000-000000000002');
select * from tests.denied('Another member');

select tests.authenticate_as('ad000000-0000-4000-8000-000000000003');
select * from tests.denied('A user with the admin role');

select tests.authenticate_as('5e11e200-0000-4000-8000-000000000004');
select * from tests.denied('A reseller');

-- ---------------------------------------------------------------------------------------
select tests.authenticate_service();

select results_eq((select sql from attempts where op = 'select'),
  $$ select id, recipient from public.notifications where recipient = 'alice@example.com' $$,
  'service_role reads the outbox.');
select is((select count(*)::int from public.notifications), 1, 'service_role sees every message.');
select lives_ok((select sql from attempts where op = 'insert'), 'service_role queues a message.');
select is(tests.affected_rows($$ update public.notifications set status = 'skipped', last_error = 'test'
                                  where channel = 'whatsapp' $$),
  1::bigint, 'service_role records what became of a message.');
select is(tests.affected_rows($$ delete from public.notifications where channel = 'whatsapp' $$),
  1::bigint, 'service_role deletes a message.');
select is(private.enqueue_order_notifications('60000000-0000-4000-8000-000000000002', 'delivered'), 2,
  'service_role can call enqueue_order_notifications.');

select tests.clear_authentication();

select ok(not has_function_privilege('anon', 'private.enqueue_order_notifications(uuid, text)', 'execute')
          and not has_function_privilege('authenticated', 'private.enqueue_order_notifications(uuid, text)', 'execute')
          and has_function_privilege('service_role', 'private.enqueue_order_notifications(uuid, text)', 'execute'),
  'Only service_role holds EXECUTE on enqueue_order_notifications.');
select ok(not has_function_privilege('public', 'private.enqueue_order_notifications(uuid, text)', 'execute'),
  'PUBLIC holds no EXECUTE on enqueue_order_notifications.');

-- ---------------------------------------------------------------------------------------
-- The function, as postgres.

select is(tests.queued('60000000-0000-4000-8000-000000000002'),
  array['delivered/buyer/email/budi@example.com', 'delivered/buyer/whatsapp/+6281234567890'],
  'delivered queues the buyer''s email and WhatsApp message, to the order''s address and number.');
select is(private.enqueue_order_notifications('60000000-0000-4000-8000-000000000002', 'delivered'), 0,
  'Queuing delivered again inserts nothing.');
select is((select count(*)::int from public.notifications where order_id = '60000000-0000-4000-8000-000000000002'), 2,
  'and leaves the two messages as they were.');

select is(private.enqueue_order_notifications('60000000-0000-4000-8000-000000000003', 'needs_attention'), 4,
  'needs_attention queues four messages.');
select is(tests.queued('60000000-0000-4000-8000-000000000003'),
  array['needs_attention/admin/email/-', 'needs_attention/admin/whatsapp/-',
        'needs_attention/buyer/email/citra@example.com', 'needs_attention/buyer/whatsapp/+6281234567890'],
  'needs_attention goes to the buyer and to the admin (recipient resolved when sent) on both channels.');
select is(private.enqueue_order_notifications('60000000-0000-4000-8000-000000000003', 'needs_attention'), 0,
  'Queuing needs_attention again inserts nothing.');

select is(private.enqueue_order_notifications('60000000-0000-4000-8000-000000000004', 'awaiting_team'), 4,
  'awaiting_team queues four messages.');
select is(tests.queued('60000000-0000-4000-8000-000000000004'),
  array['awaiting_team/admin/email/-', 'awaiting_team/admin/whatsapp/-',
        'awaiting_team/buyer/email/dewi@example.com', 'awaiting_team/buyer/whatsapp/+6281234567890'],
  'awaiting_team goes to the buyer and to the admin on both channels.');
select is(private.enqueue_order_notifications('60000000-0000-4000-8000-000000000004', 'delivered'), 2,
  'A later event of the same order queues its own messages.');
select is((select count(*)::int from public.notifications where order_id = '60000000-0000-4000-8000-000000000004'), 6,
  'so the order has the messages of both events.');

select is(private.enqueue_order_notifications('69999999-0000-4000-8000-000000000009', 'delivered'), 0,
  'An unknown order queues nothing, without an error.');
select throws_ok($$ select private.enqueue_order_notifications('60000000-0000-4000-8000-000000000004', 'shipped') $$,
  '22023', 'unknown notification event ''shipped''',
  'An unknown event is an error, even where the table would refuse nothing.');
select throws_ok($$ select private.enqueue_order_notifications('60000000-0000-4000-8000-000000000004', null) $$,
  '22023', 'unknown notification event null', 'A null event is an error.');

select results_eq(
  $$ select distinct status, attempts, max_attempts, next_attempt_at <= now(), locked_by, locked_until, sent_at, last_error
     from public.notifications where order_id = '60000000-0000-4000-8000-000000000003' $$,
  $$ values ('queued', 0, 8, true, null::text, null::timestamptz, null::timestamptz, null::text) $$,
  'A queued message is due now, with no attempt made, eight allowed, no lease and no error.');

-- ---------------------------------------------------------------------------------------
-- Indexes and the updated_at trigger.

select has_index('public', 'notifications', 'notifications_due_idx', array['next_attempt_at'],
  'Due messages are found by an index on next_attempt_at.');
select has_index('public', 'notifications', 'notifications_lease_idx', array['locked_until'],
  'Expired leases are found by an index on locked_until.');
select is((select pg_get_indexdef('public.notifications_due_idx'::regclass) ~ 'WHERE \(status = ''queued''::text\)'), true,
  'The due index holds queued messages only.');
select is((select pg_get_indexdef('public.notifications_lease_idx'::regclass) ~ 'WHERE \(status = ''sending''::text\)'), true,
  'The lease index holds messages being sent only.');

update public.notifications set updated_at = now() - interval '1 day' where order_id = '60000000-0000-4000-8000-000000000003';
update public.notifications set status = 'sending', locked_by = 'w1', locked_until = now() + interval '1 minute'
where order_id = '60000000-0000-4000-8000-000000000003' and audience = 'buyer' and channel = 'email';
select is((select updated_at from public.notifications
           where order_id = '60000000-0000-4000-8000-000000000003' and audience = 'buyer' and channel = 'email'),
  now(), 'An update stamps updated_at.');

-- ---------------------------------------------------------------------------------------
-- Constraints.

create function tests.insert_notification(p_overrides jsonb)
returns void
language sql
as $$
  insert into public.notifications (order_id, event, audience, channel, recipient, status, attempts, max_attempts,
                                    locked_by, locked_until, last_error, sent_at)
  select r.order_id, r.event, r.audience, r.channel, r.recipient, coalesce(r.status, 'queued'),
         coalesce(r.attempts, 0), coalesce(r.max_attempts, 8), r.locked_by, r.locked_until, r.last_error, r.sent_at
  from jsonb_populate_record(null::public.notifications,
    jsonb_build_object('order_id', '60000000-0000-4000-8000-000000000001', 'event', 'needs_attention',
                       'audience', 'buyer', 'channel', 'email', 'recipient', 'alice@example.com') || p_overrides) r;
$$;

select lives_ok($$ select tests.insert_notification('{}') $$, 'The base row of the constraint tests is valid.');
select throws_ok($$ select tests.insert_notification('{}') $$,
  '23505', 'duplicate key value violates unique constraint "notifications_once_per_order"',
  'One order has one message per event, audience and channel.');
select lives_ok($$ select tests.insert_notification('{"order_id": null, "event": "delivered"}') $$,
  'A message about no order is allowed.');
select lives_ok($$ select tests.insert_notification('{"order_id": null, "event": "delivered"}') $$,
  'and two of them do not collide.');
select throws_ok($$ select tests.insert_notification('{"event": "shipped"}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_event_known"',
  'An unknown event is rejected.');
select throws_ok($$ select tests.insert_notification('{"event": "delivered", "audience": "reseller"}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_audience_known"',
  'An unknown audience is rejected.');
select throws_ok($$ select tests.insert_notification('{"event": "delivered", "channel": "sms"}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_channel_known"',
  'An unknown channel is rejected.');
select throws_ok($$ select tests.insert_notification('{"event": "delivered", "status": "lost"}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_status_known"',
  'An unknown status is rejected.');
select throws_ok($$ select tests.insert_notification('{"event": "delivered", "recipient": null}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_buyer_has_recipient"',
  'A message to the buyer needs a recipient.');
select throws_ok($$ select tests.insert_notification('{"event": "delivered", "recipient": ""}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_recipient_length"',
  'An empty recipient is rejected.');
select lives_ok($$ select tests.insert_notification('{"event": "delivered", "audience": "admin", "recipient": null}') $$,
  'A message to the admin needs no recipient.');
select throws_ok($$ select tests.insert_notification('{"event": "awaiting_team", "attempts": -1}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_attempts_not_negative"',
  'Negative attempts are rejected.');
select throws_ok($$ select tests.insert_notification('{"event": "awaiting_team", "max_attempts": 0}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_max_attempts_range"',
  'max_attempts below 1 is rejected.');
select throws_ok($$ select tests.insert_notification('{"event": "awaiting_team", "max_attempts": 101}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_max_attempts_range"',
  'max_attempts above 100 is rejected.');
select throws_ok($$ select tests.insert_notification(jsonb_build_object('event', 'awaiting_team', 'last_error', repeat('x', 2001))) $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_last_error_length"',
  'A last_error over 2000 characters is rejected.');
select throws_ok($$ select tests.insert_notification('{"event": "awaiting_team", "status": "sending"}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_lease_consistent"',
  'A message being sent has a lease holder and an end.');
select throws_ok($$ select tests.insert_notification('{"event": "awaiting_team", "status": "sending", "locked_by": "w1"}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_lease_consistent"',
  'A lease needs its end.');
select throws_ok($$ select tests.insert_notification(jsonb_build_object('event', 'awaiting_team', 'locked_by', 'w1', 'locked_until', now())) $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_lease_consistent"',
  'A queued message holds no lease.');
select throws_ok($$ select tests.insert_notification('{"event": "awaiting_team", "status": "sent"}') $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_sent_at_consistent"',
  'A sent message has sent_at.');
select throws_ok($$ select tests.insert_notification(jsonb_build_object('event', 'awaiting_team', 'sent_at', now())) $$,
  '23514', 'new row for relation "notifications" violates check constraint "notifications_sent_at_consistent"',
  'A message that is not sent has no sent_at.');
select throws_ok($$ select tests.insert_notification('{"order_id": "69999999-0000-4000-8000-000000000009", "event": "awaiting_team"}') $$,
  '23503', 'insert or update on table "notifications" violates foreign key constraint "notifications_order_id_fkey"',
  'A message about an order needs an existing order.');
select throws_ok($$ delete from public.orders where id = '60000000-0000-4000-8000-000000000002' $$,
  '23503', 'update or delete on table "orders" violates foreign key constraint "notifications_order_id_fkey" on table "notifications"',
  'An order with messages cannot be deleted.');

select * from finish();
rollback;
