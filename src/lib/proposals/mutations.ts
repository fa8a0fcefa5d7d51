import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { leadActivityKeys } from '$lib/lead-activity/queries';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import {
	deleteProposal,
	duplicateProposal,
	renewProposalLink,
	revokeProposalLink,
	saveProposal,
	sendProposal,
	setProposalStatus,
	type ProposalMail
} from './api';
import { proposalKeys } from './queries';
import type { ProposalSave, ProposalStatus } from './schema';

/**
 * After any change: every proposal list and page reads again, and the lead's activity log
 * (the database logs proposal events there).
 */
function refreshProposals(queryClient: QueryClient) {
	return Promise.all([
		queryClient.invalidateQueries({ queryKey: proposalKeys.all }),
		queryClient.invalidateQueries({ queryKey: leadActivityKeys.all })
	]);
}

/** Creates or saves a proposal (one save_proposal call); the editor shows failures itself. */
export function saveProposalMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['proposals', 'save'],
		mutationFn: (save: ProposalSave) => saveProposal(createSupabaseBrowserClient(), save),
		meta: { errorDisplay: 'inline' },
		onSuccess: () => refreshProposals(queryClient)
	});
}

export function setProposalStatusMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['proposals', 'status'],
		mutationFn: ({ id, status }: { id: string; status: ProposalStatus }) =>
			setProposalStatus(createSupabaseBrowserClient(), id, status),
		meta: { errorDisplay: 'inline' },
		onSettled: () => refreshProposals(queryClient)
	});
}

export function duplicateProposalMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['proposals', 'duplicate'],
		mutationFn: (id: string) => duplicateProposal(createSupabaseBrowserClient(), id),
		meta: { errorDisplay: 'inline' },
		onSuccess: () => refreshProposals(queryClient)
	});
}

export function deleteProposalMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['proposals', 'delete'],
		mutationFn: (id: string) => deleteProposal(createSupabaseBrowserClient(), id),
		meta: { errorDisplay: 'inline' },
		onSuccess: () => refreshProposals(queryClient)
	});
}

/** Renews (`renew`) or revokes (`revoke`) the public link. */
export function proposalLinkMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['proposals', 'link'],
		mutationFn: async ({ id, action }: { id: string; action: 'renew' | 'revoke' }) => {
			const client = createSupabaseBrowserClient();
			if (action === 'renew') await renewProposalLink(client, id);
			else await revokeProposalLink(client, id);
		},
		meta: { errorDisplay: 'inline' },
		onSettled: () => queryClient.invalidateQueries({ queryKey: proposalKeys.all })
	});
}

/** Sends the proposal by e-mail (send-proposal edge function). */
export function sendProposalMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['proposals', 'send'],
		mutationFn: (mail: ProposalMail) => sendProposal(createSupabaseBrowserClient(), mail),
		meta: { errorDisplay: 'inline' },
		onSettled: () => refreshProposals(queryClient)
	});
}
