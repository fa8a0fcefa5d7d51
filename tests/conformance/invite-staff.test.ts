/**
 * The invite-staff edge function (issue 8) through unmodified supabase-js: the caller's right
 * comes from their JWT and the database, never from the body; invitations land in the inbox and
 * can be resent and revoked; deactivation bans and reactivation lifts the ban. Every test creates
 * its own users and roles (conf-team-…@example.test) and removes them after.
 */
import { createClient, type SupabaseClientOptions } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { env } from './env.ts';

// Node 20 has no global WebSocket; supabase-js builds its realtime client eagerly.
const clientOptions = {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: {
		transport: ws as unknown as NonNullable<
			SupabaseClientOptions<'public'>['realtime']
		>['transport']
	}
};
const service = createClient(env.url, env.secretKey, clientOptions);
const redirectTo = 'http://localhost:4173/auth/accept-invite';

const createdUsers: string[] = [];
const createdRoles: string[] = [];
const address = (label: string) => `conf-team-${label}-${randomUUID().slice(0, 8)}@example.test`;

async function createMember(options: { capabilities?: string[] } = {}) {
	const email = address('member');
	const password = `pw-${randomUUID()}`;
	const { data, error } = await service.auth.admin.createUser({
		email,
		password,
		email_confirm: true,
		user_metadata: { full_name: 'Konformität Test' }
	});
	if (error) throw error;
	createdUsers.push(data.user.id);
	if (options.capabilities) {
		const { data: role } = await service
			.from('roles')
			.insert({ name: `Konformität ${randomUUID().slice(0, 8)}` })
			.select('id')
			.single()
			.throwOnError();
		createdRoles.push(role.id);
		for (const capability of options.capabilities) {
			const [feature, name] = capability.split('.');
			await service
				.from('role_permissions')
				.insert({ role_id: role.id, feature, capability: name })
				.throwOnError();
		}
		await service.from('staff').update({ role_id: role.id }).eq('id', data.user.id).throwOnError();
	}
	const client = createClient(env.url, env.publishableKey, clientOptions);
	const { error: signInError } = await client.auth.signInWithPassword({ email, password });
	if (signInError) throw signInError;
	return { id: data.user.id, email, password, client };
}

type Member = Awaited<ReturnType<typeof createMember>>;

/** Calls the function as `member`; returns the HTTP status and the JSON reply. */
async function call(member: Member, body: Record<string, unknown>) {
	const { data, error } = await member.client.functions.invoke('invite-staff', { body });
	if (!error) return { status: 200, body: data as Record<string, unknown> };
	const response = (error as { context?: unknown }).context;
	if (!(response instanceof Response)) throw error;
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function inboxHasMailTo(email: string): Promise<boolean> {
	const reply = (await (await fetch(`${env.inboxUrl}/api/v1/messages`)).json()) as {
		messages: { To: { Address: string }[] }[];
	};
	return reply.messages.some((message) => message.To.some((to) => to.Address === email));
}

let manager: Member;
let seller: Member;

beforeAll(async () => {
	manager = await createMember({ capabilities: ['staff.manage'] });
	seller = await createMember({ capabilities: [] });
});

afterAll(async () => {
	for (const id of createdUsers) await service.auth.admin.deleteUser(id);
	if (createdRoles.length) await service.from('roles').delete().in('id', createdRoles);
});

describe('invite-staff', () => {
	it('refuses callers without staff.manage, whatever the body claims', async () => {
		const email = address('refused');
		const reply = await call(seller, {
			action: 'invite',
			email,
			full_name: 'Nicht Erlaubt',
			redirect_to: redirectTo,
			is_admin: true,
			manages_staff: true
		});
		expect(reply).toMatchObject({ status: 403, body: { code: 'forbidden' } });
		const { data } = await service.from('staff').select('id').eq('email', email);
		expect(data).toEqual([]);
	});

	it('refuses an anonymous caller', async () => {
		const anonymous = createClient(env.url, env.publishableKey, clientOptions);
		const { error } = await anonymous.functions.invoke('invite-staff', {
			body: { action: 'invite', email: address('anon'), full_name: 'Anon', redirect_to: redirectTo }
		});
		const response = (error as { context?: unknown } | null)?.context;
		expect(response instanceof Response ? response.status : 0).toBe(401);
	});

	it('invites with name and role, mails the link, resends and revokes', async () => {
		const [{ id: roleId }] = (
			await service
				.from('roles')
				.insert({ name: `Konformität ${randomUUID().slice(0, 8)}` })
				.select('id')
				.throwOnError()
		).data;
		createdRoles.push(roleId);
		const email = address('invitee');
		const reply = await call(manager, {
			action: 'invite',
			email,
			full_name: 'Ines Eingeladen',
			role_id: roleId,
			redirect_to: redirectTo
		});
		expect(reply.status).toBe(200);
		const userId = String(reply.body.user_id);
		createdUsers.push(userId);

		const { data: staff } = await service
			.from('staff')
			.select('full_name, role_id, is_admin')
			.eq('id', userId)
			.single()
			.throwOnError();
		expect(staff).toEqual({ full_name: 'Ines Eingeladen', role_id: roleId, is_admin: false });
		await expect.poll(() => inboxHasMailTo(email)).toBe(true);

		expect(
			await call(manager, { action: 'resend', user_id: userId, redirect_to: redirectTo })
		).toMatchObject({ status: 200 });
		expect(await call(manager, { action: 'revoke', user_id: userId })).toMatchObject({
			status: 200
		});
		const { data: gone } = await service.auth.admin.getUserById(userId);
		expect(gone.user).toBeNull();
	});

	it('does not revoke an account that is already in use', async () => {
		expect(await call(manager, { action: 'revoke', user_id: seller.id })).toMatchObject({
			status: 409,
			body: { code: 'not_pending' }
		});
	});

	it('deactivates with a ban and reactivates, but never the caller themselves', async () => {
		const member = await createMember({ capabilities: [] });
		expect(await call(manager, { action: 'deactivate', user_id: member.id })).toMatchObject({
			status: 200,
			body: { active: false }
		});
		const { error: signInError } = await createClient(
			env.url,
			env.publishableKey,
			clientOptions
		).auth.signInWithPassword({ email: member.email, password: member.password });
		expect(signInError?.code).toBe('user_banned');

		expect(await call(manager, { action: 'reactivate', user_id: member.id })).toMatchObject({
			status: 200,
			body: { active: true }
		});
		const { error: againError } = await createClient(
			env.url,
			env.publishableKey,
			clientOptions
		).auth.signInWithPassword({ email: member.email, password: member.password });
		expect(againError).toBeNull();

		expect(await call(manager, { action: 'deactivate', user_id: manager.id })).toMatchObject({
			status: 403
		});
	});
});
