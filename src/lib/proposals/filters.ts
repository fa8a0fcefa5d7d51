/**
 * The proposals list's filters, sort and page, kept in the address bar (`/proposals?status=…`)
 * so a view can be reloaded and shared; unknown or malformed parameters fall back to defaults.
 * Pure, so the exact PostgREST filters are unit-tested. Row level security decides what a user
 * may see; these only narrow it down.
 */
import { z } from 'zod';
import { proposalStatuses } from './schema';

export const proposalSortColumns = [
	'number',
	'subject',
	'status',
	'date',
	'open_till',
	'total'
] as const;
export type ProposalSortColumn = (typeof proposalSortColumns)[number];

export const proposalPageSizes = [25, 50, 100] as const;

export const proposalFiltersSchema = z.object({
	q: z.string().trim().max(200).catch(''),
	status: z.enum(proposalStatuses).optional().catch(undefined),
	assignee: z
		.union([z.guid(), z.literal('none')])
		.optional()
		.catch(undefined),
	from: z.iso.date().optional().catch(undefined),
	to: z.iso.date().optional().catch(undefined),
	sort: z.enum(proposalSortColumns).optional().catch(undefined),
	dir: z.enum(['asc', 'desc']).catch('desc'),
	page: z.coerce.number().int().min(1).max(100_000).catch(1),
	size: z.coerce
		.number()
		.refine((size) => (proposalPageSizes as readonly number[]).includes(size))
		.catch(proposalPageSizes[0])
});

export type ProposalFilters = z.output<typeof proposalFiltersSchema>;

export const defaultProposalFilters: ProposalFilters = proposalFiltersSchema.parse({});

export function parseProposalFilters(params: URLSearchParams): ProposalFilters {
	const raw: Record<string, string> = {};
	for (const key of Object.keys(proposalFiltersSchema.shape)) {
		const value = params.get(key);
		if (value !== null && value !== '') raw[key] = value;
	}
	return proposalFiltersSchema.parse(raw);
}

/** The list's address for these filters, leaving defaults out so addresses stay short. */
export function proposalsHref(filters: ProposalFilters): '/proposals' | `/proposals?${string}` {
	const params = new URLSearchParams();
	for (const key of Object.keys(proposalFiltersSchema.shape) as (keyof ProposalFilters)[]) {
		const value = filters[key];
		if (value === undefined || value === defaultProposalFilters[key]) continue;
		params.set(key, String(value));
	}
	const search = params.toString();
	return search ? `/proposals?${search}` : '/proposals';
}

/** The filters with some changed; any change but paging starts again at the first page. */
export function withProposalFilters(
	filters: ProposalFilters,
	changes: Partial<ProposalFilters>
): ProposalFilters {
	return { ...filters, ...changes, page: 'page' in changes ? (changes.page ?? 1) : 1 };
}

/** The next sort when a column header is clicked: descending first (newest, largest), then up. */
export function nextProposalSort(
	filters: ProposalFilters,
	column: ProposalSortColumn
): Pick<ProposalFilters, 'sort' | 'dir'> {
	if (filters.sort !== column) return { sort: column, dir: 'desc' };
	return { sort: column, dir: filters.dir === 'desc' ? 'asc' : 'desc' };
}

export function hasActiveProposalFilters(filters: ProposalFilters): boolean {
	return (
		filters.q !== '' ||
		[filters.status, filters.assignee, filters.from, filters.to].some(
			(value) => value !== undefined
		)
	);
}

export interface ProposalCondition {
	column: string;
	operator: 'eq' | 'is' | 'gte' | 'lte';
	value: string;
}

/** The filters other than the search, as PostgREST filters in a fixed order. */
export function proposalFilterConditions(filters: ProposalFilters): ProposalCondition[] {
	const conditions: ProposalCondition[] = [];
	if (filters.status) conditions.push({ column: 'status', operator: 'eq', value: filters.status });
	if (filters.assignee === 'none')
		conditions.push({ column: 'assigned_to', operator: 'is', value: 'null' });
	else if (filters.assignee)
		conditions.push({ column: 'assigned_to', operator: 'eq', value: filters.assignee });
	if (filters.from) conditions.push({ column: 'date', operator: 'gte', value: filters.from });
	if (filters.to) conditions.push({ column: 'date', operator: 'lte', value: filters.to });
	return conditions;
}

/** The order: the chosen column, then newest first and the id, so pages never overlap. */
export function proposalOrder(
	filters: Pick<ProposalFilters, 'sort' | 'dir'>
): { column: string; ascending: boolean }[] {
	const tieBreakers = [
		{ column: 'date', ascending: false },
		{ column: 'number', ascending: false },
		{ column: 'id', ascending: true }
	];
	if (!filters.sort) return tieBreakers;
	return [{ column: filters.sort, ascending: filters.dir === 'asc' }, ...tieBreakers];
}

/**
 * A search term as an `ilike` pattern inside PostgREST's `or=(…)`: anywhere in the text, `%`
 * and `_` typed by the user matched literally, quoted so commas and parentheses stay text.
 */
export function quotedPattern(term: string): string {
	const escaped = term.trim().replace(/[\\%_]/g, (character) => `\\${character}`);
	return `"*${escaped.replace(/["\\]/g, (character) => `\\${character}`)}*"`;
}
