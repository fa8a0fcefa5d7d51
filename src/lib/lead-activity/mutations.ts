import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { insertManualActivity } from './api';
import { leadActivityKeys } from './queries';
import type { ManualActivity } from './schema';

/** Adds a manual entry to the activity log; the form shows a failure itself. */
export function addManualActivityMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['lead-activity', 'manual'],
		mutationFn: (entry: ManualActivity) =>
			insertManualActivity(createSupabaseBrowserClient(), leadId, entry),
		meta: { errorDisplay: 'inline' },
		onSuccess: () => queryClient.invalidateQueries({ queryKey: leadActivityKeys.forLead(leadId) })
	});
}
