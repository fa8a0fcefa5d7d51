-- Double-contact guard (issue 6): a staff member who logs a contact on a lead a colleague
-- contacted within the last `lead_defaults.recent_contact_hours` hours is stopped with SQLSTATE
-- PT428 (PostgREST: HTTP 428 "precondition required") naming the colleague and when, and must
-- confirm. The check runs in a BEFORE INSERT trigger on lead_notes under a lock on the lead row,
-- so two people logging a contact at the same moment are serialised and the second one is asked
-- too, whichever way the note is written. add_lead_note is the way the app writes a note: it
-- passes the confirmation to the trigger (transaction-local) and answers with the note's id.

alter table public.lead_defaults
	add column recent_contact_hours integer not null default 24
		constraint lead_defaults_recent_contact_hours_range
			check (recent_contact_hours between 0 and 720);
comment on column public.lead_defaults.recent_contact_hours is
	'Hours after a contact during which a colleague logging another contact on the same lead must '
	'confirm it (double-contact guard); 0 switches the guard off.';

create function private.guard_double_contact() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
	caller uuid := auth.uid();
	window_hours integer;
	recent record;
begin
	-- Only contacts logged by a signed-in staff member are checked (not the seed or service jobs),
	-- and only on leads the caller may see: otherwise row level security refuses the insert right
	-- after this trigger, and the warning must not tell them who contacted that lead.
	if not new.contacted or caller is null or not private.can_view_lead(new.lead_id) then
		return new;
	end if;
	if coalesce(current_setting('leadwerk.confirm_recent_contact', true), '') = 'on' then
		return new;
	end if;
	select lead_defaults.recent_contact_hours into window_hours from public.lead_defaults;
	if coalesce(window_hours, 0) = 0 then
		return new;
	end if;
	-- Serialises contacts on this lead: a concurrent contact waits here until the first one has
	-- committed, and the query below (a new snapshot) then sees it.
	perform 1 from public.leads where leads.id = new.lead_id for no key update;
	select lead_notes.contacted_at, lead_notes.created_by, staff.full_name into recent
	from public.lead_notes
	left join public.staff on staff.id = lead_notes.created_by
	where lead_notes.lead_id = new.lead_id
		and lead_notes.contacted
		and lead_notes.created_by is distinct from caller
		and lead_notes.contacted_at > now() - make_interval(hours => window_hours)
	order by lead_notes.contacted_at desc
	limit 1;
	if found then
		raise exception 'a colleague contacted this lead recently'
			using errcode = 'PT428',
				detail = json_build_object(
					'contacted_at', recent.contacted_at,
					'contacted_by', recent.created_by,
					'contacted_by_name', recent.full_name,
					'window_hours', window_hours
				)::text,
				hint = 'Confirm the contact with add_lead_note(..., p_confirm_recent_contact => true).';
	end if;
	return new;
end;
$$;
comment on function private.guard_double_contact() is
	'Trigger: refuses a contacted note by a signed-in staff member when a colleague contacted the '
	'lead within lead_defaults.recent_contact_hours (SQLSTATE PT428, detail JSON contacted_at, '
	'contacted_by, contacted_by_name, window_hours), unless add_lead_note passed the confirmation. '
	'Locks the lead row first, so simultaneous contacts are checked one after the other.';

-- Named to fire before prepare_lead_note (triggers fire in name order); it reads only lead_id,
-- contacted and the caller, which prepare_lead_note leaves as they are.
create trigger guard_double_contact before insert on public.lead_notes
	for each row execute function private.guard_double_contact();

create function public.add_lead_note(
	p_lead_id uuid,
	p_body text,
	p_contacted boolean default false,
	p_contacted_at timestamptz default null,
	p_confirm_recent_contact boolean default false
) returns uuid
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
	note_id uuid;
begin
	if not private.can_view_lead(p_lead_id) then
		raise exception 'lead not found'
			using errcode = 'PT404', detail = json_build_object('lead_id', p_lead_id)::text;
	end if;
	perform set_config('leadwerk.confirm_recent_contact',
		case when p_confirm_recent_contact then 'on' else 'off' end, true);
	insert into public.lead_notes (lead_id, body, contacted, contacted_at, created_by)
	values (p_lead_id, p_body, coalesce(p_contacted, false),
		case when p_contacted then p_contacted_at end, auth.uid())
	returning id into note_id;
	-- The confirmation covers this note only, not later writes in the same transaction.
	perform set_config('leadwerk.confirm_recent_contact', 'off', true);
	return note_id;
end;
$$;
comment on function public.add_lead_note(uuid, text, boolean, timestamptz, boolean) is
	'Adds a note as the caller to a lead they may view (row level security decides) and returns '
	'its id. p_contacted logs a contact at p_contacted_at (now when null). Errors: PT404 lead not '
	'found (or not visible); PT428 a colleague contacted the lead within the team''s window '
	'(lead_defaults.recent_contact_hours), detail JSON contacted_at, contacted_by, '
	'contacted_by_name, window_hours; call again with p_confirm_recent_contact => true to log it '
	'anyway; 23514 empty or too long body.';

revoke execute on function public.add_lead_note(uuid, text, boolean, timestamptz, boolean)
	from public, anon;
grant execute on function public.add_lead_note(uuid, text, boolean, timestamptz, boolean)
	to authenticated, service_role;

revoke execute on function private.guard_double_contact() from public;
