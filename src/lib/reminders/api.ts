import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import { reminderColumns, reminderSchema, type NewReminder, type Reminder } from './schema';

/** The reminders of a lead, soonest first. */
export async function fetchLeadReminders(
	client: LeadwerkClient,
	leadId: string
): Promise<Reminder[]> {
	const { data } = await client
		.from('reminders')
		.select(reminderColumns)
		.eq('lead_id', leadId)
		.order('remind_at')
		.throwOnError();
	return z.array(reminderSchema).parse(data);
}

/** Sets a reminder as the signed-in staff member. */
export async function insertReminder(
	client: LeadwerkClient,
	leadId: string,
	reminder: NewReminder
): Promise<Reminder> {
	const { data } = await client
		.from('reminders')
		.insert({ lead_id: leadId, ...reminder })
		.select(reminderColumns)
		.single()
		.throwOnError();
	return reminderSchema.parse(data);
}

export async function deleteReminder(client: LeadwerkClient, reminderId: string): Promise<void> {
	await client.from('reminders').delete().eq('id', reminderId).throwOnError();
}
