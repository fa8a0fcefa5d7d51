/**
 * Schema lint (issue 4): rules every migration must keep, checked against the catalog of a
 * scratch database built from the migrations alone (so tables other test suites create for a
 * moment in the stack's database do not count). Exposed schemas are those the Data API serves
 * (supabase/config.toml [api] schemas).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from './as-role.ts';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.ts';

let scratch: ScratchDatabase;
let db: ReturnType<typeof createDatabase>;
beforeAll(async () => {
	scratch = await createScratchDatabase('leadwerk_lint');
	db = createDatabase(scratch.url);
});
afterAll(async () => {
	await db?.close();
	await scratch?.drop();
});

function exposedSchemas(): string[] {
	const config = readFileSync('supabase/config.toml', 'utf8');
	const api = config.slice(config.indexOf('[api]'));
	const list = /^schemas\s*=\s*\[([^\]]*)\]/m.exec(api);
	if (!list) throw new Error('supabase/config.toml has no [api] schemas');
	return [...list[1].matchAll(/"([^"]+)"/g)].map((match) => match[1]);
}

const exposed = exposedSchemas();
/** Schemas whose policies the app writes (its own, and the platform tables it guards). */
const policySchemas = [...exposed, 'storage', 'realtime'];

/** Calls that must be wrapped as `(select …)` so Postgres runs them once per statement. */
const wrappedCall = /\b(private\.[a-z_]+|auth\.(uid|jwt|role|email)|realtime\.topic)\(/g;

/**
 * The calls in a policy expression (as Postgres deparses it) that are not inside a
 * `( SELECT …)` subquery. Quoted literals are skipped.
 */
export function unwrappedCalls(expression: string): string[] {
	const insideSelect: boolean[] = [];
	const found: string[] = [];
	for (let i = 0; i < expression.length; i++) {
		const character = expression[i];
		if (character === "'") {
			i = expression.indexOf("'", i + 1);
			if (i === -1) break;
		} else if (character === '(') {
			insideSelect.push(/^\(\s*SELECT\b/i.test(expression.slice(i, i + 12)));
		} else if (character === ')') {
			insideSelect.pop();
		} else {
			wrappedCall.lastIndex = i;
			const call = wrappedCall.exec(expression);
			if (call?.index === i && !insideSelect.includes(true)) found.push(call[1]);
		}
	}
	return found;
}

describe('schema lint', () => {
	it('reads the exposed schemas from config.toml, and private is not one of them', () => {
		expect(exposed).toContain('public');
		expect(exposed).not.toContain('private');
	});

	it('every table in an exposed schema has row level security enabled', async () => {
		const rows = await db.inRollback((tx) =>
			tx.sql<{ name: string }>(
				`select format('%I.%I', n.nspname, c.relname) as name
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = any($1) and c.relkind in ('r', 'p') and not c.relrowsecurity
				order by 1`,
				[exposed]
			)
		);
		expect(rows.map((row) => row.name)).toEqual([]);
	});

	it('no view in an exposed schema bypasses row level security', async () => {
		const rows = await db.inRollback((tx) =>
			tx.sql<{ name: string }>(
				`select format('%I.%I', n.nspname, c.relname) as name
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = any($1) and c.relkind in ('v', 'm')
					and not coalesce('security_invoker=true' = any(c.reloptions), false)`,
				[exposed]
			)
		);
		expect(rows.map((row) => row.name)).toEqual([]);
	});

	it('no security definer function lives in an exposed schema', async () => {
		const rows = await db.inRollback((tx) =>
			tx.sql<{ name: string }>(
				`select p.oid::regprocedure::text as name
				from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				where n.nspname = any($1) and p.prosecdef`,
				[exposed]
			)
		);
		expect(rows.map((row) => row.name)).toEqual([]);
	});

	it('every security definer function pins an empty search path', async () => {
		const rows = await db.inRollback((tx) =>
			tx.sql<{ name: string }>(
				`select p.oid::regprocedure::text as name
				from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				where n.nspname in ('public', 'private') and p.prosecdef
					and not coalesce('search_path=""' = any(p.proconfig), false)`
			)
		);
		expect(rows.map((row) => row.name)).toEqual([]);
	});

	it('nothing in private is executable by PUBLIC, and anon may only run forbid_api_writes and the public-link bodies', async () => {
		const rows = await db.inRollback((tx) =>
			tx.sql<{ name: string; grantee: string }>(
				`select p.oid::regprocedure::text as name, coalesce(grantee.rolname, 'PUBLIC') as grantee
				from pg_proc p
				join pg_namespace n on n.oid = p.pronamespace
				cross join lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) acl
				left join pg_roles grantee on grantee.oid = acl.grantee
				where n.nspname = 'private' and acl.privilege_type = 'EXECUTE'
					and (acl.grantee = 0 or grantee.rolname = 'anon')
				order by 1`
			)
		);
		// The public proposal RPCs are security-invoker wrappers anon calls with a link token.
		expect(rows).toEqual([
			{ name: 'private.accept_proposal(text,text,text)', grantee: 'anon' },
			{ name: 'private.decline_proposal(text,text)', grantee: 'anon' },
			{ name: 'private.forbid_api_writes(text,jsonb,jsonb,text[])', grantee: 'anon' },
			{ name: 'private.get_public_proposal(text)', grantee: 'anon' }
		]);
	});

	it('every foreign key column is indexed', async () => {
		const rows = await db.inRollback((tx) =>
			tx.sql<{ name: string }>(
				`select format('%s (%s)', c.conrelid::regclass, c.conname) as name
				from pg_constraint c join pg_namespace n on n.oid = c.connamespace
				where c.contype = 'f' and n.nspname = any($1)
					and not exists (
						select 1 from pg_index i
						where i.indrelid = c.conrelid
							and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey
					)
				order by 1`,
				[exposed]
			)
		);
		expect(rows.map((row) => row.name)).toEqual([]);
	});

	it('every policy wraps helper and auth calls in (select …)', async () => {
		const policies = await db.inRollback((tx) =>
			tx.sql<{ name: string; expression: string }>(
				`select format('%I.%I %s', schemaname, tablename, policyname) as name,
					concat_ws(' ', qual, with_check) as expression
				from pg_policies where schemaname = any($1)`,
				[policySchemas]
			)
		);
		expect(policies.length).toBeGreaterThan(40);
		const offenders = policies
			.map((policy) => ({ policy: policy.name, calls: unwrappedCalls(policy.expression) }))
			.filter((offender) => offender.calls.length > 0);
		expect(offenders).toEqual([]);
	});

	it('the wrapper check itself tells wrapped from bare calls', () => {
		expect(
			unwrappedCalls('(( SELECT private.is_admin() AS is_admin) OR (id = auth.uid()))')
		).toEqual(['auth.uid']);
		expect(
			unwrappedCalls(
				"( SELECT private.can_view((storage.foldername(name))[1])) AND (x = 'auth.uid(')"
			)
		).toEqual([]);
	});

	it('every table and function of the app has a comment', async () => {
		const rows = await db.inRollback((tx) =>
			tx.sql<{ name: string }>(
				`select format('table %I.%I', n.nspname, c.relname) as name
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname in ('public', 'private') and c.relkind in ('r', 'p', 'v', 'm')
					and obj_description(c.oid, 'pg_class') is null
				union all
				select format('function %s', p.oid::regprocedure)
				from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				where n.nspname in ('public', 'private') and obj_description(p.oid, 'pg_proc') is null
				order by 1`
			)
		);
		expect(rows.map((row) => row.name)).toEqual([]);
	});
});
