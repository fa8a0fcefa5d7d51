import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { insertLeadSource } from './api';
import { leadSourceKeys } from './queries';
import type { LeadSource, NewLeadSource } from './schema';

/** Adds a source inline; the field that asked shows a failure itself. */
export function createLeadSourceMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['lead-sources', 'create'],
		mutationFn: (source: NewLeadSource) => insertLeadSource(createSupabaseBrowserClient(), source),
		meta: { errorDisplay: 'inline' },
		onSuccess: (created) => {
			queryClient.setQueryData<LeadSource[]>(leadSourceKeys.all, (sources) =>
				[...(sources ?? []), created].sort((a, b) => a.name.localeCompare(b.name))
			);
			return queryClient.invalidateQueries({ queryKey: leadSourceKeys.all });
		}
	});
}
