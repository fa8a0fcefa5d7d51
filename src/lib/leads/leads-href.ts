import { leadFiltersToSearchParams, type LeadFilters } from './filters';

/** The leads page's address for these filters, to pass to `resolve`. */
export function leadsHref(filters: LeadFilters): '/leads' | `/leads?${string}` {
	const search = leadFiltersToSearchParams(filters).toString();
	return search ? `/leads?${search}` : '/leads';
}
