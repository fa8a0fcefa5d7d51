import { error } from '@sveltejs/kit';
import { fetchProposalDocument } from '$lib/proposals/api';
import { proposalPdfResponse } from '$lib/server/proposal-pdf';
import type { RequestHandler } from './$types';

/** The PDF of a proposal the signed-in staff member may see (row level security decides). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const document = await fetchProposalDocument(locals.supabase, params.id);
	if (!document) error(404, 'error.notFound');
	return proposalPdfResponse(document);
};
