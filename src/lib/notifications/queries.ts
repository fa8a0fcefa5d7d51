import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { countUnreadNotifications, fetchNotifications } from './api';

export const notificationKeys = {
	/** Everything read from the member's notifications; refreshed together when one arrives. */
	all: ['notifications'] as const,
	list: (limit: number) => ['notifications', 'list', limit] as const,
	unreadCount: ['notifications', 'unread-count'] as const
};

/** How many notifications the panel shows at first, and how many more each "more" adds. */
export const notificationPageSize = 10;

export function notificationsQuery(limit: number) {
	return queryOptions({
		queryKey: notificationKeys.list(limit),
		queryFn: () => fetchNotifications(createSupabaseBrowserClient(), limit)
	});
}

export function unreadNotificationCountQuery() {
	return queryOptions({
		queryKey: notificationKeys.unreadCount,
		queryFn: () => countUnreadNotifications(createSupabaseBrowserClient())
	});
}
