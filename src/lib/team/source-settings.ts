import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import type { LeadwerkClient } from '$lib/supabase/client';
import { insertLeadSource } from '$lib/lead-sources/api';
import { leadSourceKeys } from '$lib/lead-sources/queries';
import { newLeadSourceSchema } from '$lib/lead-sources/schema';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';

export async function renameSource(client: LeadwerkClient, id: string, name: string) {
	await client
		.from('lead_sources')
		.update(newLeadSourceSchema.parse({ name }))
		.eq('id', id)
		.select('id')
		.single()
		.throwOnError();
}

/** Deletes a source; the database refuses (23503) while a lead has it. */
export async function deleteSource(client: LeadwerkClient, id: string) {
	await client.from('lead_sources').delete().eq('id', id).select('id').single().throwOnError();
}

function sourceMutation<Variables>(
	queryClient: QueryClient,
	name: string,
	mutationFn: (client: LeadwerkClient, variables: Variables) => Promise<unknown>
) {
	return mutationOptions({
		mutationKey: ['lead-sources', name],
		mutationFn: (variables: Variables) => mutationFn(createSupabaseBrowserClient(), variables),
		meta: { errorDisplay: 'inline' as const },
		onSettled: () => queryClient.invalidateQueries({ queryKey: leadSourceKeys.all })
	});
}

export const addSourceMutation = (queryClient: QueryClient) =>
	sourceMutation(queryClient, 'add', (client, name: string) =>
		insertLeadSource(client, newLeadSourceSchema.parse({ name }))
	);

export const renameSourceMutation = (queryClient: QueryClient) =>
	sourceMutation(queryClient, 'rename', (client, { id, name }: { id: string; name: string }) =>
		renameSource(client, id, name)
	);

export const deleteSourceMutation = (queryClient: QueryClient) =>
	sourceMutation(queryClient, 'delete', (client, id: string) => deleteSource(client, id));
