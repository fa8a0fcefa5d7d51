import { z } from 'zod';

/** Capabilities the UI offers or hides actions by (role_permissions_known_capability). */
export const capabilities = [
	'leads.view_global',
	'leads.delete',
	'leads.import',
	'leads.add_source',
	'proposals.view_global',
	'proposals.create',
	'proposals.edit',
	'proposals.delete',
	'customers.view',
	'customers.create',
	'customers.edit',
	'customers.delete',
	'settings.manage',
	'staff.manage'
] as const;

export type Capability = (typeof capabilities)[number];

/**
 * What the signed-in staff member may do, read from their staff row and role. The database
 * decides again on every request (row level security); this only spares offering what it would
 * refuse.
 */
export const ownPermissionsSchema = z
	.object({
		is_admin: z.boolean(),
		active: z.boolean(),
		role: z
			.object({
				role_permissions: z.array(z.object({ feature: z.string(), capability: z.string() }))
			})
			.nullable()
	})
	.transform((row) => ({
		isAdmin: row.active && row.is_admin,
		active: row.active,
		granted: (row.role?.role_permissions ?? []).map(
			(permission) => `${permission.feature}.${permission.capability}`
		)
	}));

export type OwnPermissions = z.output<typeof ownPermissionsSchema>;

/** Whether the permissions allow a capability; administrators have every one. */
export function can(permissions: OwnPermissions | undefined, capability: Capability): boolean {
	if (!permissions?.active) return false;
	return permissions.isAdmin || permissions.granted.includes(capability);
}
