import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchLeadStatuses } from './api';

export const leadStatusKeys = {
	all: ['lead-statuses'] as const
};

export function leadStatusesQuery() {
	return queryOptions({
		queryKey: leadStatusKeys.all,
		queryFn: () => fetchLeadStatuses(createSupabaseBrowserClient()),
		// Statuses change rarely (settings); keep them for the session.
		staleTime: 5 * 60_000
	});
}
