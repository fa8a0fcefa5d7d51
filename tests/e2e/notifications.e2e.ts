/**
 * The bell: an assignment by a colleague arrives live on the private topic staff:<uid>, opening
 * it marks it read, and nobody else receives it.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	admin,
	clientAs,
	createLead,
	deleteLeadsNamed,
	openPage,
	personas,
	signInAs,
	uniqueName,
	type Persona
} from './leads-data.ts';

const marker = uniqueName('E2E-Glocke');
// Two sign-ins, live round trips and reconnect back-offs on a busy machine.
test.describe.configure({ timeout: 120_000 });
test.afterAll(async () => {
	await deleteLeadsNamed(marker);
	// Notifications outlive their lead (they are a record of what happened); remove this run's.
	const { data } = await admin
		.from('notifications')
		.select('id, payload')
		.eq('kind', 'lead.assigned')
		.throwOnError();
	const ours = data
		.filter(({ payload }) =>
			String((payload as { lead_name?: unknown }).lead_name).includes(marker)
		)
		.map(({ id }) => id);
	if (ours.length) await admin.from('notifications').delete().in('id', ours).throwOnError();
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

/** Max creates a lead and assigns it to Lea through the API, under RLS, as in the app. */
async function maxAssignsToLea(name: string): Promise<string> {
	const id = await createLead({ name, status: 'cold', createdBy: personas.max });
	const max = await clientAs(personas.max);
	await max.from('leads').update({ assigned_to: personas.lea.id }).eq('id', id).throwOnError();
	return id;
}

const assignedSentence = (name: string) =>
	`Max Vogel hat dir den Interessenten „${name}“ zugewiesen.`;

test('an assignment reaches Lea’s bell live; opening it shows the lead and marks it read', async ({
	page,
	browser
}) => {
	await signInAs(page, personas.lea);
	await openPage(page, '/');
	const leaBefore = await unreadCount(personas.lea);
	await expect(bell(page)).toHaveAccessibleName(bellName(leaBefore));

	const nina = await browser.newPage();
	await signInAs(nina, personas.nina);
	await openPage(nina, '/');
	const ninaBefore = await unreadCount(personas.nina);
	await expect(bell(nina)).toHaveAccessibleName(bellName(ninaBefore));

	const name = `${marker} Zuweisung`;
	const id = await maxAssignsToLea(name);
	await expect(bell(page)).toHaveAccessibleName(bellName(leaBefore + 1));
	await expect(bell(page)).toHaveText(String(leaBefore + 1));
	// The count is the database's, not only what arrived while the page was open.
	await page.reload();
	await expect(bell(page)).toHaveAccessibleName(bellName(leaBefore + 1));

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
	await expect(bell(page)).toHaveAccessibleName(bellName(leaBefore));

	// Nina's bell never heard of it (the topic is Lea's own; the database refuses anyone else).
	await expect(bell(nina)).toHaveAccessibleName(bellName(ninaBefore));
	await bell(nina).click();
	const ninaPanel = nina.getByRole('region', { name: 'Benachrichtigungen' });
	await expect(ninaPanel.getByText('Benachrichtigungen werden geladen …')).toHaveCount(0);
	await expect(ninaPanel).not.toContainText(name);
	await nina.close();
});

test('"mark as read" and "mark all as read" clear the badge', async ({ page }) => {
	await signInAs(page, personas.lea);
	await openPage(page, '/leads');
	const first = `${marker} Erste`;
	const second = `${marker} Zweite`;
	await maxAssignsToLea(first);
	await maxAssignsToLea(second);
	const unread = await unreadCount(personas.lea);
	await expect(bell(page)).toHaveAccessibleName(bellName(unread));

	await bell(page).click();
	const panel = page.getByRole('region', { name: 'Benachrichtigungen' });
	// Newest first.
	const items = panel.getByRole('article');
	await expect(items.nth(0)).toContainText(assignedSentence(second));
	await expect(items.nth(1)).toContainText(assignedSentence(first));

	await items.nth(1).getByRole('button', { name: 'Als gelesen markieren' }).click();
	await expect(bell(page)).toHaveAccessibleName(bellName(unread - 1));
	await expect(items.nth(1)).not.toContainText('Ungelesen');
	await expect(items.nth(0)).toContainText('Ungelesen');

	await panel.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
	await expect(bell(page)).toHaveAccessibleName(bellName(0));
	await expect(bell(page)).toHaveText('');
	await expect(panel.getByText('Ungelesen')).toHaveCount(0);
	expect(await unreadCount(personas.lea)).toBe(0);
});
