/** The lead form's state: defaults, validation, and how a colleague's save is handled. */
import { describe, expect, it } from 'vitest';
import { LeadConflictError } from '../../src/lib/leads/conflict.ts';
import { LeadFormState } from '../../src/lib/leads/lead-form-state.svelte.ts';
import type { Lead } from '../../src/lib/leads/schema.ts';

const cold = 'd86c44f1-e361-4b42-b84b-22a8f31de32f';
const hot = '61fc20fd-8049-40ee-b829-58febebc1a73';
const webseite = '0b0c5b8e-4a52-4a36-9a4e-5f7d4c3a2b10';
const lea = { id: '00000000-0000-4000-a000-000000000002', full_name: 'Lea Leitner' };

const stored: Lead = {
	id: '00000000-0000-4000-b000-000000000001',
	name: 'Thomas Berger',
	position: null,
	company: 'Berger GmbH',
	email: null,
	phone: null,
	website: null,
	address: null,
	city: null,
	state: null,
	zip: null,
	country: null,
	default_language: null,
	description: null,
	value: 48000,
	tags: ['Messe'],
	status_id: cold,
	source_id: null,
	assigned_to: null,
	created_by: null,
	is_public: false,
	last_contact_at: null,
	lost: false,
	junk: false,
	board_position: 0,
	version: 3,
	created_at: '2026-11-01T10:00:00Z',
	updated_at: '2026-11-01T10:00:00Z',
	updated_by: null,
	assignee: null,
	updater: null
};

describe('LeadFormState', () => {
	it('preselects the defaults once for a new lead and never over a choice', () => {
		const form = new LeadFormState();
		form.values.status_id = hot;
		form.applyDefaults({ status_id: cold, source_id: webseite });
		expect(form.values).toMatchObject({ status_id: hot, source_id: webseite });
		form.values.source_id = '';
		form.applyDefaults({ status_id: cold, source_id: webseite });
		expect(form.values.source_id).toBe('');
	});

	it('leaves an edited lead as stored', () => {
		const form = new LeadFormState(stored);
		form.applyDefaults({ status_id: hot, source_id: webseite });
		expect(form.values).toMatchObject({ status_id: cold, source_id: '' });
	});

	it('keeps the input and reports each invalid field', () => {
		const form = new LeadFormState(stored);
		form.values.name = '';
		form.values.email = 'berger@';
		expect(form.validate('de')).toBeUndefined();
		expect(form.errors).toEqual({
			name: { key: 'validation.lead.nameRequired' },
			email: { key: 'validation.emailInvalid' }
		});
		expect(form.values.email).toBe('berger@');
	});

	it('shows a colleague’s change to a field of the form as a conflict', () => {
		const form = new LeadFormState(stored);
		form.values.company = 'Meine GmbH';
		form.values.phone = '+49 30 1234';
		const current = { ...stored, company: 'Leas GmbH', version: 4, updater: lea };
		expect(form.saveFailed(new LeadConflictError(current))).toBe('shown');
		expect(form.conflict).toEqual({ current, fields: ['company'] });

		form.acceptTheirs();
		expect(form.values).toMatchObject({ company: 'Leas GmbH', phone: '+49 30 1234' });
		expect(form.base?.version).toBe(4);
		expect(form.conflict).toBeNull();
	});

	it('keeps the user’s input when asked and then saves over the new version', () => {
		const form = new LeadFormState(stored);
		form.values.company = 'Meine GmbH';
		form.saveFailed(new LeadConflictError({ ...stored, company: 'Leas GmbH', version: 4 }));
		form.keepMine();
		expect(form.values.company).toBe('Meine GmbH');
		expect(form.base?.version).toBe(4);
	});

	it('retries at once when the colleague changed nothing the form shows', () => {
		const form = new LeadFormState(stored);
		const moved = { ...stored, board_position: 7, version: 4 };
		expect(form.saveFailed(new LeadConflictError(moved))).toBe('retry');
		expect(form.base?.version).toBe(4);
		expect(form.conflict).toBeNull();
	});

	it('says so when the lead is gone, and translates other failures', () => {
		const form = new LeadFormState(stored);
		expect(form.saveFailed(new LeadConflictError(null))).toBe('shown');
		expect(form.formError).toBe('lead.conflict.gone');
		form.saveFailed({ code: '42501', message: 'permission denied' });
		expect(form.formError).toBe('error.forbidden');
	});
});
