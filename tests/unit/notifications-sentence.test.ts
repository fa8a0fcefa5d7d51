/** The bell's sentence per notification kind, in both languages; unknown kinds never break it. */
import { describe, expect, it } from 'vitest';
import { describeNotification } from '../../src/lib/notifications/sentence.ts';

const leadId = '00000000-0000-4000-8000-00000000000a';
const noteId = '00000000-0000-4000-8000-00000000000b';
const taskId = '00000000-0000-4000-8000-00000000000c';
const reminderId = '00000000-0000-4000-8000-00000000000d';
const max = { id: '00000000-0000-4000-a000-000000000003', name: 'Max Vogel' };
const lea = { id: '00000000-0000-4000-a000-000000000002', name: 'Lea Leitner' };

const lead = { lead_id: leadId, lead_name: 'Bäckerei Sonne', company: 'Sonne GmbH' };

describe('describeNotification', () => {
	it('names who assigned which lead, and links to it', () => {
		const notification = { kind: 'lead.assigned', payload: { ...lead, assigned_by: max } };
		expect(describeNotification(notification, 'de')).toEqual({
			text: 'Max Vogel hat dir den Interessenten „Bäckerei Sonne (Sonne GmbH)“ zugewiesen.',
			leadId
		});
		expect(describeNotification(notification, 'en').text).toBe(
			'Max Vogel assigned the lead “Bäckerei Sonne (Sonne GmbH)” to you.'
		);
	});

	it('says "someone" when nobody in particular assigned it (an import, the service role)', () => {
		const notification = {
			kind: 'lead.assigned',
			payload: { ...lead, company: null, assigned_by: null }
		};
		expect(describeNotification(notification, 'de').text).toBe(
			'Jemand hat dir den Interessenten „Bäckerei Sonne“ zugewiesen.'
		);
	});

	it('names the task and links to its lead', () => {
		const notification = {
			kind: 'task.assigned',
			payload: { task_id: taskId, title: 'Angebot nachfassen', lead_id: leadId, assigned_by: lea }
		};
		expect(describeNotification(notification, 'en')).toEqual({
			text: 'Lea Leitner assigned the task “Angebot nachfassen” to you.',
			leadId
		});
	});

	it('shows a due reminder with its description and lead', () => {
		const payload = {
			reminder_id: reminderId,
			...lead,
			description: 'Rückruf wegen Angebot',
			remind_at: '2026-11-27T15:00:00Z'
		};
		expect(describeNotification({ kind: 'reminder.due', payload }, 'de')).toEqual({
			text: 'Erinnerung zu „Bäckerei Sonne (Sonne GmbH)“: Rückruf wegen Angebot',
			leadId
		});
		expect(
			describeNotification({ kind: 'reminder.due', payload: { ...payload, description: '' } }, 'en')
				.text
		).toBe('A reminder for “Bäckerei Sonne (Sonne GmbH)” is due.');
	});

	it('reveals nothing of a reminder whose lead the recipient may no longer see', () => {
		const payload = {
			reminder_id: reminderId,
			lead_id: leadId,
			lead_name: null,
			company: null,
			description: null,
			remind_at: '2026-11-27T15:00:00Z'
		};
		expect(describeNotification({ kind: 'reminder.due', payload }, 'de')).toEqual({
			text: 'Eine Erinnerung ist fällig.',
			leadId: null
		});
	});

	it('tells the assignee about a colleague’s note and contact', () => {
		const note = { ...lead, company: null, note_id: noteId, author: lea };
		expect(describeNotification({ kind: 'lead.note_added', payload: note }, 'de')).toEqual({
			text: 'Lea Leitner hat eine Notiz zu „Bäckerei Sonne“ geschrieben.',
			leadId
		});
		const contact = { ...note, contacted_at: '2026-11-27T14:00:00Z' };
		expect(describeNotification({ kind: 'lead.contacted', payload: contact }, 'en')).toEqual({
			text: 'Lea Leitner contacted “Bäckerei Sonne”.',
			leadId
		});
	});

	it('summarises a reassignment with the plural of the language', () => {
		const one = { kind: 'leads.reassigned', payload: { count: 1, from: max, by: lea } };
		const many = { kind: 'leads.reassigned', payload: { count: 12, from: max, by: lea } };
		expect(describeNotification(one, 'en')).toEqual({
			text: 'Lea Leitner handed 1 lead from Max Vogel over to you.',
			leadId: null
		});
		expect(describeNotification(many, 'en').text).toBe(
			'Lea Leitner handed 12 leads from Max Vogel over to you.'
		);
		expect(describeNotification(many, 'de').text).toBe(
			'Lea Leitner hat dir 12 Interessenten von Max Vogel übertragen.'
		);
		const unowned = { kind: 'leads.reassigned', payload: { count: 2, from: null, by: lea } };
		expect(describeNotification(unowned, 'de').text).toBe(
			'Lea Leitner hat dir 2 Interessenten zugewiesen.'
		);
	});

	it('shows an unknown kind, or a payload it cannot read, generically', () => {
		expect(
			describeNotification({ kind: 'invoice.paid', payload: { lead_id: leadId } }, 'de')
		).toEqual({
			text: 'Benachrichtigung (invoice.paid)',
			leadId: null
		});
		expect(describeNotification({ kind: 'lead.assigned', payload: {} }, 'en')).toEqual({
			text: 'Notification (lead.assigned)',
			leadId: null
		});
	});
});
