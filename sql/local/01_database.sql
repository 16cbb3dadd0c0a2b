-- Part 2: the database-level set-up of a hosted project: ownership, the `extensions`
-- schema with the extensions every project has, and the grants on `public`.
-- Deliberately NOT the legacy "alter default privileges ... grant all to anon,
-- authenticated": since 2026-10-30 hosted projects no longer expose new tables by
-- default, so a migration that forgets a grant must fail here as it will there.
do $$ begin execute format('alter database %I owner to postgres', current_database()); end $$;

alter schema public owner to postgres;
grant usage on schema public to postgres, anon, authenticated, service_role;
grant create on schema public to postgres;

create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant create on schema extensions to postgres;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
