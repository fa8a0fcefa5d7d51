-- Tasks on a lead and who works on them (design.md §3). A task is visible, and editable, exactly
-- when its lead is; so are its assignees.

create table public.tasks (
	id uuid primary key default gen_random_uuid(),
	lead_id uuid not null references public.leads (id) on delete cascade,
	title text not null constraint tasks_title_length check (char_length(btrim(title)) between 1 and 200),
	description text constraint tasks_description_length check (char_length(description) <= 10000),
	status text not null default 'not_started' constraint tasks_status_known
		check (status in ('not_started', 'in_progress', 'awaiting_feedback', 'completed')),
	priority text not null default 'medium' constraint tasks_priority_known
		check (priority in ('low', 'medium', 'high', 'urgent')),
	due_at timestamptz,
	completed_at timestamptz,
	created_by uuid default auth.uid() references public.staff (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.tasks is
	'Tasks on a lead. completed_at is set by the database when status becomes completed.';
create index tasks_lead_id_due_at_idx on public.tasks (lead_id, due_at);
create index tasks_created_by_idx on public.tasks (created_by);

create table public.task_assignees (
	task_id uuid not null references public.tasks (id) on delete cascade,
	staff_id uuid not null references public.staff (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (task_id, staff_id)
);
comment on table public.task_assignees is 'Staff members working on a task (one or more).';
create index task_assignees_staff_id_idx on public.task_assignees (staff_id);

create function private.can_view_task(p_task_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return exists (
		select 1 from public.tasks
		where tasks.id = p_task_id and private.can_view_lead(tasks.lead_id)
	);
end;
$$;
comment on function private.can_view_task(uuid) is
	'True when the caller may view the lead the task belongs to.';

alter table public.tasks enable row level security;

create policy "Staff see tasks of leads they may view"
	on public.tasks for select to authenticated
	using ((select private.can_view_lead(lead_id)));

create policy "Staff add tasks as themselves to leads they may view"
	on public.tasks for insert to authenticated
	with check ((select private.can_view_lead(lead_id)) and created_by = (select auth.uid()));

create policy "Staff edit tasks of leads they may view"
	on public.tasks for update to authenticated
	using ((select private.can_view_lead(lead_id)))
	with check ((select private.can_view_lead(lead_id)));

create policy "Staff delete tasks of leads they may view"
	on public.tasks for delete to authenticated
	using ((select private.can_view_lead(lead_id)));

alter table public.task_assignees enable row level security;

create policy "Staff see who works on tasks of leads they may view"
	on public.task_assignees for select to authenticated
	using ((select private.can_view_task(task_id)));

create policy "Staff assign tasks of leads they may view"
	on public.task_assignees for insert to authenticated
	with check ((select private.can_view_task(task_id)));

create policy "Staff unassign tasks of leads they may view"
	on public.task_assignees for delete to authenticated
	using ((select private.can_view_task(task_id)));
-- No update policy: an assignment is added or removed, never changed.

create function private.prepare_task() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if tg_op = 'UPDATE' then
		perform private.forbid_api_writes('tasks', to_jsonb(new), to_jsonb(old),
			array['lead_id', 'created_by', 'created_at', 'completed_at']);
	else
		perform private.forbid_api_writes('tasks', to_jsonb(new), null, array['completed_at']);
		if current_user in ('anon', 'authenticated') then
			new.created_at := now();
		end if;
	end if;
	if new.status = 'completed' then
		new.completed_at := case
			when tg_op = 'UPDATE' and old.status = 'completed' then old.completed_at
			else coalesce(new.completed_at, now())
		end;
	else
		new.completed_at := null;
	end if;
	return new;
end;
$$;
comment on function private.prepare_task() is
	'Trigger: maintains completed_at from status; lead, author and creation time never change.';

create trigger prepare_task before insert or update on public.tasks
	for each row execute function private.prepare_task();

create trigger touch_updated_at before update on public.tasks
	for each row execute function private.touch_updated_at();

revoke execute on all functions in schema private from public;
grant execute on function private.can_view_task(uuid) to authenticated, service_role;
