import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { leadStatusColumns, leadStatusSchema, type LeadStatus } from './schema';

/** All statuses in board order. */
export async function fetchLeadStatuses(client: SupabaseClient): Promise<LeadStatus[]> {
	const { data } = await client
		.from('lead_statuses')
		.select(leadStatusColumns)
		.order('position')
		.order('name')
		.throwOnError();
	return z.array(leadStatusSchema).parse(data);
}
