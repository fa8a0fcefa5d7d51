-- Local demo data (runs after the migrations on `supabase db reset` and on a fresh local-supabase).
-- Plain SQL that works on a real Supabase too.
--
-- Demo personas (design.md §10), all with password `leadwerk-demo`:
--   id                                     email                name
--   00000000-0000-4000-a000-000000000001   admin@leadwerk.test  Alex Admin
--   00000000-0000-4000-a000-000000000002   lea@leadwerk.test    Lea Leitner
--   00000000-0000-4000-a000-000000000003   max@leadwerk.test    Max Vogel
--   00000000-0000-4000-a000-000000000004   nina@leadwerk.test   Nina Brandt
--
-- They are confirmed email users as GoTrue creates them: a bcrypt password, an `email` identity,
-- and '' (not null) in the token columns GoTrue reads into strings.

with personas (id, email, full_name) as (
	values
		('00000000-0000-4000-a000-000000000001'::uuid, 'admin@leadwerk.test', 'Alex Admin'),
		('00000000-0000-4000-a000-000000000002'::uuid, 'lea@leadwerk.test', 'Lea Leitner'),
		('00000000-0000-4000-a000-000000000003'::uuid, 'max@leadwerk.test', 'Max Vogel'),
		('00000000-0000-4000-a000-000000000004'::uuid, 'nina@leadwerk.test', 'Nina Brandt')
),
new_users as (
	insert into auth.users (
		instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
		raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
		confirmation_token, recovery_token, email_change_token_new, email_change,
		email_change_token_current, phone_change, phone_change_token, reauthentication_token
	)
	select
		'00000000-0000-0000-0000-000000000000', personas.id, 'authenticated', 'authenticated',
		personas.email, extensions.crypt('leadwerk-demo', extensions.gen_salt('bf')), now(),
		'{"provider": "email", "providers": ["email"]}'::jsonb,
		jsonb_build_object('full_name', personas.full_name), now(), now(),
		'', '', '', '', '', '', '', ''
	from personas
	on conflict (id) do nothing
	returning id, email
)
insert into auth.identities (
	provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at
)
select
	new_users.id::text, new_users.id,
	jsonb_build_object('sub', new_users.id::text, 'email', new_users.email, 'email_verified', true),
	'email', now(), now(), now()
from new_users;
