/**
 * `postgres_changes` subscriptions (supabase-protocols.md §5): the bindings a channel joins with,
 * their filters (`col=op.value`, comma-separated, all must hold), and the check at subscribe time
 * that the tables are in publication `supabase_realtime` and the filters fit their columns.
 */
import type { Pool } from '../db.ts';
import type { Claims } from '../jwt.ts';

export const publication = 'supabase_realtime';

export type ChangeEvent = '*' | 'INSERT' | 'UPDATE' | 'DELETE';
export const filterOperators = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in'] as const;
export type FilterOperator = (typeof filterOperators)[number];

export interface Filter {
	column: string;
	op: FilterOperator;
	/** A literal of the column's type; for `in` an array literal `{a,b}`. */
	value: string;
}

export interface ChangeBinding {
	/** What the join reply echoes and each push's `ids` refer to. */
	id: number;
	event: ChangeEvent;
	schema: string;
	/** `*` for every table of the schema that is in the publication. */
	table: string;
	filters: Filter[];
}

/** A joined channel listening to postgres_changes (implemented by the channel). */
export interface ChangeSubscriber {
	readonly topic: string;
	claims(): Claims;
	send(frame: string): void;
}

/** Splits on commas outside parentheses and double quotes. */
function splitTopLevel(filter: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let quoted = false;
	let current = '';
	for (const char of filter) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && char === '(') depth += 1;
		else if (!quoted && char === ')') depth = Math.max(0, depth - 1);
		else if (!quoted && depth === 0 && char === ',') {
			parts.push(current);
			current = '';
			continue;
		}
		current += char;
	}
	parts.push(current);
	return parts;
}

function unquote(value: string): string {
	const match = value.match(/^"((?:[^"\\]|\\.)*)"$/);
	return match ? match[1].replace(/\\(.)/g, '$1') : value;
}

export function parseFilters(filter: string): Filter[] {
	if (filter.trim() === '') return [];
	return splitTopLevel(filter.trim()).map((segment) => {
		const trimmed = segment.trim();
		const equals = trimmed.indexOf('=');
		const dot = trimmed.indexOf('.', equals + 1);
		if (trimmed === '' || equals <= 0 || dot < 0) {
			throw new Error(`Error parsing \`filter\` params: ${JSON.stringify(trimmed.split('.'))}`);
		}
		const column = trimmed.slice(0, equals);
		const op = trimmed.slice(equals + 1, dot);
		const value = trimmed.slice(dot + 1);
		if (!(filterOperators as readonly string[]).includes(op)) {
			throw new Error(`Error parsing \`filter\` params: ${JSON.stringify([op, value])}`);
		}
		if (op === 'in') {
			if (!/^\(.*\)$/s.test(value)) {
				throw new Error(
					'Error parsing `filter` params: `in` filter value must be wrapped by parentheses'
				);
			}
			return { column, op, value: `{${value.slice(1, -1)}}` };
		}
		return { column, op: op as FilterOperator, value: unquote(value) };
	});
}

/** A small stable hash of the binding as the client sent it (upstream uses erlang:phash2). */
export function bindingId(params: Record<string, unknown>): number {
	const text = JSON.stringify(
		Object.keys(params)
			.sort()
			.map((key) => [key, params[key]])
	);
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) % 2 ** 27;
}

function eventOf(value: unknown): ChangeEvent {
	const upper = typeof value === 'string' ? value.toUpperCase() : '*';
	return upper === 'INSERT' || upper === 'UPDATE' || upper === 'DELETE' ? upper : '*';
}

/** One entry of the join's `config.postgres_changes`; throws with upstream's message if invalid. */
export function parseBinding(params: Record<string, unknown>): ChangeBinding {
	const { schema, table, filter } = params;
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	if (text(schema) === undefined && text(table) === undefined) {
		throw new Error(
			'No subscription params provided. Please provide at least a `schema` or `table` to subscribe to'
		);
	}
	return {
		id: bindingId(params),
		event: eventOf(params.event),
		schema: text(schema) ?? 'public',
		table: text(table) ?? '*',
		filters: text(filter) === undefined ? [] : parseFilters(filter as string)
	};
}

export function describeBinding(binding: ChangeBinding): string {
	const filters = binding.filters.map((f) => `{"${f.column}", "${f.op}", "${f.value}"}`);
	return `event: ${binding.event}, schema: ${binding.schema}, table: ${binding.table}, filters: [${filters.join(', ')}]`;
}

export function bindingMatches(
	binding: ChangeBinding,
	schema: string,
	table: string,
	action: string
): boolean {
	return (
		(binding.schema === '*' || binding.schema === schema) &&
		(binding.table === '*' || binding.table === table) &&
		(binding.event === '*' || binding.event === action)
	);
}

/**
 * Checks bindings like upstream's subscription insert: at least one published table matches, the
 * subscriber's role exists, and each filter names a column the role may select with a value of
 * the column's type. Returns the error message, or undefined when all is well.
 */
export async function validateBindings(
	adminPool: Pool,
	bindings: ChangeBinding[],
	role: string
): Promise<string | undefined> {
	for (const binding of bindings) {
		const tables = await adminPool.query<{ relation: string; role_exists: boolean }>(
			`select format('%I.%I', schemaname, tablename) as relation,
				to_regrole($3) is not null as role_exists
			 from pg_publication_tables
			 where pubname = $4 and ($1 = '*' or schemaname = $1) and ($2 = '*' or tablename = $2)`,
			[binding.schema, binding.table, role, publication]
		);
		if (tables.rows.length === 0 || !tables.rows[0].role_exists) {
			return `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [${describeBinding(binding)}]`;
		}
		if (binding.table === '*') continue;
		const problem = await filterProblem(adminPool, tables.rows[0].relation, binding.filters, role);
		if (problem) {
			return `Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: [${describeBinding(binding)}]. Exception: ${problem}`;
		}
	}
	return undefined;
}

async function filterProblem(
	adminPool: Pool,
	relation: string,
	filters: Filter[],
	role: string
): Promise<string | undefined> {
	for (const filter of filters) {
		const column = await adminPool.query<{ type: string }>(
			`select atttypid::regtype::text as type from pg_attribute
			 where attrelid = $1::regclass and attname = $2 and attnum > 0 and not attisdropped
				and has_column_privilege($3, attrelid, attnum, 'SELECT')`,
			[relation, filter.column, role]
		);
		if (column.rows.length === 0) return `invalid column for filter ${filter.column}`;
		const type = column.rows[0].type + (filter.op === 'in' ? '[]' : '');
		try {
			await adminPool.query(`select $1::text::${type}`, [filter.value]);
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		}
	}
	return undefined;
}
