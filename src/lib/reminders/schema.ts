import { z } from 'zod';
import { parseDateTimeLocal } from '$lib/forms/date-time-local';
import type { MessageKey } from '$lib/i18n/translate';

const message = (key: MessageKey) => ({ error: key });

/** A reminder on a lead for a staff member (design.md §3, §6). */
export const reminderSchema = z.object({
	id: z.guid(),
	lead_id: z.guid(),
	remind_at: z.iso.datetime({ offset: true }),
	description: z.string(),
	notify_by_email: z.boolean(),
	notified_at: z.iso.datetime({ offset: true }).nullable(),
	remind_staff: z.object({ id: z.guid(), full_name: z.string() })
});

export type Reminder = z.infer<typeof reminderSchema>;

export const reminderColumns =
	'id, lead_id, remind_at, description, notify_by_email, notified_at, ' +
	'remind_staff:staff!reminders_remind_staff_id_fkey(id, full_name)';

/**
 * The reminder form; mirrors reminders_description_length. `remindAt` is a `datetime-local`
 * value and must lie ahead: a reminder for the past would fire at once.
 */
export const newReminderSchema = z
	.object({
		remindStaffId: z.guid(message('validation.reminder.staffRequired')),
		remindAt: z.string(),
		description: z
			.string()
			.trim()
			.min(1, message('validation.reminder.descriptionRequired'))
			.max(1000, message('validation.reminder.descriptionTooLong')),
		notifyByEmail: z.boolean()
	})
	.transform((form, context) => {
		const remindAt = parseDateTimeLocal(form.remindAt);
		if (!remindAt || remindAt.getTime() <= Date.now()) {
			context.addIssue({
				code: 'custom',
				path: ['remindAt'],
				message: remindAt
					? 'validation.reminder.remindAtPast'
					: 'validation.reminder.remindAtRequired'
			});
			return z.NEVER;
		}
		return {
			remind_staff_id: form.remindStaffId,
			remind_at: remindAt.toISOString(),
			description: form.description,
			notify_by_email: form.notifyByEmail
		};
	});

export type NewReminderForm = z.input<typeof newReminderSchema>;
export type NewReminder = z.output<typeof newReminderSchema>;
