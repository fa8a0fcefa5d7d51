/**
 * Horizontal filtering and ordering as postgrest-js emits it (supabase-protocols.md §2):
 * `col=[not.]op[(modifier)].value`, `or=(...)` / `and=(...)` trees, `order=col.desc.nullslast`.
 */
import { parseError } from './errors.ts';
import { parseField, type FieldRef } from './parse-select.ts';

export const comparisonOperators = {
	eq: '=',
	neq: '<>',
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	like: 'like',
	ilike: 'ilike',
	match: '~',
	imatch: '~*'
} as const;

export const containmentOperators = {
	cs: '@>',
	cd: '<@',
	ov: '&&',
	sl: '<<',
	sr: '>>',
	nxr: '&<',
	nxl: '&>',
	adj: '-|-'
} as const;

export const textSearchFunctions = {
	fts: 'to_tsquery',
	plfts: 'plainto_tsquery',
	phfts: 'phraseto_tsquery',
	wfts: 'websearch_to_tsquery'
} as const;

export type ComparisonOperator = keyof typeof comparisonOperators;
export type ContainmentOperator = keyof typeof containmentOperators;
export type TextSearchOperator = keyof typeof textSearchFunctions;

export type IsValue = 'null' | 'not_null' | 'true' | 'false' | 'unknown';

export type Condition =
	| { kind: 'compare'; operator: ComparisonOperator; value: string }
	| {
			kind: 'quantified';
			operator: ComparisonOperator;
			quantifier: 'any' | 'all';
			values: string[];
	  }
	| { kind: 'in'; values: string[] }
	| { kind: 'is'; value: IsValue }
	| { kind: 'isdistinct'; value: string }
	| { kind: 'contain'; operator: ContainmentOperator; value: string }
	| { kind: 'fts'; operator: TextSearchOperator; config?: string; value: string };

export interface Filter {
	field: FieldRef;
	negate: boolean;
	condition: Condition;
}

export type LogicTree =
	| { kind: 'logic'; operator: 'and' | 'or'; negate: boolean; children: LogicTree[] }
	| { kind: 'filter'; filter: Filter };

export interface OrderTerm {
	field: FieldRef;
	/** Set when ordering by a column of a to-one embed: `order=author(name).desc`. */
	relation?: string;
	direction: 'asc' | 'desc';
	nulls?: 'first' | 'last';
}

function isKey<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
	return Object.prototype.hasOwnProperty.call(table, key);
}

/** Splits `a,"b,c",(d,e)` on top-level commas, keeping quotes and parentheses intact. */
export function splitTopLevel(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let quoted = false;
	let current = '';
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '\\' && i + 1 < text.length) {
				current += char + text[++i];
				continue;
			}
			if (char === '"') quoted = false;
		} else if (char === '"') quoted = true;
		else if (char === '(' || char === '{' || char === '[') depth++;
		else if (char === ')' || char === '}' || char === ']') depth--;
		else if (char === ',' && depth === 0) {
			parts.push(current);
			current = '';
			continue;
		}
		current += char;
	}
	parts.push(current);
	return parts;
}

/** `"a \"b\""` → `a "b"`; unquoted text stays as it is. */
export function unquote(text: string): string {
	if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
	return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** The elements of `(a,"b,c")` (an `in` list) or `{a,b}` (a quantified list). */
function parseList(text: string, open: string, close: string, what: string): string[] {
	if (!text.startsWith(open) || !text.endsWith(close)) {
		throw parseError(what, `expecting a list in "${open}${close}"`);
	}
	const inner = text.slice(1, -1);
	if (inner === '') return [];
	return splitTopLevel(inner).map(unquote);
}

const isValues = new Set<IsValue>(['null', 'not_null', 'true', 'false', 'unknown']);

/**
 * The right-hand side of a filter: `not.eq.5`, `in.(1,2)`, `fts(english).cat`, `like(any).{a*,b*}`.
 * `inLogic` marks values inside `or=(...)`, where a value may be double-quoted.
 */
export function parseCondition(
	text: string,
	what: string,
	inLogic = false
): { negate: boolean; condition: Condition } {
	let rest = text;
	let negate = false;
	if (rest.startsWith('not.')) {
		negate = true;
		rest = rest.slice(4);
	}
	const dot = rest.indexOf('.');
	if (dot < 0) throw parseError(what, `expecting "operator.value" in "${text}"`);
	const head = rest.slice(0, dot);
	const raw = rest.slice(dot + 1);
	const value = inLogic ? unquote(raw) : raw;
	const modified = /^([a-z]+)\((.*)\)$/.exec(head);
	const operator = modified ? modified[1] : head;
	const modifier = modified?.[2];

	if (isKey(textSearchFunctions, operator)) {
		if (modifier !== undefined && !/^[a-z_][a-z0-9_.]*$/i.test(modifier)) {
			throw parseError(what, `invalid text search configuration "${modifier}"`);
		}
		return { negate, condition: { kind: 'fts', operator, config: modifier, value } };
	}
	if (isKey(comparisonOperators, operator)) {
		if (modifier === undefined) return { negate, condition: { kind: 'compare', operator, value } };
		if (modifier !== 'any' && modifier !== 'all') {
			throw parseError(what, `unknown modifier "${modifier}", expecting "any" or "all"`);
		}
		const values = parseList(raw, '{', '}', what);
		return { negate, condition: { kind: 'quantified', operator, quantifier: modifier, values } };
	}
	if (modifier !== undefined) throw parseError(what, `unknown operator "${head}"`);
	if (operator === 'in')
		return { negate, condition: { kind: 'in', values: parseList(raw, '(', ')', what) } };
	if (operator === 'is') {
		const lowered = value.toLowerCase();
		if (!isValues.has(lowered as IsValue)) {
			throw parseError(what, `"is" expects null, not_null, true, false or unknown, got "${value}"`);
		}
		return { negate, condition: { kind: 'is', value: lowered as IsValue } };
	}
	if (operator === 'isdistinct') return { negate, condition: { kind: 'isdistinct', value } };
	if (isKey(containmentOperators, operator)) {
		return { negate, condition: { kind: 'contain', operator, value } };
	}
	throw parseError(what, `unknown operator "${operator}"`);
}

/** A query parameter filter: key `data->>city`, value `not.eq.Berlin`. */
export function parseFilter(key: string, value: string): Filter {
	const what = `filter (${key}=${value})`;
	return { field: parseField(key, what), ...parseCondition(value, what) };
}

/** `(a.eq.1,and(b.gt.2,not.c.is.null),not.or(d.eq.x,e.eq.y))` under operator `or`/`and`. */
export function parseLogic(operator: 'and' | 'or', negate: boolean, text: string): LogicTree {
	const what = `logic tree (${negate ? 'not.' : ''}${operator}=${text})`;
	if (!text.startsWith('(') || !text.endsWith(')')) {
		throw parseError(what, 'expecting the conditions in parentheses');
	}
	const children = splitTopLevel(text.slice(1, -1)).map((part) => parseLogicItem(part, what));
	return { kind: 'logic', operator, negate, children };
}

function parseLogicItem(text: string, what: string): LogicTree {
	const nested = /^(not\.)?(and|or)(\(.*\))$/s.exec(text);
	if (nested) return parseLogic(nested[2] as 'and' | 'or', nested[1] !== undefined, nested[3]);
	// The field ends at the first dot outside quotes.
	let end: number;
	if (text.startsWith('"')) {
		end = text.indexOf('"', 1) + 1;
		if (end === 0 || text[end] !== '.')
			throw parseError(what, `expecting "field.operator.value" in "${text}"`);
	} else {
		end = text.indexOf('.');
		if (end < 0) throw parseError(what, `expecting "field.operator.value" in "${text}"`);
	}
	const field = parseField(text.slice(0, end), what);
	return { kind: 'filter', filter: { field, ...parseCondition(text.slice(end + 1), what, true) } };
}

/** `order=name.desc.nullslast,author(name).asc,created_at` */
export function parseOrder(text: string): OrderTerm[] {
	const what = `order (${text})`;
	return splitTopLevel(text).map((term) => {
		let rest = term;
		let relation: string | undefined;
		const related = /^([^(]+)\(([^)]+)\)(.*)$/.exec(term);
		if (related) {
			relation = unquote(related[1]);
			rest = related[2] + related[3];
		}
		const parts = splitModifiers(rest);
		const order: OrderTerm = { field: parseField(parts.field, what), direction: 'asc' };
		if (relation !== undefined) order.relation = relation;
		for (const modifier of parts.modifiers) {
			if (modifier === 'asc' || modifier === 'desc') order.direction = modifier;
			else if (modifier === 'nullsfirst') order.nulls = 'first';
			else if (modifier === 'nullslast') order.nulls = 'last';
			else
				throw parseError(
					what,
					`unexpected "${modifier}", expecting asc, desc, nullsfirst or nullslast`
				);
		}
		return order;
	});
}

/** Separates `field.desc.nullsfirst` into the field and up to two trailing modifiers. */
function splitModifiers(term: string): { field: string; modifiers: string[] } {
	const known = new Set(['asc', 'desc', 'nullsfirst', 'nullslast']);
	const modifiers: string[] = [];
	let field = term;
	for (let i = 0; i < 2; i++) {
		const dot = field.lastIndexOf('.');
		if (dot < 0 || !known.has(field.slice(dot + 1))) break;
		modifiers.unshift(field.slice(dot + 1));
		field = field.slice(0, dot);
	}
	return { field, modifiers };
}

export function parseNonNegativeInteger(text: string, what: string): number {
	if (!/^\d{1,15}$/.test(text))
		throw parseError(what, `expecting a non-negative integer, got "${text}"`);
	return Number(text);
}
