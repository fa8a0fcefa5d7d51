import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchActiveStaff } from './api';

export const staffKeys = {
	active: ['staff', 'active'] as const
};

export function activeStaffQuery() {
	return queryOptions({
		queryKey: staffKeys.active,
		queryFn: () => fetchActiveStaff(createSupabaseBrowserClient()),
		staleTime: 5 * 60_000
	});
}
