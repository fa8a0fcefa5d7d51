/** German texts of the notification bell and the connection indicator. Terms: glossary.md. */
export const notificationsDe = {
	'notifications.title': 'Benachrichtigungen',
	'notifications.bellUnread': 'Benachrichtigungen, {count} ungelesen',
	'notifications.empty': 'Keine Benachrichtigungen',
	'notifications.loading': 'Benachrichtigungen werden geladen …',
	'notifications.more': 'Ältere anzeigen',
	'notifications.unread': 'Ungelesen',
	'notifications.markRead': 'Als gelesen markieren',
	'notifications.markAllRead': 'Alle als gelesen markieren',
	'notifications.someone': 'Jemand',
	'notifications.leadAssigned': '{who} hat dir den Interessenten „{lead}“ zugewiesen.',
	'notifications.taskAssigned': '{who} hat dir die Aufgabe „{title}“ zugewiesen.',
	'notifications.reminderDue': 'Erinnerung zu „{lead}“: {description}',
	'notifications.reminderDueNoDescription': 'Erinnerung zu „{lead}“ ist fällig.',
	'notifications.reminderDueHidden': 'Eine Erinnerung ist fällig.',
	'notifications.noteAdded': '{who} hat eine Notiz zu „{lead}“ geschrieben.',
	'notifications.leadContacted': '{who} hat „{lead}“ kontaktiert.',
	'notifications.leadsReassigned.one': '{who} hat dir {count} Interessenten von {from} übertragen.',
	'notifications.leadsReassigned.other':
		'{who} hat dir {count} Interessenten von {from} übertragen.',
	'notifications.leadsAssigned.one': '{who} hat dir {count} Interessenten zugewiesen.',
	'notifications.leadsAssigned.other': '{who} hat dir {count} Interessenten zugewiesen.',
	'notifications.generic': 'Benachrichtigung ({kind})',
	'notifications.arrived': 'Neue Benachrichtigung: {text}',
	'connection.offline': 'Offline',
	'connection.offlineHint':
		'Keine Verbindung. Änderungen anderer erscheinen, sobald du wieder online bist.',
	'connection.reconnecting': 'Verbindung wird wiederhergestellt …'
};
