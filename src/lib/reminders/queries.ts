import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchLeadReminders } from './api';

export const reminderKeys = {
	all: ['reminders'] as const,
	forLead: (leadId: string) => ['reminders', leadId] as const
};

export function leadRemindersQuery(leadId: string) {
	return queryOptions({
		queryKey: reminderKeys.forLead(leadId),
		queryFn: () => fetchLeadReminders(createSupabaseBrowserClient(), leadId)
	});
}
