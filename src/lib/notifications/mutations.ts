import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { markAllNotificationsRead, markNotificationRead } from './api';
import { notificationKeys } from './queries';

function refreshNotifications(queryClient: QueryClient) {
	return queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}

/** Marks one notification as read; a failure goes to the shared notice. */
export function markNotificationReadMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['notifications', 'mark-read'],
		mutationFn: (id: string) => markNotificationRead(createSupabaseBrowserClient(), id),
		onSettled: () => refreshNotifications(queryClient)
	});
}

export function markAllNotificationsReadMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['notifications', 'mark-all-read'],
		mutationFn: () => markAllNotificationsRead(createSupabaseBrowserClient()),
		onSettled: () => refreshNotifications(queryClient)
	});
}
