import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { leadActivityKeys } from '$lib/lead-activity/queries';
import { leadKeys } from '$lib/leads/queries';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { insertLeadNote } from './api';
import { leadNoteKeys } from './queries';
import type { NewLeadNote } from './schema';

/**
 * Adds a note; the form shows a failure itself. A contacted note moves the lead's last contact,
 * so the lead (page header, lists) and the activity log read again too.
 */
export function addLeadNoteMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['lead-notes', 'add'],
		mutationFn: (note: NewLeadNote) => insertLeadNote(createSupabaseBrowserClient(), leadId, note),
		meta: { errorDisplay: 'inline' },
		onSuccess: (_note, note) =>
			Promise.all([
				queryClient.invalidateQueries({ queryKey: leadNoteKeys.forLead(leadId) }),
				queryClient.invalidateQueries({ queryKey: leadActivityKeys.forLead(leadId) }),
				note.contacted ? queryClient.invalidateQueries({ queryKey: leadKeys.all }) : undefined
			])
	});
}
