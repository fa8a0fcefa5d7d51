-- Whom a reminder on a lead may go to (20261127160000_reminder_recipient_visibility.sql): the
-- reminder form offers only colleagues who may see the lead, instead of letting the database
-- turn the choice down afterwards. It tells a member who may see a lead nothing new: the lead
-- shows its creator and assignee, and roles with leads.view_global are readable by all staff.

create function private.staff_who_may_view_lead(p_lead_id uuid)
returns table (staff_id uuid)
language plpgsql stable security definer
set search_path = ''
as $$
begin
	if not private.can_view_lead(p_lead_id) then
		return;
	end if;
	return query
	select staff.id
	from public.staff
	where private.staff_can_view_lead(staff.id, p_lead_id)
	order by staff.full_name, staff.id;
end;
$$;
comment on function private.staff_who_may_view_lead(uuid) is
	'The body of public.staff_who_may_view_lead, run as the database after checking the caller.';

create function public.staff_who_may_view_lead(p_lead_id uuid)
returns table (staff_id uuid)
language sql stable security invoker
set search_path = ''
as $$
	select * from private.staff_who_may_view_lead(p_lead_id)
$$;
comment on function public.staff_who_may_view_lead(uuid) is
	'The active staff members who may see the lead (and so may be reminded of it), by name; '
	'empty when the caller may not see the lead themselves.';

revoke execute on function public.staff_who_may_view_lead(uuid) from public, anon;
grant execute on function public.staff_who_may_view_lead(uuid) to authenticated, service_role;

revoke execute on all functions in schema private from public;
grant execute on function private.staff_who_may_view_lead(uuid) to authenticated, service_role;
