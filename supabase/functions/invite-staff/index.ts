/**
 * Team administration through the auth admin API (issue 8). POST JSON with an `action`:
 * - `invite` { email, full_name, role_id?, redirect_to } — mails an invitation link
 * - `resend` { user_id, redirect_to } — mails the link of a pending invitation again
 * - `revoke` { user_id } — deletes a pending invitation (the user never signed in)
 * - `deactivate` / `reactivate` { user_id } — staff.active plus a ban that ends their sessions
 *
 * Who may do this is decided by the database, asked with the caller's own JWT
 * (`current_user_manages_staff()`, and row level security on `staff` for role and active flag);
 * nothing in the body grants a right. The service role is used only here, for the admin API.
 */
import { createClient, type SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import { z } from 'npm:zod@4.6.7';

const corsHeaders = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type',
	'Access-Control-Allow-Methods': 'POST, OPTIONS'
};

const redirectTo = z.url({ protocol: /^https?$/ });
const requestSchema = z.discriminatedUnion('action', [
	z.object({
		action: z.literal('invite'),
		email: z.email().max(254),
		full_name: z.string().trim().min(1).max(200),
		role_id: z.guid().nullable().optional(),
		redirect_to: redirectTo
	}),
	z.object({ action: z.literal('resend'), user_id: z.guid(), redirect_to: redirectTo }),
	z.object({ action: z.literal('revoke'), user_id: z.guid() }),
	z.object({ action: z.literal('deactivate'), user_id: z.guid() }),
	z.object({ action: z.literal('reactivate'), user_id: z.guid() })
]);

type Failure = { status: number; code: string; message: string };

const reply = (status: number, body: unknown) =>
	Response.json(body, { status, headers: corsHeaders });
const fail = ({ status, code, message }: Failure) => reply(status, { code, message });

// Ten years: GoTrue bans for a duration; deactivation lasts until someone reactivates.
const deactivatedBan = '87600h';

function env(name: string): string {
	const value = Deno.env.get(name);
	if (!value) throw new Error(`${name} is not set`);
	return value;
}

Deno.serve(async (request) => {
	if (request.method === 'OPTIONS') return new Response(null, { headers: corsHeaders });
	if (request.method !== 'POST') {
		return fail({ status: 405, code: 'method_not_allowed', message: 'POST only' });
	}
	const authorization = request.headers.get('Authorization');
	if (!authorization?.startsWith('Bearer ')) {
		return fail({ status: 401, code: 'unauthorized', message: 'Sign in first' });
	}

	const parsed = requestSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) {
		return fail({ status: 400, code: 'invalid_request', message: z.prettifyError(parsed.error) });
	}

	const url = env('SUPABASE_URL');
	const options = { auth: { persistSession: false, autoRefreshToken: false } };
	// Acts as the caller: every read and write below is subject to their rights.
	const asCaller = createClient(url, env('SUPABASE_ANON_KEY'), {
		...options,
		global: { headers: { Authorization: authorization } }
	});
	const { data: manages, error: rightError } = await asCaller.rpc('current_user_manages_staff');
	if (rightError) return fail({ status: 401, code: 'unauthorized', message: rightError.message });
	if (manages !== true) {
		return fail({ status: 403, code: 'forbidden', message: 'Only staff managers may do this' });
	}
	const admin = createClient(url, env('SUPABASE_SERVICE_ROLE_KEY'), options);

	const body = parsed.data;
	switch (body.action) {
		case 'invite':
			return invite(asCaller, admin, body);
		case 'resend':
			return resend(admin, body.user_id, body.redirect_to);
		case 'revoke':
			return revoke(admin, body.user_id);
		case 'deactivate':
		case 'reactivate':
			return setActive(asCaller, admin, body.user_id, body.action === 'reactivate');
	}
});

async function invite(
	asCaller: SupabaseClient,
	admin: SupabaseClient,
	body: { email: string; full_name: string; role_id?: string | null; redirect_to: string }
): Promise<Response> {
	const { data, error } = await admin.auth.admin.inviteUserByEmail(body.email, {
		data: { full_name: body.full_name },
		redirectTo: body.redirect_to
	});
	if (error) {
		const exists = error.code === 'email_exists' || error.status === 422;
		return fail({
			status: exists ? 409 : 502,
			code: exists ? 'email_exists' : 'invite_failed',
			message: error.message
		});
	}
	if (body.role_id) {
		// The caller's client: row level security and the rights guard decide about the role.
		const { error: roleError } = await asCaller
			.from('staff')
			.update({ role_id: body.role_id })
			.eq('id', data.user.id);
		if (roleError) {
			return fail({ status: 403, code: 'role_refused', message: roleError.message });
		}
	}
	return reply(200, { user_id: data.user.id });
}

/** The auth user if their invitation is still pending (never confirmed), else a failure. */
async function pendingInvitee(admin: SupabaseClient, userId: string) {
	const { data, error } = await admin.auth.admin.getUserById(userId);
	if (error) return { failure: { status: 404, code: 'not_found', message: error.message } };
	if (!data.user.invited_at || data.user.email_confirmed_at) {
		return {
			failure: { status: 409, code: 'not_pending', message: 'The invitation was already accepted' }
		};
	}
	return { user: data.user };
}

async function resend(admin: SupabaseClient, userId: string, redirectTo: string) {
	const { user, failure } = await pendingInvitee(admin, userId);
	if (failure) return fail(failure);
	const { error } = await admin.auth.admin.inviteUserByEmail(user.email ?? '', {
		data: user.user_metadata,
		redirectTo
	});
	if (error) return fail({ status: 502, code: 'invite_failed', message: error.message });
	return reply(200, { user_id: userId });
}

async function revoke(admin: SupabaseClient, userId: string) {
	const { failure } = await pendingInvitee(admin, userId);
	if (failure) return fail(failure);
	const { error } = await admin.auth.admin.deleteUser(userId);
	if (error) return fail({ status: 409, code: 'revoke_failed', message: error.message });
	return reply(200, { user_id: userId });
}

async function setActive(
	asCaller: SupabaseClient,
	admin: SupabaseClient,
	userId: string,
	active: boolean
): Promise<Response> {
	// The flag first, as the caller: the database refuses their own row, rows they may not
	// manage and the last administrator. Only then the ban, which ends their sessions.
	const { data, error } = await asCaller
		.from('staff')
		.update({ active })
		.eq('id', userId)
		.select('id');
	if (error) {
		const lastAdmin = error.code === '23514';
		return fail({
			status: lastAdmin ? 409 : 403,
			code: lastAdmin ? 'last_administrator' : 'forbidden',
			message: error.message
		});
	}
	if (data.length === 0) return fail({ status: 404, code: 'not_found', message: 'No such staff' });
	const { error: banError } = await admin.auth.admin.updateUserById(userId, {
		ban_duration: active ? 'none' : deactivatedBan
	});
	if (banError) return fail({ status: 502, code: 'ban_failed', message: banError.message });
	return reply(200, { user_id: userId, active });
}
