import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchLeadProposals } from './api';

export const proposalKeys = {
	all: ['proposals'] as const,
	forLead: (leadId: string) => ['proposals', 'lead', leadId] as const
};

export function leadProposalsQuery(leadId: string) {
	return queryOptions({
		queryKey: proposalKeys.forLead(leadId),
		queryFn: () => fetchLeadProposals(createSupabaseBrowserClient(), leadId)
	});
}
