import type { LeadwerkClient } from '$lib/supabase/client';
import { ownPermissionsSchema, type OwnPermissions } from './schema';

/** The signed-in staff member's admin flag and the capabilities of their role. */
export async function fetchOwnPermissions(
	client: LeadwerkClient,
	staffId: string
): Promise<OwnPermissions> {
	const { data } = await client
		.from('staff')
		.select('is_admin, active, role:roles(role_permissions(feature, capability))')
		.eq('id', staffId)
		.single()
		.throwOnError();
	return ownPermissionsSchema.parse(data);
}
