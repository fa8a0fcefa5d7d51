import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { leadActivityKeys } from '$lib/lead-activity/queries';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { createDownloadUrl, deleteLeadAttachment } from './api';
import { leadAttachmentKeys } from './queries';
import type { LeadAttachment } from './schema';

/** Deletes an attachment (file, then row); a failure is a notice. */
export function deleteAttachmentMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['lead-attachments', 'delete'],
		mutationFn: (attachment: LeadAttachment) =>
			deleteLeadAttachment(createSupabaseBrowserClient(), attachment),
		onSettled: () =>
			Promise.all([
				queryClient.invalidateQueries({ queryKey: leadAttachmentKeys.forLead(leadId) }),
				queryClient.invalidateQueries({ queryKey: leadActivityKeys.forLead(leadId) })
			])
	});
}

/** Signs a download link; a failure (say the file is gone) is a notice. */
export function downloadLinkMutation() {
	return mutationOptions({
		mutationKey: ['lead-attachments', 'download'],
		mutationFn: (attachment: LeadAttachment) =>
			createDownloadUrl(createSupabaseBrowserClient(), attachment)
	});
}
