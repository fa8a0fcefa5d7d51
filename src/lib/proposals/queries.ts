import { keepPreviousData, queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import {
	fetchCustomerProposals,
	fetchLeadProposals,
	fetchProposal,
	fetchProposalPage
} from './api';
import type { ProposalFilters } from './filters';

/** Query keys; everything under `all` is read again after a proposal changes. */
export const proposalKeys = {
	all: ['proposals'] as const,
	forLead: (leadId: string) => ['proposals', 'lead', leadId] as const,
	forCustomer: (customerId: string) => ['proposals', 'customer', customerId] as const,
	page: (filters: ProposalFilters) => ['proposals', 'page', filters] as const,
	detail: (id: string) => ['proposals', 'detail', id] as const
};

/** The proposals of one lead or one customer. */
export function relatedProposalsQuery(owner: 'lead' | 'customer', id: string) {
	return queryOptions({
		queryKey: owner === 'lead' ? proposalKeys.forLead(id) : proposalKeys.forCustomer(id),
		queryFn: () =>
			owner === 'lead'
				? fetchLeadProposals(createSupabaseBrowserClient(), id)
				: fetchCustomerProposals(createSupabaseBrowserClient(), id)
	});
}

export function proposalPageQuery(filters: ProposalFilters) {
	return queryOptions({
		queryKey: proposalKeys.page(filters),
		queryFn: () => fetchProposalPage(createSupabaseBrowserClient(), filters),
		// Paging, sorting and filtering keep the rows on screen until the next ones arrive.
		placeholderData: keepPreviousData
	});
}

export function proposalQuery(id: string) {
	return queryOptions({
		queryKey: proposalKeys.detail(id),
		queryFn: () => fetchProposal(createSupabaseBrowserClient(), id)
	});
}
