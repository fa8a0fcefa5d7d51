/**
 * Reminders delivered (issue 6): a colleague reminds a member about a lead the member can see;
 * when send-reminders runs, the reminder reaches the member's open bell live and exactly one mail
 * reaches their inbox, also when two runs race. The test runs the function itself, as the
 * scheduler does every minute (which may run it too; that must not change the outcome).
 * Members, leads and mails are this test's own and are removed afterwards.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { env } from '../conformance/env.ts';
import { deleteMails, mailText, mailsTo } from '../conformance/inbox.ts';
import {
	admin,
	clientAs,
	createLead,
	createStaffMember,
	deleteLeadsNamed,
	deleteStaffMember,
	openPage,
	personas,
	signInAs,
	uniqueName,
	type Persona
} from './leads-data.ts';

const marker = uniqueName('E2E-Erinnerung');
const company = 'Fällig GmbH';
// A sign-in, function runs and mail delivery on a busy machine.
test.describe.configure({ timeout: 120_000 });

const members: Persona[] = [];
test.afterEach(async () => {
	await deleteLeadsNamed(marker);
	for (const member of members.splice(0)) {
		await deleteMails(await mailsTo(member.email));
		await deleteStaffMember(member);
	}
});

/** A member with a private lead of their own, and a reminder on it from Lea, due now. */
async function dueReminderFromLea(label: string) {
	const member = await createStaffMember({ label, roleName: 'Vertrieb' });
	members.push(member);
	const lead = { name: `${marker} ${label}`, company };
	const leadId = await createLead({ ...lead, status: 'cold', createdBy: member });
	const description = `Wegen des Angebots zurückrufen ${randomUUID().slice(0, 8)}`;
	// Lea (Vertriebsleitung) sees every lead, so she may remind the member under RLS.
	const lea = await clientAs(personas.lea);
	const { data } = await lea
		.from('reminders')
		.insert({
			lead_id: leadId,
			remind_staff_id: member.id,
			remind_at: new Date(Date.now() - 1_000).toISOString(),
			description,
			notify_by_email: true
		})
		.select('id')
		.single()
		.throwOnError();
	return { member, lead, leadId, description, reminderId: data.id };
}

/** POSTs to send-reminders with the service role key, as the scheduler does. */
async function runSendReminders() {
	const response = await fetch(`${env.url}/functions/v1/send-reminders`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${env.serviceRoleKey}`,
			'content-type': 'application/json'
		},
		body: '{}'
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Waits until the reminder is delivered (by this test's run or the scheduler's). */
async function expectDelivered(reminderId: string) {
	await expect
		.poll(
			async () => {
				const { data } = await admin
					.from('reminders')
					.select('notified_at')
					.eq('id', reminderId)
					.single()
					.throwOnError();
				return data.notified_at;
			},
			{ timeout: 60_000 }
		)
		.not.toBeNull();
}

async function dueNotificationCount(member: Persona, reminderId: string): Promise<number> {
	const { count } = await admin
		.from('notifications')
		.select('id', { count: 'exact', head: true })
		.eq('staff_id', member.id)
		.eq('kind', 'reminder.due')
		.eq('payload->>reminder_id', reminderId)
		.throwOnError();
	return count ?? 0;
}

const bell = (page: Page) =>
	page.getByRole('banner').getByRole('button', { name: /^Benachrichtigungen/ });

test('a due reminder reaches the member’s open bell live and their inbox once', async ({
	page
}) => {
	const { member, lead, leadId, description, reminderId } =
		await dueReminderFromLea('Rudi Rückruf');
	await signInAs(page, member);
	await openPage(page, '/');
	await expect(bell(page)).toHaveAccessibleName('Benachrichtigungen');
	await bell(page).click();
	const panel = page.getByRole('region', { name: 'Benachrichtigungen' });
	await expect(panel).toContainText('Keine Benachrichtigungen');

	expect((await runSendReminders()).status).toBe(200);

	const sentence = `Erinnerung zu „${lead.name} (${company})“: ${description}`;
	await expect(panel.getByRole('link', { name: sentence })).toBeVisible();
	await expect(bell(page)).toHaveAccessibleName('Benachrichtigungen, 1 ungelesen');
	// Announced as it arrived: it came over the member's live topic, not a later reload.
	await expect(page.getByText(`Neue Benachrichtigung: ${sentence}`)).toBeAttached();

	await expectDelivered(reminderId);
	const mails = await mailsTo(member.email);
	expect(mails.map((mail) => mail.Subject)).toEqual([`Erinnerung: ${lead.name}`]);
	const text = await mailText(mails[0].ID);
	expect(text).toContain(`Hallo ${member.name},`);
	expect(text).toContain(description);
	expect(text).toContain(`/leads/${leadId}`);

	// A later run finds nothing left to deliver.
	expect((await runSendReminders()).status).toBe(200);
	expect(await mailsTo(member.email)).toHaveLength(1);
	expect(await dueNotificationCount(member, reminderId)).toBe(1);
	await expect(panel.getByRole('article')).toHaveCount(1);
});

test('two runs at once deliver a reminder once', async () => {
	const { member, lead, reminderId } = await dueReminderFromLea('Paula Parallel');

	const replies = await Promise.all([runSendReminders(), runSendReminders()]);
	for (const reply of replies) {
		expect(reply).toMatchObject({
			status: 200,
			body: { claimed: expect.any(Number), sent: expect.any(Number), failed: expect.any(Number) }
		});
	}
	// Other tests' reminders may be due too, so the counts say little; the inbox says it all.
	await expectDelivered(reminderId);
	const mails = await mailsTo(member.email);
	expect(mails.map((mail) => mail.Subject)).toEqual([`Erinnerung: ${lead.name}`]);
	expect(await dueNotificationCount(member, reminderId)).toBe(1);
});
