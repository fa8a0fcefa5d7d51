import { z } from 'zod';
import type { MessageKey } from '$lib/i18n/translate';

const message = (key: MessageKey) => ({ error: key });

/** The action keys of lead_activity (its check constraint lead_activity_action_known). */
export const leadActivityActions = [
	'lead.created',
	'lead.updated',
	'lead.assigned',
	'lead.status_changed',
	'lead.public_changed',
	'lead.marked_lost',
	'lead.unmarked_lost',
	'lead.marked_junk',
	'lead.unmarked_junk',
	'lead.converted',
	'lead.contacted',
	'note.added',
	'attachment.added',
	'attachment.removed',
	'task.created',
	'task.completed',
	'reminder.set',
	'proposal.created',
	'proposal.status_changed',
	'proposal.sent',
	'proposal.viewed',
	'proposal.accepted',
	'proposal.declined',
	'proposal.deleted',
	'manual'
] as const;

export type LeadActivityAction = (typeof leadActivityActions)[number];

/** An entry of a lead's activity log; `details` differ per action (see ./sentence.ts). */
export const leadActivitySchema = z.object({
	id: z.guid(),
	lead_id: z.guid(),
	action: z.enum(leadActivityActions),
	details: z.record(z.string(), z.unknown()),
	created_at: z.iso.datetime({ offset: true }),
	actor: z.object({ id: z.guid(), full_name: z.string() }).nullable()
});

export type LeadActivity = z.infer<typeof leadActivitySchema>;

export const leadActivityColumns =
	'id, lead_id, action, details, created_at, actor:staff(id, full_name)';

/** A manual entry; mirrors lead_activity_manual_text. */
export const manualActivitySchema = z.object({
	text: z
		.string()
		.trim()
		.min(1, message('validation.activity.textRequired'))
		.max(2000, message('validation.activity.textTooLong'))
});

export type ManualActivity = z.infer<typeof manualActivitySchema>;
