import { redirect } from '@sveltejs/kit';
import type { User } from '@supabase/supabase-js';
import { loginPath } from '$lib/server/redirect-path';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, depends }) => {
	// Re-run when the browser's auth state changes (see +layout.svelte).
	depends('supabase:auth');
	const { user } = await locals.safeGetSession();
	if (!user) redirect(303, loginPath(url, 'GET'));
	return { user, staffName: staffName(user) };
};

// Until the staff table exists, the name comes from the account's metadata.
function staffName(user: User): string {
	const fullName: unknown = user.user_metadata.full_name;
	return typeof fullName === 'string' && fullName.trim() ? fullName.trim() : (user.email ?? '');
}
