import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/svelte-query';
import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import type { MessageKey } from '$lib/i18n/translate';
import type { Capability } from '$lib/permissions/schema';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';

const message = (key: MessageKey) => ({ error: key });

/** A role with its capabilities as `feature.capability` strings. */
export const roleSchema = z
	.object({
		id: z.guid(),
		name: z.string(),
		role_permissions: z.array(z.object({ feature: z.string(), capability: z.string() }))
	})
	.transform(({ id, name, role_permissions }) => ({
		id,
		name,
		granted: role_permissions.map((permission) => `${permission.feature}.${permission.capability}`)
	}));

export type Role = z.output<typeof roleSchema>;

/** A role's name; mirrors roles_name_length. */
export const roleNameSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, message('validation.team.nameRequired'))
		.max(100, message('validation.tooLong'))
});

export const roleKeys = {
	all: ['roles'] as const
};

export async function fetchRoles(client: LeadwerkClient): Promise<Role[]> {
	const { data } = await client
		.from('roles')
		.select('id, name, role_permissions(feature, capability)')
		.order('name')
		.throwOnError();
	return z.array(roleSchema).parse(data);
}

export async function createRole(client: LeadwerkClient, name: string): Promise<void> {
	await client.from('roles').insert(roleNameSchema.parse({ name })).throwOnError();
}

export async function renameRole(client: LeadwerkClient, id: string, name: string): Promise<void> {
	await client
		.from('roles')
		.update(roleNameSchema.parse({ name }))
		.eq('id', id)
		.select('id')
		.single()
		.throwOnError();
}

/** Deletes a role; refused (23503) while staff members hold it. */
export async function deleteRole(client: LeadwerkClient, id: string): Promise<void> {
	const { count } = await client
		.from('staff')
		.select('id', { count: 'exact', head: true })
		.eq('role_id', id)
		.throwOnError();
	// staff.role_id is ON DELETE SET NULL, so the database alone would silently strip the role.
	if (count) throw Object.assign(new Error('the role is still held by staff'), { code: '23503' });
	await client.from('roles').delete().eq('id', id).select('id').single().throwOnError();
}

/** Grants or revokes one capability of a role; row level security decides who may. */
export async function setPermission(
	client: LeadwerkClient,
	roleId: string,
	capability: Capability,
	granted: boolean
): Promise<void> {
	const [feature, name] = capability.split('.');
	const row = { role_id: roleId, feature, capability: name };
	if (granted) {
		await client.from('role_permissions').insert(row).select('role_id').single().throwOnError();
	} else {
		await client
			.from('role_permissions')
			.delete()
			.match(row)
			.select('role_id')
			.single()
			.throwOnError();
	}
}

export function rolesQuery() {
	return queryOptions({
		queryKey: roleKeys.all,
		queryFn: () => fetchRoles(createSupabaseBrowserClient())
	});
}

function roleMutation<Variables>(
	queryClient: QueryClient,
	name: string,
	mutationFn: (client: LeadwerkClient, variables: Variables) => Promise<void>
) {
	return mutationOptions({
		mutationKey: ['roles', name],
		mutationFn: (variables: Variables) => mutationFn(createSupabaseBrowserClient(), variables),
		meta: { errorDisplay: 'inline' as const },
		// Own permissions may have changed too (header, settings navigation).
		onSettled: () =>
			Promise.all([
				queryClient.invalidateQueries({ queryKey: roleKeys.all }),
				queryClient.invalidateQueries({ queryKey: ['permissions'] })
			])
	});
}

export const createRoleMutation = (queryClient: QueryClient) =>
	roleMutation(queryClient, 'create', (client, name: string) => createRole(client, name));

export const renameRoleMutation = (queryClient: QueryClient) =>
	roleMutation(queryClient, 'rename', (client, { id, name }: { id: string; name: string }) =>
		renameRole(client, id, name)
	);

export const deleteRoleMutation = (queryClient: QueryClient) =>
	roleMutation(queryClient, 'delete', (client, id: string) => deleteRole(client, id));

export const setPermissionMutation = (queryClient: QueryClient) =>
	roleMutation(
		queryClient,
		'set-permission',
		(
			client,
			{ roleId, capability, granted }: { roleId: string; capability: Capability; granted: boolean }
		) => setPermission(client, roleId, capability, granted)
	);
