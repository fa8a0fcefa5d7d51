/** The activity sentences of proposal events, staff-made and through the public link. */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import { translate } from '../../src/lib/i18n/translate.ts';
import type { LeadActivity } from '../../src/lib/lead-activity/schema.ts';
import { describeActivity, type ActivityFormat } from '../../src/lib/lead-activity/sentence.ts';

const formatFor = (locale: Locale): ActivityFormat => ({
	t: (key, params) => translate(locale, key, params),
	dateTime: (date) => date.toISOString(),
	list: (items) => items.join(', '),
	statusName: (status) => status.name
});
const de = formatFor('de');
const en = formatFor('en');
const max = { id: '00000000-0000-4000-a000-000000000003', full_name: 'Max Vogel' };

const entry = (
	action: LeadActivity['action'],
	details: Record<string, unknown>,
	actor: typeof max | null = null
) => ({ action, details, actor });

describe('proposal activity sentences', () => {
	it('names who sent and to which address', () => {
		expect(
			describeActivity(entry('proposal.sent', { subject: 'Wartung', email: 'a@b.de' }, max), de)
				.sentence
		).toBe('Max Vogel hat den Vorschlag „Wartung“ an a@b.de gesendet.');
	});

	it('names the lead for answers through the public link', () => {
		expect(describeActivity(entry('proposal.viewed', { subject: 'Wartung' }), en).sentence).toBe(
			'The lead viewed the proposal “Wartung”.'
		);
		expect(
			describeActivity(entry('proposal.accepted', { subject: 'Wartung', name: 'Eva Ruf' }), de)
				.sentence
		).toBe('Eva Ruf hat den Vorschlag „Wartung“ angenommen.');
		expect(
			describeActivity(entry('proposal.declined', { subject: 'Wartung', reason: 'Zu teuer' }), de)
		).toEqual({
			sentence: 'Der Interessent hat den Vorschlag „Wartung“ abgelehnt.',
			quote: 'Zu teuer'
		});
	});

	it('names the staff member who recorded an answer or deleted', () => {
		expect(
			describeActivity(entry('proposal.accepted', { subject: 'Wartung' }, max), en).sentence
		).toBe('Max Vogel accepted the proposal “Wartung”.');
		expect(
			describeActivity(entry('proposal.declined', { subject: 'Wartung' }, max), en).sentence
		).toBe('Max Vogel marked the proposal “Wartung” as declined.');
		expect(
			describeActivity(entry('proposal.deleted', { subject: 'Wartung' }, max), de).sentence
		).toBe('Max Vogel hat den Vorschlag „Wartung“ gelöscht.');
	});
});
