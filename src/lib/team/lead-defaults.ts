import type { SupabaseClient } from '@supabase/supabase-js';
import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/svelte-query';
import { z } from 'zod';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';

/** The status and source a new lead gets when it names none (`lead_defaults`, one row). */
export const leadDefaultsSchema = z.object({
	status_id: z.guid().nullable(),
	source_id: z.guid().nullable()
});

export type LeadDefaults = z.infer<typeof leadDefaultsSchema>;

export const leadDefaultsKeys = {
	all: ['lead-defaults'] as const
};

export async function fetchLeadDefaults(client: SupabaseClient): Promise<LeadDefaults> {
	const { data } = await client
		.from('lead_defaults')
		.select('status_id, source_id')
		.single()
		.throwOnError();
	return leadDefaultsSchema.parse(data);
}

export async function saveLeadDefaults(client: SupabaseClient, defaults: LeadDefaults) {
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
