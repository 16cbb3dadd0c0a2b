-- The catalog: categories, products, the stock of STOCK products and the provider-account
-- pool of INVITE products. Anyone reads active categories and products (without reseller
-- prices or provider mapping); only the server reads stock items and provider accounts,
-- whose secrets are encrypted by the Rust functions (AES-256-GCM envelopes) before they
-- ever reach the database.

create type public.product_type as enum ('STOCK', 'INVITE');
comment on type public.product_type is 'STOCK: delivered from stock_items. INVITE: a seat invited from a provider account.';

-- ---------------------------------------------------------------------------------------
create table public.product_categories (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique
    constraint product_categories_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  name text not null
    constraint product_categories_name_length check (length(btrim(name)) between 1 and 80),
  description text not null default ''
    constraint product_categories_description_length check (length(description) <= 500),
  icon text
    constraint product_categories_icon_length check (icon is null or length(icon) between 1 and 16),
  sort_order integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.product_categories is 'Groups of products shown on the home page and as a catalog filter.';
create trigger product_categories_set_updated_at before update on public.product_categories
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------------------
create table public.providers (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique
    constraint providers_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  name text not null
    constraint providers_name_length check (length(btrim(name)) between 1 and 80),
  adapter text not null
    constraint providers_adapter_known check (adapter in ('manual', 'http', 'simulated')),
  -- Adapter settings that are secret (an endpoint token…): an encryption envelope bound to
  -- (providers, config_ciphertext, id).
  config_ciphertext bytea,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.providers is 'Services whose team seats INVITE products sell (ChatGPT Team, Canva…), each fulfilled through one adapter.';
create trigger providers_set_updated_at before update on public.providers
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------------------
create table public.products (
  id uuid primary key default gen_random_uuid(),
  category_id uuid not null references public.product_categories (id) on delete restrict,
  type public.product_type not null,
  slug text not null unique
    constraint products_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
  name text not null
    constraint products_name_length check (length(btrim(name)) between 1 and 120),
  short_description text not null default ''
    constraint products_short_description_length check (length(short_description) <= 240),
  description text not null default ''
    constraint products_description_length check (length(description) <= 20000),
  image_url text
    constraint products_image_url_format check (image_url is null or image_url ~ '^(https://|/(?!/))[^\s]+$'),
  -- Whole rupiah. The reseller price never exceeds the retail price.
  retail_price bigint not null
    constraint products_retail_price_positive check (retail_price > 0),
  reseller_price bigint not null
    constraint products_reseller_price_valid check (reseller_price > 0 and reseller_price <= retail_price),
  active boolean not null default true,
  featured boolean not null default false,
  sort_order integer not null default 0,
  -- "Wajib Baca Deskripsi": shown in a dialog the buyer must acknowledge before paying.
  must_read_notice text
    constraint products_must_read_notice_length check (must_read_notice is null or length(btrim(must_read_notice)) between 1 and 5000),
  -- The fields an INVITE buyer fills in: [{"key","type","required","label":{"id","en"},"max_length"}].
  input_schema jsonb not null default '[]'::jsonb
    constraint products_input_schema_array check (jsonb_typeof(input_schema) = 'array'),
  max_per_order integer not null default 10
    constraint products_max_per_order_range check (max_per_order between 1 and 100),
  provider_id uuid references public.providers (id) on delete restrict,
  provider_plan text
    constraint products_provider_plan_length check (provider_plan is null or length(btrim(provider_plan)) between 1 and 80),
  -- Lower-cased, accent-free name and descriptions, kept by a trigger, for search.
  search_text text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- STOCK products are delivered from stock; INVITE products from a provider's plan, and
  -- only INVITE products ask the buyer for target fields.
  constraint products_type_fulfillment check (
    (type = 'STOCK' and provider_id is null and provider_plan is null and input_schema = '[]'::jsonb)
    or (type = 'INVITE' and provider_id is not null and provider_plan is not null and jsonb_array_length(input_schema) > 0)
  )
);
comment on table public.products is 'What the shop sells. Prices are whole rupiah; availability is computed from stock_items or provider_accounts.';
create index products_category_id_idx on public.products (category_id);
create index products_provider_idx on public.products (provider_id, provider_plan);
-- Covers the default listing (featured first), so the page and its total come from the
-- index alone.
create index products_listing_idx on public.products (featured desc, sort_order, name, id)
  include (category_id, type, retail_price, created_at) where active;
create index products_search_text_idx on public.products using gin (search_text extensions.gin_trgm_ops);
create trigger products_set_updated_at before update on public.products
  for each row execute function private.set_updated_at();

create or replace function private.products_set_search_text()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  new.search_text := private.search_text(concat_ws(' ', new.name, nullif(new.short_description, ''), nullif(new.description, '')));
  return new;
end;
$$;
revoke all on function private.products_set_search_text() from public;
create trigger products_set_search_text before insert or update of name, short_description, description
  on public.products for each row execute function private.products_set_search_text();

-- ---------------------------------------------------------------------------------------
create type public.stock_item_status as enum ('available', 'reserved', 'sold', 'disabled');

create table public.stock_items (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references public.products (id) on delete restrict,
  -- The code, key or account: an encryption envelope bound to (stock_items, secret_ciphertext, id).
  secret_ciphertext bytea not null
    constraint stock_items_secret_present check (octet_length(secret_ciphertext) > 0),
  -- HMAC-SHA256 of the normalised secret under a dedicated key: finds duplicates without
  -- decrypting anything.
  fingerprint bytea not null
    constraint stock_items_fingerprint_size check (octet_length(fingerprint) = 32),
  status public.stock_item_status not null default 'available',
  reserved_until timestamptz,
  sold_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint stock_items_unique_secret unique (product_id, fingerprint),
  constraint stock_items_reservation_consistent check ((status = 'reserved') = (reserved_until is not null)),
  constraint stock_items_sale_consistent check ((status = 'sold') = (sold_at is not null))
);
comment on table public.stock_items is 'Encrypted secrets of STOCK products; each is sold at most once. Server only.';
create index stock_items_available_idx on public.stock_items (product_id, created_at) where status = 'available';
create index stock_items_created_by_idx on public.stock_items (created_by);
create trigger stock_items_set_updated_at before update on public.stock_items
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------------------
create type public.provider_account_status as enum ('active', 'disabled', 'parked');

create table public.provider_accounts (
  id uuid primary key default gen_random_uuid(),
  provider_id uuid not null references public.providers (id) on delete restrict,
  plan text not null
    constraint provider_accounts_plan_length check (length(btrim(plan)) between 1 and 80),
  label text not null
    constraint provider_accounts_label_length check (length(btrim(label)) between 1 and 120),
  -- Login or API credentials: an encryption envelope bound to (provider_accounts, credentials_ciphertext, id).
  credentials_ciphertext bytea not null
    constraint provider_accounts_credentials_present check (octet_length(credentials_ciphertext) > 0),
  daily_quota integer not null
    constraint provider_accounts_daily_quota_positive check (daily_quota > 0),
  -- Invitations sent on quota_day (a WIB date); a new day starts from zero.
  quota_day date not null default ((now() at time zone 'Asia/Jakarta')::date),
  quota_used integer not null default 0
    constraint provider_accounts_quota_used_nonnegative check (quota_used >= 0),
  seat_capacity integer not null
    constraint provider_accounts_seat_capacity_positive check (seat_capacity > 0),
  -- Seats taken, pending invitations included.
  seats_used integer not null default 0
    constraint provider_accounts_seats_used_range check (seats_used between 0 and seat_capacity),
  status public.provider_account_status not null default 'active',
  cooldown_until timestamptz,
  consecutive_failures integer not null default 0
    constraint provider_accounts_failures_nonnegative check (consecutive_failures >= 0),
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint provider_accounts_unique_label unique (provider_id, label)
);
comment on table public.provider_accounts is 'The pool of team accounts INVITE orders are fulfilled from, with quota, seats and cooldown. Server only.';
create index provider_accounts_pool_idx on public.provider_accounts (provider_id, plan) where status = 'active';
create trigger provider_accounts_set_updated_at before update on public.provider_accounts
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------------------
-- Availability, for the public catalog. Stock items and accounts stay unreadable to the
-- API roles; these definer helpers reveal only a count and a yes/no. They are PL/pgSQL, not
-- SQL, because Postgres before 18 plans a non-inlined SQL function's body again on every
-- call, while PL/pgSQL keeps its plans for the connection's life.
create or replace function private.invite_can_fulfill(p_provider_id uuid, p_plan text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.provider_accounts a
    join public.providers p on p.id = a.provider_id
    where a.provider_id = p_provider_id
      and a.plan = p_plan
      and p.active
      and a.status = 'active'
      and (a.cooldown_until is null or a.cooldown_until <= now())
      and a.seats_used < a.seat_capacity
      -- Quotas count days in WIB (see private.today_wib()).
      and (a.quota_day <> (now() at time zone 'Asia/Jakarta')::date or a.quota_used < a.daily_quota)
  );
end;
$$;
comment on function private.invite_can_fulfill(uuid, text) is 'Whether an active, uncooled account of the plan has quota and a seat left now.';

-- The availability of the given products, one call per page of the catalog: the number of
-- available stock items for STOCK, whether the pool can take an invitation now for INVITE
-- (stock null). Products that are not active are left out.
create or replace function private.products_availability(p_product_ids uuid[])
returns table (product_id uuid, available boolean, stock integer)
language plpgsql
stable
rows 20
security definer
set search_path = ''
as $$
begin
  return query
  select p.id,
         case when p.type = 'STOCK' then s.n > 0
              else private.invite_can_fulfill(p.provider_id, p.provider_plan) end,
         s.n
  from public.products p
  left join lateral (
    select count(*)::integer as n
    from public.stock_items si
    where si.product_id = p.id and si.status = 'available'
  ) s on p.type = 'STOCK'
  where p.id = any (p_product_ids) and p.active;
end;
$$;
comment on function private.products_availability(uuid[]) is 'Availability of products: stock count for STOCK, can-fulfil-now for INVITE.';

-- ---------------------------------------------------------------------------------------
-- Row Level Security and grants: one policy per operation and role; nothing reachable by
-- default (explicit revokes make this hold on projects created before 2026-10-30 too).
alter table public.product_categories enable row level security;
alter table public.products enable row level security;
alter table public.stock_items enable row level security;
alter table public.providers enable row level security;
alter table public.provider_accounts enable row level security;

revoke all on public.product_categories, public.products, public.stock_items,
  public.providers, public.provider_accounts from anon, authenticated, service_role;
grant select, insert, update, delete on public.product_categories, public.products,
  public.stock_items, public.providers, public.provider_accounts to service_role;

grant select on public.product_categories to anon, authenticated;
create policy "anon reads active categories" on public.product_categories
  for select to anon using (active);
create policy "authenticated reads active categories" on public.product_categories
  for select to authenticated using (active);

-- Reseller prices and the provider mapping are not public columns.
grant select (id, category_id, type, slug, name, short_description, description, image_url,
  retail_price, active, featured, sort_order, must_read_notice, input_schema, max_per_order,
  search_text, created_at, updated_at)
  on public.products to anon, authenticated;
create policy "anon reads active products" on public.products
  for select to anon using (active);
create policy "authenticated reads active products" on public.products
  for select to authenticated using (active);

-- stock_items, providers, provider_accounts: no grant to the API roles, and a restrictive
-- policy that says so outright: only the server (service_role, or the postgres role that
-- owns the tables) reaches them.
create policy "no api access to stock items" on public.stock_items
  as restrictive for all to anon, authenticated using (false) with check (false);
create policy "no api access to providers" on public.providers
  as restrictive for all to anon, authenticated using (false) with check (false);
create policy "no api access to provider accounts" on public.provider_accounts
  as restrictive for all to anon, authenticated using (false) with check (false);

-- The search trigger runs as whoever writes the product.
grant execute on function private.search_text(text) to service_role;

-- products_availability is the one definer function the API roles may call: it lives in
-- `private`, which the Data API does not expose, and reveals only a count and a yes/no.

revoke all on function private.invite_can_fulfill(uuid, text) from public;
revoke all on function private.products_availability(uuid[]) from public;
grant usage on schema private to anon, authenticated, service_role;
grant execute on function private.products_availability(uuid[]) to anon, authenticated, service_role;
