import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchLeadNotes } from './api';

export const leadNoteKeys = {
	all: ['lead-notes'] as const,
	forLead: (leadId: string) => ['lead-notes', leadId] as const
};

export function leadNotesQuery(leadId: string) {
	return queryOptions({
		queryKey: leadNoteKeys.forLead(leadId),
		queryFn: () => fetchLeadNotes(createSupabaseBrowserClient(), leadId)
	});
}
