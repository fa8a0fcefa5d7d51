import { fetchProposalPage } from '$lib/proposals/api';
import { parseProposalFilters } from '$lib/proposals/filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = parseProposalFilters(url.searchParams);
	return { filters, proposalPage: await fetchProposalPage(locals.supabase, filters) };
};
