/**
 * The select tree with meaning attached: each embed's relationship (from foreign keys) and each
 * level's filters, logic trees, order and paging (from `rel.col=...`, `rel.order=...`).
 */
import { RestError } from './errors.ts';
import type { Filter, LogicTree, OrderTerm } from './parse-filters.ts';
import type { NodeModifiers, ParsedQuery } from './parse-request.ts';
import { outputName, type EmbedItem, type SelectItem } from './parse-select.ts';
import { findRelationship, isToOne, type Relationship } from './relationships.ts';
import type { Relation, SchemaSnapshot } from './schema-cache.ts';

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

export const emptyModifiers: NodeModifiers = { filters: [], logic: [] };

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

/** The keys a level contributes to its JSON object (needed to spread it into its parent). */
export function outputKeys(node: ReadNode): string[] {
	return node.items.flatMap((item) => {
		if (item.kind === 'star') return [...node.relation.columns.keys()];
		if (item.kind === 'column') return [outputName(item)];
		const embed = node.embeds.get(item) as EmbedNode;
		if (item.spread) return outputKeys(embed.node);
		return item.select.length === 0 ? [] : [embed.key];
	});
}
