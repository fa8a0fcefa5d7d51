import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import {
	lastContactSchema,
	leadNoteColumns,
	leadNoteSchema,
	type LastContact,
	type LeadNote,
	type NewLeadNote
} from './schema';

/** The notes of a lead, newest first. */
export async function fetchLeadNotes(client: SupabaseClient, leadId: string): Promise<LeadNote[]> {
	const { data } = await client
		.from('lead_notes')
		.select(leadNoteColumns)
		.eq('lead_id', leadId)
		.order('created_at', { ascending: false })
		.throwOnError();
	return z.array(leadNoteSchema).parse(data);
}

/** Adds a note as the signed-in staff member; a contacted one updates the lead's last contact. */
export async function insertLeadNote(
	client: SupabaseClient,
	leadId: string,
	note: NewLeadNote
): Promise<LeadNote> {
	const { data } = await client
		.from('lead_notes')
		.insert({ lead_id: leadId, ...note })
		.select(leadNoteColumns)
		.single()
		.throwOnError();
	return leadNoteSchema.parse(data);
}

/**
 * The latest contacted note: the same one the database copies into leads.last_contact_at/_by,
 * read here with its author's name. Null when nobody has contacted the lead yet.
 */
export async function fetchLastContact(
	client: SupabaseClient,
	leadId: string
): Promise<LastContact | null> {
	const { data } = await client
		.from('lead_notes')
		.select('contacted_at, author:staff(id, full_name)')
		.eq('lead_id', leadId)
		.eq('contacted', true)
		.order('contacted_at', { ascending: false })
		.limit(1)
		.maybeSingle()
		.throwOnError();
	return data === null ? null : lastContactSchema.parse(data);
}
