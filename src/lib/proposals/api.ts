import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { proposalSummaryColumns, proposalSummarySchema, type ProposalSummary } from './schema';

/** The proposals for a lead, newest first. */
export async function fetchLeadProposals(
	client: SupabaseClient,
	leadId: string
): Promise<ProposalSummary[]> {
	const { data } = await client
		.from('proposals')
		.select(proposalSummaryColumns)
		.eq('lead_id', leadId)
		.order('date', { ascending: false })
		.order('created_at', { ascending: false })
		.throwOnError();
	return z.array(proposalSummarySchema).parse(data);
}
