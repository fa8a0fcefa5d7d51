import { error } from '@sveltejs/kit';
import { fetchProposal } from '$lib/proposals/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const proposal = await fetchProposal(locals.supabase, params.id);
	if (!proposal) error(404, 'error.notFound');
	return { proposal };
};
