-- Lead statuses and sources (design.md §3): the pick lists of a lead. Everyone active reads
-- them; `settings.manage` changes them; a new source may also be added inline from the lead
-- form by roles with `leads.add_source` (every role gets it by default).

create table public.lead_statuses (
	id uuid primary key default gen_random_uuid(),
	-- Stable key of a built-in status, so the UI can translate it; null for statuses admins add.
	key text constraint lead_statuses_key_format check (key ~ '^[a-z][a-z_]{0,39}$'),
	name text not null
		constraint lead_statuses_name_length check (char_length(btrim(name)) between 1 and 100),
	color text not null default '#64748b'
		constraint lead_statuses_color_format check (color ~ '^#[0-9a-fA-F]{6}$'),
	position integer not null default 0,
	kind text not null default 'open' constraint lead_statuses_kind_known check (kind in ('open', 'converted')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.lead_statuses is
	'Lead statuses in board order (position). kind converted marks the one status conversion '
	'sets; a status in use by a lead cannot be deleted (leads.status_id is ON DELETE RESTRICT).';
create unique index lead_statuses_key_key on public.lead_statuses (key);
create unique index lead_statuses_name_key on public.lead_statuses (lower(name));
-- Conversion needs to know which status to set: there is exactly one of kind converted.
create unique index lead_statuses_one_converted_key on public.lead_statuses (kind)
	where kind = 'converted';

create table public.lead_sources (
	id uuid primary key default gen_random_uuid(),
	name text not null
		constraint lead_sources_name_length check (char_length(btrim(name)) between 1 and 100),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.lead_sources is 'Where leads come from (Webseite, Empfehlung, Messe, …).';
create unique index lead_sources_name_key on public.lead_sources (lower(name));

alter table public.lead_statuses enable row level security;

create policy "Active staff see lead statuses"
	on public.lead_statuses for select to authenticated
	using ((select private.is_active_staff()));

create policy "Settings managers add lead statuses"
	on public.lead_statuses for insert to authenticated
	with check ((select private.has_permission('settings', 'manage')));

create policy "Settings managers change lead statuses"
	on public.lead_statuses for update to authenticated
	using ((select private.has_permission('settings', 'manage')))
	with check ((select private.has_permission('settings', 'manage')));

create policy "Settings managers delete lead statuses"
	on public.lead_statuses for delete to authenticated
	using ((select private.has_permission('settings', 'manage')));

alter table public.lead_sources enable row level security;

create policy "Active staff see lead sources"
	on public.lead_sources for select to authenticated
	using ((select private.is_active_staff()));

create policy "Staff whose role allows it add lead sources"
	on public.lead_sources for insert to authenticated
	with check (
		(select private.has_permission('leads', 'add_source'))
		or (select private.has_permission('settings', 'manage'))
	);

create policy "Settings managers rename lead sources"
	on public.lead_sources for update to authenticated
	using ((select private.has_permission('settings', 'manage')))
	with check ((select private.has_permission('settings', 'manage')));

create policy "Settings managers delete lead sources"
	on public.lead_sources for delete to authenticated
	using ((select private.has_permission('settings', 'manage')));

create trigger touch_updated_at before update on public.lead_statuses
	for each row execute function private.touch_updated_at();
create trigger touch_updated_at before update on public.lead_sources
	for each row execute function private.touch_updated_at();

-- The three statuses of the specification (seed-leads-guide.de.txt) are reference data every
-- project needs (conversion sets the converted one), so they ship with the schema, not the seed.
insert into public.lead_statuses (key, name, color, position, kind)
values
	('cold', 'Kalter Lead', '#0ea5e9', 1, 'open'),
	('hot', 'Potenter Lead', '#f97316', 2, 'open'),
	('customer', 'Kunde', '#22c55e', 3, 'converted')
on conflict do nothing;
