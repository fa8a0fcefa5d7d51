import { keepPreviousData, queryOptions } from '@tanstack/svelte-query';
import type { LeadStatus } from '$lib/lead-statuses/schema';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchLead, fetchLeadBoard, fetchLeadPage, fetchLeadStatusTotals } from './api';
import type { LeadFilters } from './filters';

/** What narrows the set of leads (not how it is shown, sorted or paged). */
function selection(filters: LeadFilters) {
	const { q, status, source, assignee, tag, contact, lost, junk } = filters;
	return { q, status, source, assignee, tag, contact, lost, junk };
}

/** Query keys; everything under `all` is refreshed after a lead changes. */
export const leadKeys = {
	all: ['leads'] as const,
	page: (filters: LeadFilters) =>
		[
			...leadKeys.all,
			'page',
			{
				...selection(filters),
				sort: filters.sort,
				dir: filters.dir,
				page: filters.page,
				size: filters.size
			}
		] as const,
	board: (filters: LeadFilters) => [...leadKeys.all, 'board', selection(filters)] as const,
	totals: (filters: LeadFilters) => [...leadKeys.all, 'totals', selection(filters)] as const,
	detail: (id: string) => [...leadKeys.all, 'detail', id] as const
};

export function leadPageQuery(filters: LeadFilters) {
	return queryOptions({
		queryKey: leadKeys.page(filters),
		queryFn: () => fetchLeadPage(createSupabaseBrowserClient(), filters),
		// Paging and sorting keep the rows on screen until the next ones arrive.
		placeholderData: keepPreviousData
	});
}

export function leadBoardQuery(filters: LeadFilters, statuses: LeadStatus[]) {
	return queryOptions({
		queryKey: leadKeys.board(filters),
		queryFn: () => fetchLeadBoard(createSupabaseBrowserClient(), filters, statuses),
		placeholderData: keepPreviousData
	});
}

export function leadStatusTotalsQuery(filters: LeadFilters) {
	return queryOptions({
		queryKey: leadKeys.totals(filters),
		queryFn: () => fetchLeadStatusTotals(createSupabaseBrowserClient(), filters),
		placeholderData: keepPreviousData
	});
}

export function leadQuery(id: string) {
	return queryOptions({
		queryKey: leadKeys.detail(id),
		queryFn: () => fetchLead(createSupabaseBrowserClient(), id)
	});
}
