-- Bulk reassignment of a member's leads (issue 8: "their leads stay, reassign in bulk"), e.g.
-- when they are deactivated. One RPC moves all leads assigned to one member (optionally only
-- the open ones) to an active colleague in one statement; the colleague gets one summary
-- notification (leads.reassigned) instead of one lead.assigned per lead. The activity log of
-- every lead still records its assignment (lead.assigned, by the caller). The staff list shows
-- how many leads each member has (staff_lead_counts), which only staff managers may know.

-- Assignment notifications ----------------------------------------------------------------------

-- As in 20261127141000_notifications.sql, except while reassign_leads runs its update: it sets
-- the transaction-local leadwerk.reassigning_leads and notifies once itself. Clients cannot set
-- it: the Data API runs no SET and exposes no set_config.
create or replace function private.notify_lead_assignee() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if current_setting('leadwerk.reassigning_leads', true) = 'on' then
		return null;
	end if;
	if new.assigned_to is not null
		and (tg_op = 'INSERT' or new.assigned_to is distinct from old.assigned_to)
		and new.assigned_to is distinct from auth.uid()
	then
		insert into public.notifications (staff_id, kind, payload)
		values (new.assigned_to, 'lead.assigned', jsonb_build_object(
			'lead_id', new.id,
			'lead_name', new.name,
			'company', new.company,
			'assigned_by', private.staff_ref(auth.uid())
		));
	end if;
	return null;
end;
$$;
comment on function private.notify_lead_assignee() is
	'Trigger on leads: notifies the assignee (lead.assigned) when someone else assigns them; '
	'silent during reassign_leads, which sends one leads.reassigned instead.';

-- Open leads ------------------------------------------------------------------------------------

-- A lead is still being worked on unless it is lost or converted (by conversion, converted_at,
-- or by being moved to the converted status on the board). Plain SQL without a sub-select or a
-- SET clause, so the planner inlines it into the queries below; it names no table, and
-- pg_catalog's operators come first whatever the search path.
create function private.is_open_lead(p_lost boolean, p_converted_at timestamptz, p_status_kind text)
returns boolean
language sql immutable
as $$
	select not p_lost and p_converted_at is null and p_status_kind <> 'converted'
$$;
comment on function private.is_open_lead(boolean, timestamptz, text) is
	'True for a lead neither lost nor converted (given its lost, converted_at and status kind).';

-- Lead counts -----------------------------------------------------------------------------------

create function private.staff_lead_counts()
returns table (staff_id uuid, assigned_leads integer, open_leads integer)
language plpgsql stable security definer
set search_path = ''
as $$
begin
	if not private.has_permission('staff', 'manage') then
		raise exception 'only administrators and staff managers see the lead counts of staff'
			using errcode = '42501';
	end if;
	return query
	select
		leads.assigned_to,
		count(*)::integer,
		(count(*) filter (
			where private.is_open_lead(leads.lost, leads.converted_at, lead_statuses.kind)
		))::integer
	from public.leads
	join public.lead_statuses on lead_statuses.id = leads.status_id
	where leads.assigned_to is not null
	group by leads.assigned_to;
end;
$$;
comment on function private.staff_lead_counts() is
	'Staff managers: per staff member with assigned leads, how many (all, and open ones), '
	'including leads the caller may not see.';

create function public.staff_lead_counts()
returns table (staff_id uuid, assigned_leads integer, open_leads integer)
language sql stable security invoker
set search_path = ''
as $$
	select * from private.staff_lead_counts();
$$;
comment on function public.staff_lead_counts() is
	'How many leads each staff member is assigned (all and open ones; members without leads are '
	'left out). Staff managers only (42501 otherwise).';

-- Reassignment ----------------------------------------------------------------------------------

-- Runs as the database: a staff manager moves leads they may not be able to see themselves.
create function private.reassign_leads(p_from uuid, p_to uuid, p_only_open boolean)
returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	target public.staff;
	moved integer;
begin
	if not private.has_permission('staff', 'manage') then
		raise exception 'reassigning leads needs the permission staff.manage'
			using errcode = '42501';
	end if;
	if p_from is null or p_to is null or p_from = p_to then
		raise exception 'name two different staff members'
			using errcode = '22023';
	end if;
	if not exists (select 1 from public.staff where staff.id = p_from) then
		raise exception 'staff member not found'
			using errcode = 'PT404', detail = json_build_object('staff_id', p_from)::text;
	end if;
	-- Locked, so nobody deactivates the new assignee while their new leads arrive.
	select * into target from public.staff where staff.id = p_to for share;
	if not found then
		raise exception 'staff member not found'
			using errcode = 'PT404', detail = json_build_object('staff_id', p_to)::text;
	end if;
	if not target.active then
		raise exception 'leads can only be reassigned to an active staff member'
			using errcode = 'PT422', detail = json_build_object('staff_id', p_to)::text;
	end if;

	perform set_config('leadwerk.reassigning_leads', 'on', true);
	update public.leads
	set assigned_to = p_to
	from public.lead_statuses
	where leads.assigned_to = p_from
		and lead_statuses.id = leads.status_id
		and (
			not coalesce(p_only_open, false)
			or private.is_open_lead(leads.lost, leads.converted_at, lead_statuses.kind)
		);
	get diagnostics moved = row_count;
	-- Row triggers of the update have fired by now; later statements notify as usual.
	perform set_config('leadwerk.reassigning_leads', '', true);

	if moved > 0 and p_to is distinct from auth.uid() then
		insert into public.notifications (staff_id, kind, payload)
		values (p_to, 'leads.reassigned', jsonb_build_object(
			'count', moved,
			'from', private.staff_ref(p_from),
			'by', private.staff_ref(auth.uid())
		));
	end if;
	return moved;
end;
$$;
comment on function private.reassign_leads(uuid, uuid, boolean) is
	'The body of public.reassign_leads, run as the database after checking the caller.';

create function public.reassign_leads(
	p_from uuid,
	p_to uuid,
	p_only_open boolean default false
) returns integer
language sql volatile security invoker
set search_path = ''
as $$
	select private.reassign_leads(p_from, p_to, p_only_open)
$$;
comment on function public.reassign_leads(uuid, uuid, boolean) is
	'Moves every lead assigned to p_from (with p_only_open only those neither lost nor converted) '
	'to the active staff member p_to in one transaction and returns how many moved. p_to gets one '
	'leads.reassigned notification {count, from, by} (none when nothing moved or p_to is the '
	'caller); each lead logs lead.assigned. Needs staff.manage. Errors: 42501 missing permission, '
	'22023 the same or no member, PT404 unknown member, PT422 p_to is not active.';

revoke execute on function
	public.staff_lead_counts(),
	public.reassign_leads(uuid, uuid, boolean)
	from public, anon;
grant execute on function
	public.staff_lead_counts(),
	public.reassign_leads(uuid, uuid, boolean)
	to authenticated, service_role;

revoke execute on all functions in schema private from public;
grant execute on function
	private.is_open_lead(boolean, timestamptz, text),
	private.staff_lead_counts(),
	private.reassign_leads(uuid, uuid, boolean)
	to authenticated, service_role;
