-- Who may be reminded (design.md §4, §6): a reminder names the lead, its company and a
-- description, and it reaches its recipient by notification and e-mail. Setting one for a
-- colleague who cannot see the lead would hand them what the lead rule hides, so the staff member
-- to remind must be able to see the lead themselves. send-reminders checks again at send time
-- (visibility can change after the reminder was set; see 20261127160100_reminder_delivery.sql).

create function private.staff_can_view_lead(p_staff_id uuid, p_lead_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return exists (
		select 1
		from public.leads
		join public.staff on staff.id = p_staff_id and staff.active
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
comment on function private.staff_can_view_lead(uuid, uuid) is
	'The lead rule of private.can_view_lead for a given staff member instead of the caller: true '
	'when they are active and an administrator, a leads.view_global holder, the creator or the '
	'assignee, or the lead is public.';

drop policy "Staff set reminders as themselves on leads they may view" on public.reminders;
drop policy "Staff edit reminders of leads they may view" on public.reminders;

create policy "Staff who see a lead remind members who see it, as themselves"
	on public.reminders for insert to authenticated
	with check (
		(select private.can_view_lead(lead_id))
		and created_by = (select auth.uid())
		and (select private.staff_can_view_lead(remind_staff_id, lead_id))
	);

-- The edited row must still remind someone who may see the lead: a reminder whose recipient lost
-- sight of the lead can be deleted or handed to someone who may see it, not otherwise changed.
create policy "Staff who see a lead change reminders for members who see it"
	on public.reminders for update to authenticated
	using ((select private.can_view_lead(lead_id)))
	with check (
		(select private.can_view_lead(lead_id))
		and (select private.staff_can_view_lead(remind_staff_id, lead_id))
	);

revoke execute on all functions in schema private from public;
grant execute on function private.staff_can_view_lead(uuid, uuid) to authenticated, service_role;
