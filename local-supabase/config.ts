/**
 * Fixed settings of the local stack: the Supabase CLI's defaults, so one `.env` works against
 * both `supabase start` and local-supabase (supabase-protocols.md §1, design.md §10).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stateDir = process.env.LOCAL_SUPABASE_STATE_DIR ?? path.join(rootDir, '.local-supabase');
/** Where `supabase/` is read from; tests of the stack itself point it at a scratch project. */
const projectDir = process.env.LOCAL_SUPABASE_PROJECT_DIR ?? rootDir;
/** Shifts every port, so the stack's own tests can run a second stack beside the main one. */
const portOffset = Number(process.env.LOCAL_SUPABASE_PORT_OFFSET ?? 0);

export const ports = {
	api: 54321 + portOffset,
	db: 54322 + portOffset,
	inbox: 54324 + portOffset,
	smtp: 54325 + portOffset
} as const;

export const host = '127.0.0.1';

export const jwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const jwtIssuer = `http://${host}:${ports.api}/auth/v1`;
export const jwtExpirySeconds = 3600;

export const keys = {
	anon: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0',
	serviceRole:
		'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU',
	publishable: 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH',
	secret: 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz'
} as const;

/** Superuser-equivalent owner of the app's objects, as `postgres` is on Supabase. */
export const dbUrl = `postgresql://postgres:postgres@${host}:${ports.db}/postgres`;
/** The login role PostgREST, storage and realtime switch roles from. */
export const authenticatorUrl = `postgresql://authenticator:postgres@${host}:${ports.db}/postgres`;
/** Where GoTrue-style auth writes, so app triggers on auth.users fire as on Supabase. */
export const authAdminUrl = `postgresql://supabase_auth_admin:postgres@${host}:${ports.db}/postgres`;

export const apiUrl = `http://${host}:${ports.api}`;
export const inboxUrl = `http://${host}:${ports.inbox}`;
/** Where auth links send the user back to (config.toml [auth] site_url). */
export const siteUrl = process.env.LOCAL_SUPABASE_SITE_URL ?? 'http://127.0.0.1:5173';

export const paths = {
	root: rootDir,
	state: stateDir,
	pgData: path.join(stateDir, 'db'),
	storage: path.join(stateDir, 'storage'),
	log: path.join(stateDir, 'stack.log'),
	pidFile: path.join(stateDir, 'stack.pid'),
	/** Why the last start failed, for `cli.ts start` to print. */
	errorFile: path.join(stateDir, 'last-error.txt'),
	migrations: path.join(projectDir, 'supabase', 'migrations'),
	seed: path.join(projectDir, 'supabase', 'seed.sql'),
	functions: path.join(projectDir, 'supabase', 'functions')
} as const;

/** The `KEY=value` lines of `supabase status -o env`. */
export function statusLines(): string[] {
	return [
		`API_URL=${apiUrl}`,
		`REST_URL=${apiUrl}/rest/v1`,
		`DB_URL=postgresql://postgres:postgres@${host}:${ports.db}/postgres`,
		`INBUCKET_URL=${inboxUrl}`,
		`MAILPIT_URL=${inboxUrl}`,
		`PUBLISHABLE_KEY=${keys.publishable}`,
		`SECRET_KEY=${keys.secret}`,
		`ANON_KEY=${keys.anon}`,
		`SERVICE_ROLE_KEY=${keys.serviceRole}`,
		`JWT_SECRET=${jwtSecret}`
	];
}
