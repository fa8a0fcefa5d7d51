-- Staff avatars (issue 8, profile): a private bucket `avatars`, objects `<staff_id>/<file>`.
-- Active colleagues see every avatar; each member writes only under their own id.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('avatars', 'avatars', false, 2097152, array['image/png', 'image/jpeg', 'image/webp'])
on conflict (id) do nothing;

create policy "Active staff see avatars"
	on storage.objects for select to authenticated
	using (bucket_id = 'avatars' and (select private.is_active_staff()));

create policy "Staff upload their own avatar"
	on storage.objects for insert to authenticated
	with check (
		bucket_id = 'avatars'
		and (select private.is_active_staff())
		and (storage.foldername(name))[1] = (select auth.uid())::text
	);

create policy "Staff replace their own avatar"
	on storage.objects for update to authenticated
	using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text)
	with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Staff remove their own avatar"
	on storage.objects for delete to authenticated
	using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);
