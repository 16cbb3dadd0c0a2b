-- Database-wide security rules that every table, policy, grant and function must keep,
-- written generically so that a table or function added by a later migration is checked
-- without touching this file. They follow the Supabase linter (splinter) lints named in
-- goal R9. The last assertions pin the exact privileges the API roles hold; a migration that
-- grants anon or authenticated something new must update them on purpose.
begin;
select plan(19);

-- The schemas our migrations own: everything except the platform's and Postgres's own
-- (the same exclusions as splinter), `tests`, where the helpers of the other files live,
-- and `mailbox`, the local stack's development mailbox (sql/local/03_mailbox.sql): like the
-- platform schemas it is not created by our migrations, and it never exists in production,
-- so its rules are the local stack's business, not the app's.
create temporary view app_schemas as
select n.oid, n.nspname
from pg_catalog.pg_namespace n
where n.nspname not like 'pg\_%'
  and n.nspname not in (
    'information_schema', 'tests', 'mailbox',
    '_timescaledb_cache', '_timescaledb_catalog', '_timescaledb_config', '_timescaledb_internal',
    '_realtime', '_analytics', '_supavisor', 'auth', 'cron', 'extensions', 'graphql',
    'graphql_public', 'net', 'pgmq', 'pgroonga', 'pgsodium', 'pgsodium_masks', 'pgtle',
    'pgbouncer', 'realtime', 'repack', 'storage', 'supabase_functions', 'supabase_migrations',
    'tiger', 'topology', 'vault'
  );

-- Relations of those schemas, minus those an extension brought along.
create temporary view app_relations as
select c.oid, n.nspname, c.relname, c.relkind, c.relrowsecurity, c.reloptions,
  format('%I.%I', n.nspname, c.relname) as name
from pg_catalog.pg_class c
join app_schemas n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm', 'f')
  and not exists (
    select 1 from pg_catalog.pg_depend d
    where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'
  );

create temporary view app_functions as
select p.oid, p.prosecdef, p.proconfig, p.prorettype,
  format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.oidvectortypes(p.proargtypes)) as name
from pg_catalog.pg_proc p
join app_schemas n on n.oid = p.pronamespace
where not exists (
  select 1 from pg_catalog.pg_depend d
  where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e'
);

create temporary view app_policies as
select format('%I.%I: %s', p.schemaname, p.tablename, p.policyname) as name,
  p.permissive, p.roles, p.cmd, coalesce(p.qual, '') as qual, coalesce(p.with_check, '') as with_check
from pg_catalog.pg_policies p
join app_schemas n on n.nspname = p.schemaname;

-- ---------------------------------------------------------------------------------------
-- Row level security (splinter 0013 rls_disabled_in_public, 0007 policy_exists_rls_disabled)

select is_empty(
  $$ select name from app_relations where relkind in ('r', 'p') and not relrowsecurity $$,
  'Every table in the app schemas has row level security enabled, so a new table without RLS fails CI.'
);

-- splinter 0008 rls_enabled_no_policy. stock_items, providers and provider_accounts are meant
-- to be server-only, but say so with no policy at all; see the todo reason.
select is_empty(
  $$ select r.name from app_relations r
     where r.relkind in ('r', 'p') and r.relrowsecurity
       and not exists (select 1 from pg_catalog.pg_policy p where p.polrelid = r.oid) $$,
  'Every table with RLS enabled states its access rule in at least one policy.'
);

-- ---------------------------------------------------------------------------------------
-- Views (splinter 0010 security_definer_view, 0002 auth_users_exposed, 0016)

select is_empty(
  $$ select name from app_relations
     where (relkind = 'v' and not coalesce(array_to_string(reloptions, ',') ~* 'security_invoker=(true|on|yes|1)', false))
        or (relkind = 'm' and (has_table_privilege('anon', oid, 'SELECT')
                               or has_table_privilege('authenticated', oid, 'SELECT'))) $$,
  'Every view runs with the caller''s rights (security_invoker) and no API role reads a materialized view, so no view bypasses RLS.'
);

select is_empty(
  $$ select distinct r.name
     from app_relations r
     join pg_catalog.pg_rewrite w on w.ev_class = r.oid
     join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = w.oid
     where r.relkind in ('v', 'm') and d.refobjid = 'auth.users'::regclass
       and (has_any_column_privilege('anon', r.oid, 'SELECT')
            or has_any_column_privilege('authenticated', r.oid, 'SELECT')) $$,
  'No view readable by anon or authenticated exposes auth.users.'
);

-- ---------------------------------------------------------------------------------------
-- Policies (splinter 0003 auth_rls_initplan, 0015 rls_references_user_metadata, 0024)

select is_empty(
  $$ select name from app_policies
     where qual || ' ' || with_check ~* '(?<!select\s{1,5}\(?\s?)auth\.(uid|jwt|role|email)\(\)' $$,
  'Every policy wraps auth.uid()/auth.jwt()/auth.role()/auth.email() in a scalar (select ...), so it runs once per statement, not once per row.'
);

select is_empty(
  $$ select name from app_policies where qual || ' ' || with_check ~* 'user_metadata|raw_user_meta_data' $$,
  'No policy trusts user_metadata, which every user can set for themself.'
);

select is_empty(
  $$ select name from app_policies
     where permissive = 'PERMISSIVE'
       and roles && array['public', 'anon', 'authenticated']::name[]
       and (
         (cmd in ('UPDATE', 'DELETE', 'ALL') and (qual in ('', 'true', '(true)')))
         or (cmd in ('INSERT', 'UPDATE', 'ALL') and with_check in ('true', '(true)'))
         or (cmd = 'INSERT' and with_check = '')
       ) $$,
  'No write policy for anon or authenticated lets every row through (USING/WITH CHECK true).'
);

-- ---------------------------------------------------------------------------------------
-- Functions (splinter 0011 function_search_path_mutable, 0028, 0029)

select is_empty(
  $$ select name from app_functions
     where not exists (select 1 from unnest(coalesce(proconfig, '{}')) s where s like 'search_path=%') $$,
  'Every function in the app schemas pins its search_path.'
);

-- products_availability is the one deliberate exception: it reveals only a count and a
-- yes/no from tables the API roles cannot read (see 30_availability.sql).
select set_eq(
  $$ select name from app_functions where prosecdef and has_function_privilege('anon', oid, 'EXECUTE') $$,
  array['private.products_availability(uuid[])'],
  'The only security definer function anon can execute is private.products_availability(uuid[]).'
);

select set_eq(
  $$ select name from app_functions where prosecdef and has_function_privilege('authenticated', oid, 'EXECUTE') $$,
  array['private.products_availability(uuid[])'],
  'The only security definer function authenticated can execute is private.products_availability(uuid[]).'
);

-- service_role bypasses RLS anyway, but a definer function runs as its owner, who can do
-- more still (private.handle_new_user writes user_roles); the server gets the same single
-- exception as the other API roles.
select set_eq(
  $$ select name from app_functions where prosecdef and has_function_privilege('service_role', oid, 'EXECUTE') $$,
  array['private.products_availability(uuid[])'],
  'The only security definer function service_role can execute is private.products_availability(uuid[]).'
);

-- Any function at all, security invoker included: the API roles may call exactly the one
-- helper above. The checkout operations (private.reserve_for_order, mark_payment_paid…)
-- and every helper added later are the server's alone unless this list says otherwise.
select set_eq(
  $$ select name from app_functions where has_function_privilege('anon', oid, 'EXECUTE') $$,
  array['private.products_availability(uuid[])'],
  'The only function in the app schemas anon can execute is private.products_availability(uuid[]).'
);

select set_eq(
  $$ select name from app_functions where has_function_privilege('authenticated', oid, 'EXECUTE') $$,
  array['private.products_availability(uuid[])'],
  'The only function in the app schemas authenticated can execute is private.products_availability(uuid[]).'
);

-- A trigger fires its function without checking EXECUTE, so no API role needs it; a grant
-- would only let someone call it by hand. This covers private.handle_new_user(), the
-- sign-up trigger that grants the member role, and every trigger function added later.
select is_empty(
  $$ select name || ' ' || g.grantee
     from app_functions
     cross join (values ('anon'), ('authenticated'), ('service_role')) as g (grantee)
     where prorettype = 'pg_catalog.trigger'::pg_catalog.regtype
       and has_function_privilege(g.grantee, oid, 'EXECUTE') $$,
  'No API role (anon, authenticated, service_role) can execute a trigger function.'
);

-- ---------------------------------------------------------------------------------------
-- Grants to the API roles. has_*_privilege counts grants to PUBLIC and inherited ones too.

create temporary view api_table_privileges as
select r.name as relation, g.grantee, p.privilege
from app_relations r
cross join (values ('anon'), ('authenticated')) as g (grantee)
cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE'),
                   ('REFERENCES'), ('TRIGGER')) as p (privilege)
where has_table_privilege(g.grantee, r.oid, p.privilege);

-- Column grants that go beyond the table-wide ones.
create temporary view api_column_privileges as
select r.name || '.' || quote_ident(a.attname) as col, g.grantee, p.privilege
from app_relations r
join pg_catalog.pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
cross join (values ('anon'), ('authenticated')) as g (grantee)
cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('REFERENCES')) as p (privilege)
where has_column_privilege(g.grantee, r.oid, a.attnum, p.privilege)
  and not has_table_privilege(g.grantee, r.oid, p.privilege);

select is_empty(
  $$ select relation from api_table_privileges
     where grantee = 'anon' and privilege <> 'SELECT'
     union all
     select col from api_column_privileges
     where grantee = 'anon' and privilege <> 'SELECT' $$,
  'anon can insert, update, delete, truncate, reference or trigger nothing, on no table or column.'
);

select is_empty(
  $$ select relation || ' ' || grantee || ' ' || privilege from api_table_privileges
     where privilege in ('TRUNCATE', 'REFERENCES', 'TRIGGER')
     union all
     select col || ' ' || grantee || ' ' || privilege from api_column_privileges
     where privilege = 'REFERENCES' $$,
  'Neither anon nor authenticated holds TRUNCATE, REFERENCES or TRIGGER anywhere.'
);

select set_eq(
  $$ select relation || ' ' || grantee || ' ' || privilege from api_table_privileges $$,
  array[
    'public.product_categories anon SELECT',
    'public.product_categories authenticated SELECT',
    'public.profiles authenticated SELECT',
    'public.user_roles authenticated SELECT',
    'public.order_status_history authenticated SELECT'
  ],
  'Table-wide privileges of anon and authenticated are exactly the SELECTs the migrations grant: categories to both, own profile, own roles and own orders'' history to authenticated.'
);

select set_eq(
  $$ select col || ' ' || grantee || ' ' || privilege from api_column_privileges $$,
  $$ select 'public.products.' || c || ' ' || g || ' SELECT'
     from unnest(array['id', 'category_id', 'type', 'slug', 'name', 'short_description',
                       'description', 'image_url', 'retail_price', 'active', 'featured',
                       'sort_order', 'must_read_notice', 'input_schema', 'max_per_order',
                       'search_text', 'created_at', 'updated_at']) as c,
          unnest(array['anon', 'authenticated']) as g
     union all
     select 'public.orders.' || c || ' authenticated SELECT'
     from unnest(array['id', 'number', 'user_id', 'buyer_name', 'buyer_email', 'buyer_whatsapp',
                       'product_id', 'product_type', 'product_name', 'quantity', 'unit_price',
                       'total', 'price_tier', 'target', 'status', 'expires_at', 'paid_at',
                       'created_at', 'updated_at']) as c
     union all
     values ('public.profiles.display_name authenticated UPDATE'),
            ('public.profiles.whatsapp authenticated UPDATE') $$,
  'Column privileges of anon and authenticated are exactly: the public product columns (not reseller_price, provider_id, provider_plan) to read, the order columns a member sees (not tracking_token_hash, tracking_token_ciphertext, client_ip, held_account_id, attention_reason) to read for authenticated, and display_name and whatsapp of profiles to update.'
);

select is_empty(
  $$ select name from app_relations r
     where r.relkind in ('r', 'p')
       and not exists (select 1 from pg_catalog.pg_description d
                       where d.classoid = 'pg_catalog.pg_class'::regclass
                         and d.objoid = r.oid and d.objsubid = 0) $$,
  'Every table has a comment saying what it holds and who may reach it.'
);

select * from finish();
rollback;
