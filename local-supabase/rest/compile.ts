/**
 * SQL for one level of a read: select list, lateral joins for embeds (aggregated to JSON with
 * `row_to_json` / `json_agg`), WHERE and ORDER BY. Identifiers are quoted; values are parameters.
 */
import { RestError } from './errors.ts';
import {
	comparisonOperators,
	containmentOperators,
	textSearchFunctions,
	type ComparisonOperator,
	type Filter,
	type LogicTree,
	type OrderTerm
} from './parse-filters.ts';
import { outputName, type EmbedItem, type FieldRef } from './parse-select.ts';
import { outputKeys, type EmbedNode, type ReadNode } from './read-plan.ts';
import { isToOne, type Relationship } from './relationships.ts';
import type { Relation } from './schema-cache.ts';
import { ident, Params, qualified } from './sql.ts';

/** like/ilike take `*` as the wildcard (URL-friendly); Postgres wants `%`. */
function patternValue(operator: ComparisonOperator, value: string): string {
	return operator === 'like' || operator === 'ilike' ? value.replace(/\*/g, '%') : value;
}

/** `{a,"b c"}`: a Postgres array literal of the given text elements, for `= any($n)`. */
export function arrayLiteral(values: string[]): string {
	return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export interface NodeSql {
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

	/** Aliases in use; a generated one must not shadow the root's (a table named `books_1`). */
	private readonly taken = new Set<string>();

	alias(base: string): string {
		let alias: string;
		do alias = `${base}_${++this.counter}`;
		while (this.taken.has(alias));
		this.taken.add(alias);
		return alias;
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
				const value = patternValue(condition.operator, condition.value);
				sql = `${expr} ${comparisonOperators[condition.operator]} ${this.params.add(value)}`;
				break;
			}
			case 'quantified': {
				const values = condition.values.map((value) => patternValue(condition.operator, value));
				const list = this.params.add(arrayLiteral(values));
				sql = `${expr} ${comparisonOperators[condition.operator]} ${condition.quantifier}(${list})`;
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
		this.taken.add(alias);
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

export function selectSql(parts: {
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
