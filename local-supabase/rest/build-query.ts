/**
 * Turns a parsed request into ONE SQL statement that lets Postgres produce the JSON body
 * (supabase-protocols.md §2 step 4). Embeds are lateral subqueries aggregated with
 * `row_to_json` / `json_agg`; identifiers are quoted, values are bind parameters.
 */
import { columnNotFound, invalidBody, RestError } from './errors.ts';
import {
	comparisonOperators,
	containmentOperators,
	textSearchFunctions,
	type Filter,
	type LogicTree,
	type OrderTerm
} from './parse-filters.ts';
import type { NodeModifiers, ParsedQuery, Preferences } from './parse-request.ts';
import { outputName, type EmbedItem, type FieldRef, type SelectItem } from './parse-select.ts';
import { findRelationship, isToOne, type Relationship } from './relationships.ts';
import type { Relation, Routine, SchemaSnapshot } from './schema-cache.ts';
import { ident, Params, qualified, type Statement } from './sql.ts';

/** Supabase's default `max_rows`: the most rows one response returns at the top level. */
export const maxRows = 1000;

export interface ReadNode {
	relation: Relation;
	items: SelectItem[];
	embeds: Map<EmbedItem, EmbedNode>;
	filters: Filter[];
	logic: LogicTree[];
	order: OrderTerm[];
	limit?: number;
	offset?: number;
}

export interface EmbedNode {
	key: string;
	relationship: Relationship;
	node: ReadNode;
	/** `rel(count)`: the number of related rows instead of the rows. */
	count: boolean;
	/** Parents are kept only when the embed has rows (`!inner`, `rel=not.is.null`) or has none. */
	parentFilter?: 'present' | 'absent';
}

const emptyModifiers: NodeModifiers = { filters: [], logic: [] };

/** Attaches relationships and per-level modifiers to the select tree; unknown paths are errors. */
export function resolveRead(
	snapshot: SchemaSnapshot,
	relation: Relation,
	parsed: ParsedQuery
): ReadNode {
	const used = new Set<string>();
	const root = resolveNode(snapshot, relation, parsed.select, [], parsed.modifiers, used);
	for (const [path, modifiers] of parsed.modifiers) {
		const hasContent =
			modifiers.filters.length > 0 ||
			modifiers.logic.length > 0 ||
			modifiers.order !== undefined ||
			modifiers.limit !== undefined ||
			modifiers.offset !== undefined;
		if (!used.has(path) && hasContent) {
			const name = path.split('.').at(-1);
			throw new RestError(
				400,
				'PGRST108',
				`'${name}' is not an embedded resource in this request`,
				null,
				`Verify that '${name}' is included in the 'select' query parameter.`
			);
		}
	}
	return root;
}

function isCountEmbed(item: EmbedItem, relationship: Relationship): boolean {
	const [only, ...rest] = item.select;
	return (
		rest.length === 0 &&
		only?.kind === 'column' &&
		only.field.name === 'count' &&
		only.field.jsonPath.length === 0 &&
		only.alias === undefined &&
		!isToOne(relationship) &&
		!relationship.target.columns.has('count')
	);
}

function resolveNode(
	snapshot: SchemaSnapshot,
	relation: Relation,
	items: SelectItem[],
	path: string[],
	allModifiers: Map<string, NodeModifiers>,
	used: Set<string>
): ReadNode {
	const pathKey = path.join('.');
	used.add(pathKey);
	const modifiers = allModifiers.get(pathKey) ?? emptyModifiers;
	const embeds = new Map<EmbedItem, EmbedNode>();
	for (const item of items) {
		if (item.kind !== 'embed') continue;
		const relationship = findRelationship(snapshot, relation, item.name, item.hint);
		const key = item.alias ?? item.name;
		const aliasPath = [...path, key];
		const childPath =
			item.alias !== undefined && !allModifiers.has(aliasPath.join('.'))
				? [...path, item.name]
				: aliasPath;
		const count = isCountEmbed(item, relationship);
		const node = resolveNode(
			snapshot,
			relationship.target,
			count ? [] : item.select,
			childPath,
			allModifiers,
			used
		);
		const embed: EmbedNode = { key, relationship, node, count };
		if (item.joinType === 'inner') embed.parentFilter = 'present';
		embeds.set(item, embed);
	}
	// `rel=is.null` / `rel=not.is.null` filter parents by the embed, not a column.
	const filters = modifiers.filters.filter((filter) => {
		const condition = filter.condition;
		if (
			filter.field.jsonPath.length > 0 ||
			condition.kind !== 'is' ||
			relation.columns.has(filter.field.name)
		) {
			return true;
		}
		const embed = [...embeds.values()].find((candidate) => candidate.key === filter.field.name);
		if (!embed || (condition.value !== 'null' && condition.value !== 'not_null')) return true;
		const wantsNull = (condition.value === 'null') !== filter.negate;
		embed.parentFilter = wantsNull ? 'absent' : 'present';
		return false;
	});
	return {
		relation,
		items,
		embeds,
		filters,
		logic: modifiers.logic,
		order: modifiers.order ?? [],
		limit: modifiers.limit,
		offset: modifiers.offset
	};
}

/** `{a,"b c"}`: a Postgres array literal of the given text elements, for `= any($n)`. */
export function arrayLiteral(values: string[]): string {
	return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** The keys a level contributes to its JSON object (needed to spread it into its parent). */
function outputKeys(node: ReadNode): string[] {
	return node.items.flatMap((item) => {
		if (item.kind === 'star') return [...node.relation.columns.keys()];
		if (item.kind === 'column') return [outputName(item)];
		const embed = node.embeds.get(item) as EmbedNode;
		if (item.spread) return outputKeys(embed.node);
		return item.select.length === 0 ? [] : [embed.key];
	});
}

interface NodeSql {
	select: string[];
	/** Lateral joins, each paired with whether parents are filtered by it. */
	joins: { sql: string; filtering: boolean }[];
	where: string[];
	orderBy: string[];
}

/** Compiles one statement; holds its parameters and alias counter. */
export class Compiler {
	readonly params = new Params();
	private counter = 0;

	alias(base: string): string {
		return `${base}_${++this.counter}`;
	}

	field(alias: string, field: FieldRef): string {
		let sql = `${ident(alias)}.${ident(field.name)}`;
		for (const step of field.jsonPath) {
			const key = /^-?\d+$/.test(step.key) ? step.key : `${this.params.add(step.key)}::text`;
			sql = `${sql}${step.operator}${key}`;
		}
		return field.jsonPath.length > 0 ? `(${sql})` : sql;
	}

	private fieldIsTsvector(relation: Relation, field: FieldRef): boolean {
		return field.jsonPath.length === 0 && relation.columns.get(field.name)?.baseType === 'tsvector';
	}

	filter(alias: string, relation: Relation, filter: Filter): string {
		const expr = this.field(alias, filter.field);
		const condition = filter.condition;
		let sql: string;
		switch (condition.kind) {
			case 'compare': {
				const isPattern = condition.operator === 'like' || condition.operator === 'ilike';
				const value = isPattern ? condition.value.replace(/\*/g, '%') : condition.value;
				sql = `${expr} ${comparisonOperators[condition.operator]} ${this.params.add(value)}`;
				break;
			}
			case 'quantified': {
				const isPattern = condition.operator === 'like' || condition.operator === 'ilike';
				const values = isPattern
					? condition.values.map((v) => v.replace(/\*/g, '%'))
					: condition.values;
				const quantifier = condition.quantifier === 'any' ? 'any' : 'all';
				sql = `${expr} ${comparisonOperators[condition.operator]} ${quantifier}(${this.params.add(arrayLiteral(values))})`;
				break;
			}
			case 'in':
				sql = `${expr} = any(${this.params.add(arrayLiteral(condition.values))})`;
				break;
			case 'is':
				sql = `${expr} is ${condition.value === 'not_null' ? 'not null' : condition.value}`;
				break;
			case 'isdistinct':
				sql = `${expr} is distinct from ${this.params.add(condition.value)}`;
				break;
			case 'contain':
				sql = `${expr} ${containmentOperators[condition.operator]} ${this.params.add(condition.value)}`;
				break;
			case 'fts': {
				const config =
					condition.config === undefined ? '' : `${this.params.add(condition.config)}::regconfig, `;
				const vector = this.fieldIsTsvector(relation, filter.field)
					? expr
					: `to_tsvector(${config}${expr})`;
				sql = `${vector} @@ ${textSearchFunctions[condition.operator]}(${config}${this.params.add(condition.value)})`;
				break;
			}
		}
		return filter.negate ? `not (${sql})` : sql;
	}

	logic(alias: string, relation: Relation, tree: LogicTree): string {
		if (tree.kind === 'filter') return this.filter(alias, relation, tree.filter);
		const joiner = tree.operator === 'and' ? ' and ' : ' or ';
		const inner = tree.children.map((child) => this.logic(alias, relation, child)).join(joiner);
		const sql = `(${inner || (tree.operator === 'and' ? 'true' : 'false')})`;
		return tree.negate ? `not ${sql}` : sql;
	}

	/** Conditions joining a child (alias `child`) to its parent (alias `parent`). */
	private joinCondition(relationship: Relationship, parent: string, child: string): string {
		const pairs = (a: string, aColumns: string[], b: string, bColumns: string[]) =>
			aColumns.map(
				(column, i) => `${ident(a)}.${ident(column)} = ${ident(b)}.${ident(bColumns[i])}`
			);
		const junction = relationship.junction;
		if (!junction) {
			return pairs(child, relationship.targetColumns, parent, relationship.parentColumns).join(
				' and '
			);
		}
		const j = this.alias(junction.relation.name);
		const conditions = [
			...pairs(j, junction.toTarget, child, relationship.targetColumns),
			...pairs(j, junction.toParent, parent, relationship.parentColumns)
		];
		return `exists (select 1 from ${qualified(junction.relation.schema, junction.relation.name)} as ${ident(j)} where ${conditions.join(' and ')})`;
	}

	private orderTerm(alias: string, node: ReadNode, term: OrderTerm): string {
		let expr: string;
		if (term.relation === undefined) {
			expr = this.field(alias, term.field);
		} else {
			const embed = [...node.embeds.values()].find((candidate) => candidate.key === term.relation);
			if (!embed || !isToOne(embed.relationship)) {
				throw new RestError(
					400,
					'PGRST118',
					`A related order on '${term.relation}' is not possible`,
					embed
						? `'${node.relation.name}' and '${term.relation}' do not form a many-to-one or one-to-one relationship`
						: null
				);
			}
			// Ordering by a to-one column: a scalar subquery keeps the column's own type.
			const target = embed.relationship.target;
			const related = this.alias(target.name);
			expr = `(select ${this.field(related, term.field)} from ${qualified(target.schema, target.name)} as ${ident(related)} where ${this.joinCondition(embed.relationship, alias, related)})`;
		}
		const nulls = term.nulls === undefined ? '' : ` nulls ${term.nulls}`;
		return `${expr} ${term.direction}${nulls}`;
	}

	/** SELECT list, lateral joins, WHERE and ORDER BY of one level whose row alias is `alias`. */
	node(node: ReadNode, alias: string): NodeSql {
		const out: NodeSql = { select: [], joins: [], where: [], orderBy: [] };
		const lateralOf = new Map<EmbedItem, string>();
		for (const [item, embed] of node.embeds) {
			const lateral = this.alias('pgrst');
			lateralOf.set(item, lateral);
			out.joins.push({
				sql: `left join lateral (${this.embedQuery(embed, alias)}) as ${ident(lateral)} on true`,
				filtering: embed.parentFilter !== undefined
			});
			if (embed.parentFilter !== undefined) {
				out.where.push(
					`${ident(lateral)}.body is ${embed.parentFilter === 'present' ? 'not null' : 'null'}`
				);
			}
		}
		for (const item of node.items) {
			if (item.kind === 'star') {
				out.select.push(`${ident(alias)}.*`);
			} else if (item.kind === 'column') {
				const expr = this.field(alias, item.field);
				const cast = item.cast === undefined ? expr : `(${expr})::${item.cast}`;
				out.select.push(`${cast} as ${ident(outputName(item))}`);
			} else {
				out.select.push(
					...this.embedOutput(
						item,
						node.embeds.get(item) as EmbedNode,
						lateralOf.get(item) as string
					)
				);
			}
		}
		for (const filter of node.filters) out.where.push(this.filter(alias, node.relation, filter));
		for (const tree of node.logic) out.where.push(this.logic(alias, node.relation, tree));
		for (const term of node.order) out.orderBy.push(this.orderTerm(alias, node, term));
		return out;
	}

	private embedOutput(item: EmbedItem, embed: EmbedNode, lateral: string): string[] {
		const body = `${ident(lateral)}.body`;
		const toOne = isToOne(embed.relationship);
		if (!item.spread) {
			if (item.select.length === 0 && !embed.count) return [];
			return [`${toOne ? body : `coalesce(${body}, '[]'::json)`} as ${ident(embed.key)}`];
		}
		return outputKeys(embed.node).map((key) => {
			const keyParam = `${this.params.add(key)}::text`;
			const value = toOne
				? `${body}->${keyParam}`
				: `coalesce((select json_agg(pgrst_e->${keyParam}) from json_array_elements(${body}) as pgrst_e), '[]'::json)`;
			return `${value} as ${ident(key)}`;
		});
	}

	/** The lateral subquery producing one embed's JSON as column `body`. */
	private embedQuery(embed: EmbedNode, parentAlias: string): string {
		const target = embed.relationship.target;
		const child = this.alias(target.name);
		const parts = this.node(embed.node, child);
		const where = [this.joinCondition(embed.relationship, parentAlias, child), ...parts.where];
		const select = embed.count ? '1' : parts.select.join(', ');
		const inner = selectSql({
			select,
			from: `${qualified(target.schema, target.name)} as ${ident(child)}`,
			joins: parts.joins.map((join) => join.sql),
			where,
			orderBy: parts.orderBy,
			limit: embed.node.limit,
			offset: embed.node.offset
		});
		const aggregate = embed.count
			? `json_build_array(json_build_object('count', count(*)))`
			: isToOne(embed.relationship)
				? 'row_to_json(pgrst_row)'
				: 'json_agg(pgrst_row)';
		return `select ${aggregate} as body from (${inner}) as pgrst_row`;
	}
}

function selectSql(parts: {
	select: string;
	from: string;
	joins: string[];
	where: string[];
	orderBy?: string[];
	limit?: number;
	offset?: number;
}): string {
	let sql = `select ${parts.select} from ${parts.from}`;
	if (parts.joins.length > 0) sql += ` ${parts.joins.join(' ')}`;
	if (parts.where.length > 0) sql += ` where ${parts.where.join(' and ')}`;
	if (parts.orderBy && parts.orderBy.length > 0) sql += ` order by ${parts.orderBy.join(', ')}`;
	if (parts.limit !== undefined) sql += ` limit ${parts.limit}`;
	if (parts.offset !== undefined && parts.offset > 0) sql += ` offset ${parts.offset}`;
	return sql;
}

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
	count: boolean;
	/** Cap at `maxRows` (top-level reads and function results). */
	capped: boolean;
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
	const limit = options.capped ? Math.min(root.limit ?? maxRows, maxRows) : root.limit;
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
	count: boolean;
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
export function insertColumns(body: unknown, relation: Relation, columns: string[] | undefined) {
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

	const relation: Relation = routine.resultRelation ?? {
		schema: routine.schema,
		name: routine.name,
		kind: 'function result',
		columns: new Map([
			[
				routine.name,
				{
					name: routine.name,
					type: 'unknown',
					baseType: 'unknown',
					nullable: true,
					defaultSql: null
				}
			]
		]),
		primaryKey: [],
		uniqueKeys: []
	};
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
