import { z } from 'zod';
import { parseDateTimeLocal } from '$lib/forms/date-time-local';
import type { MessageKey } from '$lib/i18n/translate';

const message = (key: MessageKey) => ({ error: key });

/** A note on a lead (design.md §3); contacted notes are the contact log. */
export const leadNoteSchema = z.object({
	id: z.guid(),
	lead_id: z.guid(),
	body: z.string(),
	contacted: z.boolean(),
	contacted_at: z.iso.datetime({ offset: true }).nullable(),
	created_at: z.iso.datetime({ offset: true }),
	author: z.object({ id: z.guid(), full_name: z.string() }).nullable()
});

export type LeadNote = z.infer<typeof leadNoteSchema>;

export const leadNoteColumns =
	'id, lead_id, body, contacted, contacted_at, created_at, author:staff(id, full_name)';

/** A contact a minute ahead is clock skew between devices, not the future. */
const futureToleranceMs = 60_000;

/**
 * The note form: text, and whether (and when, a `datetime-local` value) the author contacted the
 * lead. Mirrors lead_notes_body_length; contacted_at is the instant or null.
 */
export const newLeadNoteSchema = z
	.object({
		body: z
			.string()
			.trim()
			.min(1, message('validation.note.bodyRequired'))
			.max(10_000, message('validation.note.bodyTooLong')),
		contacted: z.boolean(),
		contactedAt: z.string()
	})
	.transform((form, context) => {
		if (!form.contacted) return { body: form.body, contacted: false, contacted_at: null };
		const contactedAt = parseDateTimeLocal(form.contactedAt);
		if (!contactedAt) {
			context.addIssue({
				code: 'custom',
				path: ['contactedAt'],
				message: 'validation.note.contactedAtRequired'
			});
			return z.NEVER;
		}
		if (contactedAt.getTime() > Date.now() + futureToleranceMs) {
			context.addIssue({
				code: 'custom',
				path: ['contactedAt'],
				message: 'validation.note.contactedAtFuture'
			});
			return z.NEVER;
		}
		return { body: form.body, contacted: true, contacted_at: contactedAt.toISOString() };
	});

export type NewLeadNoteForm = z.input<typeof newLeadNoteSchema>;
export type NewLeadNote = z.output<typeof newLeadNoteSchema>;

/** The lead's last contact as the contact log has it: when, and who. */
export const lastContactSchema = z.object({
	contacted_at: z.iso.datetime({ offset: true }),
	author: z.object({ id: z.guid(), full_name: z.string() }).nullable()
});

export type LastContact = z.infer<typeof lastContactSchema>;

/**
 * A colleague's contact within the team's window (lead_defaults.recent_contact_hours), as the
 * database reports it when refusing an unconfirmed contact (add_lead_note, SQLSTATE PT428).
 */
export const recentContactSchema = z.object({
	contacted_at: z.iso.datetime({ offset: true }),
	contacted_by: z.guid().nullable(),
	contacted_by_name: z.string().nullable(),
	window_hours: z.number().int()
});

export type RecentContact = z.infer<typeof recentContactSchema>;
