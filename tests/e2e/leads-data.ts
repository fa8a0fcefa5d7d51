/**
 * Test data for the end-to-end tests: leads with unique names and scratch staff members, written
 * and removed as the service role (tests own their data; seed leads and personas are only read).
 */
import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { createClient, type SupabaseClientOptions } from '@supabase/supabase-js';
import ws from 'ws';
import { env } from '../conformance/env.ts';
import { submitSignIn } from './sign-in.ts';

type Transport = NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport'];
const clientOptions = {
	auth: { persistSession: false },
	// Node 20 has no WebSocket; supabase-js builds its realtime client eagerly.
	realtime: { transport: ws as unknown as Transport }
};

export const admin = createClient(env.url, env.secretKey, clientOptions);

/** Someone who signs in: a seed persona or a scratch member from createStaffMember. */
export interface Persona {
	readonly id: string;
	readonly email: string;
	readonly name: string;
	readonly password: string;
}

const demoPassword = 'leadwerk-demo';
export const personas = {
	max: {
		email: 'max@leadwerk.test',
		name: 'Max Vogel',
		id: '00000000-0000-4000-a000-000000000003',
		password: demoPassword
	},
	lea: {
		email: 'lea@leadwerk.test',
		name: 'Lea Leitner',
		id: '00000000-0000-4000-a000-000000000002',
		password: demoPassword
	},
	nina: {
		email: 'nina@leadwerk.test',
		name: 'Nina Brandt',
		id: '00000000-0000-4000-a000-000000000004',
		password: demoPassword
	}
} as const satisfies Record<string, Persona>;

/**
 * A confirmed staff member of this test alone (unique e-mail and name), for assertions the seed
 * personas cannot carry: tests running in parallel notify and remind them at any moment.
 * `roleName` is a role's name, e.g. 'Vertrieb'; without it the member has no role.
 */
export async function createStaffMember(options: {
	label: string;
	roleName?: string;
}): Promise<Persona> {
	const suffix = randomUUID().slice(0, 8);
	const email = `e2e-${suffix}@leadwerk.test`;
	const name = `${options.label} ${suffix}`;
	const password = `geheim-${randomUUID()}`;
	const { data, error } = await admin.auth.admin.createUser({
		email,
		password,
		email_confirm: true,
		user_metadata: { full_name: name }
	});
	if (error) throw error;
	const member = { id: data.user.id, email, name, password };
	if (options.roleName !== undefined) {
		try {
			const { data: role } = await admin
				.from('roles')
				.select('id')
				.eq('name', options.roleName)
				.single()
				.throwOnError();
			await admin.from('staff').update({ role_id: role.id }).eq('id', member.id).throwOnError();
		} catch (roleError) {
			await deleteStaffMember(member);
			throw roleError;
		}
	}
	return member;
}

/** Removes a member from createStaffMember; their staff row, notifications and reminders go too. */
export async function deleteStaffMember(member: Persona): Promise<void> {
	const { error } = await admin.auth.admin.deleteUser(member.id);
	if (error) throw error;
}

/** A supabase-js client signed in as a persona, acting under row level security. */
export async function clientAs(persona: Persona) {
	const client = createClient(env.url, env.publishableKey, clientOptions);
	const { error } = await client.auth.signInWithPassword({
		email: persona.email,
		password: persona.password
	});
	if (error) throw error;
	return client;
}

/**
 * Opens a page of the app and waits until its scripts run (the quick-create button is disabled
 * until then), so no click, key or drag goes to the server-rendered page unheard.
 */
export async function openPage(page: Page, path: string) {
	await page.goto(path);
	await expectInteractive(page);
}

export async function expectInteractive(page: Page) {
	await expect(page.getByRole('button', { name: 'Schnellerstellung' })).toBeEnabled();
}

export async function signInAs(page: Page, persona: Persona) {
	await page.goto('/login');
	await submitSignIn(page, persona.email, persona.password);
	await expect(page.getByRole('banner')).toContainText(persona.name);
}

/** A name no other test run uses, so parallel and repeated runs never see each other's leads. */
export function uniqueName(label: string): string {
	return `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export async function statusId(key: 'cold' | 'hot' | 'customer'): Promise<string> {
	const { data } = await admin
		.from('lead_statuses')
		.select('id')
		.eq('key', key)
		.single()
		.throwOnError();
	return data.id;
}

export interface NewLead {
	name: string;
	status: 'cold' | 'hot' | 'customer';
	createdBy: Persona;
	assignedTo?: Persona;
	isPublic?: boolean;
	company?: string;
	email?: string;
	value?: number;
}

export async function createLead(lead: NewLead): Promise<string> {
	const { data } = await admin
		.from('leads')
		.insert({
			name: lead.name,
			company: lead.company ?? null,
			email: lead.email ?? null,
			value: lead.value ?? null,
			status_id: await statusId(lead.status),
			created_by: lead.createdBy.id,
			assigned_to: lead.assignedTo?.id ?? null,
			is_public: lead.isPublic ?? false
		})
		.select('id')
		.single()
		.throwOnError();
	return data.id;
}

/** Removes every lead whose name contains `marker` (what a test created, however it ended). */
export async function deleteLeadsNamed(marker: string): Promise<void> {
	await admin.from('leads').delete().ilike('name', `%${marker}%`).throwOnError();
}
