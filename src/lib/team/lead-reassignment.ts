import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/svelte-query';
import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import type { MessageKey } from '$lib/i18n/translate';
import { leadKeys } from '$lib/leads/queries';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';

const message = (key: MessageKey) => ({ error: key });

/** A row of `staff_lead_counts()` (staff managers only): members without leads are left out. */
export const staffLeadCountSchema = z.object({
	staff_id: z.guid(),
	assigned_leads: z.number().int().nonnegative(),
	open_leads: z.number().int().nonnegative()
});

export type StaffLeadCount = z.infer<typeof staffLeadCountSchema>;

/** Moving every (or every open) lead of one member to another; mirrors reassign_leads. */
export const reassignmentSchema = z
	.object({
		from: z.guid(),
		to: z.guid(message('validation.team.reassignTargetRequired')),
		onlyOpen: z.boolean()
	})
	.refine((value) => value.from !== value.to, {
		path: ['to'],
		error: 'validation.team.reassignTargetRequired'
	});

export type Reassignment = z.infer<typeof reassignmentSchema>;

export const leadReassignmentKeys = {
	// Under ['staff'], so every staff change refreshes the counts as well.
	counts: ['staff', 'lead-counts'] as const
};

export async function fetchStaffLeadCounts(
	client: LeadwerkClient
): Promise<Map<string, StaffLeadCount>> {
	const { data } = await client.rpc('staff_lead_counts').throwOnError();
	const counts = z.array(staffLeadCountSchema).parse(data);
	return new Map(counts.map((count) => [count.staff_id, count]));
}

/** Reassigns in one transaction and returns how many leads moved. */
export async function reassignLeads(
	client: LeadwerkClient,
	reassignment: Reassignment
): Promise<number> {
	const { from, to, onlyOpen } = reassignmentSchema.parse(reassignment);
	const { data } = await client
		.rpc('reassign_leads', { p_from: from, p_to: to, p_only_open: onlyOpen })
		.throwOnError();
	return z.number().int().nonnegative().parse(data);
}

export function staffLeadCountsQuery() {
	return queryOptions({
		queryKey: leadReassignmentKeys.counts,
		queryFn: () => fetchStaffLeadCounts(createSupabaseBrowserClient())
	});
}

export function reassignLeadsMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['staff', 'reassign-leads'],
		mutationFn: (reassignment: Reassignment) =>
			reassignLeads(createSupabaseBrowserClient(), reassignment),
		meta: { errorDisplay: 'inline' },
		onSettled: () =>
			Promise.all([
				queryClient.invalidateQueries({ queryKey: leadReassignmentKeys.counts }),
				// Lists, boards and lead pages show the assignee.
				queryClient.invalidateQueries({ queryKey: leadKeys.all })
			])
	});
}
