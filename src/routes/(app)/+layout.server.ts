import { redirect } from '@sveltejs/kit';
import { loginPath } from '$lib/server/redirect-path';
import { awaitsRole, fetchSignedInStaff } from '$lib/team/profile';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, depends }) => {
	// Re-run when the browser's auth state changes (see +layout.svelte). Saving the profile
	// re-runs it too (its form action invalidates all data), so the header shows the new name.
	depends('supabase:auth');
	const { user } = await locals.safeGetSession();
	if (!user) redirect(303, loginPath(url, 'GET'));
	// The staff row, not the account's metadata: that keeps the name given at sign-up.
	const staff = await fetchSignedInStaff(locals.supabase, user.id);
	return {
		user,
		staffName: staff?.full_name ?? user.email ?? '',
		awaitingRole: awaitsRole(staff)
	};
};
