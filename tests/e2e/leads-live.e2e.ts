/**
 * The table and the board follow colleagues' changes without reloading (postgres_changes on
 * public.leads), and Realtime delivers nothing a viewer may not see.
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
	statusId,
	uniqueName,
	type Persona
} from './leads-data.ts';

const marker = uniqueName('E2E-Live');
test.afterAll(() => deleteLeadsNamed(marker));

/** Opens the leads workspace filtered to `query` and waits until its live updates run. */
async function openLiveLeads(page: Page, persona: Persona, query: string, view = 'table') {
	await signInAs(page, persona);
	await openPage(page, `/leads?view=${view}&q=${encodeURIComponent(query)}`);
	await expect(page.getByRole('status').getByText('Live', { exact: true })).toBeVisible();
}

/** Max changes one of his leads through the API, under RLS, as a colleague would. */
async function maxUpdatesLead(id: string, changes: { status_id?: string; assigned_to?: string }) {
	const max = await clientAs(personas.max);
	await max.from('leads').update(changes).eq('id', id).throwOnError();
}

test('Lea’s table shows a colleague’s new lead, status and assignee changes, and a deletion', async ({
	page
}) => {
	const name = `${marker} Tabelle`;
	await openLiveLeads(page, personas.lea, name);
	await expect(page.getByText('Keine Interessenten passen zu diesen Filtern.')).toBeVisible();

	const id = await createLead({ name, status: 'cold', createdBy: personas.max, isPublic: true });
	const row = page.getByRole('table').getByRole('row').filter({ hasText: name });
	await expect(row).toContainText('Kalter Lead');

	await maxUpdatesLead(id, { status_id: await statusId('hot') });
	await expect(row).toContainText('Potenter Lead');

	await maxUpdatesLead(id, { assigned_to: personas.nina.id });
	await expect(row).toContainText(personas.nina.name);

	await admin.from('leads').delete().eq('id', id).throwOnError();
	await expect(page.getByText('Keine Interessenten passen zu diesen Filtern.')).toBeVisible();
	await expect(row).toHaveCount(0);
});

test('the board moves a card when a colleague changes its status', async ({ page }) => {
	const name = `${marker} Board`;
	const id = await createLead({ name, status: 'cold', createdBy: personas.max, isPublic: true });
	await openLiveLeads(page, personas.lea, name, 'board');
	const board = page.getByRole('region', { name: 'Kanban-Board' });
	const column = (status: string) =>
		board.locator('section').filter({ has: page.getByRole('heading', { name: status }) });
	await expect(column('Kalter Lead').getByRole('article', { name })).toBeVisible();

	await maxUpdatesLead(id, { status_id: await statusId('hot') });
	await expect(column('Potenter Lead').getByRole('article', { name })).toBeVisible();
	await expect(column('Kalter Lead').getByRole('article', { name })).toHaveCount(0);
});

test('Nina never sees a private lead of Max appear, only his public one', async ({ page }) => {
	const prefix = `${marker} Sichtbarkeit`;
	await openLiveLeads(page, personas.nina, prefix);

	// The private lead comes first: by the time the public one shows, it would have shown too.
	await createLead({
		name: `${prefix} Privat`,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	await createLead({
		name: `${prefix} Öffentlich`,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max,
		isPublic: true
	});
	const table = page.getByRole('table');
	await expect(table).toContainText(`${prefix} Öffentlich`);
	await expect(table).not.toContainText(`${prefix} Privat`);
});
