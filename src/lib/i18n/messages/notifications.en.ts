import type { notificationsDe } from './notifications.de';

/** English texts of the notification bell and the connection indicator. Terms: glossary.md. */
export const notificationsEn: Record<keyof typeof notificationsDe, string> = {
	'notifications.title': 'Notifications',
	'notifications.bellUnread': 'Notifications, {count} unread',
	'notifications.empty': 'No notifications',
	'notifications.loading': 'Loading notifications …',
	'notifications.more': 'Show older',
	'notifications.unread': 'Unread',
	'notifications.markRead': 'Mark as read',
	'notifications.markAllRead': 'Mark all as read',
	'notifications.someone': 'Someone',
	'notifications.leadAssigned': '{who} assigned the lead “{lead}” to you.',
	'notifications.taskAssigned': '{who} assigned the task “{title}” to you.',
	'notifications.reminderDue': 'Reminder for “{lead}”: {description}',
	'notifications.reminderDueNoDescription': 'A reminder for “{lead}” is due.',
	'notifications.reminderDueHidden': 'A reminder is due.',
	'notifications.noteAdded': '{who} added a note to “{lead}”.',
	'notifications.leadContacted': '{who} contacted “{lead}”.',
	'notifications.leadsReassigned.one': '{who} handed {count} lead from {from} over to you.',
	'notifications.leadsReassigned.other': '{who} handed {count} leads from {from} over to you.',
	'notifications.leadsAssigned.one': '{who} assigned {count} lead to you.',
	'notifications.leadsAssigned.other': '{who} assigned {count} leads to you.',
	'notifications.generic': 'Notification ({kind})',
	'notifications.arrived': 'New notification: {text}',
	'connection.offline': 'Offline',
	'connection.offlineHint': 'No connection. Changes by others appear once you are back online.',
	'connection.reconnecting': 'Reconnecting …'
};
