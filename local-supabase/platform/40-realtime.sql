-- Schema `realtime` as the Realtime server's tenant migrations leave it (supabase-protocols.md
-- §5): broadcast messages written from SQL, and the topic setting that private-channel policies
-- on realtime.messages read.

create schema if not exists realtime authorization supabase_admin;
grant usage on schema realtime to postgres, anon, authenticated, service_role;

-- Upstream adds daily partitions; the default partition alone keeps every row here.
create table if not exists realtime.messages (
	topic text not null,
	extension text not null,
	payload jsonb,
	event text,
	private boolean default false,
	updated_at timestamp not null default now(),
	inserted_at timestamp not null default now(),
	id uuid not null default gen_random_uuid(),
	primary key (id, inserted_at)
) partition by range (inserted_at);
create table if not exists realtime.messages_default partition of realtime.messages default;
create index if not exists messages_inserted_at_topic_idx
	on realtime.messages (inserted_at desc, topic);

alter table realtime.messages owner to supabase_realtime_admin;
alter table realtime.messages_default owner to supabase_realtime_admin;
alter table realtime.messages enable row level security;

grant all on realtime.messages to postgres, supabase_realtime_admin;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;

-- The channel topic the server sets while it checks a private channel's policies.
create or replace function realtime.topic() returns text
language sql stable
as $$
	select nullif(current_setting('realtime.topic', true), '')::text
$$;

-- Broadcasts `payload` (with the message id added) to `topic`. Runs as the caller, so insert
-- policies on realtime.messages apply; like upstream, a failure only raises a warning and never
-- aborts the caller's transaction.
create or replace function realtime.send(
	payload jsonb,
	event text,
	topic text,
	private boolean default true
) returns void
language plpgsql
as $$
declare
	message_id uuid := gen_random_uuid();
begin
	begin
		perform set_config('realtime.topic', topic, true);
		insert into realtime.messages (id, payload, event, topic, private, extension)
		values (message_id, payload || jsonb_build_object('id', message_id), event, topic, private,
			'broadcast');
	exception when others then
		raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
	end;
end;
$$;

-- Broadcasts a row change from a row-level trigger:
--   perform realtime.broadcast_changes('lead:' || new.id, tg_op, tg_op, tg_table_name,
--     tg_table_schema, new, old);
-- The payload is {old_record, record, operation, table, schema}.
create or replace function realtime.broadcast_changes(
	topic_name text,
	event_name text,
	operation text,
	table_name text,
	table_schema text,
	new record,
	old record,
	level text default 'ROW'
) returns void
language plpgsql
as $$
begin
	if level = 'STATEMENT' then
		raise exception 'function can only be triggered for each row, not for each statement';
	end if;
	if operation not in ('INSERT', 'UPDATE', 'DELETE') then
		raise exception 'Unexpected operation type: %', operation;
	end if;
	perform realtime.send(
		jsonb_build_object(
			'old_record', old,
			'record', new,
			'operation', operation,
			'table', table_name,
			'schema', table_schema
		),
		event_name,
		topic_name
	);
end;
$$;

grant execute on function realtime.topic(), realtime.send(jsonb, text, text, boolean),
	realtime.broadcast_changes(text, text, text, text, text, record, record, text)
	to postgres, anon, authenticated, service_role;

-- Local delivery (the emulator's stand-in for logical replication): after a message commits,
-- the realtime service receives NOTIFY local_supabase_realtime with the message id as payload and
-- reads the row. Rolled-back inserts (e.g. private-channel permission probes) are never notified.
create or replace function realtime.notify_local_delivery() returns trigger
language plpgsql
as $$
begin
	perform pg_notify('local_supabase_realtime', new.id::text);
	return null;
end;
$$;

create or replace trigger local_supabase_notify
	after insert on realtime.messages
	for each row execute function realtime.notify_local_delivery();

-- Tables whose row changes are streamed as postgres_changes (migrations add to it).
do $$
begin
	if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
		create publication supabase_realtime;
	end if;
end
$$;
