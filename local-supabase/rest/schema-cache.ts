/**
 * PostgREST's schema cache: tables, views, columns, keys, foreign keys and functions of the
 * exposed schemas, introspected as `postgres`. It reloads on `NOTIFY pgrst, 'reload schema'`
 * (the platform's event triggers send it on every DDL), so new migrations are served at once.
 */
import type { Pool, PoolClient } from '../db.ts';

export interface Column {
	name: string;
	/** `format_type` output, usable as SQL (e.g. `timestamp with time zone`, `public.mood`). */
	type: string;
	/** Name of the base type (domains resolved), e.g. `tsvector`, `int4`. */
	baseType: string;
	nullable: boolean;
	/** The default expression as SQL, from the catalog (trusted). */
	defaultSql: string | null;
}

export interface Relation {
	schema: string;
	name: string;
	kind: 'table' | 'view' | 'materialized view' | 'foreign table' | 'function result';
	columns: Map<string, Column>;
	primaryKey: string[];
	uniqueKeys: string[][];
}

export interface ForeignKey {
	name: string;
	/** `schema.name` keys of the referencing and the referenced relation. */
	table: string;
	columns: string[];
	refTable: string;
	refColumns: string[];
}

export interface RoutineParam {
	name: string;
	type: string;
	hasDefault: boolean;
	variadic: boolean;
}

export interface Routine {
	schema: string;
	name: string;
	/** Input parameters in declaration order. */
	params: RoutineParam[];
	returnsSet: boolean;
	/** `scalar` covers base types, domains, arrays; `composite` rows of a table or OUT params. */
	returns: 'void' | 'scalar' | 'composite';
	/**
	 * What a set-returning or composite function yields, as a relation to select from: a table in
	 * the cache when it returns that table's rows, else its columns (a scalar set has one column
	 * named like the function).
	 */
	resultRelation?: Relation;
	volatility: 'volatile' | 'stable' | 'immutable';
}

export interface SchemaSnapshot {
	schemas: string[];
	relations: Map<string, Relation>;
	foreignKeys: ForeignKey[];
	routines: Map<string, Routine[]>;
	/** Per role, the settings PostgREST applies when it switches to the role. */
	roleSettings: Map<string, Record<string, string>>;
}

export const relationKey = (schema: string, name: string) => `${schema}.${name}`;

const relationKinds: Record<string, Relation['kind']> = {
	r: 'table',
	p: 'table',
	v: 'view',
	m: 'materialized view',
	f: 'foreign table'
};

const volatilities: Record<string, Routine['volatility']> = {
	v: 'volatile',
	s: 'stable',
	i: 'immutable'
};

/** Role settings that a role switch may carry, as PostgREST applies them. */
const transferableSettings = new Set([
	'statement_timeout',
	'lock_timeout',
	'idle_in_transaction_session_timeout',
	'work_mem',
	'plan_filter.statement_cost_limit'
]);

const relationsSql = `
select c.oid::int8 as oid, n.nspname as schema, c.relname as name, c.relkind as kind,
	coalesce((
		select json_agg(json_build_object(
			'name', a.attname,
			'type', format_type(a.atttypid, a.atttypmod),
			'baseType', coalesce(base.typname, t.typname),
			'nullable', not a.attnotnull,
			'default', case
				when a.attidentity <> '' then format('nextval(pg_get_serial_sequence(%L, %L)::regclass)',
					format('%I.%I', n.nspname, c.relname), a.attname)
				else pg_get_expr(d.adbin, d.adrelid) end
		) order by a.attnum)
		from pg_attribute a
		join pg_type t on t.oid = a.atttypid
		left join pg_type base on t.typtype = 'd' and base.oid = t.typbasetype
		left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum and a.attgenerated = ''
		where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
	), '[]') as columns
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm', 'f')`;

const constraintsSql = `
select con.conname as name, con.contype as type,
	rn.nspname as schema, r.relname as table,
	array(select a.attname from unnest(con.conkey) with ordinality k(num, ord)
		join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.ord)::text[] as columns,
	fn.nspname as ref_schema, f.relname as ref_table,
	array(select a.attname from unnest(con.confkey) with ordinality k(num, ord)
		join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.ord)::text[] as ref_columns
from pg_constraint con
join pg_class r on r.oid = con.conrelid
join pg_namespace rn on rn.oid = r.relnamespace
left join pg_class f on f.oid = con.confrelid
left join pg_namespace fn on fn.oid = f.relnamespace
where con.contype in ('p', 'u', 'f') and rn.nspname = any($1)`;

const routinesSql = `
select n.nspname as schema, p.proname as name, p.provolatile as volatility, p.proretset as returns_set,
	p.prorettype = 'void'::regtype as returns_void, rt.typtype as return_typtype,
	format_type(p.prorettype, null) as return_type,
	rn.nspname as return_schema, rc.relname as return_relation, rc.relkind as return_relkind,
	p.pronargs as nargs, p.pronargdefaults as ndefaults,
	coalesce((
		select json_agg(json_build_object(
			'name', coalesce(p.proargnames[a.ord], ''),
			'type', format_type(a.type, null),
			'mode', coalesce(p.proargmodes[a.ord], 'i')
		) order by a.ord)
		from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality a(type, ord)
	), '[]') as args,
	coalesce((
		select json_agg(json_build_object('name', att.attname, 'type', format_type(att.atttypid, att.atttypmod))
			order by att.attnum)
		from pg_attribute att
		where att.attrelid = rt.typrelid and att.attnum > 0 and not att.attisdropped
	), '[]') as result_columns
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type rt on rt.oid = p.prorettype
left join pg_class rc on rc.oid = rt.typrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any($1) and p.prokind = 'f'`;

const roleSettingsSql = `
select r.rolname as role, s.setconfig as config
from pg_db_role_setting s
join pg_roles r on r.oid = s.setrole
where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
order by s.setdatabase`;

interface ColumnRow {
	name: string;
	type: string;
	baseType: string;
	nullable: boolean;
	default: string | null;
}

interface ArgRow {
	name: string;
	type: string;
	mode: 'i' | 'o' | 'b' | 'v' | 't';
}

function toColumns(
	rows: {
		name: string;
		type: string;
		baseType?: string;
		nullable?: boolean;
		default?: string | null;
	}[]
) {
	return new Map<string, Column>(
		rows.map((row) => [
			row.name,
			{
				name: row.name,
				type: row.type,
				baseType: row.baseType ?? row.type,
				nullable: row.nullable ?? true,
				defaultSql: row.default ?? null
			}
		])
	);
}

export async function introspect(pool: Pool, schemas: string[]): Promise<SchemaSnapshot> {
	const [relationRows, constraintRows, routineRows, settingRows] = await Promise.all([
		pool.query(relationsSql, [schemas]),
		pool.query(constraintsSql, [schemas]),
		pool.query(routinesSql, [schemas]),
		pool.query(roleSettingsSql)
	]);

	const relations = new Map<string, Relation>();
	for (const row of relationRows.rows) {
		relations.set(relationKey(row.schema, row.name), {
			schema: row.schema,
			name: row.name,
			kind: relationKinds[row.kind],
			columns: toColumns(row.columns as ColumnRow[]),
			primaryKey: [],
			uniqueKeys: []
		});
	}

	const foreignKeys: ForeignKey[] = [];
	for (const row of constraintRows.rows) {
		const relation = relations.get(relationKey(row.schema, row.table));
		if (!relation) continue;
		if (row.type === 'p') {
			relation.primaryKey = row.columns;
			relation.uniqueKeys.push(row.columns);
		} else if (row.type === 'u') {
			relation.uniqueKeys.push(row.columns);
		} else if (relations.has(relationKey(row.ref_schema, row.ref_table))) {
			foreignKeys.push({
				name: row.name,
				table: relationKey(row.schema, row.table),
				columns: row.columns,
				refTable: relationKey(row.ref_schema, row.ref_table),
				refColumns: row.ref_columns
			});
		}
	}

	const routines = new Map<string, Routine[]>();
	for (const row of routineRows.rows) {
		const args = row.args as ArgRow[];
		const inputs = args.filter((arg) => arg.mode === 'i' || arg.mode === 'b' || arg.mode === 'v');
		const outputs = args.filter((arg) => arg.mode === 'o' || arg.mode === 'b' || arg.mode === 't');
		const firstDefault = inputs.length - row.ndefaults;
		const params = inputs.map((arg, index) => ({
			name: arg.name,
			type: arg.type,
			hasDefault: index >= firstDefault,
			variadic: arg.mode === 'v'
		}));
		let returns: Routine['returns'] = 'scalar';
		let resultRelation: Relation | undefined;
		const resultOf = (columns: { name: string; type: string }[]): Relation => ({
			schema: row.schema,
			name: row.name,
			kind: 'function result',
			columns: toColumns(columns),
			primaryKey: [],
			uniqueKeys: []
		});
		if (row.returns_void) returns = 'void';
		else if (outputs.length > 0 || row.return_typtype === 'c') {
			returns = 'composite';
			const tableKey =
				row.return_relkind && row.return_relkind !== 'c'
					? relationKey(row.return_schema, row.return_relation)
					: undefined;
			resultRelation =
				(tableKey && relations.get(tableKey)) ||
				resultOf(outputs.length > 0 ? outputs : row.result_columns);
		} else if (row.returns_set) {
			resultRelation = resultOf([{ name: row.name, type: row.return_type }]);
		}
		const key = relationKey(row.schema, row.name);
		const list = routines.get(key) ?? [];
		list.push({
			schema: row.schema,
			name: row.name,
			params,
			returnsSet: row.returns_set,
			returns,
			resultRelation,
			volatility: volatilities[row.volatility]
		});
		routines.set(key, list);
	}

	const roleSettings = new Map<string, Record<string, string>>();
	for (const row of settingRows.rows) {
		const settings = roleSettings.get(row.role) ?? {};
		for (const entry of row.config as string[]) {
			const eq = entry.indexOf('=');
			const name = entry.slice(0, eq);
			if (transferableSettings.has(name)) settings[name] = entry.slice(eq + 1);
		}
		roleSettings.set(row.role, settings);
	}

	return { schemas, relations, foreignKeys, routines, roleSettings };
}

/**
 * Holds the current snapshot. Reloads are serialised; a reload asked for while one runs starts
 * another afterwards, so a DDL committed mid-introspection is never missed.
 */
export class SchemaCache {
	private snapshot: SchemaSnapshot | undefined;
	private requested = 0;
	private completed = 0;
	private running: Promise<void> | undefined;
	private loadedAt = 0;
	private listener: PoolClient | undefined;
	private closed = false;
	private retryTimer: NodeJS.Timeout | undefined;

	constructor(
		private readonly pool: Pool,
		readonly schemas: string[],
		private readonly log: (message: string) => void
	) {}

	async current(): Promise<SchemaSnapshot> {
		return this.snapshot ?? this.reload();
	}

	async reload(): Promise<SchemaSnapshot> {
		const ticket = ++this.requested;
		while (this.completed < ticket) {
			this.running ??= this.loadOnce().finally(() => {
				this.running = undefined;
			});
			await this.running;
		}
		return this.snapshot as SchemaSnapshot;
	}

	/** The lazy insurance before a 404: reload unless the snapshot is brand new. */
	async reloadIfOlderThan(ms: number): Promise<SchemaSnapshot> {
		if (this.snapshot && Date.now() - this.loadedAt < ms) return this.snapshot;
		return this.reload();
	}

	private async loadOnce(): Promise<void> {
		const ticket = this.requested;
		const startedAt = Date.now();
		this.snapshot = await introspect(this.pool, this.schemas);
		this.loadedAt = startedAt;
		this.completed = ticket;
	}

	/** LISTEN pgrst on a dedicated connection; reconnects (and reloads) after losing it. */
	async listen(): Promise<void> {
		if (this.closed) return;
		try {
			const client = await this.pool.connect();
			this.listener = client;
			client.on('notification', (message) => {
				if (message.channel !== 'pgrst') return;
				const payload = message.payload ?? '';
				if (payload === '' || payload === 'reload schema') {
					this.reload().catch((error: unknown) =>
						this.log(`rest: schema reload failed: ${String(error)}`)
					);
				}
			});
			client.on('error', (error) => {
				this.log(`rest: schema listener lost: ${error.message}`);
				this.dropListener(error);
			});
			await client.query('listen pgrst');
		} catch (error) {
			this.log(`rest: schema listener failed: ${String(error)}`);
			this.dropListener(error instanceof Error ? error : new Error(String(error)));
			return;
		}
		// Whatever changed while nobody listened.
		await this.reload().catch(() => {});
	}

	private dropListener(error: Error): void {
		const client = this.listener;
		this.listener = undefined;
		client?.release(error);
		if (this.closed || this.retryTimer) return;
		this.retryTimer = setTimeout(() => {
			this.retryTimer = undefined;
			void this.listen();
		}, 1000);
		this.retryTimer.unref();
	}

	async close(): Promise<void> {
		this.closed = true;
		if (this.retryTimer) clearTimeout(this.retryTimer);
		const client = this.listener;
		this.listener = undefined;
		if (client) {
			await client.query('unlisten pgrst').catch(() => {});
			client.release();
		}
	}
}
