-- Notes on a lead and the contact log (design.md §3): a note says whether its author contacted
-- the lead and when; the latest contacted note is the lead's last contact, so colleagues do not
-- contact the same lead twice. Notes are visible exactly when their lead is; a note is edited or
-- deleted by its author or an administrator.

create table public.lead_notes (
	id uuid primary key default gen_random_uuid(),
	lead_id uuid not null references public.leads (id) on delete cascade,
	body text not null constraint lead_notes_body_length check (char_length(btrim(body)) between 1 and 10000),
	contacted boolean not null default false,
	contacted_at timestamptz,
	created_by uuid default auth.uid() references public.staff (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint lead_notes_contacted_at_only_when_contacted check (contacted or contacted_at is null)
);
comment on table public.lead_notes is
	'Notes on a lead. contacted / contacted_at form the contact log; the latest contacted note '
	'sets leads.last_contact_at / last_contact_by (trigger).';
create index lead_notes_lead_id_created_at_idx on public.lead_notes (lead_id, created_at desc);
create index lead_notes_lead_id_contacted_at_idx on public.lead_notes (lead_id, contacted_at desc)
	where contacted;
create index lead_notes_created_by_idx on public.lead_notes (created_by);

alter table public.lead_notes enable row level security;

create policy "Staff see notes of leads they may view"
	on public.lead_notes for select to authenticated
	using ((select private.can_view_lead(lead_id)));

create policy "Staff add notes as themselves to leads they may view"
	on public.lead_notes for insert to authenticated
	with check ((select private.can_view_lead(lead_id)) and created_by = (select auth.uid()));

create policy "Authors and administrators edit notes of leads they may view"
	on public.lead_notes for update to authenticated
	using (
		(select private.can_view_lead(lead_id))
		and (created_by = (select auth.uid()) or (select private.is_admin()))
	)
	with check ((select private.can_view_lead(lead_id)));

create policy "Authors and administrators delete notes of leads they may view"
	on public.lead_notes for delete to authenticated
	using (
		(select private.can_view_lead(lead_id))
		and (created_by = (select auth.uid()) or (select private.is_admin()))
	);

create function private.prepare_lead_note() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if tg_op = 'UPDATE' then
		perform private.forbid_api_writes('lead_notes', to_jsonb(new), to_jsonb(old),
			array['lead_id', 'created_by', 'created_at']);
	elsif current_user in ('anon', 'authenticated') then
		new.created_at := now();
	end if;
	if not new.contacted then
		new.contacted_at := null;
	elsif new.contacted_at is null then
		new.contacted_at := now();
	end if;
	return new;
end;
$$;
comment on function private.prepare_lead_note() is
	'Trigger: a contacted note without a time was contacted now; a note that is not contacted '
	'has no contact time; lead, author and creation time never change.';

create trigger prepare_lead_note before insert or update on public.lead_notes
	for each row execute function private.prepare_lead_note();

create trigger touch_updated_at before update on public.lead_notes
	for each row execute function private.touch_updated_at();

-- Recomputed rather than patched, so editing or deleting a contacted note keeps the lead right.
create function private.refresh_lead_last_contact() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
	affected_lead uuid := coalesce(new.lead_id, old.lead_id);
	latest_at timestamptz;
	latest_by uuid;
begin
	if tg_op = 'UPDATE' and new.contacted is not distinct from old.contacted
		and new.contacted_at is not distinct from old.contacted_at
	then
		return null;
	end if;
	select lead_notes.contacted_at, lead_notes.created_by into latest_at, latest_by
	from public.lead_notes
	where lead_notes.lead_id = affected_lead and lead_notes.contacted
	order by lead_notes.contacted_at desc
	limit 1;
	update public.leads
	set last_contact_at = latest_at, last_contact_by = latest_by
	where leads.id = affected_lead
		and (leads.last_contact_at is distinct from latest_at
			or leads.last_contact_by is distinct from latest_by);
	return null;
end;
$$;
comment on function private.refresh_lead_last_contact() is
	'Trigger: sets leads.last_contact_at / last_contact_by from the latest contacted note.';

create trigger refresh_lead_last_contact after insert or update or delete on public.lead_notes
	for each row execute function private.refresh_lead_last_contact();

revoke execute on all functions in schema private from public;
