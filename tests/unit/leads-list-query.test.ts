/** How the list's filters become PostgREST filters and order terms. */
import { describe, expect, it } from 'vitest';
import { defaultLeadFilters } from '../../src/lib/leads/filters.ts';
import {
	leadFilterConditions,
	leadOrder,
	leadSearchFilter,
	pageRange
} from '../../src/lib/leads/list-query.ts';

const now = new Date('2026-11-27T12:00:00.000Z');
const statusId = 'd86c44f1-e361-4b42-b84b-22a8f31de32f';

describe('leadSearchFilter', () => {
	it('searches name, company, e-mail and phone and matches a tag exactly', () => {
		expect(leadSearchFilter(' Berger ')).toBe(
			'name.ilike."*Berger*",company.ilike."*Berger*",email.ilike."*Berger*",' +
				'phone.ilike."*Berger*",tags.cs.{"Berger"}'
		);
	});

	it('is absent for an empty search', () => {
		expect(leadSearchFilter('  ')).toBeUndefined();
	});

	it('keeps commas, parentheses and quotes as text and LIKE wildcards literal', () => {
		const filter = leadSearchFilter('a,(b) "c" 50%_x\\');
		expect(filter).toContain('name.ilike."*a,(b) \\"c\\" 50\\\\%\\\\_x\\\\\\\\*"');
		expect(filter).toContain('tags.cs.{"a,(b) \\"c\\" 50%_x\\\\"}');
	});
});

describe('leadFilterConditions', () => {
	it('hides lost and junk leads unless asked to show them', () => {
		expect(leadFilterConditions(defaultLeadFilters, now)).toEqual([
			{ column: 'lost', operator: 'is', value: 'false' },
			{ column: 'junk', operator: 'is', value: 'false' }
		]);
		expect(leadFilterConditions({ ...defaultLeadFilters, lost: true, junk: true }, now)).toEqual(
			[]
		);
	});

	it('filters by status, missing source, assignee and tag', () => {
		const conditions = leadFilterConditions(
			{
				...defaultLeadFilters,
				status: statusId,
				source: 'none',
				assignee: '00000000-0000-4000-a000-000000000003',
				tag: 'Messe',
				lost: true,
				junk: true
			},
			now
		);
		expect(conditions).toEqual([
			{ column: 'status_id', operator: 'eq', value: statusId },
			{ column: 'source_id', operator: 'is', value: 'null' },
			{ column: 'assigned_to', operator: 'eq', value: '00000000-0000-4000-a000-000000000003' },
			{ column: 'tags', operator: 'cs', value: '{"Messe"}' }
		]);
	});

	it('turns the last-contact choice into a time range from now', () => {
		const contact = (choice: 'within7' | 'over30' | 'never') =>
			leadFilterConditions({ ...defaultLeadFilters, contact: choice, lost: true, junk: true }, now);
		expect(contact('within7')).toEqual([
			{ column: 'last_contact_at', operator: 'gte', value: '2026-11-20T12:00:00.000Z' }
		]);
		expect(contact('over30')).toEqual([
			{ column: 'last_contact_at', operator: 'lt', value: '2026-10-28T12:00:00.000Z' }
		]);
		expect(contact('never')).toEqual([
			{ column: 'last_contact_at', operator: 'is', value: 'null' }
		]);
	});
});

describe('leadOrder', () => {
	it('orders newest first with the id as the last tie-breaker by default', () => {
		expect(leadOrder(defaultLeadFilters)).toEqual([
			{ column: 'created_at', ascending: false },
			{ column: 'id', ascending: true }
		]);
	});

	it('sorts by a related row and keeps empty values last', () => {
		expect(leadOrder({ sort: 'assignee', dir: 'desc' })[0]).toEqual({
			column: 'assignee(full_name)',
			ascending: false,
			nullsFirst: false
		});
		expect(leadOrder({ sort: 'status', dir: 'asc' })[0].column).toBe('status(position)');
	});
});

describe('pageRange', () => {
	it('gives the rows of a page', () => {
		expect(pageRange({ page: 1, size: 25 })).toEqual({ from: 0, to: 24 });
		expect(pageRange({ page: 3, size: 50 })).toEqual({ from: 100, to: 149 });
	});
});
