import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchLeadSources } from './api';

export const leadSourceKeys = {
	all: ['lead-sources'] as const
};

export function leadSourcesQuery() {
	return queryOptions({
		queryKey: leadSourceKeys.all,
		queryFn: () => fetchLeadSources(createSupabaseBrowserClient())
	});
}
