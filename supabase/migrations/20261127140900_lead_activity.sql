-- The activity log of a lead (design.md §3, seed "Aktivitätslog"): written by triggers on the
-- lead and its children, never by clients, except `manual` entries by staff who may see the
-- lead. actor_id is the caller (auth.uid()); details holds old and new values, with names next to
-- ids so the log stays readable after a rename. Visible exactly when the lead is; never changed.

create table public.lead_activity (
	id uuid primary key default gen_random_uuid(),
	lead_id uuid not null references public.leads (id) on delete cascade,
	actor_id uuid default auth.uid() references public.staff (id) on delete set null,
	action text not null constraint lead_activity_action_known check (action in (
		'lead.created', 'lead.updated', 'lead.assigned', 'lead.status_changed',
		'lead.public_changed', 'lead.marked_lost', 'lead.unmarked_lost', 'lead.marked_junk',
		'lead.unmarked_junk', 'lead.converted', 'lead.contacted', 'note.added',
		'attachment.added', 'attachment.removed', 'task.created', 'task.completed',
		'reminder.set', 'proposal.created', 'proposal.status_changed', 'manual'
	)),
	details jsonb not null default '{}'
		constraint lead_activity_details_object check (jsonb_typeof(details) = 'object'),
	-- Wall-clock time, so entries written by one transaction keep their order.
	created_at timestamptz not null default clock_timestamp(),
	constraint lead_activity_manual_text check (
		action <> 'manual'
		or (jsonb_typeof(details -> 'text') = 'string'
			and char_length(btrim(details ->> 'text')) between 1 and 2000)
	)
);
comment on table public.lead_activity is
	'Activity log of a lead, newest last by created_at. Written by triggers; staff add only '
	'manual entries (details.text). Never updated or deleted by clients.';
create index lead_activity_lead_id_created_at_idx on public.lead_activity (lead_id, created_at desc);
create index lead_activity_actor_id_idx on public.lead_activity (actor_id);

alter table public.lead_activity enable row level security;

create policy "Staff see the activity of leads they may view"
	on public.lead_activity for select to authenticated
	using ((select private.can_view_lead(lead_id)));

create policy "Staff add manual entries as themselves to leads they may view"
	on public.lead_activity for insert to authenticated
	with check (
		action = 'manual'
		and actor_id = (select auth.uid())
		and (select private.can_view_lead(lead_id))
	);
-- No update or delete policies: the log is append-only.

create function private.prepare_lead_activity() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if current_user in ('anon', 'authenticated') then
		new.created_at := clock_timestamp();
	end if;
	return new;
end;
$$;
comment on function private.prepare_lead_activity() is
	'Trigger: API callers cannot backdate a manual entry.';

create trigger prepare_lead_activity before insert on public.lead_activity
	for each row execute function private.prepare_lead_activity();

-- Writers ---------------------------------------------------------------------------------------

-- Children deleted together with their lead (cascade) must not log against the vanished lead.
create function private.log_activity(p_lead_id uuid, p_action text, p_details jsonb)
returns void
language sql volatile security definer
set search_path = ''
as $$
	insert into public.lead_activity (lead_id, action, details)
	select p_lead_id, p_action, p_details
	where exists (select 1 from public.leads where leads.id = p_lead_id)
$$;
comment on function private.log_activity(uuid, text, jsonb) is
	'Appends an entry to the activity log of a lead (if it still exists), by the caller.';

create function private.staff_ref(p_staff_id uuid) returns jsonb
language sql stable security definer
set search_path = ''
as $$
	select case when p_staff_id is not null then jsonb_build_object(
		'id', p_staff_id,
		'name', (select staff.full_name from public.staff where staff.id = p_staff_id)
	) end
$$;
comment on function private.staff_ref(uuid) is
	'{id, name} of a staff member for activity details; null for no one.';

create function private.status_ref(p_status_id uuid) returns jsonb
language sql stable security definer
set search_path = ''
as $$
	select case when p_status_id is not null then jsonb_build_object(
		'id', p_status_id,
		'name', (select lead_statuses.name from public.lead_statuses where lead_statuses.id = p_status_id)
	) end
$$;
comment on function private.status_ref(uuid) is '{id, name} of a lead status for activity details.';

create function private.log_lead_activity() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
	profile_fields constant text[] := array[
		'name', 'position', 'company', 'email', 'phone', 'website', 'address', 'city', 'state',
		'zip', 'country', 'default_language', 'description', 'value', 'tags', 'source_id'
	];
	old_row jsonb := to_jsonb(old);
	new_row jsonb := to_jsonb(new);
	changes jsonb;
begin
	if tg_op = 'INSERT' then
		perform private.log_activity(new.id, 'lead.created', jsonb_build_object(
			'name', new.name,
			'status', private.status_ref(new.status_id),
			'assigned_to', private.staff_ref(new.assigned_to),
			'is_public', new.is_public
		));
		return null;
	end if;

	select jsonb_object_agg(field, jsonb_build_object('old', old_row -> field, 'new', new_row -> field))
	into changes
	from unnest(profile_fields) as field
	where old_row -> field is distinct from new_row -> field;
	if changes is not null then
		perform private.log_activity(new.id, 'lead.updated', jsonb_build_object('changes', changes));
	end if;

	if new.converted_at is not null and old.converted_at is null then
		perform private.log_activity(new.id, 'lead.converted', jsonb_build_object(
			'customer_id', new.customer_id,
			'old', private.status_ref(old.status_id),
			'new', private.status_ref(new.status_id)
		));
	elsif new.status_id is distinct from old.status_id then
		perform private.log_activity(new.id, 'lead.status_changed', jsonb_build_object(
			'old', private.status_ref(old.status_id),
			'new', private.status_ref(new.status_id)
		));
	end if;
	if new.assigned_to is distinct from old.assigned_to then
		perform private.log_activity(new.id, 'lead.assigned', jsonb_build_object(
			'old', private.staff_ref(old.assigned_to),
			'new', private.staff_ref(new.assigned_to)
		));
	end if;
	if new.is_public is distinct from old.is_public then
		perform private.log_activity(new.id, 'lead.public_changed',
			jsonb_build_object('old', old.is_public, 'new', new.is_public));
	end if;
	if new.lost is distinct from old.lost then
		perform private.log_activity(new.id,
			case when new.lost then 'lead.marked_lost' else 'lead.unmarked_lost' end,
			jsonb_build_object('old', old.lost, 'new', new.lost));
	end if;
	if new.junk is distinct from old.junk then
		perform private.log_activity(new.id,
			case when new.junk then 'lead.marked_junk' else 'lead.unmarked_junk' end,
			jsonb_build_object('old', old.junk, 'new', new.junk));
	end if;
	return null;
end;
$$;
comment on function private.log_lead_activity() is
	'Trigger on leads: logs creation, profile changes (lead.updated with old/new per field), '
	'conversion, status, assignment, public flag, lost and junk.';

create trigger log_lead_activity after insert or update on public.leads
	for each row execute function private.log_lead_activity();

-- A contacted note is the contact log's entry (lead.contacted); any other note is note.added.
create function private.log_note_activity() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' or (new.contacted and not old.contacted) then
		perform private.log_activity(new.lead_id,
			case when new.contacted then 'lead.contacted' else 'note.added' end,
			jsonb_build_object(
				'note_id', new.id,
				'excerpt', left(new.body, 200),
				'contacted_at', new.contacted_at
			));
	end if;
	return null;
end;
$$;
comment on function private.log_note_activity() is
	'Trigger on lead_notes: logs note.added, or lead.contacted for a contacted note.';

create trigger log_note_activity after insert or update of contacted on public.lead_notes
	for each row execute function private.log_note_activity();

create function private.log_attachment_activity() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform private.log_activity(new.lead_id, 'attachment.added', jsonb_build_object(
			'attachment_id', new.id, 'file_name', new.file_name, 'size', new.size));
	else
		perform private.log_activity(old.lead_id, 'attachment.removed', jsonb_build_object(
			'attachment_id', old.id, 'file_name', old.file_name));
	end if;
	return null;
end;
$$;
comment on function private.log_attachment_activity() is
	'Trigger on lead_attachments: logs attachment.added and attachment.removed.';

create trigger log_attachment_activity after insert or delete on public.lead_attachments
	for each row execute function private.log_attachment_activity();

create function private.log_task_activity() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform private.log_activity(new.lead_id, 'task.created',
			jsonb_build_object('task_id', new.id, 'title', new.title));
	end if;
	if new.status = 'completed' and (tg_op = 'INSERT' or old.status <> 'completed') then
		perform private.log_activity(new.lead_id, 'task.completed',
			jsonb_build_object('task_id', new.id, 'title', new.title));
	end if;
	return null;
end;
$$;
comment on function private.log_task_activity() is
	'Trigger on tasks: logs task.created and task.completed.';

create trigger log_task_activity after insert or update of status on public.tasks
	for each row execute function private.log_task_activity();

create function private.log_reminder_activity() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	perform private.log_activity(new.lead_id, 'reminder.set', jsonb_build_object(
		'reminder_id', new.id,
		'remind_staff', private.staff_ref(new.remind_staff_id),
		'remind_at', new.remind_at,
		'description', left(new.description, 200)
	));
	return null;
end;
$$;
comment on function private.log_reminder_activity() is
	'Trigger on reminders: logs reminder.set when a reminder is created or moved.';

create trigger log_reminder_activity after insert or update of remind_at on public.reminders
	for each row execute function private.log_reminder_activity();

create function private.log_proposal_activity() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if new.lead_id is null then
		return null;
	end if;
	if tg_op = 'INSERT' then
		perform private.log_activity(new.lead_id, 'proposal.created', jsonb_build_object(
			'proposal_id', new.id, 'subject', new.subject, 'status', new.status));
	elsif new.status is distinct from old.status then
		perform private.log_activity(new.lead_id, 'proposal.status_changed', jsonb_build_object(
			'proposal_id', new.id, 'subject', new.subject, 'old', old.status, 'new', new.status));
	end if;
	return null;
end;
$$;
comment on function private.log_proposal_activity() is
	'Trigger on proposals of a lead: logs proposal.created and proposal.status_changed.';

create trigger log_proposal_activity after insert or update of status on public.proposals
	for each row execute function private.log_proposal_activity();

revoke execute on all functions in schema private from public;
