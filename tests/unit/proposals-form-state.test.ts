/** The proposal editor's state: prefill, items, validation, preview, and refused saves. */
import { describe, expect, it } from 'vitest';
import { ProposalFormState } from '../../src/lib/proposals/form-state.svelte.ts';
import { ProposalConflictError } from '../../src/lib/proposals/save-errors.ts';
import type { Proposal, ProposalPrefill } from '../../src/lib/proposals/schema.ts';

const leadId = '00000000-0000-4000-b000-000000000001';
const max = '00000000-0000-4000-a000-000000000003';

const prefill: ProposalPrefill = {
	parent: { lead_id: leadId },
	parentName: 'Thomas Berger',
	language: 'de',
	assigned_to: max,
	recipient_name: 'Thomas Berger',
	recipient_company: 'Berger GmbH',
	recipient_email: 'thomas@berger.example',
	recipient_address: 'Hauptstr. 1\n80331 München'
};

const stored: Proposal = {
	id: '00000000-0000-4000-d000-000000000001',
	number: 42,
	subject: 'Wartung',
	status: 'draft',
	date: '2026-11-27',
	open_till: null,
	currency: 'EUR',
	total: 119,
	lead: { id: leadId, name: 'Thomas Berger', company: 'Berger GmbH' },
	customer: null,
	assignee: null,
	language: 'en',
	discount_type: 'amount',
	discount_value: 12.5,
	discount: 12.5,
	subtotal: 112.5,
	total_tax: 19,
	tax_breakdown: [{ rate: 19, net: 100, tax: 19 }],
	recipient_name: null,
	recipient_company: null,
	recipient_email: null,
	recipient_address: null,
	notes: null,
	terms: null,
	version: 3,
	public_token: null,
	sent_at: null,
	viewed_at: null,
	accepted_at: null,
	accepted_by_name: null,
	signature: null,
	declined_at: null,
	decline_reason: null,
	lead_id: leadId,
	customer_id: null,
	assigned_to: null,
	created_at: '2026-11-27T10:00:00+00:00',
	creator: null,
	items: [
		{
			id: '00000000-0000-4000-e000-000000000002',
			position: 2,
			description: 'Zweite',
			long_description: null,
			quantity: 1.5,
			unit: null,
			rate: 50,
			tax_rate: 19,
			amount: 75
		},
		{
			id: '00000000-0000-4000-e000-000000000001',
			position: 1,
			description: 'Erste',
			long_description: 'Lang',
			quantity: 1,
			unit: 'Std.',
			rate: 37.5,
			tax_rate: 7,
			amount: 37.5
		}
	]
};

function fill(form: ProposalFormState, index: number, values: Record<string, string>) {
	Object.assign(form.items[index], values);
}

describe('ProposalFormState', () => {
	it('starts a new proposal from its lead with one empty item', () => {
		const form = new ProposalFormState(prefill, 'de');
		expect(form.values).toMatchObject({
			subject: '',
			currency: 'EUR',
			language: 'de',
			assigned_to: max,
			recipient_company: 'Berger GmbH',
			discount_type: 'percent'
		});
		expect(form.items).toHaveLength(1);
		expect(form.items[0]).toMatchObject({ quantity: '1', tax_rate: '19' });
	});

	it('shows a stored proposal in the UI language’s notation, items in position order', () => {
		const form = new ProposalFormState(stored, 'de');
		expect(form.items.map((row) => row.description)).toEqual(['Erste', 'Zweite']);
		expect(form.items[1].quantity).toBe('1,5');
		expect(form.values.discount_value).toBe('12,5');
		expect(form.values.language).toBe('en');
	});

	it('validates into one save with the lead, items in display order', () => {
		const form = new ProposalFormState(prefill, 'de');
		form.values.subject = ' Wartungsvertrag ';
		form.values.discount_value = '10';
		fill(form, 0, { description: 'Wartung', quantity: '3', rate: '99,99' });
		form.addItem('de');
		fill(form, 1, { description: 'Anfahrt', rate: '49,90', tax_rate: '7' });
		form.moveItem(1, 0);
		const save = form.validate('de');
		expect(save).toMatchObject({
			id: null,
			version: null,
			proposal: { subject: 'Wartungsvertrag', lead_id: leadId, discount_value: 10 }
		});
		expect(save?.items.map((item) => [item.description, item.rate, item.tax_rate])).toEqual([
			['Anfahrt', 49.9, 7],
			['Wartung', 99.99, 19]
		]);
	});

	it('puts messages at the fields and items and keeps every input', () => {
		const form = new ProposalFormState(prefill, 'de');
		form.values.open_till = '2020-01-01';
		form.values.discount_value = '150';
		fill(form, 0, { description: 'Teil', quantity: '0', rate: '1,234' });
		expect(form.validate('de')).toBeUndefined();
		expect(form.errors.subject?.key).toBe('validation.proposal.subjectRequired');
		expect(form.errors.open_till?.key).toBe('validation.proposal.openTillBeforeDate');
		expect(form.errors.discount_value?.key).toBe('validation.proposal.percentTooLarge');
		const rowErrors = form.itemErrors[form.items[0].key];
		expect(rowErrors.quantity?.key).toBe('validation.proposal.quantityPositive');
		expect(rowErrors.rate?.key).toBe('validation.proposal.decimals');
		expect(form.formError).toBe('proposals.editor.fixErrors');
		expect(form.items[0].rate).toBe('1,234');
	});

	it('previews the totals from the rows that read as numbers', () => {
		const form = new ProposalFormState(prefill, 'de');
		form.values.discount_value = '10';
		fill(form, 0, { description: 'A', quantity: '2', rate: '50' });
		form.addItem('de');
		fill(form, 1, { description: 'B', quantity: 'x', rate: '10' });
		expect(form.preview('de')).toMatchObject({
			subtotal: 100,
			discount: 10,
			total_tax: 17.1,
			total: 107.1,
			discount_value: 10
		});
	});

	it('maps refused saves: stale version, accepted, and a check at its field', () => {
		const form = new ProposalFormState(stored, 'de');
		form.saveFailed(new ProposalConflictError({ ...stored, version: 4, subject: 'Neu' }));
		expect(form.conflict?.current?.version).toBe(4);
		form.keepMine();
		expect(form.base?.version).toBe(4);
		expect(form.validate('de')?.version).toBe(4);

		form.saveFailed({ code: 'PT423', message: 'proposal accepted' });
		expect(form.formError).toBe('proposals.error.accepted');

		form.saveFailed({
			code: '23514',
			message:
				'new row for relation "proposals" violates check constraint "proposals_recipient_email_length"'
		});
		expect(form.errors.recipient_email?.key).toBe('validation.invalid');
	});

	it('takes the colleague’s version when asked', () => {
		const form = new ProposalFormState(stored, 'de');
		form.values.subject = 'Meins';
		form.saveFailed(new ProposalConflictError({ ...stored, version: 4, subject: 'Ihres' }));
		form.takeTheirs('de');
		expect(form.values.subject).toBe('Ihres');
		expect(form.base?.version).toBe(4);
		expect(form.conflict).toBeNull();
	});
});
