import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { leadActivityKeys } from '$lib/lead-activity/queries';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { deleteReminder, insertReminder } from './api';
import { reminderKeys } from './queries';
import type { NewReminder } from './schema';

/** Sets a reminder; the form shows a failure itself. */
export function createReminderMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['reminders', 'create'],
		mutationFn: (reminder: NewReminder) =>
			insertReminder(createSupabaseBrowserClient(), leadId, reminder),
		meta: { errorDisplay: 'inline' },
		onSuccess: () =>
			Promise.all([
				queryClient.invalidateQueries({ queryKey: reminderKeys.forLead(leadId) }),
				queryClient.invalidateQueries({ queryKey: leadActivityKeys.forLead(leadId) })
			])
	});
}

/** Deletes a reminder; a failure is a notice. */
export function deleteReminderMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['reminders', 'delete'],
		mutationFn: (reminderId: string) => deleteReminder(createSupabaseBrowserClient(), reminderId),
		onSettled: () => queryClient.invalidateQueries({ queryKey: reminderKeys.forLead(leadId) })
	});
}
