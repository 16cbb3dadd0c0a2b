-- Shared building blocks for every later migration: the `private` schema for small,
-- reviewed helpers that must not be exposed through the Data API, the one trigger that
-- keeps `updated_at`, and the extensions the catalog search needs.

create extension if not exists unaccent with schema extensions;
create extension if not exists pg_trgm with schema extensions;

create schema if not exists private;
revoke all on schema private from public;
comment on schema private is 'Helpers for policies and triggers; never exposed through the Data API.';

create or replace function private.set_updated_at()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
comment on function private.set_updated_at() is 'Keeps updated_at current; attached to every table that has one.';
revoke all on function private.set_updated_at() from public;

-- Lower-cased, accent-free text for search ("Kopi" finds "kópi"). unaccent is stable, not
-- immutable (its dictionary can change), so this runs from triggers, never in an index
-- expression.
create or replace function private.search_text(value text)
returns text
language sql
stable
security invoker
set search_path = ''
as $$
  select lower(extensions.unaccent(coalesce(value, '')));
$$;
comment on function private.search_text(text) is 'Normalises text for case- and accent-insensitive search.';
revoke all on function private.search_text(text) from public;

-- The shop's calendar day: quotas and reports count days in WIB (Asia/Jakarta).
create or replace function private.today_wib()
returns date
language sql
stable
security invoker
set search_path = ''
as $$
  select (now() at time zone 'Asia/Jakarta')::date;
$$;
comment on function private.today_wib() is 'Today''s date in WIB, the shop''s business day.';
revoke all on function private.today_wib() from public;
