/** The lead page's forms: what they accept, what they store, and the message at each field. */
import { describe, expect, it } from 'vitest';
import { conversionFormSchema, conversionFormValues } from '../../src/lib/customers/schema.ts';
import { parseDateTimeLocal, toDateTimeLocal } from '../../src/lib/forms/date-time-local.ts';
import { manualActivitySchema } from '../../src/lib/lead-activity/schema.ts';
import { newLeadNoteSchema } from '../../src/lib/lead-notes/schema.ts';
import { fieldMessages } from '../../src/lib/leads/field-messages.ts';
import { leadSchema, type Lead } from '../../src/lib/leads/schema.ts';
import { can, ownPermissionsSchema } from '../../src/lib/permissions/schema.ts';
import { newReminderSchema } from '../../src/lib/reminders/schema.ts';
import { newTaskSchema } from '../../src/lib/tasks/schema.ts';

const staffId = '00000000-0000-4000-a000-000000000003';
const hour = 60 * 60 * 1000;
const inputAt = (offsetMs: number) => toDateTimeLocal(new Date(Date.now() + offsetMs));

describe('date-time-local', () => {
	it('round-trips to the minute in local time', () => {
		const date = new Date(2026, 10, 27, 9, 5);
		expect(toDateTimeLocal(date)).toBe('2026-11-27T09:05');
		expect(parseDateTimeLocal('2026-11-27T09:05')?.getTime()).toBe(date.getTime());
	});

	it('reads nothing from empty or malformed input', () => {
		for (const value of ['', '27.11.2026 09:05', '2026-11-27', '2026-13-45T99:99']) {
			expect(parseDateTimeLocal(value), value).toBeUndefined();
		}
	});
});

describe('newLeadNoteSchema', () => {
	it('stores a plain note without a contact time', () => {
		expect(
			newLeadNoteSchema.parse({ body: '  Rückruf erbeten ', contacted: false, contactedAt: '' })
		).toEqual({ body: 'Rückruf erbeten', contacted: false, contacted_at: null });
	});

	it('stores when the lead was contacted', () => {
		const contactedAt = inputAt(-2 * hour);
		const note = newLeadNoteSchema.parse({ body: 'Angerufen', contacted: true, contactedAt });
		expect(note.contacted).toBe(true);
		expect(note.contacted_at).toBe(parseDateTimeLocal(contactedAt)?.toISOString());
	});

	it('asks for the text and for a contact time that is not in the future', () => {
		const empty = newLeadNoteSchema.safeParse({ body: ' ', contacted: true, contactedAt: '' });
		expect(empty.success).toBe(false);
		expect(fieldMessages(empty.error!)).toEqual({ body: { key: 'validation.note.bodyRequired' } });

		const missingTime = newLeadNoteSchema.safeParse({
			body: 'x',
			contacted: true,
			contactedAt: ''
		});
		expect(fieldMessages(missingTime.error!)).toEqual({
			contactedAt: { key: 'validation.note.contactedAtRequired' }
		});

		const future = newLeadNoteSchema.safeParse({
			body: 'x',
			contacted: true,
			contactedAt: inputAt(2 * hour)
		});
		expect(fieldMessages(future.error!)).toEqual({
			contactedAt: { key: 'validation.note.contactedAtFuture' }
		});
	});

	it('holds notes to the database limit', () => {
		const long = newLeadNoteSchema.safeParse({
			body: 'x'.repeat(10_001),
			contacted: false,
			contactedAt: ''
		});
		expect(fieldMessages(long.error!).body?.key).toBe('validation.note.bodyTooLong');
	});
});

describe('newTaskSchema', () => {
	it('stores the task and its distinct assignees', () => {
		const dueAt = inputAt(24 * hour);
		expect(
			newTaskSchema.parse({
				title: ' Angebot schicken ',
				description: '',
				priority: 'high',
				dueAt,
				assigneeIds: [staffId, staffId]
			})
		).toEqual({
			task: {
				title: 'Angebot schicken',
				description: null,
				priority: 'high',
				due_at: parseDateTimeLocal(dueAt)?.toISOString()
			},
			assigneeIds: [staffId]
		});
	});

	it('allows no due date and asks for a title', () => {
		const parsed = newTaskSchema.safeParse({
			title: '',
			description: '',
			priority: 'low',
			dueAt: '',
			assigneeIds: []
		});
		expect(fieldMessages(parsed.error!)).toEqual({
			title: { key: 'validation.task.titleRequired' }
		});
	});
});

describe('newReminderSchema', () => {
	it('stores whom to remind, when, what and whether by e-mail', () => {
		const remindAt = inputAt(3 * hour);
		expect(
			newReminderSchema.parse({
				remindStaffId: staffId,
				remindAt,
				description: 'Nachfassen',
				notifyByEmail: true
			})
		).toEqual({
			remind_staff_id: staffId,
			remind_at: parseDateTimeLocal(remindAt)?.toISOString(),
			description: 'Nachfassen',
			notify_by_email: true
		});
	});

	it('wants a time ahead, a colleague and a text', () => {
		const parsed = newReminderSchema.safeParse({
			remindStaffId: '',
			remindAt: inputAt(-hour),
			description: '',
			notifyByEmail: false
		});
		expect(fieldMessages(parsed.error!)).toEqual({
			remindStaffId: { key: 'validation.reminder.staffRequired' },
			description: { key: 'validation.reminder.descriptionRequired' }
		});
		const past = newReminderSchema.safeParse({
			remindStaffId: staffId,
			remindAt: inputAt(-hour),
			description: 'x',
			notifyByEmail: false
		});
		expect(fieldMessages(past.error!)).toEqual({
			remindAt: { key: 'validation.reminder.remindAtPast' }
		});
	});
});

describe('manualActivitySchema', () => {
	it('takes 1 to 2000 characters', () => {
		expect(manualActivitySchema.parse({ text: ' Messe ' })).toEqual({ text: 'Messe' });
		expect(fieldMessages(manualActivitySchema.safeParse({ text: '' }).error!)).toEqual({
			text: { key: 'validation.activity.textRequired' }
		});
		expect(
			fieldMessages(manualActivitySchema.safeParse({ text: 'x'.repeat(2001) }).error!).text?.key
		).toBe('validation.activity.textTooLong');
	});
});

describe('conversion', () => {
	const lead: Lead = leadSchema.parse({
		id: '00000000-0000-4000-b000-000000000012',
		name: 'Julia Krämer',
		position: 'Inhaberin',
		company: null,
		email: 'julia@kraemer.example',
		phone: '+49 89 1234',
		website: null,
		address: 'Hauptstr. 1',
		city: 'München',
		state: null,
		zip: '80331',
		country: 'Deutschland',
		default_language: 'de',
		description: null,
		value: 1200,
		tags: [],
		status_id: '00000000-0000-4000-8000-000000000001',
		source_id: null,
		assigned_to: null,
		created_by: staffId,
		is_public: false,
		last_contact_at: null,
		lost: false,
		junk: false,
		board_position: 0,
		version: 1,
		created_at: '2026-11-27T10:00:00+00:00',
		updated_at: '2026-11-27T10:00:00+00:00',
		updated_by: staffId,
		assignee: null,
		updater: null
	});

	it('starts from the lead, with its name as company when it has none', () => {
		expect(conversionFormValues(lead)).toMatchObject({
			company: 'Julia Krämer',
			contact_name: 'Julia Krämer',
			contact_position: 'Inhaberin',
			contact_email: 'julia@kraemer.example',
			city: 'München',
			carryNotes: true
		});
	});

	it('sends only filled fields, so the database keeps the lead’s value for the rest', () => {
		const values = { ...conversionFormValues(lead), state: '', carryNotes: false };
		expect(conversionFormSchema.parse(values)).toEqual({
			customer: {
				company: 'Julia Krämer',
				contact_name: 'Julia Krämer',
				contact_position: 'Inhaberin',
				contact_email: 'julia@kraemer.example',
				contact_phone: '+49 89 1234',
				address: 'Hauptstr. 1',
				city: 'München',
				zip: '80331',
				country: 'Deutschland'
			},
			carryNotes: false
		});
	});

	it('requires a company and a valid e-mail address', () => {
		const parsed = conversionFormSchema.safeParse({
			...conversionFormValues(lead),
			company: ' ',
			contact_email: 'julia@'
		});
		expect(fieldMessages(parsed.error!)).toEqual({
			company: { key: 'validation.conversion.companyRequired' },
			contact_email: { key: 'validation.emailInvalid' }
		});
	});
});

describe('permissions', () => {
	const row = (isAdmin: boolean, granted: [string, string][], active = true) =>
		ownPermissionsSchema.parse({
			is_admin: isAdmin,
			active,
			role: {
				role_permissions: granted.map(([feature, capability]) => ({ feature, capability }))
			}
		});

	it('grant what the role has, everything to administrators, nothing to the inactive', () => {
		const seller = row(false, [['customers', 'create']]);
		expect(can(seller, 'customers.create')).toBe(true);
		expect(can(seller, 'leads.delete')).toBe(false);
		expect(can(row(true, []), 'leads.delete')).toBe(true);
		expect(can(row(true, [], false), 'leads.delete')).toBe(false);
		expect(can(undefined, 'customers.create')).toBe(false);
	});
});
