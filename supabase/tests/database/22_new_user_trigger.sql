-- The sign-up trigger (on_auth_user_created → private.handle_new_user()): every auth.users
-- row Supabase Auth inserts gets exactly one profile, with the sign-up form's name and
-- WhatsApp number when they are usable and null when not, and exactly the member role,
-- whatever the user put in their metadata then or later. Nothing in the metadata can block
-- a sign-up or grant a role. Also the functions the trigger (and the migration's backfill)
-- takes the profile with: private.display_name_from_metadata(jsonb),
-- private.whatsapp_from_metadata(jsonb) and private.normalize_whatsapp(text).
begin;
\ir _helpers.psql
select plan(114);

-- Supabase Auth (GoTrue) connects as supabase_auth_admin, with search_path = auth, and
-- inserts and updates auth.users itself. That role has no rights on public.profiles or
-- public.user_roles, so these helpers show that the trigger works for it, as on the
-- platform. Like the shared helpers they have no SET clause (the role switch must not be
-- undone on return) and they switch back to the connecting role before returning.
grant usage on schema tests to supabase_auth_admin;

-- What POST /signup stores: the form's fields as user_metadata (`options.data` in
-- supabase-js), which the user fully controls, and app_metadata, which only the server sets.
create function tests.auth_sign_up(
  p_email text,
  p_id uuid,
  p_user_metadata jsonb,
  p_app_metadata jsonb default '{"provider": "email", "providers": ["email"]}'
)
returns void
language plpgsql
as $$
declare
  previous_path text := current_setting('search_path');
begin
  set local role supabase_auth_admin;
  perform set_config('search_path', 'auth', true);
  insert into users (
    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at
  )
  values (
    '00000000-0000-0000-0000-000000000000', p_id, 'authenticated', 'authenticated', p_email,
    '', now(),
    p_app_metadata, p_user_metadata, now(), now()
  );
  perform set_config('search_path', previous_path, true);
  set local role none;
end;
$$;

-- What PUT /user with `data` does (supabase.auth.updateUser({ data })): merges the keys
-- into the user's own user_metadata.
create function tests.auth_update_user_metadata(p_id uuid, p_data jsonb)
returns void
language plpgsql
as $$
begin
  set local role supabase_auth_admin;
  update auth.users
  set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || p_data, updated_at = now()
  where id = p_id;
  set local role none;
end;
$$;
grant execute on function tests.auth_sign_up(text, uuid, jsonb, jsonb),
  tests.auth_update_user_metadata(uuid, jsonb) to supabase_auth_admin;

-- One row per user: how many profiles they got, what is in it, and their roles.
create temporary view sign_ups as
select u.id, u.email,
  (select count(*) from public.profiles p where p.id = u.id) as profiles,
  (select p.display_name from public.profiles p where p.id = u.id) as display_name,
  (select p.whatsapp from public.profiles p where p.id = u.id) as whatsapp,
  (select array_agg(r.role::text order by r.role::text) from public.user_roles r where r.user_id = u.id) as roles
from auth.users u;

-- ---------------------------------------------------------------------------------------
-- The trigger and its function.

select trigger_is('auth', 'users', 'on_auth_user_created', 'private', 'handle_new_user',
  'on_auth_user_created on auth.users runs private.handle_new_user().');
select results_eq(
  $$ select pg_catalog.pg_get_triggerdef(t.oid), t.tgenabled::text
     from pg_catalog.pg_trigger t
     where t.tgrelid = 'auth.users'::regclass and t.tgname = 'on_auth_user_created' $$,
  $$ values ('CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION private.handle_new_user()', 'O') $$,
  'The trigger fires after each inserted user, on nothing else (an update of the metadata never re-runs it), and is enabled.');
select is_definer('private', 'handle_new_user', array[]::name[],
  'handle_new_user() is security definer: Auth''s role cannot write profiles or user_roles itself.');
select function_owner_is('private', 'handle_new_user', array[]::name[], 'postgres',
  'handle_new_user() runs as postgres, the owner of profiles and user_roles, not as a superuser.');
select is(
  (select proconfig from pg_catalog.pg_proc where oid = 'private.handle_new_user()'::regprocedure),
  array['search_path=""'],
  'handle_new_user() runs with an empty search_path, so nothing on the caller''s path can stand in for what it calls.');

-- A trigger does not need EXECUTE to fire; a grant would only let an API role call the
-- definer function by hand. (00_rls_enabled.sql checks every trigger function generically.)
select function_privs_are('private', 'handle_new_user', array[]::name[], 'anon', array[]::text[],
  'anon cannot execute handle_new_user().');
select function_privs_are('private', 'handle_new_user', array[]::name[], 'authenticated', array[]::text[],
  'authenticated cannot execute handle_new_user().');
select function_privs_are('private', 'handle_new_user', array[]::name[], 'service_role', array[]::text[],
  'service_role cannot execute handle_new_user().');

-- The helpers only read their argument, so they run as the caller (not security definer),
-- and no API role may call them: only the trigger and the backfill (as their owner) do.
select isnt_definer('private', 'display_name_from_metadata', array['jsonb']::name[],
  'display_name_from_metadata(jsonb) is not security definer.');
select isnt_definer('private', 'whatsapp_from_metadata', array['jsonb']::name[],
  'whatsapp_from_metadata(jsonb) is not security definer.');
select isnt_definer('private', 'normalize_whatsapp', array['text']::name[],
  'normalize_whatsapp(text) is not security definer.');
select is_empty(
  $$ select f.fn || ' ' || g.grantee
     from (values ('private.display_name_from_metadata(jsonb)'), ('private.whatsapp_from_metadata(jsonb)'),
                  ('private.normalize_whatsapp(text)')) as f (fn)
     cross join (values ('anon'), ('authenticated'), ('service_role')) as g (grantee)
     where has_function_privilege(g.grantee, f.fn, 'EXECUTE') $$,
  'No API role can execute display_name_from_metadata(jsonb), whatsapp_from_metadata(jsonb) or normalize_whatsapp(text).');

-- ---------------------------------------------------------------------------------------
-- private.normalize_whatsapp: what people type → +628…, or null.

select is(private.normalize_whatsapp('081234567890'), '+6281234567890',
  'A number typed as 08… becomes +628….');
select is(private.normalize_whatsapp('6281234567890'), '+6281234567890',
  'A number typed as 628… becomes +628….');
select is(private.normalize_whatsapp('+6281234567890'), '+6281234567890',
  'A number already in +628… form is kept.');
select is(private.normalize_whatsapp('+62 812-3456-7890'), '+6281234567890',
  'Spaces and dashes after +62 are removed.');
select is(private.normalize_whatsapp(' +62 (812) 3456.7890 '), '+6281234567890',
  'Parentheses, dots and surrounding spaces are removed.');
select is(private.normalize_whatsapp('0812 3456 7890'), '+6281234567890',
  'A spaced 08… number is normalised.');
select is(private.normalize_whatsapp(E'0812\u00a03456\u00a07890'), '+6281234567890',
  'No-break spaces (U+00A0, as pasted from a web page or a contact card) between the digits are removed.');
select is(private.normalize_whatsapp(E'\u00a0+62\u00a0812-3456-7890\u00a0'), '+6281234567890',
  'No-break spaces around the number and after +62 are removed.');
select is(private.normalize_whatsapp(E'\t0812\t3456\n7890\r\n'), '+6281234567890',
  'Tabs and line breaks are removed like spaces.');
select is(private.normalize_whatsapp('081234567'), '+6281234567',
  'The shortest mobile number (8 and 7 more digits) is accepted.');
select is(private.normalize_whatsapp('08123456'), null,
  'A number too short to be a mobile number is null.');
select is(private.normalize_whatsapp('08123456789012'), '+628123456789012',
  'The longest mobile number (8 and 12 more digits) is accepted.');
select is(private.normalize_whatsapp('081234567890123'), null,
  'A number longer than 8 and 12 more digits is null.');
select is(private.normalize_whatsapp('021-5551234'), null,
  'A Jakarta landline (021…) is null: WhatsApp numbers here are mobile.');
select is(private.normalize_whatsapp('+62 21 555 1234'), null,
  'A landline in +62 form is null too.');
select is(private.normalize_whatsapp('+1 (415) 555-0100'), null,
  'A foreign number is null.');
select is(private.normalize_whatsapp('0812-ABCD-7890'), null,
  'Letters make it no number.');
select is(private.normalize_whatsapp('08١٢٣٤٥٦٧٨٩'), null,
  'Digits other than ASCII 0-9 are not accepted (as in shop::account::whatsapp).');
select is(private.normalize_whatsapp('++6281234567890'), null,
  'A doubled + is not a prefix to strip.');
select is(private.normalize_whatsapp('+62 0812 3456 7890'), '+6281234567890',
  'The trunk zero some keep after the country code is dropped (as the API and the web form do).');
select is(private.normalize_whatsapp('81234567890'), null,
  'Without +62, 62 or 0 in front a number is ambiguous and refused (as the API and the web form do).');
select is(private.normalize_whatsapp('0081234567890'), null,
  'An international call prefix is not a trunk zero.');
select is(private.normalize_whatsapp(null), null,
  'null stays null.');
select is(private.normalize_whatsapp(''), null,
  'An empty string is null.');
select is(private.normalize_whatsapp('   '), null,
  'Blanks are null.');
select is(private.normalize_whatsapp(E'\u00a0\t\n'), null,
  'Only no-break spaces, tabs and line breaks are null.');

-- ---------------------------------------------------------------------------------------
-- private.display_name_from_metadata: the first of display_name, full_name, name that is a
-- non-blank string, trimmed of any whitespace, cut to 80 characters; else null.

select is(private.display_name_from_metadata('{"name": "Citra", "full_name": "Budi", "display_name": "Ayu"}'), 'Ayu',
  'display_name comes first, whatever the order of the keys.');
select is(private.display_name_from_metadata('{"name": "Citra", "full_name": "Budi"}'), 'Budi',
  'Without display_name, full_name comes next.');
select is(private.display_name_from_metadata('{"name": " Citra "}'), 'Citra',
  'Then name, trimmed.');
select is(private.display_name_from_metadata('{"display_name":"","full_name":"Sari"}'), 'Sari',
  'An empty display_name is skipped: the full_name is used.');
select is(private.display_name_from_metadata(
    jsonb_build_object('display_name', E' \t', 'full_name', E'\u00a0\n', 'name', 'Sari')), 'Sari',
  'Blank strings are skipped until a non-blank one.');
select is(private.display_name_from_metadata('{"display_name": {"first": "Dina"}}'), null,
  'An object as the name is no name.');
select is(private.display_name_from_metadata('{"display_name": 42}'), null,
  'A number as the name is no name (not its text "42").');
select is(private.display_name_from_metadata('{"display_name": true, "full_name": ["Dina"], "name": null}'), null,
  'A boolean, an array or JSON null as the name is no name.');
select is(private.display_name_from_metadata('{"display_name": 42, "full_name": {"given": "Dina"}, "name": "Sari"}'), 'Sari',
  'Values that are not strings are skipped: the first string is used.');
select is(private.display_name_from_metadata(jsonb_build_object('display_name', E'\t\n\u00a0\r\n\u00a0')), null,
  'A name of only tabs, line breaks and no-break spaces is null.');
select is(private.display_name_from_metadata(jsonb_build_object('display_name', E'\u00a0\t Dina Lestari\n\u00a0')), 'Dina Lestari',
  'Tabs, line breaks and no-break spaces around the name are trimmed.');
select is(private.display_name_from_metadata(jsonb_build_object('display_name', E'Dina\u00a0Lestari')), E'Dina\u00a0Lestari',
  'Whitespace inside the name is kept.');
select is(private.display_name_from_metadata(jsonb_build_object('display_name', repeat('x', 80))), repeat('x', 80),
  'A name of exactly 80 characters is kept whole.');
select is(private.display_name_from_metadata(jsonb_build_object('display_name', repeat('x', 81))), repeat('x', 80),
  'An 81-character name is cut to 80, not dropped.');
select is(private.display_name_from_metadata(jsonb_build_object('display_name', repeat('a', 79) || ' ' || repeat('b', 40))), repeat('a', 79),
  'A name cut at a space loses that trailing space.');
select is(private.display_name_from_metadata(jsonb_build_object('display_name', E'\t\u00a0  ' || repeat('x', 80) || E' \n')), repeat('x', 80),
  'The name is trimmed before it is cut, so surrounding whitespace does not count towards 80.');
select is_empty(
  $$ select m from (values ('["Dina"]'::jsonb), ('"Dina"'), ('null'), ('42'), (null)) as v (m)
     where private.display_name_from_metadata(m) is not null $$,
  'Metadata that is not an object (array, string, JSON null, number, none) has no name.');

-- ---------------------------------------------------------------------------------------
-- private.whatsapp_from_metadata: a whatsapp string, normalised; anything else is null.

select is(private.whatsapp_from_metadata('{"whatsapp": "0812-3456-7890"}'), '+6281234567890',
  'A whatsapp string is normalised.');
select is(private.whatsapp_from_metadata(jsonb_build_object('whatsapp', E'0812\u00a03456\u00a07890')), '+6281234567890',
  'A whatsapp string with no-break spaces is normalised.');
select is(private.whatsapp_from_metadata('{"whatsapp": 6281234567890}'), null,
  'A number as JSON number, not a string, is null.');
select is(private.whatsapp_from_metadata('{"whatsapp": ["081234567890"]}'), null,
  'A number inside an array is null.');
select is(private.whatsapp_from_metadata('{"whatsapp": {"number": "081234567890"}}'), null,
  'A number inside an object is null.');
select is(private.whatsapp_from_metadata('{"whatsapp": "12345"}'), null,
  'A string that is no Indonesian mobile number is null.');
select is_empty(
  $$ select m from (values ('["081234567890"]'::jsonb), ('"081234567890"'), ('null'), (null)) as v (m)
     where private.whatsapp_from_metadata(m) is not null $$,
  'Metadata that is not an object (array, string, JSON null, none) has no number.');

-- ---------------------------------------------------------------------------------------
-- Sign-ups as Supabase Auth makes them. Each must succeed whatever the metadata holds.

select lives_ok(
  $$ select tests.auth_sign_up('dina@example.com', '22000000-0000-4000-8000-000000000001',
       '{"display_name": "  Dina Lestari  ", "whatsapp": "0812-3456-7890"}') $$,
  'Sign-up with a name and a number, as the sign-up form sends them.');
select lives_ok(
  $$ select tests.auth_sign_up('eko@example.com', '22000000-0000-4000-8000-000000000002',
       '{"display_name": "Eko", "role": "admin"}') $$,
  'Sign-up with "role": "admin" in the metadata succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('fitri@example.com', '22000000-0000-4000-8000-000000000003',
       '{"display_name": "Fitri", "whatsapp": "+62 (812) 1111-2222", "roles": ["admin", "reseller"]}') $$,
  'Sign-up with "roles": ["admin", "reseller"] in the metadata succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('hadi@example.com', '22000000-0000-4000-8000-000000000004',
       '{"app_metadata": {"role": "admin", "roles": ["admin"]}, "user_role": "admin",
         "is_super_admin": true, "provider": "admin", "claims": {"role": "service_role"}}') $$,
  'Sign-up with app_metadata-looking keys in the user metadata succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('ika@example.com', '22000000-0000-4000-8000-000000000005', '["admin"]') $$,
  'Sign-up with an array as metadata succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('joko@example.com', '22000000-0000-4000-8000-000000000006', '"admin"') $$,
  'Sign-up with a string as metadata succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('kiki@example.com', '22000000-0000-4000-8000-000000000007', 'null') $$,
  'Sign-up with JSON null as metadata succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('lina@example.com', '22000000-0000-4000-8000-000000000008', null) $$,
  'Sign-up with no metadata at all (SQL null) succeeds.');
select lives_ok(
  format($$ select tests.auth_sign_up('mira@example.com', '22000000-0000-4000-8000-000000000009', %L) $$,
         jsonb_build_object('display_name', repeat('a', 79) || ' ' || repeat('b', 40),
                            'whatsapp', '081234567890')),
  'Sign-up with a 120-character name succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('nina@example.com', '22000000-0000-4000-8000-000000000010',
       '{"display_name": "Nina", "whatsapp": "12345"}') $$,
  'Sign-up with an invalid number succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('oki@example.com', '22000000-0000-4000-8000-000000000011',
       '{"display_name": "Oki", "whatsapp": "021-555-1234"}') $$,
  'Sign-up with a landline number succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('putri@example.com', '22000000-0000-4000-8000-000000000012',
       '{"display_name": "", "whatsapp": "081234567890"}') $$,
  'Sign-up with an empty name succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('rudi@example.com', '22000000-0000-4000-8000-000000000013',
       '{"display_name": "   ", "whatsapp": ""}') $$,
  'Sign-up with a blank name and an empty number succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('sari@example.com', '22000000-0000-4000-8000-000000000014',
       '{"full_name": " Sari Dewi ", "name": "sari"}') $$,
  'Sign-up through an OAuth provider, which sends full_name and name, succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('tono@example.com', '22000000-0000-4000-8000-000000000015',
       '{"display_name": "Tono"}',
       '{"provider": "email", "providers": ["email"], "role": "admin", "roles": ["admin"]}') $$,
  'Sign-up whose app_metadata names admin roles succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('gita@example.com', '22000000-0000-4000-8000-000000000016',
       '{"display_name": "Gita", "whatsapp": "6281377778888"}') $$,
  'Sign-up of gita, who will later edit her metadata.');
select lives_ok(
  $$ select tests.auth_sign_up('umi@example.com', '22000000-0000-4000-8000-000000000017',
       '{"display_name": {"first": "Umi"}, "whatsapp": 6281234567890}') $$,
  'Sign-up with an object as the name and a JSON number as the number succeeds.');
select lives_ok(
  format($$ select tests.auth_sign_up('vino@example.com', '22000000-0000-4000-8000-000000000018', %L) $$,
         jsonb_build_object('display_name', 42, 'whatsapp', E'0812\u00a03456\u00a07890')),
  'Sign-up with a number as the name and no-break spaces in the number succeeds.');
select lives_ok(
  $$ select tests.auth_sign_up('wulan@example.com', '22000000-0000-4000-8000-000000000019',
       '{"display_name": "", "full_name": "Sari"}') $$,
  'Sign-up with an empty display_name and a full_name succeeds.');
select lives_ok(
  format($$ select tests.auth_sign_up('yani@example.com', '22000000-0000-4000-8000-000000000020', %L) $$,
         jsonb_build_object('display_name', E'\t\t', 'full_name', E'\n\r\n', 'name', E'\u00a0\u00a0')),
  'Sign-up with names of only tabs, line breaks and no-break spaces succeeds.');
select lives_ok(
  format($$ select tests.auth_sign_up('zaki@example.com', '22000000-0000-4000-8000-000000000021', %L) $$,
         jsonb_build_object('display_name', repeat('z', 81))),
  'Sign-up with an 81-character name succeeds.');

-- What each got: (number of profiles, display_name, whatsapp, roles).

select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'dina@example.com' $$,
  $$ values (1::bigint, 'Dina Lestari', '+6281234567890', array['member']) $$,
  'One profile with the trimmed name and the normalised number, and exactly the member role.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'eko@example.com' $$,
  $$ values (1::bigint, 'Eko', null::text, array['member']) $$,
  '"role": "admin" in the metadata grants nothing: member only.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'fitri@example.com' $$,
  $$ values (1::bigint, 'Fitri', '+6281211112222', array['member']) $$,
  '"roles": ["admin", "reseller"] in the metadata grants nothing: member only.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'hadi@example.com' $$,
  $$ values (1::bigint, null::text, null::text, array['member']) $$,
  'app_metadata-looking keys in the user metadata grant nothing: member only, an empty profile.');
select results_eq(
  $$ select email, profiles, display_name, whatsapp, roles from sign_ups
     where email in ('ika@example.com', 'joko@example.com', 'kiki@example.com', 'lina@example.com')
     order by email $$,
  $$ values ('ika@example.com'::varchar, 1::bigint, null::text, null::text, array['member']),
            ('joko@example.com', 1, null, null, array['member']),
            ('kiki@example.com', 1, null, null, array['member']),
            ('lina@example.com', 1, null, null, array['member']) $$,
  'Metadata that is not an object (array, string, JSON null, none) gives an empty profile and the member role.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'mira@example.com' $$,
  $$ values (1::bigint, repeat('a', 79), '+6281234567890', array['member']) $$,
  'An over-long name is cut to 80 characters and trimmed again (so it fits the check), not kept whole; the number is kept.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'nina@example.com' $$,
  $$ values (1::bigint, 'Nina', null::text, array['member']) $$,
  'An invalid number is dropped (null); the name is kept.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'oki@example.com' $$,
  $$ values (1::bigint, 'Oki', null::text, array['member']) $$,
  'A landline number is dropped (null).');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'putri@example.com' $$,
  $$ values (1::bigint, null::text, '+6281234567890', array['member']) $$,
  'An empty name is dropped (null); the number is kept.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'rudi@example.com' $$,
  $$ values (1::bigint, null::text, null::text, array['member']) $$,
  'A blank name and an empty number are both null.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'sari@example.com' $$,
  $$ values (1::bigint, 'Sari Dewi', null::text, array['member']) $$,
  'Without display_name the trimmed full_name is used (what OAuth providers send).');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'tono@example.com' $$,
  $$ values (1::bigint, 'Tono', null::text, array['member']) $$,
  'Roles named in app_metadata are not copied either: roles come only from user_roles.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'gita@example.com' $$,
  $$ values (1::bigint, 'Gita', '+6281377778888', array['member']) $$,
  'gita starts with her profile and the member role.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'umi@example.com' $$,
  $$ values (1::bigint, null::text, null::text, array['member']) $$,
  'An object as the name and a JSON number as the number are both null.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'vino@example.com' $$,
  $$ values (1::bigint, null::text, '+6281234567890', array['member']) $$,
  'A number as the name is null (not "42"); the number with no-break spaces is normalised and kept.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'wulan@example.com' $$,
  $$ values (1::bigint, 'Sari', null::text, array['member']) $$,
  'An empty display_name falls through to the full_name.');
select results_eq(
  $$ select profiles, display_name, whatsapp, roles from sign_ups where email = 'yani@example.com' $$,
  $$ values (1::bigint, null::text, null::text, array['member']) $$,
  'Names of only tabs, line breaks and no-break spaces are all blank: the name is null.');
select results_eq(
  $$ select profiles, display_name, length(display_name), roles from sign_ups where email = 'zaki@example.com' $$,
  $$ values (1::bigint, repeat('z', 80), 80, array['member']) $$,
  'An 81-character name is cut to its first 80 characters and kept.');

-- ---------------------------------------------------------------------------------------
-- gita later sets user_metadata.role = 'admin' through Auth (PUT /user). Her row changes,
-- the trigger does not run again, and her roles stay what user_roles says.

select lives_ok(
  $$ select tests.auth_update_user_metadata('22000000-0000-4000-8000-000000000016', '{"role": "admin"}') $$,
  'Auth stores gita''s new user_metadata.');
select results_eq(
  $$ select raw_user_meta_data ->> 'role', profiles, display_name, whatsapp, roles
     from auth.users join sign_ups using (id) where id = '22000000-0000-4000-8000-000000000016' $$,
  $$ values ('admin', 1::bigint, 'Gita', '+6281377778888', array['member']) $$,
  'After the update her metadata says admin, but she still has one unchanged profile and only the member role.');

select tests.authenticate_as('22000000-0000-4000-8000-000000000016');

select is(auth.jwt() -> 'user_metadata' ->> 'role', 'admin',
  'gita''s access token now carries user_metadata.role = admin.');
select results_eq(
  'select user_id, role::text from public.user_roles',
  $$ values ('22000000-0000-4000-8000-000000000016'::uuid, 'member') $$,
  'gita sees only her member role in user_roles.');
select results_eq(
  'select id from public.profiles',
  $$ values ('22000000-0000-4000-8000-000000000016'::uuid) $$,
  'gita sees only her own profile, not the other users''.');
select throws_ok(
  $$ insert into public.user_roles (user_id, role) values ('22000000-0000-4000-8000-000000000016', 'admin') $$,
  '42501', 'permission denied for table user_roles',
  'gita cannot turn her claim into a role row.');
select throws_ok('select reseller_price from public.products',
  '42501', 'permission denied for table products',
  'gita cannot read reseller prices.');
select throws_ok('select id from public.stock_items',
  '42501', 'permission denied for table stock_items',
  'gita cannot read stock items.');
select throws_ok('select id from public.provider_accounts',
  '42501', 'permission denied for table provider_accounts',
  'gita cannot read provider accounts.');
select throws_ok('select private.handle_new_user()',
  '42501', 'permission denied for function handle_new_user',
  'gita cannot call the sign-up function by hand.');
select throws_ok($$ select private.display_name_from_metadata('{"display_name": "Gita"}') $$,
  '42501', 'permission denied for function display_name_from_metadata',
  'gita cannot call display_name_from_metadata(jsonb).');

select tests.authenticate_service();

select throws_ok('select private.handle_new_user()',
  '42501', 'permission denied for function handle_new_user',
  'Not even service_role can call the sign-up function by hand.');
select throws_ok($$ select private.whatsapp_from_metadata('{"whatsapp": "081234567890"}') $$,
  '42501', 'permission denied for function whatsapp_from_metadata',
  'service_role cannot call whatsapp_from_metadata(jsonb).');

select tests.clear_authentication();

select * from finish();
rollback;
