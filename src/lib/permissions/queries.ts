import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchOwnPermissions } from './api';

export const permissionKeys = {
	own: (staffId: string) => ['permissions', staffId] as const
};

export function ownPermissionsQuery(staffId: string) {
	return queryOptions({
		queryKey: permissionKeys.own(staffId),
		queryFn: () => fetchOwnPermissions(createSupabaseBrowserClient(), staffId),
		staleTime: 5 * 60_000
	});
}
