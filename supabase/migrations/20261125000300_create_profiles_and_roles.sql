-- People: one profile per Supabase Auth user, and the roles that user holds. Roles live only
-- here (never in user_metadata, which the user controls); nobody can grant themself one.

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text
    constraint profiles_display_name_length check (display_name is null or length(btrim(display_name)) between 1 and 80),
  -- Normalised Indonesian mobile number, +628…
  whatsapp text
    constraint profiles_whatsapp_format check (whatsapp is null or whatsapp ~ '^\+628[0-9]{7,12}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'One row per user: the name and WhatsApp number used at checkout and for notifications.';
create trigger profiles_set_updated_at before update on public.profiles
  for each row execute function private.set_updated_at();

-- 'guest' names the role of someone who is not signed in; it is never stored.
create type public.app_role as enum ('guest', 'member', 'reseller', 'admin');

create table public.user_roles (
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.app_role not null
    constraint user_roles_not_guest check (role <> 'guest'),
  granted_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (user_id, role)
);
comment on table public.user_roles is 'The roles a user holds. Written only by the server (admin actions, sign-up trigger).';
create index user_roles_granted_by_idx on public.user_roles (granted_by);

alter table public.profiles enable row level security;
alter table public.user_roles enable row level security;

revoke all on public.profiles, public.user_roles from anon, authenticated, service_role;
grant select, insert, update, delete on public.profiles, public.user_roles to service_role;

-- A user reads and updates their own profile, and only its editable columns.
grant select on public.profiles to authenticated;
grant update (display_name, whatsapp) on public.profiles to authenticated;
create policy "users read their own profile" on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy "users update their own profile" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- A user reads their own roles; no API role may write them.
grant select on public.user_roles to authenticated;
create policy "users read their own roles" on public.user_roles
  for select to authenticated using (user_id = (select auth.uid()));
