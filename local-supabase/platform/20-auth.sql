-- Schema `auth` as GoTrue leaves it (supabase-protocols.md §3): the tables its API reads and
-- writes, and the SQL helpers RLS policies call. Owned by supabase_auth_admin, so auth writes run
-- as that role and the app's (security definer) triggers on auth.users fire as on Supabase.

create schema if not exists auth authorization supabase_auth_admin;
grant usage on schema auth to postgres, anon, authenticated, service_role;

set role supabase_auth_admin;

create table if not exists auth.instances (
	id uuid primary key,
	uuid uuid,
	raw_base_config text,
	created_at timestamptz,
	updated_at timestamptz
);

-- GoTrue scans the token columns into Go strings, so they must never be null: default ''.
create table if not exists auth.users (
	instance_id uuid,
	id uuid primary key,
	aud varchar(255),
	role varchar(255),
	email varchar(255),
	encrypted_password varchar(255),
	email_confirmed_at timestamptz,
	invited_at timestamptz,
	confirmation_token varchar(255) default '',
	confirmation_sent_at timestamptz,
	recovery_token varchar(255) default '',
	recovery_sent_at timestamptz,
	email_change_token_new varchar(255) default '',
	email_change varchar(255) default '',
	email_change_sent_at timestamptz,
	last_sign_in_at timestamptz,
	raw_app_meta_data jsonb,
	raw_user_meta_data jsonb,
	is_super_admin boolean,
	created_at timestamptz,
	updated_at timestamptz,
	phone text unique default null,
	phone_confirmed_at timestamptz,
	phone_change text default '',
	phone_change_token varchar(255) default '',
	phone_change_sent_at timestamptz,
	confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
	email_change_token_current varchar(255) default '',
	email_change_confirm_status smallint default 0
		check (email_change_confirm_status between 0 and 2),
	banned_until timestamptz,
	reauthentication_token varchar(255) default '',
	reauthentication_sent_at timestamptz,
	is_sso_user boolean not null default false,
	deleted_at timestamptz,
	is_anonymous boolean not null default false
);
-- One password account per address; SSO users may share it (GoTrue's partial unique index).
create unique index if not exists users_email_partial_key on auth.users (email)
	where is_sso_user = false;
create index if not exists users_instance_id_email_idx on auth.users (instance_id, lower(email));

create table if not exists auth.identities (
	provider_id text not null,
	user_id uuid not null references auth.users (id) on delete cascade,
	identity_data jsonb not null,
	provider text not null,
	last_sign_in_at timestamptz,
	created_at timestamptz,
	updated_at timestamptz,
	email text generated always as (lower(identity_data ->> 'email')) stored,
	id uuid primary key default gen_random_uuid(),
	unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);
create index if not exists identities_email_idx on auth.identities (email text_pattern_ops);

create table if not exists auth.sessions (
	id uuid primary key,
	user_id uuid not null references auth.users (id) on delete cascade,
	created_at timestamptz,
	updated_at timestamptz,
	factor_id uuid,
	aal text check (aal in ('aal1', 'aal2', 'aal3')),
	not_after timestamptz,
	refreshed_at timestamp,
	user_agent text,
	ip inet,
	tag text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);
create index if not exists sessions_not_after_idx on auth.sessions (not_after desc);

create table if not exists auth.refresh_tokens (
	instance_id uuid,
	id bigserial primary key,
	token varchar(255) unique,
	user_id varchar(255),
	revoked boolean,
	created_at timestamptz,
	updated_at timestamptz,
	parent varchar(255),
	session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);
create index if not exists refresh_tokens_session_id_revoked_idx
	on auth.refresh_tokens (session_id, revoked);

-- PKCE: the @supabase/ssr client signs in with code exchange, which GoTrue keeps here.
create table if not exists auth.flow_state (
	id uuid primary key,
	user_id uuid,
	auth_code text not null,
	code_challenge_method text not null check (code_challenge_method in ('s256', 'plain')),
	code_challenge text not null,
	provider_type text not null,
	provider_access_token text,
	provider_refresh_token text,
	created_at timestamptz,
	updated_at timestamptz,
	authentication_method text not null,
	auth_code_issued_at timestamptz
);
create index if not exists flow_state_auth_code_idx on auth.flow_state (auth_code);

-- Invite, recovery and confirmation links (GoTrue mirrors the users.*_token columns here).
create table if not exists auth.one_time_tokens (
	id uuid primary key,
	user_id uuid not null references auth.users (id) on delete cascade,
	token_type text not null check (
		token_type in (
			'confirmation_token', 'reauthentication_token', 'recovery_token',
			'email_change_token_new', 'email_change_token_current', 'phone_change_token'
		)
	),
	token_hash text not null check (char_length(token_hash) > 0),
	relates_to text not null,
	created_at timestamp not null default now(),
	updated_at timestamp not null default now(),
	unique (user_id, token_type)
);
create index if not exists one_time_tokens_token_hash_idx on auth.one_time_tokens (token_hash);

create table if not exists auth.audit_log_entries (
	instance_id uuid,
	id uuid primary key,
	payload json,
	created_at timestamptz,
	ip_address varchar(64) not null default ''
);

-- How each session signed in, so refreshed access tokens keep their `amr` claim.
create table if not exists auth.mfa_amr_claims (
	session_id uuid not null references auth.sessions (id) on delete cascade,
	created_at timestamptz not null,
	updated_at timestamptz not null,
	authentication_method text not null,
	id uuid primary key,
	unique (session_id, authentication_method)
);

alter table auth.instances enable row level security;
alter table auth.users enable row level security;
alter table auth.identities enable row level security;
alter table auth.sessions enable row level security;
alter table auth.refresh_tokens enable row level security;
alter table auth.flow_state enable row level security;
alter table auth.one_time_tokens enable row level security;
alter table auth.audit_log_entries enable row level security;
alter table auth.mfa_amr_claims enable row level security;

-- postgres references auth.users from app tables and adds triggers to it; the API roles get no
-- grants at all (Supabase revoked theirs on auth tables in 2024).
grant all on all tables in schema auth to postgres;
grant all on all sequences in schema auth to postgres;

-- The caller's identity as the API services set it per transaction. The legacy per-claim
-- settings (request.jwt.claim.*) win over the JSON object, as in GoTrue's definitions.
create or replace function auth.uid() returns uuid
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.sub', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
	)::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.role', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
	)::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.email', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
	)::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim', true), ''),
		nullif(current_setting('request.jwt.claims', true), '')
	)::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
	to postgres, anon, authenticated, service_role;

reset role;
