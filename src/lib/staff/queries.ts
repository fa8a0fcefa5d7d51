import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchActiveStaff, fetchAvatarUrls, fetchLeadViewers } from './api';

export const staffKeys = {
	active: ['staff', 'active'] as const,
	leadViewers: (leadId: string) => ['staff', 'lead-viewers', leadId] as const,
	avatars: (staffIds: string[]) => ['staff', 'avatars', ...staffIds] as const
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

/** Avatar links of the given members (sorted ids make one cache entry per set of people). */
export function avatarUrlsQuery(staffIds: string[]) {
	const ids = [...staffIds].sort();
	return queryOptions({
		queryKey: staffKeys.avatars(ids),
		queryFn: () => fetchAvatarUrls(createSupabaseBrowserClient(), ids),
		// Signed links last an hour; read them again well before.
		staleTime: 30 * 60_000
	});
}
