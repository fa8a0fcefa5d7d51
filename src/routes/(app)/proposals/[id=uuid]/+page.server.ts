import { error } from '@sveltejs/kit';
import { fetchOwnPermissions } from '$lib/permissions/api';
import { fetchProposal } from '$lib/proposals/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { user } = await parent();
	const [proposal, permissions] = await Promise.all([
		fetchProposal(locals.supabase, params.id),
		fetchOwnPermissions(locals.supabase, user.id)
	]);
	// A proposal the user may not see is as absent as one that does not exist.
	if (!proposal) error(404, 'error.notFound');
	return { proposal, permissions };
};
