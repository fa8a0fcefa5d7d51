/**
 * The Supabase platform a project has before its first migration (supabase-protocols.md §3–§5,
 * §7), checked over SQL as `postgres`: roles, the auth/storage/realtime helpers, default
 * privileges, the migration history and the demo seed. Holds for local-supabase and for a real
 * Supabase project (SUPABASE_DB_URL).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../local-supabase/migrate.ts';
import { env } from './env.ts';

let db: pg.Client;

beforeAll(async () => {
	db = new pg.Client({ connectionString: env.dbUrl });
	await db.connect();
});

afterAll(async () => {
	await db?.end();
});

/** Runs `fn` in a transaction that is always rolled back, so tests leave nothing behind. */
async function inRolledBackTransaction<T>(fn: () => Promise<T>): Promise<T> {
	await db.query('begin');
	try {
		return await fn();
	} finally {
		await db.query('rollback');
	}
}

/** Sets transaction-local settings (call inside a transaction). */
async function setLocal(settings: Record<string, string>): Promise<void> {
	for (const [name, value] of Object.entries(settings)) {
		await db.query('select set_config($1, $2, true)', [name, value]);
	}
}

/** The SQLSTATE a statement fails with inside its own rolled-back transaction. */
async function errorCodeOf(role: string, sql: string): Promise<string | undefined> {
	return inRolledBackTransaction(async () => {
		await db.query(`set local role ${role}`);
		return db.query(sql).then(
			() => undefined,
			(error: { code?: string }) => error.code
		);
	});
}

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** Waits for one NOTIFY on `channel` while `action` runs on the main connection. */
async function notificationDuring(channel: string, action: () => Promise<void>): Promise<string> {
	const listener = new pg.Client({ connectionString: env.dbUrl });
	await listener.connect();
	try {
		await listener.query(`listen ${channel}`);
		const received = new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no NOTIFY on ${channel}`)), 5000);
			listener.on('notification', (message) => {
				clearTimeout(timer);
				resolve(message.payload ?? '');
			});
		});
		await action();
		return await received;
	} finally {
		await listener.end();
	}
}

describe('roles', () => {
	interface RoleRow {
		rolname: string;
		rolsuper: boolean;
		rolinherit: boolean;
		rolcanlogin: boolean;
		rolbypassrls: boolean;
		rolconfig: string[] | null;
	}

	async function role(name: string): Promise<RoleRow> {
		const { rows } = await db.query<RoleRow>(
			'select rolname, rolsuper, rolinherit, rolcanlogin, rolbypassrls, rolconfig from pg_roles where rolname = $1',
			[name]
		);
		expect(rows, `role ${name}`).toHaveLength(1);
		return rows[0];
	}

	it('anon and authenticated are inheriting non-login roles with statement timeouts', async () => {
		expect(await role('anon')).toMatchObject({
			rolcanlogin: false,
			rolinherit: true,
			rolsuper: false
		});
		expect((await role('anon')).rolconfig).toContain('statement_timeout=3s');
		expect(await role('authenticated')).toMatchObject({ rolcanlogin: false, rolinherit: true });
		expect((await role('authenticated')).rolconfig).toContain('statement_timeout=8s');
	});

	it('service_role bypasses row level security', async () => {
		expect(await role('service_role')).toMatchObject({
			rolcanlogin: false,
			rolbypassrls: true,
			rolsuper: false
		});
	});

	it('authenticator logs in, inherits nothing and may switch to the API roles', async () => {
		const authenticator = await role('authenticator');
		expect(authenticator).toMatchObject({ rolcanlogin: true, rolinherit: false, rolsuper: false });
		expect(authenticator.rolconfig).toContain('statement_timeout=8s');
		const { rows } = await db.query<{ name: string; can_set: boolean; inherits: boolean }>(
			`select name, pg_has_role('authenticator', name, 'set') as can_set,
				pg_has_role('authenticator', name, 'usage') as inherits
			from unnest(array['anon', 'authenticated', 'service_role']) as name`
		);
		expect(rows).toEqual([
			{ name: 'anon', can_set: true, inherits: false },
			{ name: 'authenticated', can_set: true, inherits: false },
			{ name: 'service_role', can_set: true, inherits: false }
		]);
	});

	it('supabase_admin is the superuser; the service owners log in', async () => {
		expect(await role('supabase_admin')).toMatchObject({ rolsuper: true });
		expect(await role('supabase_auth_admin')).toMatchObject({ rolcanlogin: true, rolsuper: false });
		expect(await role('supabase_storage_admin')).toMatchObject({
			rolcanlogin: true,
			rolsuper: false
		});
		expect(await role('supabase_realtime_admin')).toMatchObject({ rolsuper: false });
	});

	it('postgres is a member of the API roles and the service owners', async () => {
		const { rows } = await db.query<{ member: boolean }>(
			`select pg_has_role('postgres', name, 'member') as member
			from unnest(array['anon', 'authenticated', 'service_role', 'supabase_auth_admin',
				'supabase_storage_admin']) as name`
		);
		expect(rows.map((row) => row.member)).toEqual([true, true, true, true, true]);
	});

	it('the service schemas belong to their service roles', async () => {
		const { rows } = await db.query<{ nspname: string; owner: string }>(
			`select nspname, pg_get_userbyid(nspowner) as owner from pg_namespace
			where nspname in ('auth', 'storage') order by nspname`
		);
		expect(rows).toEqual([
			{ nspname: 'auth', owner: 'supabase_auth_admin' },
			{ nspname: 'storage', owner: 'supabase_storage_admin' }
		]);
	});
});

describe('extensions and schemas', () => {
	it('pgcrypto and uuid-ossp live in schema extensions', async () => {
		const { rows } = await db.query<{ extname: string; schema: string }>(
			`select extname, extnamespace::regnamespace::text as schema from pg_extension
			where extname in ('pgcrypto', 'uuid-ossp') order by extname`
		);
		expect(rows).toEqual([
			{ extname: 'pgcrypto', schema: 'extensions' },
			{ extname: 'uuid-ossp', schema: 'extensions' }
		]);
	});

	it('the API roles may use the exposed and helper schemas', async () => {
		const { rows } = await db.query<{ usable: boolean }>(
			`select bool_and(has_schema_privilege(role_name, schema_name, 'usage')) as usable
			from unnest(array['anon', 'authenticated', 'service_role']) as role_name,
				unnest(array['public', 'graphql_public', 'extensions', 'auth', 'storage', 'realtime'])
					as schema_name`
		);
		expect(rows[0].usable).toBe(true);
	});

	it('publication supabase_realtime exists', async () => {
		const { rowCount } = await db.query(
			"select 1 from pg_publication where pubname = 'supabase_realtime'"
		);
		expect(rowCount).toBe(1);
	});
});

describe('auth helpers', () => {
	const userId = randomUUID();
	const claims = {
		sub: userId,
		role: 'authenticated',
		email: 'someone@example.test',
		app_metadata: { provider: 'email' }
	};

	it('read the caller from request.jwt.claims', async () => {
		const row = await inRolledBackTransaction(async () => {
			await setLocal({ 'request.jwt.claims': JSON.stringify(claims) });
			const { rows } = await db.query(
				'select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() as jwt'
			);
			return rows[0];
		});
		expect(row).toEqual({ uid: userId, role: 'authenticated', email: claims.email, jwt: claims });
	});

	it('prefer the legacy per-claim settings over the claims object', async () => {
		const legacyId = randomUUID();
		const legacyJwt = { sub: legacyId, role: 'anon' };
		const row = await inRolledBackTransaction(async () => {
			await setLocal({
				'request.jwt.claims': JSON.stringify(claims),
				'request.jwt.claim.sub': legacyId,
				'request.jwt.claim.role': 'anon',
				'request.jwt.claim.email': 'legacy@example.test',
				'request.jwt.claim': JSON.stringify(legacyJwt)
			});
			const { rows } = await db.query(
				'select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() as jwt'
			);
			return rows[0];
		});
		expect(row).toEqual({
			uid: legacyId,
			role: 'anon',
			email: 'legacy@example.test',
			jwt: legacyJwt
		});
	});

	it('fall back to the claims object when a legacy setting is empty', async () => {
		const uid = await inRolledBackTransaction(async () => {
			await setLocal({
				'request.jwt.claims': JSON.stringify(claims),
				'request.jwt.claim.sub': ''
			});
			const { rows } = await db.query<{ uid: string }>('select auth.uid() as uid');
			return rows[0].uid;
		});
		expect(uid).toBe(userId);
	});

	it('return null without a caller', async () => {
		const row = await inRolledBackTransaction(async () => {
			await setLocal({ 'request.jwt.claims': '', 'request.jwt.claim.sub': '' });
			const { rows } = await db.query(
				'select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() as jwt'
			);
			return rows[0];
		});
		expect(row).toEqual({ uid: null, role: null, email: null, jwt: null });
	});

	it('are executable by the API roles', async () => {
		const { rows } = await db.query<{ executable: boolean }>(
			`select bool_and(has_function_privilege(role_name, function_name, 'execute')) as executable
			from unnest(array['anon', 'authenticated', 'service_role']) as role_name,
				unnest(array['auth.uid()', 'auth.role()', 'auth.email()', 'auth.jwt()']) as function_name`
		);
		expect(rows[0].executable).toBe(true);
	});
});

describe('auth tables', () => {
	const tables = ['users', 'identities', 'sessions', 'refresh_tokens'];

	it('have row level security enabled', async () => {
		const { rows } = await db.query<{ relname: string; relrowsecurity: boolean }>(
			`select relname, relrowsecurity from pg_class
			where relnamespace = 'auth'::regnamespace and relname = any($1) order by relname`,
			[tables]
		);
		expect(rows).toEqual([...tables].sort().map((relname) => ({ relname, relrowsecurity: true })));
	});

	it.each(['anon', 'authenticated'])('are closed to %s', async (role) => {
		for (const table of tables) {
			expect(await errorCodeOf(role, `select 1 from auth.${table} limit 1`), table).toBe('42501');
		}
	});

	it('users derive confirmed_at and identities derive email', async () => {
		const id = randomUUID();
		const email = `${uniqueName('platform')}@example.test`;
		const row = await inRolledBackTransaction(async () => {
			await db.query(
				`insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, created_at,
					updated_at)
				values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
					'2026-01-02T03:04:05Z', now(), now())`,
				[id, email]
			);
			await db.query(
				`insert into auth.identities (provider_id, user_id, identity_data, provider)
				values ($1::text, $1::text::uuid, jsonb_build_object('sub', $1::text, 'email', upper($2::text)),
					'email')`,
				[id, email]
			);
			const { rows } = await db.query(
				`select u.confirmed_at, i.email as identity_email, i.id is not null as has_id
				from auth.users u join auth.identities i on i.user_id = u.id where u.id = $1`,
				[id]
			);
			return rows[0];
		});
		expect(row).toEqual({
			confirmed_at: new Date('2026-01-02T03:04:05Z'),
			identity_email: email,
			has_id: true
		});
	});
});

describe('default privileges in schema public', () => {
	it('grant new tables, sequences and functions of postgres to the API roles', async () => {
		const table = uniqueName('platform_probe');
		await db.query(
			`create table public.${table} (id bigint generated always as identity primary key)`
		);
		await db.query(`create function public.${table}_fn() returns int language sql as 'select 1'`);
		try {
			const { rows } = await db.query<{
				role: string;
				tables: boolean;
				sequences: boolean;
				functions: boolean;
			}>(
				`select role_name as role,
					has_table_privilege(role_name, $1, 'select, insert, update, delete') as tables,
					has_sequence_privilege(role_name, pg_get_serial_sequence($1, 'id'), 'usage, select')
						as sequences,
					has_function_privilege(role_name, $2, 'execute') as functions
				from unnest(array['anon', 'authenticated', 'service_role']) as role_name`,
				[`public.${table}`, `public.${table}_fn()`]
			);
			expect(rows).toEqual(
				['anon', 'authenticated', 'service_role'].map((role) => ({
					role,
					tables: true,
					sequences: true,
					functions: true
				}))
			);
		} finally {
			await db.query(`drop function public.${table}_fn()`);
			await db.query(`drop table public.${table}`);
		}
	});

	it('schema changes tell PostgREST to reload (NOTIFY pgrst)', async () => {
		const table = uniqueName('platform_probe');
		const payload = await notificationDuring('pgrst', async () => {
			await db.query(`create table public.${table} (id int)`);
			await db.query(`drop table public.${table}`);
		});
		expect(payload).toBe('reload schema');
	});
});

describe('migration history', () => {
	it('is the Supabase CLI table supabase_migrations.schema_migrations', async () => {
		const { rows } = await db.query<{ column_name: string; data_type: string }>(
			`select column_name, data_type from information_schema.columns
			where table_schema = 'supabase_migrations' and table_name = 'schema_migrations'
				and column_name in ('version', 'statements', 'name')
			order by column_name`
		);
		expect(rows).toEqual([
			{ column_name: 'name', data_type: 'text' },
			{ column_name: 'statements', data_type: 'ARRAY' },
			{ column_name: 'version', data_type: 'text' }
		]);
	});
});

describe('migrate.ts against the database', () => {
	// A version far beyond any real migration so nothing else ever records it.
	const version = `9${Date.now()}${Math.floor(Math.random() * 1e6)}`;
	const table = uniqueName('platform_migration');
	let directory: string;

	beforeAll(async () => {
		directory = await mkdtemp(path.join(tmpdir(), 'platform-migrations-'));
	});

	afterAll(async () => {
		await db.query(`drop table if exists public.${table}`);
		await db.query('delete from supabase_migrations.schema_migrations where version like $1', [
			`${version}%`
		]);
		await rm(directory, { recursive: true, force: true });
	});

	it('applies a new migration once and records version, name and statements', async () => {
		await writeFile(
			path.join(directory, `${version}0_create_probe.sql`),
			`-- probe\ncreate table public.${table} (id int, note text default 'a;b');\n` +
				`insert into public.${table} (id) values (1);\n`
		);
		const log: string[] = [];
		expect(await applyMigrations(db, (line) => log.push(line), directory)).toEqual([`${version}0`]);
		expect(await applyMigrations(db, (line) => log.push(line), directory)).toEqual([]);
		const { rows } = await db.query(
			'select name, statements from supabase_migrations.schema_migrations where version = $1',
			[`${version}0`]
		);
		expect(rows).toEqual([
			{
				name: 'create_probe',
				statements: [
					`-- probe\ncreate table public.${table} (id int, note text default 'a;b')`,
					`insert into public.${table} (id) values (1)`
				]
			}
		]);
		expect(log).toEqual([`applied migration ${version}0_create_probe.sql`]);
	});

	it('rolls a failing migration back completely and names file and line', async () => {
		const file = path.join(directory, `${version}1_broken.sql`);
		await writeFile(
			file,
			`insert into public.${table} (id) values (2);\n\nselect *\n  from no_such_relation_here;\n`
		);
		await expect(applyMigrations(db, () => {}, directory)).rejects.toThrow(
			`${version}1_broken.sql:4: relation "no_such_relation_here" does not exist`
		);
		const { rows } = await db.query(`select id from public.${table} order by id`);
		expect(rows).toEqual([{ id: 1 }]);
		const recorded = await db.query(
			'select 1 from supabase_migrations.schema_migrations where version = $1',
			[`${version}1`]
		);
		expect(recorded.rowCount).toBe(0);
		await rm(file);
	});

	it('locates runtime errors that carry no position by their statement', async () => {
		const file = path.join(directory, `${version}2_duplicate.sql`);
		await writeFile(
			file,
			`insert into public.${table} (id) values (3);\n` +
				`alter table public.${table} add primary key (id);\n\n` +
				`insert into public.${table} (id)\n  values (3);\n`
		);
		await expect(applyMigrations(db, () => {}, directory)).rejects.toThrow(
			new RegExp(`${version}2_duplicate\\.sql:4: duplicate key value violates unique constraint`)
		);
		const { rows } = await db.query(`select id from public.${table} order by id`);
		expect(rows).toEqual([{ id: 1 }]);
		await rm(file);
	});
});

describe('demo seed', () => {
	const personas = [
		['00000000-0000-4000-a000-000000000001', 'admin@leadwerk.test', 'Alex Admin'],
		['00000000-0000-4000-a000-000000000002', 'lea@leadwerk.test', 'Lea Leitner'],
		['00000000-0000-4000-a000-000000000003', 'max@leadwerk.test', 'Max Vogel'],
		['00000000-0000-4000-a000-000000000004', 'nina@leadwerk.test', 'Nina Brandt']
	] as const;

	it('creates the four personas as confirmed email users with password leadwerk-demo', async () => {
		const { rows } = await db.query(
			`select u.id, u.email, u.raw_user_meta_data ->> 'full_name' as full_name, u.aud, u.role,
				u.email_confirmed_at is not null as confirmed,
				extensions.crypt('leadwerk-demo', u.encrypted_password) = u.encrypted_password
					as password_matches,
				u.encrypted_password like '$2%' as bcrypt,
				u.raw_app_meta_data as app_metadata,
				u.confirmation_token = '' and u.recovery_token = '' and u.email_change_token_new = ''
					and u.email_change = '' as tokens_empty
			from auth.users u where u.id = any($1::uuid[]) order by u.id`,
			[personas.map(([id]) => id)]
		);
		expect(rows).toEqual(
			personas.map(([id, email, fullName]) => ({
				id,
				email,
				full_name: fullName,
				aud: 'authenticated',
				role: 'authenticated',
				confirmed: true,
				password_matches: true,
				bcrypt: true,
				app_metadata: { provider: 'email', providers: ['email'] },
				tokens_empty: true
			}))
		);
	});

	it('gives each persona an email identity', async () => {
		const { rows } = await db.query(
			`select i.user_id, i.provider, i.provider_id, i.identity_data
			from auth.identities i where i.user_id = any($1::uuid[]) order by i.user_id`,
			[personas.map(([id]) => id)]
		);
		expect(rows).toEqual(
			personas.map(([id, email]) => ({
				user_id: id,
				provider: 'email',
				provider_id: id,
				identity_data: expect.objectContaining({ sub: id, email, email_verified: true })
			}))
		);
	});
});

describe('realtime helpers', () => {
	it('realtime.topic() reads the realtime.topic setting', async () => {
		const topics = await inRolledBackTransaction(async () => {
			await setLocal({ 'realtime.topic': '' });
			const before = (await db.query('select realtime.topic() as topic')).rows[0].topic;
			await setLocal({ 'realtime.topic': 'lead:123' });
			const after = (await db.query('select realtime.topic() as topic')).rows[0].topic;
			return [before, after];
		});
		expect(topics).toEqual([null, 'lead:123']);
	});

	it('realtime.send() stores a broadcast with the message id in its payload', async () => {
		const topic = uniqueName('topic');
		const result = await inRolledBackTransaction(async () => {
			await db.query(`select realtime.send('{"hello": "world"}'::jsonb, 'greeting', $1, false)`, [
				topic
			]);
			await db.query(`select realtime.send('{"n": 2}'::jsonb, 'second', $1)`, [topic]);
			const messages = await db.query(
				`select id, topic, event, extension, private, payload from realtime.messages
				where topic = $1 order by event`,
				[topic]
			);
			const setting = await db.query('select realtime.topic() as topic');
			return { messages: messages.rows, topic: setting.rows[0].topic };
		});
		expect(result.topic).toBe(topic);
		expect(result.messages).toEqual([
			{
				id: expect.any(String),
				topic,
				event: 'greeting',
				extension: 'broadcast',
				private: false,
				payload: { hello: 'world', id: result.messages[0].id }
			},
			{
				id: expect.any(String),
				topic,
				event: 'second',
				extension: 'broadcast',
				private: true,
				payload: { n: 2, id: result.messages[1].id }
			}
		]);
	});

	it('realtime.broadcast_changes() sends row changes from a trigger', async () => {
		const table = uniqueName('platform_changes');
		const topic = uniqueName('topic');
		const messages = await inRolledBackTransaction(async () => {
			await db.query(`create table public.${table} (id int primary key, label text)`);
			await db.query(
				`create function public.${table}_broadcast() returns trigger language plpgsql as $$
				begin
					perform realtime.broadcast_changes('${topic}', tg_op, tg_op, tg_table_name,
						tg_table_schema, new, old);
					return null;
				end $$`
			);
			await db.query(
				`create trigger broadcast after insert or update or delete on public.${table}
				for each row execute function public.${table}_broadcast()`
			);
			await db.query(`insert into public.${table} values (1, 'a')`);
			await db.query(`update public.${table} set label = 'b'`);
			await db.query(`delete from public.${table}`);
			const { rows } = await db.query(
				`select event, private, payload - 'id' as payload from realtime.messages
				where topic = $1
				order by array_position(array['INSERT', 'UPDATE', 'DELETE'], payload ->> 'operation')`,
				[topic]
			);
			return rows;
		});
		const change = (operation: string, record: unknown, oldRecord: unknown) => ({
			event: operation,
			private: true,
			payload: { operation, table, schema: 'public', record, old_record: oldRecord }
		});
		expect(messages).toEqual([
			change('INSERT', { id: 1, label: 'a' }, null),
			change('UPDATE', { id: 1, label: 'b' }, { id: 1, label: 'a' }),
			change('DELETE', null, { id: 1, label: 'b' })
		]);
	});

	it('realtime.messages is partitioned and guarded by row level security', async () => {
		const { rows } = await db.query(
			"select relkind, relrowsecurity from pg_class where oid = 'realtime.messages'::regclass"
		);
		expect(rows).toEqual([{ relkind: 'p', relrowsecurity: true }]);
	});
});

describe('storage', () => {
	it('path helpers split object names', async () => {
		const { rows } = await db.query(
			`select storage.foldername('lead/sub/file.tar.gz') as folders,
				storage.foldername('file.txt') as no_folders,
				storage.filename('lead/sub/file.tar.gz') as filename,
				storage.extension('lead/sub/file.tar.gz') as extension,
				storage.extension('lead/README') as no_extension`
		);
		expect(rows[0]).toEqual({
			folders: ['lead', 'sub'],
			no_folders: [],
			filename: 'file.tar.gz',
			extension: 'gz',
			no_extension: 'README'
		});
	});

	describe('storage.search()', () => {
		const bucket = uniqueName('platform-bucket');
		const names = ['docs/a.txt', 'docs/b_1.txt', 'docs/sub/c.txt', 'docs/sub/d/e.txt', 'top.txt'];

		/** Lists one level of the probe bucket, with the given role, in a rolled-back transaction. */
		async function list(
			args: { prefix: string; levels: number; search?: string; limit?: number; offset?: number },
			options: { order?: 'asc' | 'desc'; role?: string } = {}
		): Promise<Array<{ name: string; folder: boolean }>> {
			return inRolledBackTransaction(async () => {
				await db.query('insert into storage.buckets (id, name) values ($1, $1)', [bucket]);
				await db.query(
					'insert into storage.objects (bucket_id, name, metadata) select $1::text, unnest($2::text[]), $3::jsonb',
					[bucket, names, { size: 1 }]
				);
				if (options.role) await db.query(`set local role ${options.role}`);
				const { rows } = await db.query<{ name: string; folder: boolean }>(
					`select name, id is null as folder
					from storage.search($1, $2, $3, $4, $5, $6, 'name', $7)`,
					[
						args.prefix,
						bucket,
						args.limit ?? 100,
						args.levels,
						args.offset ?? 0,
						args.search ?? '',
						options.order ?? 'asc'
					]
				);
				return rows;
			});
		}

		it('lists folders first, then the files of one level', async () => {
			expect(await list({ prefix: '', levels: 1 })).toEqual([
				{ name: 'docs', folder: true },
				{ name: 'top.txt', folder: false }
			]);
			expect(await list({ prefix: 'docs/', levels: 2 })).toEqual([
				{ name: 'sub', folder: true },
				{ name: 'a.txt', folder: false },
				{ name: 'b_1.txt', folder: false }
			]);
		});

		it('filters by search, sorts descending and pages', async () => {
			expect(await list({ prefix: 'docs/', levels: 2, search: 'B_' })).toEqual([
				{ name: 'b_1.txt', folder: false }
			]);
			expect(await list({ prefix: 'docs/', levels: 2 }, { order: 'desc' })).toEqual([
				{ name: 'sub', folder: true },
				{ name: 'b_1.txt', folder: false },
				{ name: 'a.txt', folder: false }
			]);
			expect(await list({ prefix: 'docs/', levels: 2, limit: 1, offset: 1 })).toEqual([
				{ name: 'a.txt', folder: false }
			]);
		});

		it('runs as the caller, so objects without a policy stay hidden', async () => {
			expect(await list({ prefix: '', levels: 1 }, { role: 'authenticated' })).toEqual([]);
		});
	});

	it('direct deletes are refused unless storage.allow_delete_query is set', async () => {
		const bucket = uniqueName('platform-bucket');
		const outcome = await inRolledBackTransaction(async () => {
			await db.query('insert into storage.buckets (id, name) values ($1, $1)', [bucket]);
			await db.query("insert into storage.objects (bucket_id, name) values ($1, 'x.txt')", [
				bucket
			]);
			await db.query('savepoint direct');
			const refused = await db
				.query('delete from storage.objects where bucket_id = $1', [bucket])
				.then(
					() => undefined,
					(error: { code?: string }) => error.code
				);
			await db.query('rollback to savepoint direct');
			await setLocal({ 'storage.allow_delete_query': 'true' });
			const objects = await db.query('delete from storage.objects where bucket_id = $1', [bucket]);
			const buckets = await db.query('delete from storage.buckets where id = $1', [bucket]);
			return { refused, deleted: [objects.rowCount, buckets.rowCount] };
		});
		expect(outcome).toEqual({ refused: '42501', deleted: [1, 1] });
	});

	it('buckets and objects are granted to the API roles and guarded by row level security', async () => {
		const { rows } = await db.query(
			`select c.relname, c.relrowsecurity,
				bool_and(has_table_privilege(role_name, c.oid, 'select, insert, update, delete'))
					as granted
			from pg_class c, unnest(array['anon', 'authenticated', 'service_role']) as role_name
			where c.oid in ('storage.buckets'::regclass, 'storage.objects'::regclass)
			group by c.relname, c.relrowsecurity order by c.relname`
		);
		expect(rows).toEqual([
			{ relname: 'buckets', relrowsecurity: true, granted: true },
			{ relname: 'objects', relrowsecurity: true, granted: true }
		]);
	});
});
