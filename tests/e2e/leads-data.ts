/**
 * Test data for the leads end-to-end tests: leads with unique names, written and removed as
 * the service role (tests own their data; seed leads are only read).
 */
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

export const personas = {
	max: {
		email: 'max@leadwerk.test',
		name: 'Max Vogel',
		id: '00000000-0000-4000-a000-000000000003'
	},
	lea: {
		email: 'lea@leadwerk.test',
		name: 'Lea Leitner',
		id: '00000000-0000-4000-a000-000000000002'
	},
	nina: {
		email: 'nina@leadwerk.test',
		name: 'Nina Brandt',
		id: '00000000-0000-4000-a000-000000000004'
	}
} as const;
export type Persona = (typeof personas)[keyof typeof personas];
const password = 'leadwerk-demo';

/** A supabase-js client signed in as a persona, acting under row level security. */
export async function clientAs(persona: Persona) {
	const client = createClient(env.url, env.publishableKey, clientOptions);
	const { error } = await client.auth.signInWithPassword({ email: persona.email, password });
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
	await submitSignIn(page, persona.email, password);
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
