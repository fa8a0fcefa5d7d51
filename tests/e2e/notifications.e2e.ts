/**
 * The bell: an assignment by a colleague arrives live on the private topic staff:<uid>, opening
 * it marks it read, and nobody else receives it. The recipients are scratch members of each test:
 * other files running alongside assign tasks and write notes that notify the seed personas.
 */
import { expect, test, type Page } from '@playwright/test';
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

const marker = uniqueName('E2E-Glocke');
// Two sign-ins, live round trips and reconnect back-offs on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** This test's members (their notifications go with them). */
const members: Persona[] = [];
async function member(label: string): Promise<Persona> {
	const created = await createStaffMember({ label, roleName: 'Vertrieb' });
	members.push(created);
	return created;
}
test.afterEach(async () => {
	await deleteLeadsNamed(marker);
	for (const created of members.splice(0)) await deleteStaffMember(created);
});

const bell = (page: Page) =>
	page.getByRole('banner').getByRole('button', { name: /^Benachrichtigungen/ });

function bellName(unread: number) {
	return unread > 0 ? `Benachrichtigungen, ${unread} ungelesen` : 'Benachrichtigungen';
}

async function unreadCount(persona: Persona): Promise<number> {
	const { count } = await admin
		.from('notifications')
		.select('id', { count: 'exact', head: true })
		.eq('staff_id', persona.id)
		.is('read_at', null)
		.throwOnError();
	return count ?? 0;
}

/** Max creates a lead and assigns it to `assignee` through the API, under RLS, as in the app. */
async function maxAssigns(name: string, assignee: Persona): Promise<string> {
	const id = await createLead({ name, status: 'cold', createdBy: personas.max });
	const max = await clientAs(personas.max);
	await max.from('leads').update({ assigned_to: assignee.id }).eq('id', id).throwOnError();
	return id;
}

const assignedSentence = (name: string) =>
	`Max Vogel hat dir den Interessenten „${name}“ zugewiesen.`;

test('an assignment reaches the bell live; opening it shows the lead and marks it read', async ({
	page,
	browser
}) => {
	const recipient = await member('Rita Empfängerin');
	const bystander = await member('Bruno Nebenan');
	await signInAs(page, recipient);
	await openPage(page, '/');
	expect(await unreadCount(recipient)).toBe(0);
	await expect(bell(page)).toHaveAccessibleName(bellName(0));

	const other = await browser.newPage();
	await signInAs(other, bystander);
	await openPage(other, '/');
	await expect(bell(other)).toHaveAccessibleName(bellName(0));

	const name = `${marker} Zuweisung`;
	const id = await maxAssigns(name, recipient);
	await expect(bell(page)).toHaveAccessibleName(bellName(1));
	await expect(bell(page)).toHaveText('1');
	// The count is the database's, not only what arrived while the page was open.
	expect(await unreadCount(recipient)).toBe(1);
	await page.reload();
	await expect(bell(page)).toHaveAccessibleName(bellName(1));

	await bell(page).click();
	const panel = page.getByRole('region', { name: 'Benachrichtigungen' });
	const link = panel.getByRole('link', { name: assignedSentence(name) });
	await expect(link).toBeVisible();
	await expect(
		panel.getByRole('article').filter({ hasText: assignedSentence(name) })
	).toContainText('Ungelesen');
	await link.click();
	await expect(page).toHaveURL(new RegExp(`/leads/${id}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
	await expect(bell(page)).toHaveAccessibleName(bellName(0));
	await expect.poll(() => unreadCount(recipient)).toBe(0);

	// The bystander's bell never heard of it (the topic is the recipient's own; the database
	// refuses anyone else).
	await expect(bell(other)).toHaveAccessibleName(bellName(0));
	await bell(other).click();
	const otherPanel = other.getByRole('region', { name: 'Benachrichtigungen' });
	await expect(otherPanel.getByText('Benachrichtigungen werden geladen …')).toHaveCount(0);
	await expect(otherPanel).not.toContainText(name);
	expect(await unreadCount(bystander)).toBe(0);
	await other.close();
});

test('"mark as read" and "mark all as read" clear the badge', async ({ page }) => {
	const recipient = await member('Mara Markiert');
	await signInAs(page, recipient);
	await openPage(page, '/leads');
	const first = `${marker} Erste`;
	const second = `${marker} Zweite`;
	await maxAssigns(first, recipient);
	await maxAssigns(second, recipient);
	expect(await unreadCount(recipient)).toBe(2);
	await expect(bell(page)).toHaveAccessibleName(bellName(2));

	await bell(page).click();
	const panel = page.getByRole('region', { name: 'Benachrichtigungen' });
	// Newest first.
	const items = panel.getByRole('article');
	await expect(items).toHaveCount(2);
	await expect(items.nth(0)).toContainText(assignedSentence(second));
	await expect(items.nth(1)).toContainText(assignedSentence(first));

	await items.nth(1).getByRole('button', { name: 'Als gelesen markieren' }).click();
	await expect(bell(page)).toHaveAccessibleName(bellName(1));
	await expect(items.nth(1)).not.toContainText('Ungelesen');
	await expect(items.nth(0)).toContainText('Ungelesen');
	await expect.poll(() => unreadCount(recipient)).toBe(1);

	await panel.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
	await expect(bell(page)).toHaveAccessibleName(bellName(0));
	await expect(bell(page)).toHaveText('');
	await expect(panel.getByText('Ungelesen')).toHaveCount(0);
	await expect.poll(() => unreadCount(recipient)).toBe(0);
});
