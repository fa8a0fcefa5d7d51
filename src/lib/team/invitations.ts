import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import type { MessageKey } from '$lib/i18n/translate';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { staffAdminKeys } from './staff-admin';

const message = (key: MessageKey) => ({ error: key });

/** The invite form; mirrors the invite-staff function's checks and staff's constraints. */
export const invitationSchema = z.object({
	full_name: z
		.string()
		.trim()
		.min(1, message('validation.team.nameRequired'))
		.max(200, message('validation.tooLong')),
	email: z.email(message('validation.emailInvalid')).max(254, message('validation.tooLong')),
	role_id: z.guid().nullable()
});

export type Invitation = z.infer<typeof invitationSchema>;

/** Actions of the invite-staff edge function on an existing user. */
export type StaffAction = 'resend' | 'revoke' | 'deactivate' | 'reactivate';

/** A refusal of the edge function: its `code` (e.g. forbidden, last_administrator). */
export class StaffActionError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/** Where the invitation link leads: the app's accept page on this origin. */
export function acceptInviteUrl(origin: string): string {
	return new URL('/auth/accept-invite', origin).toString();
}

async function invokeInviteStaff(client: LeadwerkClient, body: Record<string, unknown>) {
	const { error } = await client.functions.invoke('invite-staff', { body });
	if (!error) return;
	const context: unknown = 'context' in error ? error.context : undefined;
	const reply: unknown =
		context instanceof Response ? await context.json().catch(() => null) : null;
	const parsed = z.object({ code: z.string(), message: z.string() }).safeParse(reply);
	// No reply from the function at all: the network failed (the generic messages say so).
	throw parsed.success ? new StaffActionError(parsed.data.code, parsed.data.message) : error;
}

export function inviteStaff(client: LeadwerkClient, invitation: Invitation, origin: string) {
	return invokeInviteStaff(client, {
		action: 'invite',
		...invitationSchema.parse(invitation),
		redirect_to: acceptInviteUrl(origin)
	});
}

export function runStaffAction(
	client: LeadwerkClient,
	action: StaffAction,
	userId: string,
	origin: string
) {
	return invokeInviteStaff(client, {
		action,
		user_id: userId,
		...(action === 'resend' ? { redirect_to: acceptInviteUrl(origin) } : {})
	});
}

export function inviteStaffMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['staff', 'invite'],
		mutationFn: (invitation: Invitation) =>
			inviteStaff(createSupabaseBrowserClient(), invitation, location.origin),
		meta: { errorDisplay: 'inline' },
		onSettled: () => queryClient.invalidateQueries({ queryKey: staffAdminKeys.directory })
	});
}

export function staffActionMutation(queryClient: QueryClient) {
	return mutationOptions({
		mutationKey: ['staff', 'action'],
		mutationFn: ({ action, userId }: { action: StaffAction; userId: string }) =>
			runStaffAction(createSupabaseBrowserClient(), action, userId, location.origin),
		meta: { errorDisplay: 'inline' },
		onSettled: () => queryClient.invalidateQueries({ queryKey: ['staff'] })
	});
}
