-- Roles of a Supabase project (supabase-protocols.md §7). Roles are cluster-wide and outlive a
-- dropped database, so every statement here must be safe to run again.
--
-- Local difference: embedded-postgres creates `postgres` as the bootstrap superuser and needs it
-- to stay one, so `postgres` remains SUPERUSER here. On Supabase it is NOSUPERUSER with
-- CREATEDB CREATEROLE REPLICATION BYPASSRLS; the superuser there is `supabase_admin`.

do $$
declare
	wanted text[] := array[
		'anon', 'authenticated', 'service_role', 'authenticator', 'supabase_admin',
		'supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin'
	];
	role_name text;
begin
	foreach role_name in array wanted loop
		if not exists (select 1 from pg_roles where rolname = role_name) then
			execute format('create role %I', role_name);
		end if;
	end loop;
end
$$;

-- Attributes are (re)applied unconditionally so an older cluster converges on the current set.
alter role anon nologin inherit;
alter role authenticated nologin inherit;
alter role service_role nologin inherit bypassrls;
alter role authenticator login noinherit password 'postgres';
alter role supabase_admin login superuser createdb createrole replication bypassrls password 'postgres';
alter role supabase_auth_admin login noinherit password 'postgres';
alter role supabase_storage_admin login noinherit password 'postgres';
alter role supabase_realtime_admin nologin noinherit;

-- authenticator is NOINHERIT: it only gains an API role's rights by switching to it.
grant anon, authenticated, service_role to authenticator;
-- storage-api connects as supabase_storage_admin and switches to the caller's role.
grant anon, authenticated, service_role to supabase_storage_admin;
grant anon, authenticated, service_role, supabase_auth_admin, supabase_storage_admin to postgres;

-- PostgREST applies these per request from the role's settings; login roles get them directly.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';

-- Unqualified names in app code resolve like on Supabase; the service owners see only their schema.
alter role postgres set search_path = "$user", public, extensions;
alter role supabase_admin set search_path = "$user", public, extensions;
alter role supabase_auth_admin set search_path = auth;
alter role supabase_storage_admin set search_path = storage;
