import { fetchLeadSources } from '$lib/lead-sources/api';
import { fetchLeadStatuses } from '$lib/lead-statuses/api';
import { fetchLeadBoard, fetchLeadPage } from '$lib/leads/api';
import { parseLeadFilters } from '$lib/leads/filters';
import { fetchActiveStaff } from '$lib/staff/api';
import type { PageServerLoad } from './$types';

/**
 * The first view of the leads, rendered on the server. Later filter changes are followed by the
 * browser's queries, so this load does not depend on the search parameters (`untrack`). The
 * per-status totals are left to the browser: summing reads every matching lead, which must not
 * hold up the first page.
 */
export const load: PageServerLoad = async ({ locals, url, untrack }) => {
	const filters = untrack(() => parseLeadFilters(url.searchParams));
	const client = locals.supabase;
	const statusesLoaded = fetchLeadStatuses(client);
	const [statuses, sources, staff, leadPage, board] = await Promise.all([
		statusesLoaded,
		fetchLeadSources(client),
		fetchActiveStaff(client),
		filters.view === 'table' ? fetchLeadPage(client, filters) : null,
		filters.view === 'board'
			? statusesLoaded.then((loaded) => fetchLeadBoard(client, filters, loaded))
			: null
	]);
	return { filters, statuses, sources, staff, leadPage, board };
};
