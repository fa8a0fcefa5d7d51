import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import type { MessageKey } from '$lib/i18n/translate';
import { leadStatusKeys } from '$lib/lead-statuses/queries';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';

const message = (key: MessageKey) => ({ error: key });

/** Name and colour of a status; mirrors lead_statuses_name_length and _color_format. */
export const statusFieldsSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, message('validation.team.nameRequired'))
		.max(100, message('validation.tooLong')),
	color: z.string().regex(/^#[0-9a-fA-F]{6}$/, message('validation.team.colorInvalid'))
});

export type StatusFields = z.infer<typeof statusFieldsSchema>;

export async function addStatus(
	client: LeadwerkClient,
	fields: StatusFields,
	position: number
): Promise<void> {
	await client
		.from('lead_statuses')
		.insert({ ...statusFieldsSchema.parse(fields), position })
		.throwOnError();
}

export async function updateStatus(
	client: LeadwerkClient,
	id: string,
	fields: StatusFields
): Promise<void> {
	await client
		.from('lead_statuses')
		.update(statusFieldsSchema.parse(fields))
		.eq('id', id)
		.select('id')
		.single()
		.throwOnError();
}

/** Deletes a status; the database refuses (23503) while a lead has it. */
export async function deleteStatus(client: LeadwerkClient, id: string): Promise<void> {
	await client.from('lead_statuses').delete().eq('id', id).select('id').single().throwOnError();
}

/** Saves the whole order at once (`reorder_lead_statuses`), as the board shows it. */
export async function reorderStatuses(client: LeadwerkClient, ids: string[]): Promise<void> {
	await client.rpc('reorder_lead_statuses', { p_status_ids: ids }).throwOnError();
}

/** The new order after moving the status at `from` to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
	const moved = [...items];
	const [item] = moved.splice(from, 1);
	moved.splice(to, 0, item);
	return moved;
}

function statusMutation<Variables>(
	queryClient: QueryClient,
	name: string,
	mutationFn: (client: LeadwerkClient, variables: Variables) => Promise<void>
) {
	return mutationOptions({
		mutationKey: ['lead-statuses', name],
		mutationFn: (variables: Variables) => mutationFn(createSupabaseBrowserClient(), variables),
		meta: { errorDisplay: 'inline' as const },
		// Lists and the board read statuses too.
		onSettled: () =>
			Promise.all([
				queryClient.invalidateQueries({ queryKey: leadStatusKeys.all }),
				queryClient.invalidateQueries({ queryKey: ['leads'] })
			])
	});
}

export const addStatusMutation = (queryClient: QueryClient) =>
	statusMutation(
		queryClient,
		'add',
		(client, { fields, position }: { fields: StatusFields; position: number }) =>
			addStatus(client, fields, position)
	);

export const updateStatusMutation = (queryClient: QueryClient) =>
	statusMutation(
		queryClient,
		'update',
		(client, { id, fields }: { id: string; fields: StatusFields }) =>
			updateStatus(client, id, fields)
	);

export const deleteStatusMutation = (queryClient: QueryClient) =>
	statusMutation(queryClient, 'delete', (client, id: string) => deleteStatus(client, id));

export const reorderStatusesMutation = (queryClient: QueryClient) =>
	statusMutation(queryClient, 'reorder', (client, ids: string[]) => reorderStatuses(client, ids));
