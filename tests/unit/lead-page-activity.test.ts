/** Activity log entries in words, and the header's last-contact line, in both languages. */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import { translate } from '../../src/lib/i18n/translate.ts';
import { leadActivityActions, type LeadActivity } from '../../src/lib/lead-activity/schema.ts';
import { describeActivity, type ActivityFormat } from '../../src/lib/lead-activity/sentence.ts';
import { describeLastContact } from '../../src/lib/lead-notes/last-contact.ts';

const statusId = '00000000-0000-4000-8000-000000000001';
const leaId = '00000000-0000-4000-a000-000000000002';

function formatFor(locale: Locale): ActivityFormat {
	return {
		t: (key, params) => translate(locale, key, params),
		dateTime: (date) =>
			new Intl.DateTimeFormat(locale, {
				dateStyle: 'medium',
				timeStyle: 'short',
				timeZone: 'UTC'
			}).format(date),
		list: (items) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(items),
		statusName: (status) =>
			status.id === statusId ? translate(locale, 'leadStatus.hot') : status.name
	};
}

const entry = (
	action: LeadActivity['action'],
	details: Record<string, unknown> = {},
	actor: string | null = 'Lea Leitner'
) => ({ action, details, actor: actor === null ? null : { id: leaId, full_name: actor } });

describe('describeActivity', () => {
	const de = formatFor('de');
	const en = formatFor('en');

	it('names the actor and what they did', () => {
		expect(describeActivity(entry('lead.created'), de).sentence).toBe(
			'Lea Leitner hat den Interessenten angelegt.'
		);
		expect(describeActivity(entry('lead.created'), en).sentence).toBe(
			'Lea Leitner created the lead.'
		);
	});

	it('lists the changed fields by their labels', () => {
		const changed = entry('lead.updated', {
			changes: { company: { old: 'A', new: 'B' }, email: { old: null, new: 'x@y.de' } }
		});
		expect(describeActivity(changed, de).sentence).toBe(
			'Lea Leitner hat Unternehmen und E-Mail geändert.'
		);
		expect(describeActivity(changed, en).sentence).toBe('Lea Leitner changed Company and E-mail.');
	});

	it('translates built-in statuses and keeps the names of others', () => {
		const changed = entry('lead.status_changed', {
			old: { id: '00000000-0000-4000-8000-000000000009', name: 'Erstgespräch' },
			new: { id: statusId, name: 'Potenter Lead' }
		});
		expect(describeActivity(changed, en).sentence).toBe(
			'Lea Leitner changed the status from “Erstgespräch” to “Hot lead”.'
		);
		expect(describeActivity(changed, de).sentence).toBe(
			'Lea Leitner hat den Status von „Erstgespräch“ auf „Potenter Lead“ geändert.'
		);
	});

	it('tells assigning from unassigning', () => {
		const assigned = entry('lead.assigned', { old: null, new: { id: leaId, name: 'Max Vogel' } });
		expect(describeActivity(assigned, de).sentence).toBe(
			'Lea Leitner hat den Interessenten Max Vogel zugewiesen.'
		);
		const unassigned = entry('lead.assigned', { old: { id: leaId, name: 'Max Vogel' }, new: null });
		expect(describeActivity(unassigned, en).sentence).toBe(
			'Lea Leitner removed the lead’s assignment.'
		);
	});

	it('dates a contact and quotes its note', () => {
		const contacted = entry('lead.contacted', {
			excerpt: 'Angebot besprochen',
			contacted_at: '2026-11-27T09:30:00+00:00'
		});
		expect(describeActivity(contacted, de)).toEqual({
			sentence: 'Lea Leitner hat den Interessenten am 27.11.2026, 09:30 kontaktiert.',
			quote: 'Angebot besprochen'
		});
		expect(describeActivity(contacted, en).sentence).toBe(
			'Lea Leitner contacted the lead on Nov 27, 2026, 9:30 AM.'
		);
	});

	it('shows a manual entry as its text', () => {
		expect(describeActivity(entry('manual', { text: 'Messe: Stand besucht' }), de)).toEqual({
			sentence: 'Lea Leitner hat einen Eintrag geschrieben:',
			quote: 'Messe: Stand besucht'
		});
	});

	it('names reminders, tasks, attachments and proposals', () => {
		expect(
			describeActivity(
				entry('reminder.set', {
					remind_staff: { id: leaId, name: 'Max Vogel' },
					remind_at: '2026-12-01T08:00:00Z',
					description: 'Nachfassen'
				}),
				en
			)
		).toEqual({
			sentence: 'Lea Leitner set a reminder for Max Vogel on Dec 1, 2026, 8:00 AM.',
			quote: 'Nachfassen'
		});
		expect(describeActivity(entry('task.completed', { title: 'Anrufen' }), de).sentence).toBe(
			'Lea Leitner hat die Aufgabe „Anrufen“ erledigt.'
		);
		expect(
			describeActivity(entry('attachment.added', { file_name: 'plan.pdf', size: 10 }), en).sentence
		).toBe('Lea Leitner uploaded the attachment “plan.pdf”.');
		expect(
			describeActivity(
				entry('proposal.status_changed', { subject: 'Wartung', old: 'draft', new: 'accepted' }),
				de
			).sentence
		).toBe('Lea Leitner hat den Status des Vorschlags „Wartung“ auf „Angenommen“ geändert.');
	});

	it('says "someone" when the actor is gone', () => {
		expect(describeActivity(entry('note.added', { excerpt: 'Hallo' }, null), de)).toEqual({
			sentence: 'Jemand hat eine Notiz hinzugefügt.',
			quote: 'Hallo'
		});
	});

	it('falls back to a plain sentence when details are missing', () => {
		expect(describeActivity(entry('lead.status_changed'), en).sentence).toBe(
			'Lea Leitner changed the status.'
		);
		expect(describeActivity(entry('lead.updated', { changes: 'nonsense' }), de).sentence).toBe(
			'Lea Leitner hat den Interessenten bearbeitet.'
		);
	});

	it('has a sentence for every action, without leftover placeholders', () => {
		// Only the lead views a proposal (through its public link); that sentence names the lead.
		const byTheLead = new Set<string>(['proposal.viewed']);
		for (const action of leadActivityActions) {
			for (const format of [de, en]) {
				const { sentence } = describeActivity(entry(action), format);
				if (!byTheLead.has(action)) expect(sentence, action).toMatch(/^Lea Leitner /);
				expect(sentence, action).not.toMatch(/[{}]/);
			}
		}
	});
});

describe('describeLastContact', () => {
	const now = new Date('2026-11-27T14:00:00Z');
	const twoHoursAgo = '2026-11-27T12:00:00+00:00';
	const lea = { id: leaId, full_name: 'Lea Leitner' };

	it('says when and by whom, relative to now', () => {
		expect(
			describeLastContact({ contacted_at: twoHoursAgo, author: lea }, null, now, 'de')
		).toEqual({ at: twoHoursAgo, text: 'Letzter Kontakt: vor 2 Stunden durch Lea Leitner' });
		expect(
			describeLastContact({ contacted_at: twoHoursAgo, author: lea }, null, now, 'en').text
		).toBe('Last contact: 2 hours ago by Lea Leitner');
	});

	it('uses calendar words for yesterday', () => {
		const yesterday = '2026-11-26T14:00:00+00:00';
		expect(
			describeLastContact({ contacted_at: yesterday, author: lea }, null, now, 'de').text
		).toBe('Letzter Kontakt: gestern durch Lea Leitner');
	});

	it('names only the time when no note says who', () => {
		expect(describeLastContact(null, '2026-11-27T13:55:00+00:00', now, 'de').text).toBe(
			'Letzter Kontakt: vor 5 Minuten'
		);
	});

	it('says so when nobody has contacted the lead', () => {
		expect(describeLastContact(null, null, now, 'de')).toEqual({
			text: 'Letzter Kontakt: noch keiner'
		});
		expect(describeLastContact(null, null, now, 'en').text).toBe('Last contact: none yet');
	});
});
