-- Schema `storage` as storage-api's tenant migrations leave it (supabase-protocols.md §4): the
-- bucket and object rows the storage service reads and writes, the path helpers RLS policies
-- use, and the listing function it calls as the caller. Bytes live outside the database.

create schema if not exists storage authorization supabase_storage_admin;
grant usage on schema storage to postgres, anon, authenticated, service_role;

set role supabase_storage_admin;

create table if not exists storage.buckets (
	id text primary key,
	name text not null unique,
	owner uuid,
	owner_id text,
	public boolean default false,
	avif_autodetection boolean default false,
	file_size_limit bigint,
	allowed_mime_types text[],
	created_at timestamptz default now(),
	updated_at timestamptz default now(),
	type text not null default 'STANDARD' check (type in ('STANDARD', 'ANALYTICS'))
);

create table if not exists storage.objects (
	id uuid primary key default gen_random_uuid(),
	bucket_id text references storage.buckets (id),
	name text,
	owner uuid,
	owner_id text,
	created_at timestamptz default now(),
	updated_at timestamptz default now(),
	last_accessed_at timestamptz default now(),
	metadata jsonb,
	path_tokens text[] generated always as (string_to_array(name, '/')) stored,
	version text,
	user_metadata jsonb,
	unique (bucket_id, name)
);
create index if not exists objects_name_prefix_idx on storage.objects (name text_pattern_ops);

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

-- Policies are the only gate, as on Supabase.
grant all on storage.buckets, storage.objects to postgres, anon, authenticated, service_role;

-- Path helpers for policies, e.g. (storage.foldername(name))[1] = 'lead-id'.
-- 'a/b/c.txt' -> {a,b}; 'c.txt' -> {}.
create or replace function storage.foldername(name text) returns text[]
language sql immutable
as $$
	select parts[1:array_length(parts, 1) - 1]
	from (select string_to_array(foldername.name, '/') as parts) as split
$$;

-- 'a/b/c.txt' -> 'c.txt'.
create or replace function storage.filename(name text) returns text
language sql immutable
as $$
	select parts[array_length(parts, 1)]
	from (select string_to_array(filename.name, '/') as parts) as split
$$;

-- Text after the last '.' of the file name: 'a/b.tar.gz' -> 'gz'. Without a dot the whole
-- file name comes back ('a/README' -> 'README'), as storage-api's definition does.
create or replace function storage.extension(name text) returns text
language sql immutable
as $$
	select reverse(split_part(reverse(storage.filename(extension.name)), '.', 1))
$$;

-- One level of a bucket's tree, as storage-api's list endpoint shows it: first the folders
-- directly below `prefix` (name only, other columns null), then the files at that level.
-- `levels` is the 1-based index of the path segment that level names (segments of prefix + 1);
-- `search` filters by the start of that segment. Matching is case-insensitive. Unlike upstream,
-- LIKE wildcards in prefix and search are matched literally ('_' is common in file names).
-- Runs as the caller, so storage.objects policies decide what is listed.
create or replace function storage.search(
	prefix text,
	bucketname text,
	limits integer default 100,
	levels integer default 1,
	offsets integer default 0,
	search text default '',
	sortcolumn text default 'name',
	sortorder text default 'asc'
)
returns table (
	name text,
	id uuid,
	updated_at timestamptz,
	created_at timestamptz,
	last_accessed_at timestamptz,
	metadata jsonb
)
language plpgsql stable
as $$
declare
	sort_column text := case
		when sortcolumn in ('name', 'updated_at', 'created_at', 'last_accessed_at') then sortcolumn
		else 'name'
	end;
	sort_direction text := case when lower(sortorder) = 'desc' then 'desc' else 'asc' end;
	name_pattern text := replace(replace(replace(coalesce(prefix, '') || coalesce(search, ''),
		'\', '\\'), '%', '\%'), '_', '\_') || '%';
begin
	-- Folders sort among themselves by name (their other columns are null).
	return query execute format(
		$query$
		with matching as (
			select o.path_tokens, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata
			from storage.objects o
			where o.bucket_id = $1 and o.name ilike $2
		),
		entries as (
			select distinct 0 as kind, m.path_tokens[$3] as name, null::uuid as id,
				null::timestamptz as updated_at, null::timestamptz as created_at,
				null::timestamptz as last_accessed_at, null::jsonb as metadata
			from matching m
			where array_length(m.path_tokens, 1) > $3
			union all
			select 1, m.path_tokens[$3], m.id, m.updated_at, m.created_at, m.last_accessed_at,
				m.metadata
			from matching m
			where array_length(m.path_tokens, 1) = $3
		)
		select e.name, e.id, e.updated_at, e.created_at, e.last_accessed_at, e.metadata
		from entries e
		order by e.kind, e.%1$I %2$s, e.name %2$s
		limit $4 offset $5
		$query$,
		sort_column,
		sort_direction
	) using bucketname, name_pattern, levels, limits, offsets;
end;
$$;

grant execute on function storage.foldername(text), storage.filename(text),
	storage.extension(text), storage.search(text, text, integer, integer, integer, text, text, text)
	to postgres, anon, authenticated, service_role;

-- Deleting rows directly would orphan the stored bytes: only the storage service, which sets
-- storage.allow_delete_query = 'true' in its transactions, may delete.
create or replace function storage.protect_delete() returns trigger
language plpgsql
as $$
begin
	if coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' then
		raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
			using hint = 'Set storage.allow_delete_query = ''true'' in the transaction to delete rows on purpose.',
				errcode = '42501';
	end if;
	return null;
end;
$$;

create or replace trigger protect_buckets_delete
	before delete on storage.buckets
	for each statement execute function storage.protect_delete();
create or replace trigger protect_objects_delete
	before delete on storage.objects
	for each statement execute function storage.protect_delete();

reset role;
