-- Delivery of due reminders (design.md §6) by the send-reminders edge function, which runs as the
-- service role every minute and possibly twice at once:
--
-- 1. claim_due_reminders(p_limit) locks due reminders with `for update skip locked`, so parallel
--    runs never get the same one, counts the attempt and leases the reminder for ten minutes (a
--    run that dies mid-way leaves it to a later run after the lease, not to a parallel one). On
--    the first claim of a reminder it creates the in-app notification `reminder.due`; reminders
--    that need no e-mail are done right there (notified_at). It returns what the mail needs.
-- 2. complete_reminder_delivery(p_reminder_id, p_claim_id, p_error) records the outcome of the
--    mail: sent → notified_at; failed → last_error and the next try after a backoff of 1, 5, 15
--    and 60 minutes; after the fifth failed attempt no further try (last_error stays).
--
-- A reminder whose time moves is re-armed (attempts, errors and lease reset, a new notification
-- at the new time). When the recipient may no longer see the lead at send time, notification
-- and mail carry neither the lead's name nor its company nor the description.

alter table public.reminders
	add column next_attempt_at timestamptz,
	add column claim_id uuid;
comment on column public.reminders.next_attempt_at is
	'send-reminders: not before this time (lease of a running delivery, or backoff after a '
	'failed one); null means as soon as remind_at is reached.';
comment on column public.reminders.claim_id is
	'send-reminders: the current claim; only that claim may record the outcome.';

-- Maintained by the database like notified_at, attempts and last_error; a new time re-arms.
create or replace function private.prepare_reminder() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if tg_op = 'UPDATE' then
		perform private.forbid_api_writes('reminders', to_jsonb(new), to_jsonb(old),
			array['lead_id', 'created_by', 'created_at', 'notified_at', 'attempts', 'last_error',
				'next_attempt_at', 'claim_id']);
		if new.remind_at is distinct from old.remind_at then
			new.notified_at := null;
			new.attempts := 0;
			new.last_error := null;
			new.next_attempt_at := null;
			new.claim_id := null;
		end if;
	else
		perform private.forbid_api_writes('reminders', to_jsonb(new), null,
			array['notified_at', 'last_error', 'next_attempt_at', 'claim_id']);
		if current_user in ('anon', 'authenticated') then
			new.attempts := 0;
			new.created_at := now();
		end if;
	end if;
	return new;
end;
$$;
comment on function private.prepare_reminder() is
	'Trigger: keeps the delivery columns (notified_at, attempts, last_error, next_attempt_at, '
	'claim_id) for send-reminders and re-arms a reminder whose time moves; lead, author and '
	'creation time never change.';

-- What a claim scans: undelivered reminders by time (replaces the index on remind_at alone).
drop index public.reminders_due_idx;
create index reminders_due_idx on public.reminders (remind_at, next_attempt_at)
	where notified_at is null;

create function private.reminder_max_attempts() returns integer
language sql immutable
set search_path = ''
as $$
	select 5
$$;
comment on function private.reminder_max_attempts() is
	'How many delivery attempts a reminder gets before send-reminders gives up.';

create function private.reminder_retry_delay(p_attempts integer) returns interval
language sql immutable
set search_path = ''
as $$
	select case
		when p_attempts >= private.reminder_max_attempts() then null
		else (array[1, 5, 15, 60])[least(greatest(p_attempts, 1), 4)] * interval '1 minute'
	end
$$;
comment on function private.reminder_retry_delay(integer) is
	'The wait after the given number of failed attempts (1, 5, 15, 60 minutes); null after the '
	'last attempt.';

create function private.claim_due_reminders(p_limit integer)
returns table (
	reminder_id uuid,
	claim_id uuid,
	attempt integer,
	send_email boolean,
	recipient_id uuid,
	recipient_email text,
	recipient_name text,
	recipient_language text,
	lead_id uuid,
	lead_visible boolean,
	lead_name text,
	company text,
	description text,
	remind_at timestamptz
)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	lease constant interval := interval '10 minutes';
	due record;
	visible boolean;
	recipient_active boolean;
	by_email boolean;
	new_claim uuid;
begin
	if p_limit is null or p_limit not between 1 and 500 then
		raise exception 'p_limit must be between 1 and 500' using errcode = '22023';
	end if;
	for due in
		select reminders.id, reminders.attempts, reminders.notify_by_email, reminders.lead_id,
			reminders.remind_staff_id, reminders.description, reminders.remind_at
		from public.reminders
		where reminders.notified_at is null
			and reminders.remind_at <= now()
			and (reminders.next_attempt_at is null or reminders.next_attempt_at <= now())
			and reminders.attempts < private.reminder_max_attempts()
		order by reminders.remind_at, reminders.id
		limit p_limit
		for update of reminders skip locked
	loop
		visible := private.staff_can_view_lead(due.remind_staff_id, due.lead_id);
		select staff.id, staff.email, staff.full_name, staff.language, staff.active
		into recipient_id, recipient_email, recipient_name, recipient_language, recipient_active
		from public.staff
		where staff.id = due.remind_staff_id;
		-- No mail to a deactivated member or one without an address: the notification is all.
		by_email := due.notify_by_email and recipient_active and recipient_email is not null;
		select leads.name, leads.company into lead_name, company
		from public.leads
		where leads.id = due.lead_id and visible;

		if due.attempts = 0 then
			insert into public.notifications (staff_id, kind, payload)
			values (due.remind_staff_id, 'reminder.due', jsonb_build_object(
				'reminder_id', due.id,
				'lead_id', due.lead_id,
				'lead_name', lead_name,
				'company', company,
				'description', case when visible then due.description end,
				'remind_at', due.remind_at
			));
		end if;

		new_claim := gen_random_uuid();
		update public.reminders
		set attempts = reminders.attempts + 1,
			claim_id = new_claim,
			next_attempt_at = case when by_email then now() + lease end,
			notified_at = case when by_email then null else now() end,
			last_error = case when by_email then reminders.last_error end
		where reminders.id = due.id;

		reminder_id := due.id;
		claim_id := new_claim;
		attempt := due.attempts + 1;
		send_email := by_email;
		lead_id := due.lead_id;
		lead_visible := visible;
		description := case when visible then due.description end;
		remind_at := due.remind_at;
		return next;
	end loop;
end;
$$;
comment on function private.claim_due_reminders(integer) is
	'The body of public.claim_due_reminders, run as the database for the service role.';

create function public.claim_due_reminders(p_limit integer default 50)
returns table (
	reminder_id uuid,
	claim_id uuid,
	attempt integer,
	send_email boolean,
	recipient_id uuid,
	recipient_email text,
	recipient_name text,
	recipient_language text,
	lead_id uuid,
	lead_visible boolean,
	lead_name text,
	company text,
	description text,
	remind_at timestamptz
)
language sql volatile security invoker
set search_path = ''
as $$
	select * from private.claim_due_reminders(p_limit)
$$;
comment on function public.claim_due_reminders(integer) is
	'send-reminders (service role only): claims up to p_limit (1–500) due reminders that no '
	'parallel run holds (remind_at reached, not yet notified, retry time reached, fewer than five '
	'attempts), counts the attempt and leases each for ten minutes. The first claim of a '
	'reminder creates its reminder.due notification; reminders that need no mail (no '
	'notify_by_email, recipient deactivated or without address) are notified at once '
	'(send_email false). Returns per reminder what its mail needs; when the recipient may no '
	'longer see the lead (lead_visible false), lead_name, company and description are null. '
	'Report each mail with complete_reminder_delivery(reminder_id, claim_id, error).';

create function private.complete_reminder_delivery(
	p_reminder_id uuid,
	p_claim_id uuid,
	p_error text
) returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
begin
	update public.reminders
	set notified_at = case when p_error is null then now() end,
		last_error = case when p_error is not null then left(p_error, 2000) end,
		next_attempt_at = case
			when p_error is not null then now() + private.reminder_retry_delay(reminders.attempts)
		end
	where reminders.id = p_reminder_id
		and reminders.claim_id = p_claim_id
		and reminders.notified_at is null;
	return found;
end;
$$;
comment on function private.complete_reminder_delivery(uuid, uuid, text) is
	'The body of public.complete_reminder_delivery, run as the database for the service role.';

create function public.complete_reminder_delivery(
	p_reminder_id uuid,
	p_claim_id uuid,
	p_error text default null
) returns boolean
language sql volatile security invoker
set search_path = ''
as $$
	select private.complete_reminder_delivery(p_reminder_id, p_claim_id, p_error)
$$;
comment on function public.complete_reminder_delivery(uuid, uuid, text) is
	'send-reminders (service role only): records the mail of a claimed reminder. p_error null: '
	'sent (notified_at = now(), last_error cleared). Otherwise last_error = p_error (at most 2000 '
	'characters) and the next try after 1, 5, 15 or 60 minutes; after the fifth attempt none. '
	'Returns false when the claim is no longer current (the reminder was moved, deleted or '
	'completed meanwhile) and changes nothing then.';

revoke execute on function public.claim_due_reminders(integer) from public, anon, authenticated;
revoke execute on function public.complete_reminder_delivery(uuid, uuid, text)
	from public, anon, authenticated;
grant execute on function public.claim_due_reminders(integer) to service_role;
grant execute on function public.complete_reminder_delivery(uuid, uuid, text) to service_role;

revoke execute on all functions in schema private from public;
grant execute on function
	private.claim_due_reminders(integer),
	private.complete_reminder_delivery(uuid, uuid, text)
	to service_role;
