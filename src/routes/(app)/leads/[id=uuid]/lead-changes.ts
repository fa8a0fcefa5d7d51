/**
 * Marking a lead lost or junk (and back) and deleting it, from the lead page's header.
 *
 * These belong with the other lead writes in src/lib/leads (api.ts, mutations.ts); they live
 * here only until that module, built alongside, takes them in.
 */
import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import type { LeadwerkClient } from '$lib/supabase/client';
import type { TablesUpdate } from '$lib/supabase/database.types';
import { leadActivityKeys } from '$lib/lead-activity/queries';
import { leadKeys } from '$lib/leads/queries';
import { leadColumns, leadSchema, type Lead } from '$lib/leads/schema';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';

export type LeadFlag = 'lost' | 'junk';

/**
 * Sets or clears a flag. Not checked against `version`: a flag overwrites nothing anyone typed,
 * and the status is untouched, so clearing it brings the lead back where it was.
 */
export async function setLeadFlag(
	client: LeadwerkClient,
	id: string,
	flag: LeadFlag,
	value: boolean
): Promise<Lead> {
	const change: Pick<TablesUpdate<'leads'>, LeadFlag> = { [flag]: value };
	const { data } = await client
		.from('leads')
		.update(change)
		.eq('id', id)
		.select(leadColumns)
		.single()
		.throwOnError();
	return leadSchema.parse(data);
}

/** An error shaped like the database's "insufficient privilege", for a delete RLS filtered out. */
class LeadNotDeletedError extends Error {
	readonly code = '42501';

	constructor() {
		super('The lead was not deleted: it is gone or the user may not delete it.');
		this.name = 'LeadNotDeletedError';
	}
}

/**
 * Deletes a lead with everything on it (the database cascades). Row level security turns a
 * forbidden delete into one that deletes nothing, which is reported as forbidden here.
 */
export async function deleteLead(client: LeadwerkClient, id: string): Promise<void> {
	const { data } = await client.from('leads').delete().eq('id', id).select('id').throwOnError();
	if (!data?.length) throw new LeadNotDeletedError();
}

export interface LeadFlagChange {
	flag: LeadFlag;
	value: boolean;
}

/** Marks or unmarks; a failure is a notice. */
export function setLeadFlagMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['leads', 'flag'],
		mutationFn: ({ flag, value }: LeadFlagChange) =>
			setLeadFlag(createSupabaseBrowserClient(), leadId, flag, value),
		onSuccess: (lead) => {
			queryClient.setQueryData(leadKeys.detail(lead.id), lead);
			return Promise.all([
				queryClient.invalidateQueries({ queryKey: leadKeys.all }),
				queryClient.invalidateQueries({ queryKey: leadActivityKeys.forLead(leadId) })
			]);
		}
	});
}

/** Deletes the lead; the confirmation shows a failure itself. */
export function deleteLeadMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['leads', 'delete'],
		mutationFn: () => deleteLead(createSupabaseBrowserClient(), leadId),
		meta: { errorDisplay: 'inline' },
		// Marked stale only: refetching the open page's lead now would just find it gone.
		onSuccess: () => queryClient.invalidateQueries({ queryKey: leadKeys.all, refetchType: 'none' })
	});
}
