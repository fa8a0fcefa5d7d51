/**
 * Turns a parsed request into ONE SQL statement that lets Postgres produce the JSON body
 * (supabase-protocols.md §2 step 4): reads, inserts, updates, deletes and function calls, each
 * ending in one row `(total, page, body)`.
 */
import { Compiler, selectSql } from './compile.ts';
import { columnNotFound, invalidBody, RestError } from './errors.ts';
import type { NodeModifiers, ParsedQuery, Preferences } from './parse-request.ts';
import { emptyModifiers, resolveRead, type ReadNode } from './read-plan.ts';
import type { Relation, Routine, SchemaSnapshot } from './schema-cache.ts';
import { ident, qualified, type Statement } from './sql.ts';

/** Supabase's default `max_rows`: the most rows one response returns at the top level. */
export const maxRows = 1000;

export type BodyShape = 'array' | 'object' | 'scalar' | 'scalar-array' | 'none';

export interface ResultOptions {
	shape: BodyShape;
	stripNulls: boolean;
}

/**
 * Every statement ends in one row `(total, page, body)`: the exact count when asked for, the rows
 * in this response, and the JSON body as text (Postgres serialises it).
 */
function resultSql(
	rows: string,
	total: string | undefined,
	options: ResultOptions,
	scalarColumn?: string
) {
	const strip = (json: string) => (options.stripNulls ? `json_strip_nulls(${json})` : json);
	let body: string;
	switch (options.shape) {
		case 'array':
			body = `coalesce(${strip('json_agg(pgrst_t)')}, '[]')::text`;
			break;
		case 'object':
			body = `(${strip('json_agg(pgrst_t)')}->0)::text`;
			break;
		case 'scalar-array':
			body = `coalesce(json_agg(pgrst_t.${ident(scalarColumn as string)}), '[]')::text`;
			break;
		case 'scalar':
			body = `(json_agg(pgrst_t.${ident(scalarColumn as string)})->0)::text`;
			break;
		case 'none':
			body = 'null::text';
	}
	return `select ${total ?? 'null::int8'} as total, count(*) as page, ${body} as body from (${rows}) as pgrst_t`;
}

interface ReadSource {
	/** FROM item, e.g. `"public"."books"` or a CTE name. */
	from: string;
	alias: string;
	/** Preceding `WITH` entries. */
	ctes?: string[];
}

export interface ReadOptions extends ResultOptions {
	/** `Prefer: count=…`: also count all rows the filters match. */
	count: boolean;
}

/** `SELECT ... FROM source` with filters, order and paging for the root level. */
function readStatement(
	compiler: Compiler,
	root: ReadNode,
	source: ReadSource,
	options: ReadOptions
): string {
	const parts = compiler.node(root, source.alias);
	const from = `${source.from} as ${ident(source.alias)}`;
	const limit = Math.min(root.limit ?? maxRows, maxRows);
	const rows = selectSql({
		select: parts.select.join(', '),
		from,
		joins: parts.joins.map((join) => join.sql),
		where: parts.where,
		orderBy: parts.orderBy,
		limit,
		offset: root.offset
	});
	const total = options.count
		? `(${selectSql({
				select: 'count(*)',
				from,
				joins: parts.joins.filter((join) => join.filtering).map((join) => join.sql),
				where: parts.where
			})})`
		: undefined;
	const scalarColumn = root.relation.columns.keys().next().value;
	const sql = resultSql(rows, total, options, scalarColumn);
	return source.ctes && source.ctes.length > 0 ? `with ${source.ctes.join(', ')} ${sql}` : sql;
}

export function buildRead(
	snapshot: SchemaSnapshot,
	relation: Relation,
	parsed: ParsedQuery,
	options: ReadOptions
): Statement {
	const compiler = new Compiler();
	const root = resolveRead(snapshot, relation, parsed);
	const sql = readStatement(
		compiler,
		root,
		{ from: qualified(relation.schema, relation.name), alias: relation.name },
		options
	);
	return { sql, params: compiler.params.values };
}

// ---------------------------------------------------------------------------------------------
// Mutations

export interface MutationOptions extends ResultOptions {
	/** `return=representation`: RETURNING the selected columns; otherwise `RETURNING 1`. */
	representation: boolean;
}

/** The base columns a representation needs from RETURNING: selected ones plus join keys. */
function neededColumns(node: ReadNode): string[] | '*' {
	const columns = new Set<string>();
	for (const item of node.items) {
		if (item.kind === 'star') return '*';
		if (item.kind === 'column') columns.add(item.field.name);
	}
	for (const embed of node.embeds.values()) {
		for (const column of embed.relationship.parentColumns) columns.add(column);
	}
	return [...columns];
}

function mutationStatement(
	compiler: Compiler,
	root: ReadNode,
	mutation: (returning: string) => string,
	options: MutationOptions
): Statement {
	const relation = root.relation;
	if (!options.representation) {
		const sql = `with pgrst_source as (${mutation('1')}) ${resultSql('select 1 from pgrst_source', undefined, { shape: 'none', stripNulls: false })}`;
		return { sql, params: compiler.params.values };
	}
	const needed = neededColumns(root);
	for (const column of needed === '*' ? [] : needed) {
		if (!relation.columns.has(column)) throw columnNotFound(column, relation.name);
	}
	const alias = relation.name;
	const returning =
		needed === '*'
			? `${ident(alias)}.*`
			: needed.map((column) => `${ident(alias)}.${ident(column)}`).join(', ') || '1';
	const mutationSql = mutation(returning);
	// The representation is read back from the returned rows; its root filters were the WHERE.
	const parts = compiler.node({ ...root, filters: [], logic: [], order: [] }, alias);
	const rows = selectSql({
		select: parts.select.join(', '),
		from: `pgrst_source as ${ident(alias)}`,
		joins: parts.joins.map((join) => join.sql),
		where: []
	});
	const sql = `with pgrst_source as (${mutationSql}) ${resultSql(rows, undefined, options)}`;
	return { sql, params: compiler.params.values };
}

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The rows of an insert body and the columns they set (`?columns=` wins over the keys). */
function insertColumns(body: unknown, relation: Relation, columns: string[] | undefined) {
	const rows = Array.isArray(body) ? body : [body];
	if (!rows.every(isJsonObject)) throw invalidBody('Empty or invalid json');
	const names = columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
	for (const name of names)
		if (!relation.columns.has(name)) throw columnNotFound(name, relation.name);
	return { rows, names };
}

export interface InsertRequest {
	body: unknown;
	columns?: string[];
	onConflict?: string[];
	prefer: Preferences;
}

export function buildInsert(
	snapshot: SchemaSnapshot,
	relation: Relation,
	parsed: ParsedQuery,
	request: InsertRequest,
	options: MutationOptions
): Statement {
	const compiler = new Compiler();
	const root = resolveRead(snapshot, relation, {
		...parsed,
		modifiers: withoutRootFilters(parsed.modifiers)
	});
	const { rows, names } = insertColumns(request.body, relation, request.columns);
	const target = qualified(relation.schema, relation.name);
	const bodyParam = compiler.params.add(JSON.stringify(rows));
	const useDefaults = request.prefer.missing === 'default';
	const values = names.map((name) => {
		const value = `pgrst_record.${ident(name)}`;
		const defaultSql = relation.columns.get(name)?.defaultSql;
		if (!useDefaults || !defaultSql) return value;
		return `case when pgrst_element.value::jsonb ? ${compiler.params.add(name)}::text then ${value} else ${defaultSql} end`;
	});
	let conflict = '';
	if (request.prefer.resolution !== undefined) {
		const conflictColumns = request.onConflict ?? relation.primaryKey;
		for (const name of conflictColumns)
			if (!relation.columns.has(name)) throw columnNotFound(name, relation.name);
		const targetList =
			conflictColumns.length > 0 ? `(${conflictColumns.map(ident).join(', ')})` : '';
		const updates = names.map((name) => `${ident(name)} = excluded.${ident(name)}`);
		conflict =
			request.prefer.resolution === 'ignore-duplicates' || updates.length === 0
				? ` on conflict ${targetList} do nothing`
				: ` on conflict ${targetList} do update set ${updates.join(', ')}`;
	}
	const columnList = names.length > 0 ? ` (${names.map(ident).join(', ')})` : '';
	const mutation = (returning: string) =>
		`insert into ${target} as ${ident(relation.name)}${columnList} ` +
		`select ${values.join(', ')} from json_array_elements(${bodyParam}::json) as pgrst_element, ` +
		`lateral json_populate_record(null::${target}, pgrst_element.value) as pgrst_record` +
		`${conflict} returning ${returning}`;
	return mutationStatement(compiler, root, mutation, options);
}

function withoutRootFilters(modifiers: Map<string, NodeModifiers>): Map<string, NodeModifiers> {
	const copy = new Map(modifiers);
	copy.set('', emptyModifiers);
	return copy;
}

/** Root filters of a PATCH/DELETE as its WHERE; like Supabase (safeupdate), one is required. */
function mutationWhere(
	compiler: Compiler,
	relation: Relation,
	parsed: ParsedQuery,
	verb: string
): string {
	const modifiers = parsed.modifiers.get('') ?? emptyModifiers;
	const conditions = [
		...modifiers.filters.map((filter) => compiler.filter(relation.name, relation, filter)),
		...modifiers.logic.map((tree) => compiler.logic(relation.name, relation, tree))
	];
	if (conditions.length === 0) throw new RestError(400, '21000', `${verb} requires a WHERE clause`);
	return conditions.join(' and ');
}

export function buildUpdate(
	snapshot: SchemaSnapshot,
	relation: Relation,
	parsed: ParsedQuery,
	body: unknown,
	options: MutationOptions
): Statement {
	if (!isJsonObject(body)) throw invalidBody('Empty or invalid json');
	const compiler = new Compiler();
	const root = resolveRead(snapshot, relation, parsed);
	const names = parsed.columns ?? Object.keys(body);
	for (const name of names)
		if (!relation.columns.has(name)) throw columnNotFound(name, relation.name);
	const target = qualified(relation.schema, relation.name);
	const where = mutationWhere(compiler, relation, parsed, 'UPDATE');
	if (names.length === 0) {
		// Nothing to set: an update that changes no row.
		const nothing = (returning: string) =>
			`select ${returning} from ${target} as ${ident(relation.name)} where (${where}) and false`;
		return mutationStatement(compiler, root, nothing, options);
	}
	const bodyParam = compiler.params.add(JSON.stringify(body));
	const assignments = names
		.map((name) => `${ident(name)} = pgrst_record.${ident(name)}`)
		.join(', ');
	const mutation = (returning: string) =>
		`update ${target} as ${ident(relation.name)} set ${assignments} ` +
		`from json_populate_record(null::${target}, ${bodyParam}::json) as pgrst_record where ${where} returning ${returning}`;
	return mutationStatement(compiler, root, mutation, options);
}

export function buildDelete(
	snapshot: SchemaSnapshot,
	relation: Relation,
	parsed: ParsedQuery,
	options: MutationOptions
): Statement {
	const compiler = new Compiler();
	const root = resolveRead(snapshot, relation, parsed);
	const where = mutationWhere(compiler, relation, parsed, 'DELETE');
	const target = qualified(relation.schema, relation.name);
	const mutation = (returning: string) =>
		`delete from ${target} as ${ident(relation.name)} where ${where} returning ${returning}`;
	return mutationStatement(compiler, root, mutation, options);
}

// ---------------------------------------------------------------------------------------------
// Functions (rpc)

export interface RpcCall {
	routine: Routine;
	/** Named arguments (JSON values) or, for a single unnamed json parameter, the whole body. */
	args: JsonObject | { wholeBody: unknown };
}

export function buildRpc(
	snapshot: SchemaSnapshot,
	call: RpcCall,
	parsed: ParsedQuery,
	options: ReadOptions
): Statement {
	const compiler = new Compiler();
	const { routine } = call;
	const fn = qualified(routine.schema, routine.name);
	const ctes: string[] = [];
	let argList: string;
	if ('wholeBody' in call.args) {
		argList = `${compiler.params.add(JSON.stringify(call.args.wholeBody))}::${routine.params[0].type}`;
	} else {
		const given = routine.params.filter((param) =>
			Object.prototype.hasOwnProperty.call(call.args, param.name)
		);
		if (given.length > 0) {
			const definitions = given.map((param) => `${ident(param.name)} ${param.type}`).join(', ');
			ctes.push(
				`pgrst_args as (select * from json_to_record(${compiler.params.add(JSON.stringify(call.args))}::json) as pgrst_a(${definitions}))`
			);
		}
		argList = given
			.map(
				(param) =>
					`${param.variadic ? 'variadic ' : ''}${ident(param.name)} := (select ${ident(param.name)} from pgrst_args)`
			)
			.join(', ');
	}
	const invocation = `${fn}(${argList})`;

	if (routine.returns !== 'composite' && !routine.returnsSet) {
		// A scalar (or void) result: one value, no filters to apply.
		const rows = `select ${invocation} as pgrst_scalar`;
		const shape = routine.returns === 'void' ? 'none' : 'scalar';
		const sql = resultSql(rows, undefined, { shape, stripNulls: false }, 'pgrst_scalar');
		return {
			sql: ctes.length > 0 ? `with ${ctes.join(', ')} ${sql}` : sql,
			params: compiler.params.values
		};
	}

	const relation = routine.resultRelation as Relation;
	// Materialised once, so counting the result does not call the function twice.
	ctes.push(`pgrst_call as materialized (select * from ${invocation} as ${ident(routine.name)})`);
	const root = resolveRead(snapshot, relation, parsed);
	const shape: BodyShape =
		routine.returns === 'composite'
			? routine.returnsSet
				? options.shape
				: 'object'
			: 'scalar-array';
	const sql = readStatement(
		compiler,
		root,
		{ from: 'pgrst_call', alias: routine.name, ctes },
		{ ...options, shape }
	);
	return { sql, params: compiler.params.values };
}
