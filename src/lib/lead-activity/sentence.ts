import type { MessageKey, MessageParams } from '$lib/i18n/translate';
import { leadFieldLabels } from '$lib/leads/field-labels';
import type { LeadActivity } from './schema';

/** What turning an entry into words needs from the UI language. */
export interface ActivityFormat {
	t: (key: MessageKey, params?: MessageParams) => string;
	dateTime: (date: Date) => string;
	/** "A, B und C" / "A, B, and C". */
	list: (items: string[]) => string;
	/** A status as the activity details name it, in the UI language where it is a built-in one. */
	statusName: (status: { id: string; name: string }) => string;
}

/** One entry in words: a sentence, and the text it is about (note, manual entry) if any. */
export interface ActivityText {
	sentence: string;
	quote?: string;
}

const proposalStatusLabels: Record<string, MessageKey> = {
	draft: 'proposals.status.draft',
	sent: 'proposals.status.sent',
	open: 'proposals.status.open',
	revised: 'proposals.status.revised',
	declined: 'proposals.status.declined',
	accepted: 'proposals.status.accepted'
};

type Details = Record<string, unknown>;

const isRecord = (value: unknown): value is Details =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const textOf = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** `{id, name}` as the activity triggers store staff members and statuses. */
function reference(value: unknown): { id: string; name: string } | undefined {
	if (!isRecord(value) || typeof value.id !== 'string') return undefined;
	return { id: value.id, name: typeof value.name === 'string' ? value.name : '' };
}

function dateOf(value: unknown): Date | undefined {
	if (typeof value !== 'string') return undefined;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * A translated, human sentence for an activity entry: who did what, with the names and values
 * the entry recorded (so it stays right after renames). Details an older or hand-written entry
 * lacks fall back to a sentence without them rather than to raw keys.
 */
export function describeActivity(
	entry: Pick<LeadActivity, 'action' | 'details' | 'actor'>,
	format: ActivityFormat
): ActivityText {
	const { t } = format;
	const details = entry.details;
	const actor = entry.actor?.full_name ?? t('activity.someone');
	const say = (key: MessageKey, params: MessageParams = {}) => t(key, { actor, ...params });

	switch (entry.action) {
		case 'lead.created':
			return { sentence: say('activity.leadCreated') };
		case 'lead.updated': {
			// The profile fields private.log_lead_activity reports are the lead form's fields.
			const labelKeys: Record<string, MessageKey | undefined> = leadFieldLabels;
			const changes = isRecord(details.changes) ? Object.keys(details.changes) : [];
			const labels = changes.flatMap((field) => {
				const key = labelKeys[field];
				return key ? [t(key)] : [];
			});
			return {
				sentence: labels.length
					? say('activity.leadUpdated', { fields: format.list(labels) })
					: say('activity.leadUpdatedGeneric')
			};
		}
		case 'lead.assigned': {
			const assignee = reference(details.new);
			return {
				sentence: assignee
					? say('activity.leadAssigned', {
							assignee: assignee.name || t('activity.someone')
						})
					: say('activity.leadUnassigned')
			};
		}
		case 'lead.status_changed': {
			const from = reference(details.old);
			const to = reference(details.new);
			return {
				sentence:
					from && to
						? say('activity.statusChanged', {
								from: format.statusName(from),
								to: format.statusName(to)
							})
						: say('activity.statusChangedGeneric')
			};
		}
		case 'lead.public_changed':
			return {
				sentence: say(details.new === true ? 'activity.madePublic' : 'activity.madePrivate')
			};
		case 'lead.marked_lost':
			return { sentence: say('activity.markedLost') };
		case 'lead.unmarked_lost':
			return { sentence: say('activity.unmarkedLost') };
		case 'lead.marked_junk':
			return { sentence: say('activity.markedJunk') };
		case 'lead.unmarked_junk':
			return { sentence: say('activity.unmarkedJunk') };
		case 'lead.converted':
			return { sentence: say('activity.converted') };
		case 'lead.contacted': {
			const contactedAt = dateOf(details.contacted_at);
			return {
				sentence: contactedAt
					? say('activity.contacted', { date: format.dateTime(contactedAt) })
					: say('activity.contactedGeneric'),
				quote: textOf(details.excerpt)
			};
		}
		case 'note.added':
			return { sentence: say('activity.noteAdded'), quote: textOf(details.excerpt) };
		case 'attachment.added':
			return {
				sentence: say('activity.attachmentAdded', { file: textOf(details.file_name) ?? '' })
			};
		case 'attachment.removed':
			return {
				sentence: say('activity.attachmentRemoved', { file: textOf(details.file_name) ?? '' })
			};
		case 'task.created':
			return { sentence: say('activity.taskCreated', { title: textOf(details.title) ?? '' }) };
		case 'task.completed':
			return { sentence: say('activity.taskCompleted', { title: textOf(details.title) ?? '' }) };
		case 'reminder.set': {
			const remindAt = dateOf(details.remind_at);
			const staff = reference(details.remind_staff);
			return {
				sentence:
					remindAt && staff
						? say('activity.reminderSet', {
								staff: staff.name || t('activity.someone'),
								date: format.dateTime(remindAt)
							})
						: say('activity.reminderSetGeneric'),
				quote: textOf(details.description)
			};
		}
		case 'proposal.created':
			return {
				sentence: say('activity.proposalCreated', { subject: textOf(details.subject) ?? '' })
			};
		case 'proposal.status_changed': {
			const status = textOf(details.new);
			const label = status && proposalStatusLabels[status];
			return {
				sentence: say('activity.proposalStatusChanged', {
					subject: textOf(details.subject) ?? '',
					status: label ? t(label) : (status ?? '')
				})
			};
		}
		case 'proposal.sent':
			return {
				sentence: say('activity.proposalSent', {
					subject: textOf(details.subject) ?? '',
					email: textOf(details.email) ?? ''
				})
			};
		// Through the public link the lead acts, not a staff member: those entries have no actor.
		case 'proposal.viewed':
			return {
				sentence: t('activity.proposalViewed', { subject: textOf(details.subject) ?? '' })
			};
		case 'proposal.accepted':
			return {
				sentence: t('activity.proposalAccepted', {
					subject: textOf(details.subject) ?? '',
					name: textOf(details.name) ?? actor
				})
			};
		case 'proposal.declined':
			return {
				sentence: entry.actor
					? say('activity.proposalDeclinedBy', { subject: textOf(details.subject) ?? '' })
					: t('activity.proposalDeclined', { subject: textOf(details.subject) ?? '' }),
				quote: textOf(details.reason)
			};
		case 'proposal.deleted':
			return {
				sentence: say('activity.proposalDeleted', { subject: textOf(details.subject) ?? '' })
			};
		case 'manual':
			return { sentence: say('activity.manual'), quote: textOf(details.text) };
	}
}
