-- Notes notify the lead's assignee (notifications contract): a new note is `lead.note_added`, a
-- new contacted note `lead.contacted`, unless the assignee wrote it. The assignee may always see
-- their lead, so the payload names it. Delivered live by the broadcast trigger on notifications.

create function private.notify_lead_note() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
	lead record;
begin
	select leads.id, leads.name, leads.company, leads.assigned_to into lead
	from public.leads
	where leads.id = new.lead_id;
	if lead.assigned_to is null or lead.assigned_to is not distinct from new.created_by then
		return null;
	end if;
	insert into public.notifications (staff_id, kind, payload)
	values (
		lead.assigned_to,
		case when new.contacted then 'lead.contacted' else 'lead.note_added' end,
		jsonb_build_object(
			'lead_id', lead.id,
			'lead_name', lead.name,
			'company', lead.company,
			'note_id', new.id,
			'author', private.staff_ref(new.created_by)
		) || case when new.contacted
			then jsonb_build_object('contacted_at', new.contacted_at)
			else '{}'::jsonb
		end
	);
	return null;
end;
$$;
comment on function private.notify_lead_note() is
	'Trigger on lead_notes: notifies the lead''s assignee of a new note (lead.note_added) or a '
	'new contacted note (lead.contacted), unless the assignee wrote it.';

create trigger notify_lead_note after insert on public.lead_notes
	for each row execute function private.notify_lead_note();

revoke execute on all functions in schema private from public;
