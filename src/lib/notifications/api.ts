import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import { notificationColumns, notificationSchema, type NotificationPage } from './schema';

/** The newest `limit` notifications of the signed-in member (RLS: only their own). */
export async function fetchNotifications(
	client: LeadwerkClient,
	limit: number
): Promise<NotificationPage> {
	const { data } = await client
		.from('notifications')
		.select(notificationColumns)
		.order('created_at', { ascending: false })
		.order('id', { ascending: false })
		// One more than shown tells whether there are older ones.
		.limit(limit + 1)
		.throwOnError();
	const items = z.array(notificationSchema).parse(data);
	return { items: items.slice(0, limit), hasMore: items.length > limit };
}

/** How many of the signed-in member's notifications are unread. */
export async function countUnreadNotifications(client: LeadwerkClient): Promise<number> {
	const { count } = await client
		.from('notifications')
		.select('id', { count: 'exact', head: true })
		.is('read_at', null)
		.throwOnError();
	return count ?? 0;
}

/** Marks one notification as read (the database lets members change only read_at). */
export async function markNotificationRead(client: LeadwerkClient, id: string): Promise<void> {
	await client
		.from('notifications')
		.update({ read_at: new Date().toISOString() })
		.eq('id', id)
		.is('read_at', null)
		.throwOnError();
}

/** Marks all of the signed-in member's unread notifications as read. */
export async function markAllNotificationsRead(client: LeadwerkClient): Promise<void> {
	await client
		.from('notifications')
		.update({ read_at: new Date().toISOString() })
		.is('read_at', null)
		.throwOnError();
}
