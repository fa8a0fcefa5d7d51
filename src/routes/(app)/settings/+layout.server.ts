import { error } from '@sveltejs/kit';
import { fetchOwnPermissions } from '$lib/permissions/api';
import { can } from '$lib/permissions/schema';
import type { LayoutServerLoad } from './$types';

// Convenience only: the database refuses every change these pages offer to anyone else.
export const load: LayoutServerLoad = async ({ locals, parent }) => {
	const { user } = await parent();
	const permissions = await fetchOwnPermissions(locals.supabase, user.id);
	const managesSettings = can(permissions, 'settings.manage');
	const managesStaff = can(permissions, 'staff.manage');
	if (!managesSettings && !managesStaff) error(403, 'forbidden');
	return { managesSettings, managesStaff, isAdmin: permissions.isAdmin };
};
