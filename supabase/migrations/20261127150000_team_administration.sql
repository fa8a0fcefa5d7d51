-- Team administration (issue 8): the last-administrator guard, the staff directory that staff
-- managers see (with sign-in and invitation state from auth.users), the right check the
-- invite-staff edge function asks as the caller, atomic status reordering, and the default
-- status and source for new leads.

-- Last administrator ----------------------------------------------------------------------------

-- A team without an active administrator can only be repaired in the dashboard, so the database
-- refuses to demote, deactivate or delete the last one — whoever asks, service role included.
create function private.guard_last_administrator() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if not (old.is_admin and old.active) then
		return coalesce(new, old);
	end if;
	if tg_op = 'UPDATE' and new.is_admin and new.active then
		return new;
	end if;
	-- Serialises concurrent demotions: each waits for the other's row locks on the admins.
	perform 1 from public.staff where staff.is_admin and staff.active for update;
	if not exists (
		select 1 from public.staff
		where staff.is_admin and staff.active and staff.id <> old.id
	) then
		raise exception 'the last active administrator cannot be removed'
			using errcode = '23514',
				hint = 'Make another staff member an administrator first.';
	end if;
	return coalesce(new, old);
end;
$$;
comment on function private.guard_last_administrator() is
	'Trigger: keeps at least one active administrator (no demotion, deactivation or deletion of '
	'the last one).';

create trigger guard_last_administrator before update of is_admin, active or delete
	on public.staff
	for each row execute function private.guard_last_administrator();

-- Staff directory -------------------------------------------------------------------------------

-- Whether the caller may manage staff. The invite-staff function asks this with the caller's
-- JWT, so the database decides, never the request body. Security invoker (nothing definer lives
-- in an exposed schema); the private helper does the reading.
create function public.current_user_manages_staff() returns boolean
language sql stable
set search_path = ''
as $$
	select private.has_permission('staff', 'manage');
$$;
comment on function public.current_user_manages_staff() is
	'True when the caller is an active administrator or their role has staff.manage.';

-- Staff with the auth state the list shows (last sign-in, pending invitation). Only staff
-- managers see it; auth.users is not readable through the Data API otherwise.
create function private.staff_directory()
returns table (
	id uuid,
	full_name text,
	email text,
	role_id uuid,
	is_admin boolean,
	active boolean,
	invited_at timestamptz,
	invitation_pending boolean,
	last_sign_in_at timestamptz
)
language plpgsql stable security definer
set search_path = ''
as $$
begin
	if not private.has_permission('staff', 'manage') then
		raise exception 'only administrators and staff managers see the staff directory'
			using errcode = '42501';
	end if;
	return query
	select
		staff.id,
		staff.full_name,
		staff.email,
		staff.role_id,
		staff.is_admin,
		staff.active,
		users.invited_at,
		users.invited_at is not null and users.email_confirmed_at is null,
		users.last_sign_in_at
	from public.staff
	join auth.users on users.id = staff.id
	order by staff.full_name, staff.id;
end;
$$;
comment on function private.staff_directory() is
	'Staff managers: every staff member with invitation state and last sign-in from auth.users.';

create function public.staff_directory()
returns table (
	id uuid,
	full_name text,
	email text,
	role_id uuid,
	is_admin boolean,
	active boolean,
	invited_at timestamptz,
	invitation_pending boolean,
	last_sign_in_at timestamptz
)
language sql stable
set search_path = ''
as $$
	select * from private.staff_directory();
$$;
comment on function public.staff_directory() is
	'The staff list of the settings (staff managers only; see private.staff_directory).';

revoke execute on function
	public.current_user_manages_staff(),
	public.staff_directory(),
	private.staff_directory()
	from public, anon;
grant execute on function
	public.current_user_manages_staff(),
	public.staff_directory(),
	private.staff_directory()
	to authenticated, service_role;

-- Status order ----------------------------------------------------------------------------------

-- Drag and drop sends the whole new order at once; positions are rewritten in one statement so
-- no reader sees a half-reordered board. Runs as the caller: row level security decides.
create function public.reorder_lead_statuses(p_status_ids uuid[]) returns void
language plpgsql
set search_path = ''
as $$
declare
	changed integer;
begin
	if p_status_ids is null
		or cardinality(p_status_ids) <> (select count(*) from public.lead_statuses)
		or cardinality(p_status_ids) <> (select count(distinct id) from unnest(p_status_ids) as id)
	then
		raise exception 'the new order must name every status exactly once'
			using errcode = '22023';
	end if;
	update public.lead_statuses
	set position = ordered.ordinality
	from unnest(p_status_ids) with ordinality as ordered (id, ordinality)
	where lead_statuses.id = ordered.id;
	get diagnostics changed = row_count;
	if changed <> cardinality(p_status_ids) then
		raise exception 'only settings managers may reorder lead statuses'
			using errcode = '42501';
	end if;
end;
$$;
comment on function public.reorder_lead_statuses(uuid[]) is
	'Sets every status''s position to its index in p_status_ids (1-based), atomically. Needs '
	'settings.manage (row level security).';

revoke execute on function public.reorder_lead_statuses(uuid[]) from public, anon;
grant execute on function public.reorder_lead_statuses(uuid[]) to authenticated, service_role;

-- Defaults for new leads ------------------------------------------------------------------------

create table public.lead_defaults (
	-- Exactly one row.
	singleton boolean primary key default true constraint lead_defaults_singleton check (singleton),
	status_id uuid references public.lead_statuses (id) on delete set null,
	source_id uuid references public.lead_sources (id) on delete set null,
	updated_at timestamptz not null default now()
);
comment on table public.lead_defaults is
	'The status and source a new lead gets when it names none (settings). One row.';
create index lead_defaults_status_id_idx on public.lead_defaults (status_id);
create index lead_defaults_source_id_idx on public.lead_defaults (source_id);

insert into public.lead_defaults (singleton) values (true);

alter table public.lead_defaults enable row level security;

create policy "Active staff see the lead defaults"
	on public.lead_defaults for select to authenticated
	using ((select private.is_active_staff()));

create policy "Settings managers change the lead defaults"
	on public.lead_defaults for update to authenticated
	using ((select private.has_permission('settings', 'manage')))
	with check ((select private.has_permission('settings', 'manage')));

create trigger touch_updated_at before update on public.lead_defaults
	for each row execute function private.touch_updated_at();

-- Runs before prepare_lead_insert (triggers fire in name order), which falls back to the first
-- open status when no default is set.
create function private.apply_lead_defaults() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
	defaults public.lead_defaults;
begin
	select * into defaults from public.lead_defaults;
	new.status_id := coalesce(new.status_id, defaults.status_id);
	new.source_id := coalesce(new.source_id, defaults.source_id);
	return new;
end;
$$;
comment on function private.apply_lead_defaults() is
	'Trigger: fills a new lead''s missing status and source from lead_defaults.';

create trigger apply_lead_defaults before insert on public.leads
	for each row execute function private.apply_lead_defaults();

revoke execute on function private.guard_last_administrator(), private.apply_lead_defaults()
	from public;
