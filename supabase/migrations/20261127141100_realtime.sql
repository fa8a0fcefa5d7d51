-- Realtime (design.md §5, §10): changes of a lead and its children are broadcast by triggers to
-- the private topic `lead:<lead_id>`, notifications to `staff:<staff_id>`; realtime.messages
-- policies let a member join (read) and send or track presence (write) on `lead:<id>` only if
-- they may see that lead, and on `staff:<uid>` only if it is their own. Lists and the board use
-- postgres_changes on public.leads, where Realtime applies the leads policies per subscriber.

create function private.can_use_realtime_topic(p_topic text) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return case
		when p_topic ~* '^lead:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
			then private.can_view_lead(substr(p_topic, 6)::uuid)
		when p_topic like 'staff:%'
			then private.is_active_staff() and substr(p_topic, 7) = auth.uid()::text
		else false
	end;
end;
$$;
comment on function private.can_use_realtime_topic(text) is
	'True when the caller may use the private channel: lead:<id> of a lead they may view, or '
	'their own staff:<uid>. Any other topic (or a malformed one) is refused.';

create policy "Staff receive broadcasts and presence of their lead and staff channels"
	on realtime.messages for select to authenticated
	using (
		realtime.messages.extension in ('broadcast', 'presence')
		and (select private.can_use_realtime_topic((select realtime.topic())))
	);

create policy "Staff send broadcasts and presence on their lead and staff channels"
	on realtime.messages for insert to authenticated
	with check (
		realtime.messages.extension in ('broadcast', 'presence')
		and (select private.can_use_realtime_topic((select realtime.topic())))
	);

-- Broadcasts run as the database: the row change is already authorised, and members of the
-- topic are authorised by the policies above when they join.
create function private.broadcast_lead_change() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	perform realtime.broadcast_changes(
		'lead:' || coalesce(new.id, old.id), tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
	return null;
end;
$$;
comment on function private.broadcast_lead_change() is
	'Trigger on leads: broadcasts the change to the private topic lead:<id>.';

create function private.broadcast_lead_child_change() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
	changed_lead uuid := coalesce(new.lead_id, old.lead_id);
begin
	-- A customer's proposal has no lead and so no lead channel.
	if changed_lead is not null then
		perform realtime.broadcast_changes(
			'lead:' || changed_lead, tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
	end if;
	return null;
end;
$$;
comment on function private.broadcast_lead_child_change() is
	'Trigger on a child of a lead (notes, activity, tasks, reminders, attachments, proposals): '
	'broadcasts the change to the private topic lead:<lead_id>.';

create function private.broadcast_task_assignee_change() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
	task_lead uuid;
begin
	select tasks.lead_id into task_lead
	from public.tasks where tasks.id = coalesce(new.task_id, old.task_id);
	if task_lead is not null then
		perform realtime.broadcast_changes(
			'lead:' || task_lead, tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
	end if;
	return null;
end;
$$;
comment on function private.broadcast_task_assignee_change() is
	'Trigger on task_assignees: broadcasts the change to the topic of the task''s lead.';

create function private.broadcast_notification() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	perform realtime.send(to_jsonb(new), 'notification', 'staff:' || new.staff_id, true);
	return null;
end;
$$;
comment on function private.broadcast_notification() is
	'Trigger on notifications: sends a new notification to the private topic staff:<staff_id>.';

create trigger broadcast_change after insert or update or delete on public.leads
	for each row execute function private.broadcast_lead_change();
create trigger broadcast_change after insert or update or delete on public.lead_notes
	for each row execute function private.broadcast_lead_child_change();
create trigger broadcast_change after insert or update or delete on public.lead_activity
	for each row execute function private.broadcast_lead_child_change();
create trigger broadcast_change after insert or update or delete on public.tasks
	for each row execute function private.broadcast_lead_child_change();
create trigger broadcast_change after insert or update or delete on public.reminders
	for each row execute function private.broadcast_lead_child_change();
create trigger broadcast_change after insert or update or delete on public.lead_attachments
	for each row execute function private.broadcast_lead_child_change();
create trigger broadcast_change after insert or update or delete on public.task_assignees
	for each row execute function private.broadcast_task_assignee_change();
create trigger broadcast_change after insert on public.notifications
	for each row execute function private.broadcast_notification();

create trigger broadcast_change after insert or update or delete on public.proposals
	for each row execute function private.broadcast_lead_child_change();

alter publication supabase_realtime add table public.leads;

revoke execute on all functions in schema private from public;
grant execute on function private.can_use_realtime_topic(text) to authenticated, service_role;
