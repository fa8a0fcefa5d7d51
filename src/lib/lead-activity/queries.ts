import { infiniteQueryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { activityPageSize, fetchLeadActivity } from './api';

export const leadActivityKeys = {
	all: ['lead-activity'] as const,
	forLead: (leadId: string) => ['lead-activity', leadId] as const
};

/** The activity log in pages of older entries. */
export function leadActivityQuery(leadId: string) {
	return infiniteQueryOptions({
		queryKey: leadActivityKeys.forLead(leadId),
		queryFn: ({ pageParam }) => fetchLeadActivity(createSupabaseBrowserClient(), leadId, pageParam),
		initialPageParam: undefined as string | undefined,
		getNextPageParam: (lastPage) =>
			lastPage.length === activityPageSize ? lastPage.at(-1)?.created_at : undefined
	});
}
