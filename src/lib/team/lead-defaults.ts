import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/svelte-query';
import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';

/** Mirrors lead_defaults_recent_contact_hours_range. */
export const maxRecentContactHours = 720;

/**
 * The team's lead defaults (`lead_defaults`, one row): the status and source a new lead gets when
 * it names none, and the hours after a colleague's contact in which another contact on the same
 * lead must be confirmed (0: never asked).
 */
export const leadDefaultsSchema = z.object({
	status_id: z.guid().nullable(),
	source_id: z.guid().nullable(),
	recent_contact_hours: z
		.number({ error: 'leadLive.settings.recentContactInvalid' })
		.int({ error: 'leadLive.settings.recentContactInvalid' })
		.min(0, { error: 'leadLive.settings.recentContactInvalid' })
		.max(maxRecentContactHours, { error: 'leadLive.settings.recentContactInvalid' })
});

export type LeadDefaults = z.infer<typeof leadDefaultsSchema>;

export const leadDefaultsKeys = {
	all: ['lead-defaults'] as const
};

export async function fetchLeadDefaults(client: LeadwerkClient): Promise<LeadDefaults> {
	const { data } = await client
		.from('lead_defaults')
		.select('status_id, source_id, recent_contact_hours')
		.single()
		.throwOnError();
	return leadDefaultsSchema.parse(data);
}

export async function saveLeadDefaults(client: LeadwerkClient, defaults: LeadDefaults) {
	await client
		.from('lead_defaults')
		.update(leadDefaultsSchema.parse(defaults))
		.eq('singleton', true)
		.select('singleton')
		.single()
		.throwOnError();
}

export function leadDefaultsQuery() {
	return queryOptions({
		queryKey: leadDefaultsKeys.all,
		queryFn: () => fetchLeadDefaults(createSupabaseBrowserClient())
	});
}

export function saveLeadDefaultsMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['lead-defaults', 'save'],
		mutationFn: (defaults: LeadDefaults) =>
			saveLeadDefaults(createSupabaseBrowserClient(), defaults),
		onSettled: () => queryClient.invalidateQueries({ queryKey: leadDefaultsKeys.all })
	});
}
