import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { leadActivityKeys } from '$lib/lead-activity/queries';
import { leadKeys } from '$lib/leads/queries';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { convertLead } from './api';
import { customerKeys } from './queries';
import type { Conversion } from './schema';

/** Converts the lead into a customer; the dialog shows a failure itself. */
export function convertLeadMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['customers', 'convert'],
		mutationFn: (conversion: Conversion) =>
			convertLead(createSupabaseBrowserClient(), leadId, conversion),
		meta: { errorDisplay: 'inline' },
		onSuccess: () =>
			Promise.all([
				queryClient.invalidateQueries({ queryKey: customerKeys.all }),
				queryClient.invalidateQueries({ queryKey: leadKeys.all }),
				queryClient.invalidateQueries({ queryKey: leadActivityKeys.forLead(leadId) })
			])
	});
}
