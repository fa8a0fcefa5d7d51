/**
 * Proposal tests through unmodified supabase-js: staff members with the proposal rights of
 * Vertrieb, signed in with their own JWT, and leads with proposals they create through the RPCs.
 * Everything created here is registered and removed by `removeCreated` (call it in afterAll).
 * Addresses look like conf-proposal-…@example.test.
 */
import { createClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { env } from './env.ts';
import { realtimeTransport } from './transport.ts';

const clientOptions = {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: { transport: realtimeTransport }
};
export const service = createClient(env.url, env.secretKey, clientOptions);
export const anon = createClient(env.url, env.publishableKey, clientOptions);

const createdUsers: string[] = [];
const createdRoles: string[] = [];
const createdLeads: string[] = [];
export const address = (label: string) =>
	`conf-proposal-${label}-${randomUUID().slice(0, 8)}@example.test`;

export async function removeCreated() {
	if (createdLeads.length) await service.from('leads').delete().in('id', createdLeads);
	for (const id of createdUsers) await service.auth.admin.deleteUser(id);
	if (createdRoles.length) await service.from('roles').delete().in('id', createdRoles);
}

/**
 * A signed-in staff member whose role has the given proposal capabilities (by default those of
 * Vertrieb: create and edit).
 */
export async function createSeller(capabilities: string[] = ['create', 'edit']) {
	const email = address('staff');
	const password = `pw-${randomUUID()}`;
	const { data, error } = await service.auth.admin.createUser({
		email,
		password,
		email_confirm: true,
		user_metadata: { full_name: 'Konformität Vertrieb' }
	});
	if (error) throw error;
	createdUsers.push(data.user.id);
	const { data: role } = await service
		.from('roles')
		.insert({ name: `Konformität ${randomUUID().slice(0, 8)}` })
		.select('id')
		.single()
		.throwOnError();
	createdRoles.push(role.id);
	await service
		.from('role_permissions')
		.insert(
			capabilities.map((capability) => ({ role_id: role.id, feature: 'proposals', capability }))
		)
		.throwOnError();
	await service.from('staff').update({ role_id: role.id }).eq('id', data.user.id).throwOnError();
	const client = createClient(env.url, env.publishableKey, clientOptions);
	const { error: signInError } = await client.auth.signInWithPassword({ email, password });
	if (signInError) throw signInError;
	return { id: data.user.id, client };
}

export type Seller = Awaited<ReturnType<typeof createSeller>>;

/** A private lead of `seller` with a proposal for it; returns both ids and the recipient. */
export async function createProposal(seller: Seller, options: { email?: string | null } = {}) {
	const recipient = options.email === undefined ? address('kunde') : options.email;
	const { data: lead } = await seller.client
		.from('leads')
		.insert({
			name: 'Jürgen Obermaier',
			company: 'Obermaier Brauerei KG',
			email: recipient,
			created_by: seller.id
		})
		.select('id')
		.single()
		.throwOnError();
	createdLeads.push(lead.id);
	const subject = `Abfüllanlage ${randomUUID().slice(0, 8)}`;
	const { data: id, error } = await seller.client.rpc('save_proposal', {
		p_id: null,
		p_version: null,
		p_proposal: { subject, lead_id: lead.id, language: 'de' },
		p_items: [
			{ description: 'Wartung Abfüllanlage', quantity: 2, rate: 480, tax_rate: 19 },
			{ description: 'Anfahrt', quantity: 1, rate: 35.5, tax_rate: 7 }
		]
	});
	if (error) throw error;
	return { id: id as string, lead: lead.id, subject, recipient };
}
