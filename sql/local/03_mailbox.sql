-- Part 4: the local mailbox. Nothing leaves this machine: the local Auth server (and later
-- the shop's notifications) "send" mail by writing it here, and `/mailbox` shows it. Not
-- part of a hosted project; local only. Idempotent.
create schema if not exists mailbox authorization supabase_auth_admin;
grant usage on schema mailbox to postgres;

create table if not exists mailbox.messages (
  id bigserial primary key,
  created_at timestamptz not null default now(),
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  -- What kind of mail: signup, recovery, email_change, … (the notifications add theirs).
  kind text not null,
  -- Machine-readable extras for tests and the page: the one-time code, the links.
  data jsonb not null default '{}'::jsonb
);
create index if not exists messages_to_address_id_idx on mailbox.messages (lower(to_address), id desc);
alter table mailbox.messages owner to supabase_auth_admin;
alter sequence mailbox.messages_id_seq owner to supabase_auth_admin;
-- Only the two server roles read and write it; the API roles never see it.
alter table mailbox.messages enable row level security;
grant all on table mailbox.messages to postgres;
grant usage, select on sequence mailbox.messages_id_seq to postgres;
