-- Leads (design.md §3, §4). Visibility is the rule of the specification
-- (seed-leads-guide.de.txt): administrators, staff whose role has leads.view_global, the
-- creator, the assignee, and everyone when the lead is public. Inactive staff see nothing.
--
-- Constraints mirror the app's zod schema for a lead: name 1–200 characters; position 100;
-- company 200; e-mail 254 and shaped like local@domain.tld; phone 50; website 2048 and http(s);
-- address 500; city, state, country 100; zip 20; default_language de|en; description 10,000;
-- value ≥ 0 with two decimals (numeric(14,2)); at most 20 tags of 1–40 characters each.
--
-- Optimistic concurrency: every update increments `version`. A client that sends the version it
-- read (`update … set …, version = <read>`) gets SQLSTATE PT409 (PostgREST: HTTP 409) when a
-- colleague changed the lead meanwhile; `detail` is JSON naming the current version and who
-- changed it last. Updates without `version` are not checked.

-- Formats shared by every table with an e-mail address or a web address.
create domain public.email_address as text
	constraint email_address_format check (
		char_length(value) <= 254
		and value ~ '^[A-Za-z0-9_''+.-]+@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$'
		and value !~ '(^\.|\.\.|\.@)'
	);
comment on domain public.email_address is
	'An e-mail address as the app''s zod schema accepts it: local@domain.tld, at most 254 '
	'characters, no leading, trailing or double dot in the local part.';

create domain public.http_url as text
	constraint http_url_format check (
		char_length(value) <= 2048 and value ~* '^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$'
	);
comment on domain public.http_url is
	'An absolute http(s) address with a dotted host name, at most 2048 characters.';

create table public.leads (
	id uuid primary key default gen_random_uuid(),
	name text not null constraint leads_name_length check (char_length(btrim(name)) between 1 and 200),
	position text constraint leads_position_length check (char_length(position) <= 100),
	company text constraint leads_company_length check (char_length(company) <= 200),
	email public.email_address,
	phone text constraint leads_phone_length check (char_length(phone) <= 50),
	website public.http_url,
	address text constraint leads_address_length check (char_length(address) <= 500),
	city text constraint leads_city_length check (char_length(city) <= 100),
	state text constraint leads_state_length check (char_length(state) <= 100),
	zip text constraint leads_zip_length check (char_length(zip) <= 20),
	country text constraint leads_country_length check (char_length(country) <= 100),
	default_language text constraint leads_default_language_known check (default_language in ('de', 'en')),
	description text constraint leads_description_length check (char_length(description) <= 10000),
	value numeric(14, 2) constraint leads_value_not_negative check (value >= 0),
	tags text[] not null default '{}' constraint leads_tags_bounded check (
		cardinality(tags) = 0
		or (
			array_position(tags, null) is null
			and array_to_string(tags, E'\x1f') ~ '^[^\x1f]{1,40}(\x1f[^\x1f]{1,40}){0,19}$'
		)
	),
	status_id uuid not null references public.lead_statuses (id) on delete restrict,
	source_id uuid references public.lead_sources (id) on delete restrict,
	assigned_to uuid references public.staff (id) on delete set null,
	assigned_at timestamptz,
	created_by uuid default auth.uid() references public.staff (id) on delete set null,
	is_public boolean not null default false,
	last_contact_at timestamptz,
	last_contact_by uuid references public.staff (id) on delete set null,
	status_changed_at timestamptz not null default now(),
	lost boolean not null default false,
	junk boolean not null default false,
	converted_at timestamptz,
	-- References customers (added with that table).
	customer_id uuid,
	board_position double precision not null default 0,
	version integer not null default 1,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	updated_by uuid references public.staff (id) on delete set null
);
comment on table public.leads is
	'Prospects (Interessenten). Visible to administrators, leads.view_global holders, the '
	'creator, the assignee, and everyone when is_public. version increments on every update '
	'(optimistic concurrency, SQLSTATE PT409 on a stale version). last_contact_*, converted_at, '
	'customer_id, assigned_at, status_changed_at and updated_* are maintained by the database.';

-- The list: filtered by status, sorted by last contact (never contacted last).
create index leads_status_last_contact_idx
	on public.leads (status_id, last_contact_at desc nulls last);
create index leads_last_contact_idx on public.leads (last_contact_at desc nulls last);
create index leads_assigned_to_idx on public.leads (assigned_to);
create index leads_created_by_idx on public.leads (created_by);
create index leads_public_idx on public.leads (is_public) where is_public;
create index leads_source_id_idx on public.leads (source_id);
create index leads_last_contact_by_idx on public.leads (last_contact_by);
create index leads_updated_by_idx on public.leads (updated_by);
create index leads_customer_id_idx on public.leads (customer_id);
create index leads_tags_idx on public.leads using gin (tags);

-- Helpers ---------------------------------------------------------------------------------------

create function private.can_view_lead(p_lead_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return exists (
		select 1
		from public.leads
		join public.staff on staff.id = auth.uid() and staff.active
		where leads.id = p_lead_id
			and (
				leads.is_public
				or leads.assigned_to = staff.id
				or leads.created_by = staff.id
				or staff.is_admin
				or exists (
					select 1
					from public.role_permissions
					where role_permissions.role_id = staff.role_id
						and role_permissions.feature = 'leads'
						and role_permissions.capability = 'view_global'
				)
			)
	);
end;
$$;
comment on function private.can_view_lead(uuid) is
	'The lead rule (design.md §4): true when the caller is active staff and an administrator, '
	'a leads.view_global holder, the creator or the assignee, or the lead is public. Children '
	'of a lead, its files and its realtime topic use it too.';

-- Policies --------------------------------------------------------------------------------------
-- The lead policies spell the rule out over the row's own columns instead of calling
-- can_view_lead per row, so the planner can use the indexes above.

alter table public.leads enable row level security;

create policy "Staff see leads they may view"
	on public.leads for select to authenticated
	using (
		(select private.is_active_staff())
		and (
			is_public
			or assigned_to = (select auth.uid())
			or created_by = (select auth.uid())
			or (select private.has_permission('leads', 'view_global'))
		)
	);

create policy "Active staff create leads as themselves"
	on public.leads for insert to authenticated
	with check ((select private.is_active_staff()) and created_by = (select auth.uid()));

-- Whoever may see a lead may edit it. The edited row must stay visible to the editor (Postgres
-- applies the select policy to the new row of any filtered update anyway): an assignee who did
-- not create a private lead cannot hand it to a colleague; its creator or a manager can.
create policy "Staff edit leads they may view"
	on public.leads for update to authenticated
	using (
		(select private.is_active_staff())
		and (
			is_public
			or assigned_to = (select auth.uid())
			or created_by = (select auth.uid())
			or (select private.has_permission('leads', 'view_global'))
		)
	)
	with check (
		(select private.is_active_staff())
		and (
			is_public
			or assigned_to = (select auth.uid())
			or created_by = (select auth.uid())
			or (select private.has_permission('leads', 'view_global'))
		)
	);

create policy "Staff allowed to delete leads delete leads they may view"
	on public.leads for delete to authenticated
	using (
		(select private.has_permission('leads', 'delete'))
		and (
			is_public
			or assigned_to = (select auth.uid())
			or created_by = (select auth.uid())
			or (select private.has_permission('leads', 'view_global'))
		)
	);

-- Triggers --------------------------------------------------------------------------------------

create function private.prepare_lead_insert() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	-- API callers get the bookkeeping columns from the database; the seed, imports running as
	-- service_role and the database's own functions may bring their history along.
	if current_user in ('anon', 'authenticated') then
		perform private.forbid_api_writes('leads', to_jsonb(new), null,
			array['last_contact_at', 'last_contact_by', 'converted_at', 'customer_id']);
		new.created_at := now();
		new.status_changed_at := now();
		new.assigned_at := null;
		new.updated_by := auth.uid();
	end if;
	-- Quick create may leave the status out: the first open status in board order.
	if new.status_id is null then
		select lead_statuses.id into new.status_id
		from public.lead_statuses
		where lead_statuses.kind = 'open'
		order by lead_statuses.position, lead_statuses.name
		limit 1;
	end if;
	new.version := 1;
	new.assigned_at := case when new.assigned_to is not null then coalesce(new.assigned_at, now()) end;
	new.updated_at := new.created_at;
	return new;
end;
$$;
comment on function private.prepare_lead_insert() is
	'Trigger: defaults the status to the first open one, starts version at 1 and fills the '
	'columns the database maintains; API callers may not preset them.';

create trigger prepare_lead_insert before insert on public.leads
	for each row execute function private.prepare_lead_insert();

create function private.prepare_lead_update() returns trigger
language plpgsql
set search_path = ''
as $$
declare
	changed_by_name text;
begin
	if new.version is distinct from old.version then
		select staff.full_name into changed_by_name
		from public.staff where staff.id = old.updated_by;
		raise exception 'lead was changed by someone else'
			using errcode = 'PT409',
				detail = json_build_object(
					'current_version', old.version,
					'updated_at', old.updated_at,
					'updated_by', old.updated_by,
					'updated_by_name', changed_by_name
				)::text,
				hint = 'Reload the lead and apply your change again.';
	end if;
	perform private.forbid_api_writes('leads', to_jsonb(new), to_jsonb(old),
		array['created_by', 'created_at', 'last_contact_at', 'last_contact_by', 'converted_at',
			'customer_id']);
	new.version := old.version + 1;
	new.updated_at := now();
	new.updated_by := auth.uid();
	if new.assigned_to is distinct from old.assigned_to then
		new.assigned_at := case when new.assigned_to is not null then now() end;
	else
		new.assigned_at := old.assigned_at;
	end if;
	if new.status_id is distinct from old.status_id then
		new.status_changed_at := now();
	else
		new.status_changed_at := old.status_changed_at;
	end if;
	return new;
end;
$$;
comment on function private.prepare_lead_update() is
	'Trigger: refuses a stale version (SQLSTATE PT409, detail JSON with current_version and who '
	'changed it), increments version and maintains updated_*, assigned_at, status_changed_at.';

create trigger prepare_lead_update before update on public.leads
	for each row execute function private.prepare_lead_update();

-- Grants ----------------------------------------------------------------------------------------

revoke execute on all functions in schema private from public;
grant execute on function private.can_view_lead(uuid) to authenticated, service_role;
