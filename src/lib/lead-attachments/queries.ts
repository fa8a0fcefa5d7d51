import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchLeadAttachments } from './api';

export const leadAttachmentKeys = {
	all: ['lead-attachments'] as const,
	forLead: (leadId: string) => ['lead-attachments', leadId] as const
};

export function leadAttachmentsQuery(leadId: string) {
	return queryOptions({
		queryKey: leadAttachmentKeys.forLead(leadId),
		queryFn: () => fetchLeadAttachments(createSupabaseBrowserClient(), leadId)
	});
}
