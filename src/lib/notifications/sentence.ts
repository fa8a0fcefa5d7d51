import type { Locale } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import { notificationPayloadSchemas, type Notification } from './schema';

/** What the bell shows for a notification: a sentence, and the lead it links to (if any). */
export interface NotificationDescription {
	text: string;
	leadId: string | null;
}

type StaffRef = { name: string | null } | null | undefined;

/**
 * The translated sentence for a notification (notifications-contract.md). A kind this client
 * does not know, or a payload it cannot read, still shows as a generic sentence naming the kind.
 */
export function describeNotification(
	notification: Pick<Notification, 'kind' | 'payload'>,
	locale: Locale
): NotificationDescription {
	const who = (ref: StaffRef) => ref?.name ?? translate(locale, 'notifications.someone');
	const lead = (name: string, company?: string | null) => (company ? `${name} (${company})` : name);
	const { kind, payload } = notification;
	switch (kind) {
		case 'lead.assigned': {
			const parsed = notificationPayloadSchemas[kind].safeParse(payload);
			if (!parsed.success) break;
			const { lead_id, lead_name, company, assigned_by } = parsed.data;
			return {
				text: translate(locale, 'notifications.leadAssigned', {
					who: who(assigned_by),
					lead: lead(lead_name, company)
				}),
				leadId: lead_id
			};
		}
		case 'task.assigned': {
			const parsed = notificationPayloadSchemas[kind].safeParse(payload);
			if (!parsed.success) break;
			const { title, lead_id, assigned_by } = parsed.data;
			return {
				text: translate(locale, 'notifications.taskAssigned', { who: who(assigned_by), title }),
				leadId: lead_id ?? null
			};
		}
		case 'reminder.due': {
			const parsed = notificationPayloadSchemas[kind].safeParse(payload);
			if (!parsed.success) break;
			const { lead_id, lead_name, company, description } = parsed.data;
			// Without the lead's name the recipient may no longer see the lead: no details, no link.
			if (lead_name === null) {
				return { text: translate(locale, 'notifications.reminderDueHidden'), leadId: null };
			}
			return {
				text: description
					? translate(locale, 'notifications.reminderDue', {
							lead: lead(lead_name, company),
							description
						})
					: translate(locale, 'notifications.reminderDueNoDescription', {
							lead: lead(lead_name, company)
						}),
				leadId: lead_id
			};
		}
		case 'lead.note_added':
		case 'lead.contacted': {
			const parsed = notificationPayloadSchemas[kind].safeParse(payload);
			if (!parsed.success) break;
			const { lead_id, lead_name, company, author } = parsed.data;
			const key =
				kind === 'lead.contacted' ? 'notifications.leadContacted' : 'notifications.noteAdded';
			return {
				text: translate(locale, key, { who: who(author), lead: lead(lead_name, company) }),
				leadId: lead_id
			};
		}
		case 'leads.reassigned': {
			const parsed = notificationPayloadSchemas[kind].safeParse(payload);
			if (!parsed.success) break;
			const { count, from, by } = parsed.data;
			const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
			const params = {
				who: who(by),
				count: new Intl.NumberFormat(locale).format(count),
				from: from?.name ?? ''
			};
			return {
				text: from?.name
					? translate(locale, `notifications.leadsReassigned.${form}`, params)
					: translate(locale, `notifications.leadsAssigned.${form}`, params),
				leadId: null
			};
		}
	}
	return { text: translate(locale, 'notifications.generic', { kind }), leadId: null };
}
