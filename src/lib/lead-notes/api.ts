import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { leadNoteColumns, leadNoteSchema, type LeadNote, type NewLeadNote } from './schema';

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
