/**
 * The list's filters, sort and page, kept in the address bar (`/leads?q=…&status=…`) so a view
 * can be reloaded, bookmarked and shared. Unknown or malformed parameters fall back to defaults.
 */
import { z } from 'zod';

export const leadSortColumns = [
	'name',
	'company',
	'status',
	'source',
	'assignee',
	'last_contact',
	'value',
	'tags'
] as const;
export type LeadSortColumn = (typeof leadSortColumns)[number];

export const lastContactFilters = ['within7', 'within30', 'over30', 'never'] as const;
export type LastContactFilter = (typeof lastContactFilters)[number];

export const leadPageSizes = [25, 50, 100] as const;

/** `none` selects leads without a source or without an assignee. */
const idOrNone = z.union([z.guid(), z.literal('none')]);

const flag = z
	.enum(['1'])
	.transform(() => true)
	.catch(false);

export const leadFiltersSchema = z.object({
	view: z.enum(['table', 'board']).catch('table'),
	q: z.string().trim().max(200).catch(''),
	status: z.guid().optional().catch(undefined),
	source: idOrNone.optional().catch(undefined),
	assignee: idOrNone.optional().catch(undefined),
	tag: z.string().trim().min(1).max(40).optional().catch(undefined),
	contact: z.enum(lastContactFilters).optional().catch(undefined),
	lost: flag,
	junk: flag,
	sort: z.enum(leadSortColumns).optional().catch(undefined),
	dir: z.enum(['asc', 'desc']).catch('asc'),
	page: z.coerce.number().int().min(1).max(100_000).catch(1),
	size: z.coerce
		.number()
		.refine((size) => (leadPageSizes as readonly number[]).includes(size))
		.catch(leadPageSizes[0])
});

export type LeadFilters = z.output<typeof leadFiltersSchema>;

export const defaultLeadFilters: LeadFilters = leadFiltersSchema.parse({});

/** The filters a URL's search parameters describe. */
export function parseLeadFilters(params: URLSearchParams): LeadFilters {
	const raw: Record<string, string> = {};
	for (const key of Object.keys(leadFiltersSchema.shape)) {
		const value = params.get(key);
		if (value !== null && value !== '') raw[key] = value;
	}
	return leadFiltersSchema.parse(raw);
}

/** The search parameters for filters, leaving defaults out so addresses stay short. */
export function leadFiltersToSearchParams(filters: LeadFilters): URLSearchParams {
	const params = new URLSearchParams();
	for (const key of Object.keys(leadFiltersSchema.shape) as (keyof LeadFilters)[]) {
		const value = filters[key];
		if (value === undefined || value === defaultLeadFilters[key]) continue;
		params.set(key, value === true ? '1' : String(value));
	}
	return params;
}

/** The filters with some changed; any change but paging starts again at the first page. */
export function withLeadFilters(filters: LeadFilters, changes: Partial<LeadFilters>): LeadFilters {
	const changesPage = 'page' in changes;
	return { ...filters, ...changes, page: changesPage ? (changes.page ?? 1) : 1 };
}

/** The next sort when a column header is clicked: ascending first, then descending. */
export function nextLeadSort(
	filters: LeadFilters,
	column: LeadSortColumn
): Pick<LeadFilters, 'sort' | 'dir'> {
	if (filters.sort !== column) return { sort: column, dir: 'asc' };
	return { sort: column, dir: filters.dir === 'asc' ? 'desc' : 'asc' };
}

/** Whether anything narrows the leads shown (view, sort and paging do not). */
export function hasActiveFilters(filters: LeadFilters): boolean {
	return (
		filters.q !== '' ||
		[filters.status, filters.source, filters.assignee, filters.tag, filters.contact].some(
			(value) => value !== undefined
		) ||
		filters.lost ||
		filters.junk
	);
}
