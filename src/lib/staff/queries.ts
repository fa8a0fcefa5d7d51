import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchActiveStaff, fetchLeadViewers } from './api';

export const staffKeys = {
	active: ['staff', 'active'] as const,
	leadViewers: (leadId: string) => ['staff', 'lead-viewers', leadId] as const
};

export function activeStaffQuery() {
	return queryOptions({
		queryKey: staffKeys.active,
		queryFn: () => fetchActiveStaff(createSupabaseBrowserClient()),
		staleTime: 5 * 60_000
	});
}

export function leadViewersQuery(leadId: string) {
	return queryOptions({
		queryKey: staffKeys.leadViewers(leadId),
		queryFn: () => fetchLeadViewers(createSupabaseBrowserClient(), leadId),
		staleTime: 60_000
	});
}
