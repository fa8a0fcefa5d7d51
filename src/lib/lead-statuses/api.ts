import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import { leadStatusColumns, leadStatusSchema, type LeadStatus } from './schema';

/** All statuses in board order. */
export async function fetchLeadStatuses(client: LeadwerkClient): Promise<LeadStatus[]> {
	const { data } = await client
		.from('lead_statuses')
		.select(leadStatusColumns)
		.order('position')
		.order('name')
		.throwOnError();
	return z.array(leadStatusSchema).parse(data);
}
