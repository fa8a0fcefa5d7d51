-- Schemas every Supabase project has before its first migration, and the extensions it ships
-- installed into `extensions` (so `extensions.crypt`, `extensions.uuid_generate_v4` work).

create schema if not exists extensions;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;

-- Exposed to the API by default (config.toml [api] schemas) but empty without pg_graphql.
create schema if not exists graphql_public;
grant usage on schema graphql_public to postgres, anon, authenticated, service_role;
