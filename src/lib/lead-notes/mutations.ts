import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { leadActivityKeys } from '$lib/lead-activity/queries';
import { leadKeys } from '$lib/leads/queries';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { addLeadNote } from './api';
import { leadNoteKeys } from './queries';
import type { NewLeadNote } from './schema';

export interface LeadNoteSubmission {
	note: NewLeadNote;
	/** The author saw the warning about a colleague's recent contact and logs theirs anyway. */
	confirmRecentContact?: boolean;
}

/**
 * Adds a note; the form shows a failure (and the recent-contact question) itself. A contacted
 * note moves the lead's last contact, so the lead (page header, lists) and the activity log read
 * again too.
 */
export function addLeadNoteMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['lead-notes', 'add'],
		mutationFn: ({ note, confirmRecentContact }: LeadNoteSubmission) =>
			addLeadNote(createSupabaseBrowserClient(), leadId, note, confirmRecentContact),
		meta: { errorDisplay: 'inline' },
		onSuccess: (_id, { note }) =>
			Promise.all([
				queryClient.invalidateQueries({ queryKey: leadNoteKeys.forLead(leadId) }),
				queryClient.invalidateQueries({ queryKey: leadActivityKeys.forLead(leadId) }),
				note.contacted ? queryClient.invalidateQueries({ queryKey: leadKeys.all }) : undefined
			])
	});
}
