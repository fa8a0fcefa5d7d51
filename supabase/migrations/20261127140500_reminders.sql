-- Reminders on a lead (design.md §3, §6): for oneself or a colleague, at a time, optionally by
-- e-mail. The send-reminders edge function (service role) claims due ones and records
-- notified_at, attempts and last_error; those columns are not the client's to write. Visible and
-- editable exactly when the lead is.

create table public.reminders (
	id uuid primary key default gen_random_uuid(),
	lead_id uuid not null references public.leads (id) on delete cascade,
	remind_staff_id uuid not null references public.staff (id) on delete cascade,
	remind_at timestamptz not null,
	description text not null
		constraint reminders_description_length check (char_length(btrim(description)) between 1 and 1000),
	notify_by_email boolean not null default false,
	notified_at timestamptz,
	attempts integer not null default 0 constraint reminders_attempts_not_negative check (attempts >= 0),
	last_error text constraint reminders_last_error_length check (char_length(last_error) <= 2000),
	created_by uuid default auth.uid() references public.staff (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.reminders is
	'Reminders on a lead for a staff member. notified_at, attempts and last_error belong to the '
	'send-reminders function; moving remind_at re-arms a reminder.';
create index reminders_lead_id_remind_at_idx on public.reminders (lead_id, remind_at);
create index reminders_remind_staff_id_idx on public.reminders (remind_staff_id);
create index reminders_created_by_idx on public.reminders (created_by);
-- What send-reminders scans every minute.
create index reminders_due_idx on public.reminders (remind_at) where notified_at is null;

alter table public.reminders enable row level security;

create policy "Staff see reminders of leads they may view"
	on public.reminders for select to authenticated
	using ((select private.can_view_lead(lead_id)));

create policy "Staff set reminders as themselves on leads they may view"
	on public.reminders for insert to authenticated
	with check ((select private.can_view_lead(lead_id)) and created_by = (select auth.uid()));

create policy "Staff edit reminders of leads they may view"
	on public.reminders for update to authenticated
	using ((select private.can_view_lead(lead_id)))
	with check ((select private.can_view_lead(lead_id)));

create policy "Staff delete reminders of leads they may view"
	on public.reminders for delete to authenticated
	using ((select private.can_view_lead(lead_id)));

create function private.prepare_reminder() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if tg_op = 'UPDATE' then
		perform private.forbid_api_writes('reminders', to_jsonb(new), to_jsonb(old),
			array['lead_id', 'created_by', 'created_at', 'notified_at', 'attempts', 'last_error']);
		if new.remind_at is distinct from old.remind_at then
			new.notified_at := null;
			new.attempts := 0;
			new.last_error := null;
		end if;
	else
		perform private.forbid_api_writes('reminders', to_jsonb(new), null,
			array['notified_at', 'last_error']);
		if current_user in ('anon', 'authenticated') then
			new.attempts := 0;
			new.created_at := now();
		end if;
	end if;
	return new;
end;
$$;
comment on function private.prepare_reminder() is
	'Trigger: keeps the delivery columns for send-reminders and re-arms a reminder whose time '
	'moves; lead, author and creation time never change.';

create trigger prepare_reminder before insert or update on public.reminders
	for each row execute function private.prepare_reminder();

create trigger touch_updated_at before update on public.reminders
	for each row execute function private.touch_updated_at();

revoke execute on all functions in schema private from public;
