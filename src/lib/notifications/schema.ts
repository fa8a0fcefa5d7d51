import { z } from 'zod';

/**
 * A notification of the signed-in staff member (public.notifications). `kind` says what
 * happened and decides the shape of `payload` (notifications-contract: lead.assigned,
 * task.assigned, reminder.due, …); kinds this client does not know yet are shown generically.
 */
export const notificationSchema = z.object({
	id: z.guid(),
	kind: z.string(),
	payload: z.record(z.string(), z.unknown()),
	read_at: z.iso.datetime({ offset: true }).nullable(),
	created_at: z.iso.datetime({ offset: true })
});

export type Notification = z.infer<typeof notificationSchema>;

export const notificationColumns = 'id, kind, payload, read_at, created_at';

/** A page of the newest notifications and whether older ones exist. */
export interface NotificationPage {
	items: Notification[];
	hasMore: boolean;
}

/** `{id, name}` of a staff member in a payload (private.staff_ref); null for no one. */
const staffRefSchema = z.object({ id: z.guid(), name: z.string().nullable() }).nullable();

const leadRefShape = {
	lead_id: z.guid(),
	lead_name: z.string(),
	company: z.string().nullable().optional()
};

/** The payloads of the known kinds (notifications-contract.md). */
export const notificationPayloadSchemas = {
	'lead.assigned': z.object({ ...leadRefShape, assigned_by: staffRefSchema.optional() }),
	'task.assigned': z.object({
		task_id: z.guid(),
		title: z.string(),
		lead_id: z.guid().nullable().optional(),
		assigned_by: staffRefSchema.optional()
	}),
	// Lead name, company and description are null when the recipient may no longer see the lead.
	'reminder.due': z.object({
		reminder_id: z.guid(),
		lead_id: z.guid(),
		lead_name: z.string().nullable(),
		company: z.string().nullable().optional(),
		description: z.string().nullable().optional(),
		remind_at: z.iso.datetime({ offset: true }).optional()
	}),
	'lead.note_added': z.object({
		...leadRefShape,
		note_id: z.guid(),
		author: staffRefSchema.optional()
	}),
	'lead.contacted': z.object({
		...leadRefShape,
		note_id: z.guid(),
		author: staffRefSchema.optional(),
		contacted_at: z.iso.datetime({ offset: true }).nullable().optional()
	}),
	'leads.reassigned': z.object({
		count: z.number().int().nonnegative(),
		from: staffRefSchema.optional(),
		by: staffRefSchema.optional()
	})
};
