-- What hosted Supabase provides that a plain Postgres lacks, part 1: the roles.
-- Applied by `ruangpremium` to a fresh cluster whose bootstrap superuser is
-- `supabase_admin`, before any migration. Mirrors supabase/postgres
-- (init-scripts/00000000000000-initial-schema.sql and the demote-postgres migration);
-- see shared/LOCAL_STACK.md §1.1. Idempotent, so a second start changes nothing.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'postgres') then
    create role postgres login createrole createdb replication bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin inherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin inherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin inherit bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then
    create role supabase_auth_admin login noinherit createrole noreplication;
  end if;
end
$$;

-- The demoted postgres role of a hosted project: not a superuser, but bypasses RLS.
alter role postgres nosuperuser login createrole createdb replication bypassrls;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;
grant supabase_auth_admin to postgres;

alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';
alter role postgres set search_path to "$user", public, extensions;
alter role supabase_auth_admin set search_path = auth;
