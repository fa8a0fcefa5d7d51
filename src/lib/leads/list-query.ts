/**
 * How the list's filters and sort become PostgREST filters (pure, so the exact requests are
 * unit-tested). Row level security decides what a user may see; these only narrow it down.
 */
import type { LeadFilters, LeadSortColumn } from './filters';

/** One `column=operator.value` filter, as supabase-js's `filter()` takes it. */
export interface LeadCondition {
	column: string;
	operator: 'eq' | 'is' | 'cs' | 'gte' | 'lt';
	value: string;
}

const dayMs = 24 * 60 * 60 * 1000;

/** A value inside PostgREST's `or=(…)`, quoted so commas, dots and parentheses stay text. */
function quoted(text: string): string {
	return `"${text.replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

/** An element of a Postgres array literal (`{…}`), quoted the same way. */
function arrayLiteral(items: string[]): string {
	return `{${items.map(quoted).join(',')}}`;
}

/**
 * The `or` filter of a search: the term anywhere in name, company, e-mail or phone, or a tag
 * equal to it. `%` and `_` typed by the user match literally (LIKE escapes, then quoting);
 * PostgREST reads every `*` as a wildcard, so a typed `*` stays one.
 */
export function leadSearchFilter(term: string): string | undefined {
	const trimmed = term.trim();
	if (!trimmed) return undefined;
	const pattern = quoted(`*${trimmed.replace(/[\\%_]/g, (character) => `\\${character}`)}*`);
	const columns = ['name', 'company', 'email', 'phone'].map(
		(column) => `${column}.ilike.${pattern}`
	);
	return [...columns, `tags.cs.${arrayLiteral([trimmed])}`].join(',');
}

/** The filters other than the search, in a fixed order. */
export function leadFilterConditions(filters: LeadFilters, now: Date): LeadCondition[] {
	const conditions: LeadCondition[] = [];
	if (filters.status)
		conditions.push({ column: 'status_id', operator: 'eq', value: filters.status });
	if (filters.source === 'none')
		conditions.push({ column: 'source_id', operator: 'is', value: 'null' });
	else if (filters.source)
		conditions.push({ column: 'source_id', operator: 'eq', value: filters.source });
	if (filters.assignee === 'none')
		conditions.push({ column: 'assigned_to', operator: 'is', value: 'null' });
	else if (filters.assignee)
		conditions.push({ column: 'assigned_to', operator: 'eq', value: filters.assignee });
	if (filters.tag)
		conditions.push({ column: 'tags', operator: 'cs', value: arrayLiteral([filters.tag]) });
	conditions.push(...lastContactConditions(filters.contact, now));
	if (!filters.lost) conditions.push({ column: 'lost', operator: 'is', value: 'false' });
	if (!filters.junk) conditions.push({ column: 'junk', operator: 'is', value: 'false' });
	return conditions;
}

function lastContactConditions(contact: LeadFilters['contact'], now: Date): LeadCondition[] {
	const daysAgo = (days: number) => new Date(now.getTime() - days * dayMs).toISOString();
	switch (contact) {
		case 'within7':
			return [{ column: 'last_contact_at', operator: 'gte', value: daysAgo(7) }];
		case 'within30':
			return [{ column: 'last_contact_at', operator: 'gte', value: daysAgo(30) }];
		case 'over30':
			return [{ column: 'last_contact_at', operator: 'lt', value: daysAgo(30) }];
		case 'never':
			return [{ column: 'last_contact_at', operator: 'is', value: 'null' }];
		case undefined:
			return [];
	}
}

/** One `order` term; `column` may name an embedded row's column: `assignee(full_name)`. */
export interface LeadOrder {
	column: string;
	ascending: boolean;
	nullsFirst?: boolean;
}

/** The embed a related sort needs in the select (PostgREST orders by embedded to-one rows). */
export const sortEmbeds: Partial<Record<LeadSortColumn, string>> = {
	status: 'status:lead_statuses(position)',
	source: 'source:lead_sources(name)'
};

const sortColumns: Record<LeadSortColumn, string> = {
	name: 'name',
	company: 'company',
	status: 'status(position)',
	source: 'source(name)',
	assignee: 'assignee(full_name)',
	last_contact: 'last_contact_at',
	value: 'value',
	tags: 'tags'
};

/**
 * The list's order: the chosen column (empty values last either way), then newest first and
 * the id, so pages never overlap or skip a lead.
 */
export function leadOrder(filters: Pick<LeadFilters, 'sort' | 'dir'>): LeadOrder[] {
	const tieBreakers: LeadOrder[] = [
		{ column: 'created_at', ascending: false },
		{ column: 'id', ascending: true }
	];
	if (!filters.sort) return tieBreakers;
	const chosen: LeadOrder = {
		column: sortColumns[filters.sort],
		ascending: filters.dir === 'asc',
		nullsFirst: false
	};
	return [chosen, ...tieBreakers];
}

/** The rows of one table page, for `range(from, to)`. */
export function pageRange(filters: Pick<LeadFilters, 'page' | 'size'>): {
	from: number;
	to: number;
} {
	const from = (filters.page - 1) * filters.size;
	return { from, to: from + filters.size - 1 };
}
