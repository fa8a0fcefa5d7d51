-- What the Data API (PostgREST) relies on (supabase-protocols.md §7): the API roles may use
-- schema public, and whatever postgres (or supabase_admin) creates there later is fully granted
-- to them, so row level security is the only gate, as on Supabase.

grant usage on schema public to postgres, anon, authenticated, service_role;

alter default privileges for role postgres in schema public
	grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
	grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
	grant all on sequences to postgres, anon, authenticated, service_role;

alter default privileges for role supabase_admin in schema public
	grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public
	grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public
	grant all on sequences to postgres, anon, authenticated, service_role;

-- PostgREST caches the schema; any DDL tells it to reload (NOTIFY pgrst, 'reload schema'), as
-- the event triggers of a Supabase project do. Changes to temporary objects do not count.
create or replace function extensions.pgrst_ddl_watch() returns event_trigger
language plpgsql
as $$
begin
	if exists (
		select 1
		from pg_event_trigger_ddl_commands() as command
		where command.schema_name is distinct from 'pg_temp'
			and not coalesce(command.schema_name like 'pg\_temp\_%', false)
	) then
		notify pgrst, 'reload schema';
	end if;
end;
$$;

create or replace function extensions.pgrst_drop_watch() returns event_trigger
language plpgsql
as $$
begin
	if exists (
		select 1
		from pg_event_trigger_dropped_objects() as dropped
		where not dropped.is_temporary
	) then
		notify pgrst, 'reload schema';
	end if;
end;
$$;

drop event trigger if exists pgrst_ddl_watch;
create event trigger pgrst_ddl_watch on ddl_command_end
	execute function extensions.pgrst_ddl_watch();

drop event trigger if exists pgrst_drop_watch;
create event trigger pgrst_drop_watch on sql_drop
	execute function extensions.pgrst_drop_watch();
