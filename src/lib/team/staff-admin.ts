import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/svelte-query';
import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';

/** A row of the staff list (`staff_directory()`: staff managers only). */
export const directoryEntrySchema = z.object({
	id: z.guid(),
	full_name: z.string(),
	email: z.string().nullable(),
	role_id: z.guid().nullable(),
	is_admin: z.boolean(),
	active: z.boolean(),
	invited_at: z.string().nullable(),
	invitation_pending: z.boolean(),
	last_sign_in_at: z.string().nullable()
});

export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

/** What an administrator or staff manager changes on a colleague's row. */
export const staffChangeSchema = z.union([
	z.object({ role_id: z.guid().nullable() }),
	z.object({ is_admin: z.boolean() })
]);

export type StaffChange = z.infer<typeof staffChangeSchema>;

export const staffAdminKeys = {
	directory: ['staff', 'directory'] as const
};

export async function fetchStaffDirectory(client: LeadwerkClient): Promise<DirectoryEntry[]> {
	const { data } = await client.rpc('staff_directory').throwOnError();
	return z.array(directoryEntrySchema).parse(data);
}

/** Changes a colleague's role or admin flag; the database's rights guard decides. */
export async function updateStaff(
	client: LeadwerkClient,
	id: string,
	change: StaffChange
): Promise<void> {
	await client
		.from('staff')
		.update(staffChangeSchema.parse(change))
		.eq('id', id)
		.select('id')
		.single()
		.throwOnError();
}

export function staffDirectoryQuery() {
	return queryOptions({
		queryKey: staffAdminKeys.directory,
		queryFn: () => fetchStaffDirectory(createSupabaseBrowserClient())
	});
}

export function updateStaffMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['staff', 'update'],
		mutationFn: ({ id, change }: { id: string; change: StaffChange }) =>
			updateStaff(createSupabaseBrowserClient(), id, change),
		meta: { errorDisplay: 'inline' },
		onSettled: () => queryClient.invalidateQueries({ queryKey: ['staff'] })
	});
}
