import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import {
	lastContactSchema,
	leadNoteColumns,
	leadNoteSchema,
	recentContactSchema,
	type LastContact,
	type LeadNote,
	type NewLeadNote,
	type RecentContact
} from './schema';

/** The notes of a lead, newest first. */
export async function fetchLeadNotes(client: LeadwerkClient, leadId: string): Promise<LeadNote[]> {
	const { data } = await client
		.from('lead_notes')
		.select(leadNoteColumns)
		.eq('lead_id', leadId)
		.order('created_at', { ascending: false })
		.throwOnError();
	return z.array(leadNoteSchema).parse(data);
}

/**
 * A contact refused because a colleague contacted the lead shortly before (SQLSTATE PT428 from
 * add_lead_note); `recent` says who and when. Saving again with the confirmation logs it anyway.
 */
export class RecentContactError extends Error {
	readonly code = 'PT428';

	constructor(readonly recent: RecentContact) {
		super('A colleague contacted this lead recently.');
		this.name = 'RecentContactError';
	}
}

/**
 * Adds a note as the signed-in staff member and returns its id; a contacted one updates the
 * lead's last contact. The database asks for `confirmRecentContact` when a colleague contacted
 * the lead within the team's window, even if both save at the same moment.
 */
export async function addLeadNote(
	client: LeadwerkClient,
	leadId: string,
	note: NewLeadNote,
	confirmRecentContact = false
): Promise<string> {
	const { data, error } = await client.rpc('add_lead_note', {
		p_lead_id: leadId,
		p_body: note.body,
		p_contacted: note.contacted,
		p_contacted_at: note.contacted_at,
		p_confirm_recent_contact: confirmRecentContact
	});
	if (error?.code === 'PT428') {
		throw new RecentContactError(recentContactSchema.parse(JSON.parse(error.details)));
	}
	if (error) throw error;
	return z.guid().parse(data);
}

/**
 * The latest contacted note: the same one the database copies into leads.last_contact_at/_by,
 * read here with its author's name. Null when nobody has contacted the lead yet.
 */
export async function fetchLastContact(
	client: LeadwerkClient,
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
