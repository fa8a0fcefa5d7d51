-- In-app notifications (design.md §3, §5): one row per recipient, created by the database
-- (assignment of a lead or a task) or by edge functions (reminder due). Each member sees, marks
-- as read and deletes only their own.

create table public.notifications (
	id uuid primary key default gen_random_uuid(),
	staff_id uuid not null references public.staff (id) on delete cascade,
	kind text not null constraint notifications_kind_format
		check (kind ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)*$' and char_length(kind) <= 50),
	payload jsonb not null default '{}'
		constraint notifications_payload_object check (jsonb_typeof(payload) = 'object'),
	read_at timestamptz,
	created_at timestamptz not null default now()
);
comment on table public.notifications is
	'Notifications for a staff member (kind e.g. lead.assigned, task.assigned, reminder.due; '
	'payload names the lead). Staff only mark their own as read (read_at) or delete them.';
create index notifications_staff_id_created_at_idx on public.notifications (staff_id, created_at desc);
create index notifications_unread_idx on public.notifications (staff_id) where read_at is null;

alter table public.notifications enable row level security;

create policy "Staff see their own notifications"
	on public.notifications for select to authenticated
	using (staff_id = (select auth.uid()) and (select private.is_active_staff()));

create policy "Staff mark their own notifications as read"
	on public.notifications for update to authenticated
	using (staff_id = (select auth.uid()) and (select private.is_active_staff()))
	with check (staff_id = (select auth.uid()));

create policy "Staff delete their own notifications"
	on public.notifications for delete to authenticated
	using (staff_id = (select auth.uid()) and (select private.is_active_staff()));
-- No insert policy: notifications come from the database and the service role.

create function private.prepare_notification_update() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	perform private.forbid_api_writes('notifications', to_jsonb(new), to_jsonb(old),
		array['id', 'staff_id', 'kind', 'payload', 'created_at']);
	return new;
end;
$$;
comment on function private.prepare_notification_update() is
	'Trigger: API callers change nothing but read_at.';

create trigger prepare_notification_update before update on public.notifications
	for each row execute function private.prepare_notification_update();

-- Assignment notifies the new assignee, unless they assigned themselves.
create function private.notify_lead_assignee() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
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
	'Trigger on leads: notifies the assignee (lead.assigned) when someone else assigns them.';

create trigger notify_lead_assignee after insert or update of assigned_to on public.leads
	for each row execute function private.notify_lead_assignee();

create function private.notify_task_assignee() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if new.staff_id is distinct from auth.uid() then
		insert into public.notifications (staff_id, kind, payload)
		select new.staff_id, 'task.assigned', jsonb_build_object(
			'task_id', tasks.id,
			'title', tasks.title,
			'lead_id', tasks.lead_id,
			'assigned_by', private.staff_ref(auth.uid())
		)
		from public.tasks
		where tasks.id = new.task_id;
	end if;
	return null;
end;
$$;
comment on function private.notify_task_assignee() is
	'Trigger on task_assignees: notifies the assignee (task.assigned) when someone else adds them.';

create trigger notify_task_assignee after insert on public.task_assignees
	for each row execute function private.notify_task_assignee();

revoke execute on all functions in schema private from public;
