import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import { leadSourceSchema, type LeadSource, type NewLeadSource } from './schema';

/** All sources, alphabetically. */
export async function fetchLeadSources(client: LeadwerkClient): Promise<LeadSource[]> {
	const { data } = await client
		.from('lead_sources')
		.select('id, name')
		.order('name')
		.throwOnError();
	return z.array(leadSourceSchema).parse(data);
}

/** Adds a source; the database refuses it (42501) when the caller's role may not add sources. */
export async function insertLeadSource(
	client: LeadwerkClient,
	source: NewLeadSource
): Promise<LeadSource> {
	const { data } = await client
		.from('lead_sources')
		.insert(source)
		.select('id, name')
		.single()
		.throwOnError();
	return leadSourceSchema.parse(data);
}
