-- Accounts: every Supabase Auth user gets a profile and the `member` role the moment they
-- sign up, in the same transaction as their `auth.users` row. The profile takes the name and
-- WhatsApp number the sign-up form sent as metadata; the role never comes from metadata
-- (the user controls `raw_user_meta_data`), so nothing a user sends can grant a role.
-- This is the pattern Supabase documents for hosted projects, where `postgres` may create
-- triggers on auth.users; the local stack grants the same.

-- An Indonesian mobile number as +628…, or null when it is not one. Accepts what people
-- type: 0812-3456-7890, 62 812 3456 7890, +62 (812) 3456.7890, and the trunk zero some
-- write after the country code (+62 0812…). The API and the web form apply the same rule
-- (shop::account::whatsapp, web/src/lib/whatsapp.ts), so a number is stored one way
-- whichever path wrote it.
create function private.normalize_whatsapp(raw text) returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select case when compact ~ '^(\+620?|620?|0)8[0-9]{7,12}$'
    then '+62' || regexp_replace(compact, '^(\+620?|620?|0)', '') end
  from (select regexp_replace(coalesce(raw, ''), '[[:space:]\u00a0().-]', '', 'g') as compact) as typed
$$;
comment on function private.normalize_whatsapp(text) is
  'An Indonesian mobile number normalised to +628…, or null when the text is not one.';

-- The name a sign-up form sent: the first of display_name, full_name (OAuth providers),
-- name that is a non-blank string, trimmed of any whitespace, cut to the 80 characters a
-- profile holds. Null when there is none.
create function private.display_name_from_metadata(metadata jsonb) returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select regexp_replace(left(cleaned, 80), '[[:space:]\u00a0]+$', '')
  from (
    select regexp_replace(metadata ->> key, '^[[:space:]\u00a0]+|[[:space:]\u00a0]+$', '', 'g') as cleaned, ordinal
    from unnest(array['display_name', 'full_name', 'name']) with ordinality as keys (key, ordinal)
    where jsonb_typeof(metadata) = 'object' and jsonb_typeof(metadata -> key) = 'string'
  ) as candidates
  where cleaned <> ''
  order by ordinal
  limit 1
$$;
comment on function private.display_name_from_metadata(jsonb) is
  'The display name in sign-up metadata (display_name, full_name or name), trimmed and cut to 80 characters.';

-- The WhatsApp number a sign-up form sent, normalised, or null.
create function private.whatsapp_from_metadata(metadata jsonb) returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select case when jsonb_typeof(metadata) = 'object' and jsonb_typeof(metadata -> 'whatsapp') = 'string'
    then private.normalize_whatsapp(metadata ->> 'whatsapp') end
$$;

create function private.handle_new_user() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- A bad name or number in the metadata never blocks a sign-up: it is simply not kept.
  -- Unconfirmed users get the role too; they cannot sign in until they confirm.
  insert into public.profiles (id, display_name, whatsapp)
  values (
    new.id,
    private.display_name_from_metadata(new.raw_user_meta_data),
    private.whatsapp_from_metadata(new.raw_user_meta_data)
  )
  on conflict (id) do nothing;
  insert into public.user_roles (user_id, role) values (new.id, 'member') on conflict do nothing;
  return new;
end
$$;
comment on function private.handle_new_user() is
  'After a Supabase Auth sign-up: the profile from the sign-up metadata, and the member role.';
revoke all on function private.handle_new_user() from public, anon, authenticated, service_role;
revoke all on function private.normalize_whatsapp(text) from public, anon, authenticated, service_role;
revoke all on function private.display_name_from_metadata(jsonb) from public, anon, authenticated, service_role;
revoke all on function private.whatsapp_from_metadata(jsonb) from public, anon, authenticated, service_role;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

-- Users who signed up before this migration, by the same rules.
insert into public.profiles (id, display_name, whatsapp)
select u.id, private.display_name_from_metadata(u.raw_user_meta_data), private.whatsapp_from_metadata(u.raw_user_meta_data)
from auth.users u
on conflict (id) do nothing;
insert into public.user_roles (user_id, role)
select u.id, 'member' from auth.users u
on conflict do nothing;
