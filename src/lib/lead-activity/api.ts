import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import {
	leadActivityColumns,
	leadActivitySchema,
	type LeadActivity,
	type ManualActivity
} from './schema';

/** Entries per page of the activity log. */
export const activityPageSize = 50;

/**
 * One page of a lead's activity log, newest first: the entries before `before` (an entry's
 * created_at), or the newest ones. Keyset paging, so entries written meanwhile shift nothing.
 */
export async function fetchLeadActivity(
	client: LeadwerkClient,
	leadId: string,
	before?: string
): Promise<LeadActivity[]> {
	let query = client.from('lead_activity').select(leadActivityColumns).eq('lead_id', leadId);
	if (before) query = query.lt('created_at', before);
	const { data } = await query
		.order('created_at', { ascending: false })
		.limit(activityPageSize)
		.throwOnError();
	return z.array(leadActivitySchema).parse(data);
}

/** Adds a manual entry as the signed-in staff member. */
export async function insertManualActivity(
	client: LeadwerkClient,
	leadId: string,
	entry: ManualActivity
): Promise<void> {
	// actor_id defaults to the caller, as the insert policy demands.
	await client
		.from('lead_activity')
		.insert({ lead_id: leadId, action: 'manual', details: { text: entry.text } })
		.throwOnError();
}
