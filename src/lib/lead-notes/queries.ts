import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchLastContact, fetchLeadNotes } from './api';

export const leadNoteKeys = {
	all: ['lead-notes'] as const,
	/** Everything read from a lead's notes; refreshed together when a note changes. */
	forLead: (leadId: string) => ['lead-notes', leadId] as const,
	list: (leadId: string) => ['lead-notes', leadId, 'list'] as const,
	lastContact: (leadId: string) => ['lead-notes', leadId, 'last-contact'] as const
};

export function leadNotesQuery(leadId: string) {
	return queryOptions({
		queryKey: leadNoteKeys.list(leadId),
		queryFn: () => fetchLeadNotes(createSupabaseBrowserClient(), leadId)
	});
}

export function lastContactQuery(leadId: string) {
	return queryOptions({
		queryKey: leadNoteKeys.lastContact(leadId),
		queryFn: () => fetchLastContact(createSupabaseBrowserClient(), leadId)
	});
}
