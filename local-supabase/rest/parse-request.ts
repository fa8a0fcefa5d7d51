/**
 * Splits a request's query string and `Prefer` header into what the query builder needs:
 * the select tree, and per embed path its filters, logic trees, order, limit and offset.
 */
import { parseError } from './errors.ts';
import {
	parseFilter,
	parseLogic,
	parseNonNegativeInteger,
	parseOrder,
	unquote,
	splitTopLevel,
	type Filter,
	type LogicTree,
	type OrderTerm
} from './parse-filters.ts';
import { parseSelect, type SelectItem } from './parse-select.ts';

export interface Preferences {
	return?: 'minimal' | 'representation' | 'headers-only';
	count?: 'exact' | 'planned' | 'estimated';
	resolution?: 'merge-duplicates' | 'ignore-duplicates';
	missing?: 'default' | 'null';
	tx?: 'commit' | 'rollback';
	handling?: 'strict' | 'lenient';
	maxAffected?: number;
	params?: 'single-object';
}

const preferenceValues: Record<string, readonly string[]> = {
	return: ['minimal', 'representation', 'headers-only'],
	count: ['exact', 'planned', 'estimated'],
	resolution: ['merge-duplicates', 'ignore-duplicates'],
	missing: ['default', 'null'],
	tx: ['commit', 'rollback'],
	handling: ['strict', 'lenient'],
	params: ['single-object']
};

/** `Prefer` is a list (postgrest-js appends, so values arrive comma-joined); unknown ones are ignored. */
export function parsePrefer(header: string | string[] | undefined): Preferences {
	const text = Array.isArray(header) ? header.join(',') : (header ?? '');
	const prefs: Record<string, string | number> = {};
	for (const part of text.split(',')) {
		const [rawKey, ...rest] = part.split('=');
		const key = rawKey.trim().toLowerCase();
		const value = rest.join('=').trim();
		if (key === 'max-affected' && /^\d+$/.test(value)) prefs.maxAffected = Number(value);
		else if (preferenceValues[key]?.includes(value)) prefs[key] = value;
	}
	return prefs as Preferences;
}

/** What applies to one level of the response tree (the root or an embed). */
export interface NodeModifiers {
	filters: Filter[];
	logic: LogicTree[];
	order?: OrderTerm[];
	limit?: number;
	offset?: number;
}

export interface ParsedQuery {
	select: SelectItem[];
	/** `?columns="a","b"` on inserts. */
	columns?: string[];
	onConflict?: string[];
	/** Keyed by the embed path joined with "." ("" for the root). */
	modifiers: Map<string, NodeModifiers>;
	/** Parameters that named function arguments (GET/HEAD rpc). */
	args: Map<string, string>;
}

const rootOnly = new Set(['select', 'columns', 'on_conflict']);

function modifiersFor(map: Map<string, NodeModifiers>, path: string[]): NodeModifiers {
	const key = path.join('.');
	let entry = map.get(key);
	if (!entry) {
		entry = { filters: [], logic: [] };
		map.set(key, entry);
	}
	return entry;
}

/** `"a","b"` or `a,b` → ['a', 'b'] */
export function parseColumnList(text: string, what: string): string[] {
	const columns = splitTopLevel(text).map((part) => unquote(part.trim()));
	if (columns.some((column) => column === ''))
		throw parseError(what, `empty column name in "${text}"`);
	return columns;
}

/**
 * Classifies every query parameter. `isArgument` says which plain keys are function arguments
 * (only for rpc via GET/HEAD); everything else that is not reserved is a filter.
 */
export function parseQuery(
	query: URLSearchParams,
	isArgument: (key: string) => boolean = () => false
): ParsedQuery {
	const parsed: ParsedQuery = {
		select: [{ kind: 'star' }],
		modifiers: new Map([['', { filters: [], logic: [] }]]),
		args: new Map()
	};
	for (const [key, value] of query) {
		if (rootOnly.has(key)) {
			if (key === 'select') parsed.select = parseSelect(value);
			else if (key === 'columns') parsed.columns = parseColumnList(value, `columns (${value})`);
			else parsed.onConflict = parseColumnList(value, `on_conflict (${value})`);
			continue;
		}
		if (isArgument(key)) {
			parsed.args.set(key, value);
			continue;
		}
		// Embed path segments come before the field; a JSON path (after "->") may hold dots.
		const arrow = key.indexOf('->');
		const head = arrow < 0 ? key : key.slice(0, arrow);
		const tail = arrow < 0 ? '' : key.slice(arrow);
		const segments = head.split('.');
		const last = segments.pop() + tail;
		let negated = false;
		if ((last === 'or' || last === 'and') && segments.at(-1) === 'not') {
			segments.pop();
			negated = true;
		}
		const target = modifiersFor(parsed.modifiers, segments);
		const what = `${key} (${value})`;
		if (last === 'or' || last === 'and') {
			target.logic.push(parseLogic(last, negated, value));
		} else if (last === 'order') {
			target.order = parseOrder(value);
		} else if (last === 'limit') {
			target.limit = parseNonNegativeInteger(value, what);
		} else if (last === 'offset') {
			target.offset = parseNonNegativeInteger(value, what);
		} else {
			if (last === '') throw parseError(what, 'empty field name');
			target.filters.push(parseFilter(last, value));
		}
	}
	return parsed;
}
