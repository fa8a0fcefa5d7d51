-- Staff, roles and permissions (design.md §3, §4): who works here, what their role may do, and
-- the policy helpers every later migration builds on.
--
-- Policy helpers live in schema `private`, which the Data API does not expose (config.toml
-- [api] schemas). They are `security definer` with an empty search path, so they can read
-- `staff` and `role_permissions` whatever those tables' policies say, and they are called from
-- policies as `(select private.fn(...))` so Postgres evaluates them once per statement. They are
-- PL/pgSQL: a security definer function is never inlined, and PL/pgSQL keeps its query plans for
-- the session where an SQL-language function is planned again on every call (which dominates
-- per-row checks such as can_view_lead on a lead's notes; see tests/bench/leads-db.bench.ts).
-- Policies run as the caller, so `authenticated` needs USAGE on the schema and EXECUTE on the
-- helpers it uses; nothing in `private` is executable by PUBLIC.

create schema if not exists private;
comment on schema private is
	'Helpers for row level security and triggers. Not exposed through the Data API.';
revoke all on schema private from public;
-- anon only reaches forbid_api_writes (from BEFORE INSERT triggers, which run before row level
-- security turns its insert down); it may execute nothing else here.
grant usage on schema private to anon, authenticated, service_role;

-- Keeps updated_at honest on every table that has one.
create function private.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.updated_at := now();
	return new;
end;
$$;
comment on function private.touch_updated_at() is
	'Trigger: sets updated_at to the transaction time on every update.';

-- Columns the database maintains itself. API callers (anon, authenticated) may not set them on
-- insert (they must be null) nor change them on update; the database's own definer functions
-- (running as their owner) and service_role may. Raises insufficient_privilege (HTTP 403).
create function private.forbid_api_writes(
	p_table text,
	p_new jsonb,
	p_old jsonb,
	p_columns text[]
) returns void
language plpgsql
set search_path = ''
as $$
declare
	column_name text;
begin
	if current_user not in ('anon', 'authenticated') then
		return;
	end if;
	foreach column_name in array p_columns loop
		if (p_old is null and p_new -> column_name <> 'null'::jsonb)
			or (p_old is not null and p_new -> column_name is distinct from p_old -> column_name)
		then
			raise exception '%.% is maintained by the database', p_table, column_name
				using errcode = '42501',
					hint = 'Leave this column out of the request.';
		end if;
	end loop;
end;
$$;
comment on function private.forbid_api_writes(text, jsonb, jsonb, text[]) is
	'Raises 42501 when an API role (anon, authenticated) sets or changes one of the named '
	'database-maintained columns. p_old is null for inserts.';

-- Roles -----------------------------------------------------------------------------------------

create table public.roles (
	id uuid primary key default gen_random_uuid(),
	name text not null constraint roles_name_length check (char_length(btrim(name)) between 1 and 100),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.roles is
	'Staff roles (e.g. "Vertrieb"). What a role may do is in role_permissions.';
create unique index roles_name_key on public.roles (lower(name));

create table public.role_permissions (
	role_id uuid not null references public.roles (id) on delete cascade,
	feature text not null,
	capability text not null,
	primary key (role_id, feature, capability),
	constraint role_permissions_known_capability check (
		feature || '.' || capability in (
			'leads.view_global', 'leads.delete', 'leads.import', 'leads.add_source',
			'proposals.view_global', 'proposals.create', 'proposals.edit', 'proposals.delete',
			'customers.view', 'customers.create', 'customers.edit', 'customers.delete',
			'settings.manage', 'staff.manage'
		)
	)
);
comment on table public.role_permissions is
	'Perfex-style capabilities of a role: feature (leads, proposals, customers, settings, staff) '
	'and capability (view_global, create, edit, delete, import, add_source, manage). '
	'Administrators have every capability without rows here.';

-- Staff -----------------------------------------------------------------------------------------

create table public.staff (
	id uuid primary key references auth.users (id) on delete cascade,
	full_name text not null
		constraint staff_full_name_length check (char_length(btrim(full_name)) between 1 and 200),
	email text constraint staff_email_length check (char_length(email) <= 254),
	avatar_path text constraint staff_avatar_path_length check (char_length(avatar_path) <= 1024),
	language text not null default 'de' constraint staff_language_known check (language in ('de', 'en')),
	is_admin boolean not null default false,
	role_id uuid references public.roles (id) on delete set null,
	active boolean not null default true,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.staff is
	'One row per auth.users row (created by a trigger). is_admin, role_id and active decide what '
	'the member may do; inactive members see nothing but their own row.';
create index staff_role_id_idx on public.staff (role_id);

-- Helpers ---------------------------------------------------------------------------------------

create function private.is_active_staff() returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return coalesce(
		(select staff.active from public.staff where staff.id = auth.uid()),
		false
	);
end;
$$;
comment on function private.is_active_staff() is
	'True when the caller is a staff member whose account is active.';

create function private.is_admin() returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return coalesce(
		(select staff.active and staff.is_admin from public.staff where staff.id = auth.uid()),
		false
	);
end;
$$;
comment on function private.is_admin() is 'True when the caller is an active administrator.';

create function private.has_permission(p_feature text, p_capability text) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return exists (
		select 1
		from public.staff
		where staff.id = auth.uid()
			and staff.active
			and (
				staff.is_admin
				or exists (
					select 1
					from public.role_permissions
					where role_permissions.role_id = staff.role_id
						and role_permissions.feature = p_feature
						and role_permissions.capability = p_capability
				)
			)
	);
end;
$$;
comment on function private.has_permission(text, text) is
	'True when the caller is active and an administrator or their role has feature.capability.';

-- A staff manager may not edit the permissions of the role they hold themselves: that would be
-- raising their own rights. Administrators may edit every role.
create function private.can_manage_role(p_role_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return private.is_admin()
		or (
			private.has_permission('staff', 'manage')
			and p_role_id is distinct from (
				select staff.role_id from public.staff where staff.id = auth.uid()
			)
		);
end;
$$;
comment on function private.can_manage_role(uuid) is
	'True when the caller may change the permissions of the role: administrators always, staff '
	'managers for every role but their own.';

-- Policies --------------------------------------------------------------------------------------

alter table public.roles enable row level security;

create policy "Active staff see roles"
	on public.roles for select to authenticated
	using ((select private.is_active_staff()));

create policy "Staff managers create roles"
	on public.roles for insert to authenticated
	with check ((select private.has_permission('staff', 'manage')));

create policy "Staff managers rename roles"
	on public.roles for update to authenticated
	using ((select private.has_permission('staff', 'manage')))
	with check ((select private.has_permission('staff', 'manage')));

create policy "Staff managers delete roles"
	on public.roles for delete to authenticated
	using ((select private.has_permission('staff', 'manage')));

alter table public.role_permissions enable row level security;

create policy "Active staff see role permissions"
	on public.role_permissions for select to authenticated
	using ((select private.is_active_staff()));

create policy "Staff managers grant permissions to roles other than their own"
	on public.role_permissions for insert to authenticated
	with check ((select private.can_manage_role(role_id)));

create policy "Staff managers change permissions of roles other than their own"
	on public.role_permissions for update to authenticated
	using ((select private.can_manage_role(role_id)))
	with check ((select private.can_manage_role(role_id)));

create policy "Staff managers revoke permissions of roles other than their own"
	on public.role_permissions for delete to authenticated
	using ((select private.can_manage_role(role_id)));

alter table public.staff enable row level security;

-- Inactive members still see their own row, so the app can tell them why they see nothing else.
create policy "Staff see their colleagues and everyone sees their own row"
	on public.staff for select to authenticated
	using (id = (select auth.uid()) or (select private.is_active_staff()));

create policy "Active staff edit their own profile and staff managers edit everyone"
	on public.staff for update to authenticated
	using (
		(select private.is_active_staff())
		and (id = (select auth.uid()) or (select private.has_permission('staff', 'manage')))
	)
	with check (
		(select private.is_active_staff())
		and (id = (select auth.uid()) or (select private.has_permission('staff', 'manage')))
	);
-- No insert or delete policies: rows come from auth.users and go with it (or are deactivated).

-- Triggers --------------------------------------------------------------------------------------

create trigger touch_updated_at before update on public.roles
	for each row execute function private.touch_updated_at();
create trigger touch_updated_at before update on public.staff
	for each row execute function private.touch_updated_at();

-- Nobody raises their own rights: only administrators change is_admin; role and active flag
-- are changed by administrators, or by staff managers on colleagues' rows but never their own.
create function private.guard_staff_rights() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	perform private.forbid_api_writes('staff', to_jsonb(new), to_jsonb(old),
		array['id', 'email', 'created_at']);
	if current_user not in ('anon', 'authenticated') then
		return new;
	end if;
	if new.is_admin is distinct from old.is_admin and not private.is_admin() then
		raise exception 'only administrators may change is_admin'
			using errcode = '42501';
	end if;
	if (new.role_id is distinct from old.role_id or new.active is distinct from old.active)
		and not (
			private.is_admin()
			or (private.has_permission('staff', 'manage') and old.id <> auth.uid())
		)
	then
		raise exception 'only administrators and staff managers may change the role or active flag of a colleague'
			using errcode = '42501';
	end if;
	return new;
end;
$$;
comment on function private.guard_staff_rights() is
	'Trigger: stops staff from raising their own rights (is_admin, role_id, active) and keeps '
	'id, email and created_at in the hands of the database.';

create trigger guard_staff_rights before update on public.staff
	for each row execute function private.guard_staff_rights();

-- New roles may add lead sources inline unless an administrator takes that away (design.md §4:
-- "everyone may add a source inline only if the role allows — default yes").
create function private.grant_default_role_permissions() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	insert into public.role_permissions (role_id, feature, capability)
	values (new.id, 'leads', 'add_source')
	on conflict do nothing;
	return null;
end;
$$;
comment on function private.grant_default_role_permissions() is
	'Trigger: gives a new role the capabilities every role has by default (leads.add_source).';

create trigger grant_default_role_permissions after insert on public.roles
	for each row execute function private.grant_default_role_permissions();

-- One staff row per auth user. full_name comes from the user metadata (invite or sign-up), else
-- the e-mail's local part; e-mail changes confirmed in auth follow.
create function private.sync_staff_from_auth_user() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		insert into public.staff (id, full_name, email, language)
		values (
			new.id,
			left(coalesce(
				nullif(btrim(new.raw_user_meta_data ->> 'full_name'), ''),
				nullif(btrim(new.raw_user_meta_data ->> 'name'), ''),
				nullif(split_part(new.email, '@', 1), ''),
				'Staff member'
			), 200),
			new.email,
			case when new.raw_user_meta_data ->> 'language' in ('de', 'en')
				then new.raw_user_meta_data ->> 'language' else 'de' end
		)
		on conflict (id) do nothing;
	elsif new.email is distinct from old.email then
		update public.staff set email = new.email where staff.id = new.id;
	end if;
	return null;
end;
$$;
comment on function private.sync_staff_from_auth_user() is
	'Trigger on auth.users: creates the staff row of a new user and follows e-mail changes.';

create trigger sync_staff after insert or update of email on auth.users
	for each row execute function private.sync_staff_from_auth_user();

-- Grants ----------------------------------------------------------------------------------------

revoke execute on all functions in schema private from public;
grant execute on function
	private.is_active_staff(),
	private.is_admin(),
	private.has_permission(text, text),
	private.can_manage_role(uuid),
	private.forbid_api_writes(text, jsonb, jsonb, text[])
	to authenticated, service_role;
grant execute on function private.forbid_api_writes(text, jsonb, jsonb, text[]) to anon;
