import { renderProposalPdf } from '../../../supabase/functions/_shared/proposal-pdf';
import { proposalNumber, type PublicProposal } from '$lib/proposals/schema';

/**
 * The proposal's PDF as a download. The renderer is the one the send-proposal function
 * attaches to mails, so the document is the same everywhere.
 */
export async function proposalPdfResponse(proposal: PublicProposal): Promise<Response> {
	const pdf = await renderProposalPdf(proposal);
	// A copy typed as a plain ArrayBuffer view, which Response accepts.
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${proposalNumber(proposal.number)}.pdf"`,
			// The document changes with every save or answer; never serve an old one.
			'cache-control': 'private, no-store'
		}
	});
}
