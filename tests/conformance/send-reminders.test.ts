/**
 * The send-reminders edge function over HTTP on the running stack (design.md §6): a due reminder
 * gives exactly one mail and one reminder.due notification, even with two runs at once (and the
 * stack's own scheduler calling it every minute); a reminder without e-mail gives only the
 * notification; a recipient who may no longer see the lead gets a mail that names nothing of it;
 * only the service role may run it. Users (conf-reminders-…@example.test), leads and mails are
 * created here and removed afterwards.
 */
import { createClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from './env.ts';
import { deleteMails, mailText, mailsTo } from './inbox.ts';
import { realtimeTransport } from './transport.ts';

const clientOptions = {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: { transport: realtimeTransport }
};
const service = createClient(env.url, env.secretKey, clientOptions);
const functionUrl = `${env.url}/functions/v1/send-reminders`;

const createdUsers: string[] = [];
const createdLeads: string[] = [];

afterAll(async () => {
	if (createdLeads.length) await service.from('leads').delete().in('id', createdLeads);
	for (const id of createdUsers) await service.auth.admin.deleteUser(id);
});

async function createMember(language: 'de' | 'en') {
	const email = `conf-reminders-${randomUUID().slice(0, 8)}@example.test`;
	const password = `pw-${randomUUID()}`;
	const { data, error } = await service.auth.admin.createUser({
		email,
		password,
		email_confirm: true,
		user_metadata: { full_name: 'Erika Erinnerung', language }
	});
	if (error) throw error;
	createdUsers.push(data.user.id);
	return { id: data.user.id, email, password };
}

async function createLead(owner: string) {
	const name = `Erinnerungstest ${randomUUID().slice(0, 8)}`;
	const { data } = await service
		.from('leads')
		.insert({ name, company: 'Fällig GmbH', created_by: owner, assigned_to: owner })
		.select('id')
		.single()
		.throwOnError();
	createdLeads.push(data.id);
	return { id: data.id as string, name };
}

async function createDueReminder(options: {
	lead: string;
	remind: string;
	createdBy: string;
	notifyByEmail: boolean;
	description: string;
}) {
	const { data } = await service
		.from('reminders')
		.insert({
			lead_id: options.lead,
			remind_staff_id: options.remind,
			created_by: options.createdBy,
			remind_at: new Date(Date.now() - 60_000).toISOString(),
			description: options.description,
			notify_by_email: options.notifyByEmail
		})
		.select('id')
		.single()
		.throwOnError();
	return data.id as string;
}

/** POSTs to the function as pg_net does; returns the status and the JSON reply. */
async function run(authorization?: string) {
	const response = await fetch(functionUrl, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(authorization ? { authorization } : {})
		},
		body: '{}'
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const asServiceRole = () => run(`Bearer ${env.serviceRoleKey}`);

/**
 * The reminder's delivery columns once it is delivered. Another run (the stack's scheduler, or a
 * database test's claim) may hold it for a moment, so this runs the function again meanwhile, as
 * the scheduler would; extra runs must not change the outcome.
 */
async function settled(reminder: string) {
	for (let attempt = 0; attempt < 40; attempt++) {
		const { data } = await service
			.from('reminders')
			.select('notified_at, attempts, last_error')
			.eq('id', reminder)
			.single()
			.throwOnError();
		if (data.notified_at !== null) return data;
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect((await asServiceRole()).status).toBe(200);
	}
	throw new Error(`reminder ${reminder} was not delivered`);
}

async function dueNotifications(staff: string, reminder: string) {
	const { data } = await service
		.from('notifications')
		.select('payload')
		.eq('staff_id', staff)
		.eq('kind', 'reminder.due')
		.eq('payload->>reminder_id', reminder)
		.throwOnError();
	return data;
}

describe('send-reminders', { timeout: 60_000 }, () => {
	it('mails a due reminder exactly once, even when two runs race', async () => {
		const member = await createMember('en');
		const lead = await createLead(member.id);
		const description = `Call back about the offer ${randomUUID().slice(0, 8)}`;
		const reminder = await createDueReminder({
			lead: lead.id,
			remind: member.id,
			createdBy: member.id,
			notifyByEmail: true,
			description
		});

		const replies = await Promise.all([asServiceRole(), asServiceRole()]);
		for (const reply of replies) {
			expect(reply).toMatchObject({
				status: 200,
				body: { claimed: expect.any(Number), sent: expect.any(Number), failed: 0 }
			});
		}
		// At most one of them mailed it (none if the scheduler was first).
		expect(replies.reduce((sum, reply) => sum + Number(reply.body.sent), 0)).toBeLessThanOrEqual(1);
		expect(await settled(reminder)).toMatchObject({ attempts: 1, last_error: null });

		const mails = await mailsTo(member.email);
		try {
			expect(mails).toHaveLength(1);
			expect(mails[0].Subject).toBe(`Reminder: ${lead.name}`);
			const text = await mailText(mails[0].ID);
			expect(text).toContain('Hello Erika Erinnerung,');
			expect(text).toContain(`${lead.name} (Fällig GmbH)`);
			expect(text).toContain(description);
			expect(text).toContain(`/leads/${lead.id}`);
			expect(await dueNotifications(member.id, reminder)).toEqual([
				{
					payload: {
						reminder_id: reminder,
						lead_id: lead.id,
						lead_name: lead.name,
						company: 'Fällig GmbH',
						description,
						remind_at: expect.any(String)
					}
				}
			]);
			// Another run finds nothing left of it.
			expect((await asServiceRole()).status).toBe(200);
			expect(await mailsTo(member.email)).toHaveLength(1);
		} finally {
			await deleteMails(mails);
		}
	});

	it('notifies in the app only when the reminder asks for no e-mail', async () => {
		const member = await createMember('de');
		const lead = await createLead(member.id);
		const reminder = await createDueReminder({
			lead: lead.id,
			remind: member.id,
			createdBy: member.id,
			notifyByEmail: false,
			description: 'Nur in der App'
		});
		expect((await asServiceRole()).status).toBe(200);
		expect(await settled(reminder)).toMatchObject({ attempts: 1, last_error: null });
		expect(await dueNotifications(member.id, reminder)).toEqual([
			{ payload: expect.objectContaining({ reminder_id: reminder, lead_name: lead.name }) }
		]);
		expect(await mailsTo(member.email)).toEqual([]);
	});

	it('names nothing of a lead the recipient may no longer see', async () => {
		const owner = await createMember('de');
		const former = await createMember('de');
		const lead = await createLead(owner.id);
		const description = `Vertrauliches Budget ${randomUUID().slice(0, 8)}`;
		// Set while the lead was still assigned to `former`, then taken away from them.
		await service.from('leads').update({ assigned_to: former.id }).eq('id', lead.id).throwOnError();
		const reminder = await createDueReminder({
			lead: lead.id,
			remind: former.id,
			createdBy: owner.id,
			notifyByEmail: true,
			description
		});
		await service.from('leads').update({ assigned_to: owner.id }).eq('id', lead.id).throwOnError();

		expect((await asServiceRole()).status).toBe(200);
		await settled(reminder);
		const mails = await mailsTo(former.email);
		try {
			expect(mails.map((mail) => mail.Subject)).toEqual(['Erinnerung']);
			const text = await mailText(mails[0].ID);
			expect(text).toContain('nicht mehr sehen darfst');
			for (const secret of [lead.name, 'Fällig GmbH', description, lead.id]) {
				expect(text).not.toContain(secret);
			}
			expect(await dueNotifications(former.id, reminder)).toEqual([
				{
					payload: expect.objectContaining({
						lead_id: lead.id,
						lead_name: null,
						company: null,
						description: null
					})
				}
			]);
		} finally {
			await deleteMails(mails);
		}
	});

	it('refuses everyone but the service role', async () => {
		const member = await createMember('de');
		const signedIn = createClient(env.url, env.publishableKey, clientOptions);
		const { data, error } = await signedIn.auth.signInWithPassword({
			email: member.email,
			password: member.password
		});
		if (error) throw error;
		for (const authorization of [
			undefined,
			`Bearer ${env.anonKey}`,
			`Bearer ${data.session.access_token}`,
			'Bearer not-a-key'
		]) {
			expect(await run(authorization)).toEqual({
				status: 403,
				body: { code: 'forbidden', message: expect.any(String) }
			});
		}
	});
});
