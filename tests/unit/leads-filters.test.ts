/** The list's filters ⇄ the address bar's search parameters. */
import { describe, expect, it } from 'vitest';
import {
	defaultLeadFilters,
	hasActiveFilters,
	leadFiltersToSearchParams,
	nextLeadSort,
	parseLeadFilters,
	withLeadFilters,
	type LeadFilters
} from '../../src/lib/leads/filters.ts';

const statusId = 'd86c44f1-e361-4b42-b84b-22a8f31de32f';
const staffId = '00000000-0000-4000-a000-000000000003';

describe('lead filters in the URL', () => {
	it('leave defaults out, so the plain list is /leads', () => {
		expect(leadFiltersToSearchParams(defaultLeadFilters).toString()).toBe('');
		expect(parseLeadFilters(new URLSearchParams())).toEqual(defaultLeadFilters);
	});

	it('survive the round trip', () => {
		const filters: LeadFilters = {
			...defaultLeadFilters,
			view: 'board',
			q: 'Berger & Söhne, Stuttgart',
			status: statusId,
			source: 'none',
			assignee: staffId,
			tag: 'Großkunde',
			contact: 'over30',
			lost: true,
			junk: true,
			sort: 'value',
			dir: 'desc',
			page: 3,
			size: 50
		};
		const params = leadFiltersToSearchParams(filters);
		expect(parseLeadFilters(new URLSearchParams(params.toString()))).toEqual(filters);
	});

	it('write what differs from the defaults', () => {
		const params = leadFiltersToSearchParams({ ...defaultLeadFilters, q: 'Berger', lost: true });
		expect(params.toString()).toBe('q=Berger&lost=1');
	});

	it('fall back to defaults for malformed parameters instead of failing', () => {
		const filters = parseLeadFilters(
			new URLSearchParams(
				'view=grid&status=not-a-uuid&source=x&contact=yesterday&lost=yes&sort=colour&dir=up&page=-2&size=7'
			)
		);
		expect(filters).toEqual(defaultLeadFilters);
	});

	it('treat an empty parameter as absent', () => {
		expect(parseLeadFilters(new URLSearchParams('q=&status=&tag='))).toEqual(defaultLeadFilters);
	});
});

describe('withLeadFilters', () => {
	it('goes back to the first page when a filter changes', () => {
		const onPage3 = { ...defaultLeadFilters, page: 3 };
		expect(withLeadFilters(onPage3, { q: 'Berger' }).page).toBe(1);
		expect(withLeadFilters(onPage3, { page: 4 }).page).toBe(4);
	});
});

describe('nextLeadSort', () => {
	it('sorts a new column ascending, then toggles its direction', () => {
		expect(nextLeadSort(defaultLeadFilters, 'name')).toEqual({ sort: 'name', dir: 'asc' });
		const byName = { ...defaultLeadFilters, sort: 'name' as const, dir: 'asc' as const };
		expect(nextLeadSort(byName, 'name')).toEqual({ sort: 'name', dir: 'desc' });
		expect(nextLeadSort({ ...byName, dir: 'desc' }, 'name')).toEqual({ sort: 'name', dir: 'asc' });
	});
});

describe('hasActiveFilters', () => {
	it('ignores view, sort and paging', () => {
		expect(hasActiveFilters({ ...defaultLeadFilters, view: 'board', sort: 'name', page: 2 })).toBe(
			false
		);
		expect(hasActiveFilters({ ...defaultLeadFilters, junk: true })).toBe(true);
		expect(hasActiveFilters({ ...defaultLeadFilters, q: 'x' })).toBe(true);
	});
});
