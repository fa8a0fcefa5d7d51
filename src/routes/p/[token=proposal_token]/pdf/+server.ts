import { error } from '@sveltejs/kit';
import { fetchPublicProposal } from '$lib/proposals/api';
import { createAnonSupabaseClient } from '$lib/server/anon-supabase';
import { proposalPdfResponse } from '$lib/server/proposal-pdf';
import type { RequestHandler } from './$types';

/** The PDF behind a public link, for whoever holds it (no sign-in). */
export const GET: RequestHandler = async ({ params }) => {
	const proposal = await fetchPublicProposal(createAnonSupabaseClient(), params.token);
	if (!proposal) error(404, 'publicProposal.notFound');
	return proposalPdfResponse(proposal);
};
