-- Attachments of a lead (design.md §3, §10): the files live in the private storage bucket
-- `lead-attachments` under `<lead_id>/<uuid>-<file name>`; lead_attachments records them for the
-- lead page and the activity log. Storage access reuses the lead rule on the first path segment,
-- so upload, download, signing and removal are allowed exactly when the lead is visible.
-- The app uploads through the Storage API first and then inserts the row; it removes the object
-- first and then deletes the row.

create table public.lead_attachments (
	id uuid primary key default gen_random_uuid(),
	lead_id uuid not null references public.leads (id) on delete cascade,
	object_path text not null constraint lead_attachments_object_path_in_lead_folder check (
		char_length(object_path) <= 1024 and split_part(object_path, '/', 1) = lead_id::text
		and char_length(split_part(object_path, '/', 2)) > 0
	),
	file_name text not null
		constraint lead_attachments_file_name_length check (char_length(btrim(file_name)) between 1 and 255),
	mime_type text constraint lead_attachments_mime_type_length check (char_length(mime_type) <= 255),
	size bigint not null constraint lead_attachments_size_bounded check (size between 0 and 26214400),
	uploaded_by uuid default auth.uid() references public.staff (id) on delete set null,
	created_at timestamptz not null default now()
);
comment on table public.lead_attachments is
	'Files attached to a lead; object_path is the object name in bucket lead-attachments and '
	'starts with the lead id. Rows are added and removed, never changed.';
create unique index lead_attachments_object_path_key on public.lead_attachments (object_path);
create index lead_attachments_lead_id_created_at_idx
	on public.lead_attachments (lead_id, created_at desc);
create index lead_attachments_uploaded_by_idx on public.lead_attachments (uploaded_by);

alter table public.lead_attachments enable row level security;

create policy "Staff see attachments of leads they may view"
	on public.lead_attachments for select to authenticated
	using ((select private.can_view_lead(lead_id)));

create policy "Staff attach files as themselves to leads they may view"
	on public.lead_attachments for insert to authenticated
	with check ((select private.can_view_lead(lead_id)) and uploaded_by = (select auth.uid()));

create policy "Staff remove attachments of leads they may view"
	on public.lead_attachments for delete to authenticated
	using ((select private.can_view_lead(lead_id)));
-- No update policy: an attachment is replaced by removing it and attaching the new file.

create function private.prepare_lead_attachment() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if current_user in ('anon', 'authenticated') then
		new.created_at := now();
	end if;
	return new;
end;
$$;
comment on function private.prepare_lead_attachment() is
	'Trigger: API callers cannot backdate an attachment.';

create trigger prepare_lead_attachment before insert on public.lead_attachments
	for each row execute function private.prepare_lead_attachment();

-- Storage ---------------------------------------------------------------------------------------

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('lead-attachments', 'lead-attachments', false, 26214400, null)
on conflict (id) do nothing;

-- The first folder of an object name is the lead id; anything that is not a uuid is no lead.
create function private.can_view_lead_object(p_object_name text) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return case
		when (storage.foldername(p_object_name))[1]
			~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
		then private.can_view_lead(((storage.foldername(p_object_name))[1])::uuid)
		else false
	end;
end;
$$;
comment on function private.can_view_lead_object(text) is
	'True when the first folder of a storage object name is the id of a lead the caller may '
	'view; false (never an error) for names without a uuid folder.';

create policy "Staff read files of leads they may view"
	on storage.objects for select to authenticated
	using (bucket_id = 'lead-attachments' and (select private.can_view_lead_object(name)));

create policy "Staff upload files to leads they may view"
	on storage.objects for insert to authenticated
	with check (bucket_id = 'lead-attachments' and (select private.can_view_lead_object(name)));

create policy "Staff replace files of leads they may view"
	on storage.objects for update to authenticated
	using (bucket_id = 'lead-attachments' and (select private.can_view_lead_object(name)))
	with check (bucket_id = 'lead-attachments' and (select private.can_view_lead_object(name)));

create policy "Staff remove files of leads they may view"
	on storage.objects for delete to authenticated
	using (bucket_id = 'lead-attachments' and (select private.can_view_lead_object(name)));

revoke execute on all functions in schema private from public;
grant execute on function private.can_view_lead_object(text) to authenticated, service_role;
