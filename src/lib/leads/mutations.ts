import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { insertLead, moveLead, updateLead, type BoardColumn, type LeadMove } from './api';
import { applyBoardMove } from './board';
import { leadKeys } from './queries';
import type { Lead, LeadInput } from './schema';

/** After any change to a lead: its page, the lists, the board and the totals read again. */
async function refreshLeads(queryClient: QueryClient, lead?: Lead) {
	if (lead) queryClient.setQueryData(leadKeys.detail(lead.id), lead);
	await queryClient.invalidateQueries({ queryKey: leadKeys.all });
}

/** Creates a lead from the form; the form shows a failure next to its fields. */
export function createLeadMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['leads', 'create'],
		mutationFn: (input: LeadInput) => insertLead(createSupabaseBrowserClient(), input),
		meta: { errorDisplay: 'inline' },
		onSuccess: (lead) => refreshLeads(queryClient, lead)
	});
}

export interface LeadUpdate {
	id: string;
	input: LeadInput;
	/** The version the form started from. */
	version: number;
}

/** Saves the edit form; a colleague's save in between fails it with a LeadConflictError. */
export function updateLeadMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['leads', 'update'],
		mutationFn: ({ id, input, version }: LeadUpdate) =>
			updateLead(createSupabaseBrowserClient(), id, input, version),
		meta: { errorDisplay: 'inline' },
		onSuccess: (lead) => refreshLeads(queryClient, lead)
	});
}

/**
 * Moves a card on the board. The card moves at once; a failure is a notice, and either way the
 * board then shows what the database stored.
 */
export function moveLeadMutation(queryClient: QueryClient) {
	const boards = { queryKey: [...leadKeys.all, 'board'] };
	return mutationOptions({
		mutationKey: ['leads', 'move'],
		mutationFn: (move: LeadMove) => moveLead(createSupabaseBrowserClient(), move),
		onMutate: async (move) => {
			await queryClient.cancelQueries(boards);
			queryClient.setQueriesData<BoardColumn[]>(boards, (columns) =>
				columns ? applyBoardMove(columns, move) : columns
			);
		},
		onSettled: () => refreshLeads(queryClient)
	});
}
