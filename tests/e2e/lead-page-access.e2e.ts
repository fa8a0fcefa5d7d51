/** Who sees a lead page, what its header offers, and the activity log's manual entries. */
import { expect, test, type Browser } from '@playwright/test';
import {
	admin,
	createLead,
	deleteLeadsNamed,
	personas,
	signInAs,
	uniqueName,
	type Persona
} from './leads-data.ts';

const marker = uniqueName('E2E-Leadseite');
test.afterAll(() => deleteLeadsNamed(marker));

async function pageFor(browser: Browser, persona: Persona) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signInAs(page, persona);
	return page;
}

test('Nina gets "not found" on Max’s private lead, Lea sees it', async ({ browser }) => {
	const name = `${marker} Privat`;
	const id = await createLead({
		name,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max,
		company: 'Vogel Privat GmbH'
	});

	const nina = await pageFor(browser, personas.nina);
	const response = await nina.goto(`/leads/${id}`);
	expect(response?.status()).toBe(404);
	await expect(nina.getByRole('heading', { name: 'Diese Seite gibt es nicht.' })).toBeVisible();
	await expect(nina.getByText(name)).toHaveCount(0);
	// Exactly what a lead that never existed looks like.
	const missing = await nina.goto('/leads/00000000-0000-4000-b000-00000000ffff');
	expect(missing?.status()).toBe(404);
	await expect(nina.getByRole('heading', { name: 'Diese Seite gibt es nicht.' })).toBeVisible();

	const lea = await pageFor(browser, personas.lea);
	await lea.goto(`/leads/${id}`);
	await expect(lea.getByRole('heading', { level: 1, name })).toBeVisible();
	await expect(lea.getByText('Zugewiesen: Max Vogel')).toBeVisible();
	await expect(lea.getByText('Vogel Privat GmbH').first()).toBeVisible();
	// Lea's role may delete leads; Max's may not.
	await expect(lea.getByRole('button', { name: 'Löschen' })).toBeVisible();

	await nina.context().close();
	await lea.context().close();
});

test('the header marks a lead lost and back, and only deleters may delete', async ({ page }) => {
	const name = `${marker} Verloren`;
	const id = await createLead({
		name,
		status: 'hot',
		createdBy: personas.max,
		assignedTo: personas.max,
		isPublic: true
	});
	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}`);
	await expect(page.getByRole('button', { name: 'Löschen' })).toHaveCount(0);
	// The lead's own header (the app's is the page banner).
	const header = page.locator('article > header');
	await expect(header).toContainText('Potenter Lead');
	await expect(header).toContainText('Öffentlich');

	await page.getByRole('button', { name: 'Als verloren markieren' }).click();
	await expect(page.getByRole('button', { name: 'Nicht mehr verloren' })).toBeVisible();
	await expect(header).toContainText('Verloren');

	await page.getByRole('button', { name: 'Nicht mehr verloren' }).click();
	await expect(page.getByRole('button', { name: 'Als verloren markieren' })).toBeVisible();

	await page.getByRole('link', { name: 'Aktivitätslog' }).click();
	const activity = page.getByRole('list', { name: 'Aktivitätslog' });
	await expect(activity).toContainText('Max Vogel hat den Interessenten als verloren markiert.');
	await expect(activity).toContainText('Max Vogel hat die Markierung „Verloren“ aufgehoben.');
});

test('a manual entry joins the activity log', async ({ page }) => {
	const id = await createLead({
		name: `${marker} Log`,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}?tab=activity`);
	const activity = page.getByRole('list', { name: 'Aktivitätslog' });
	await expect(activity).toContainText('hat den Interessenten angelegt.');

	await page.getByRole('button', { name: 'Eintragen' }).click();
	await expect(page.getByLabel('Eintrag', { exact: true })).toHaveAccessibleDescription(
		'Bitte gib einen Text ein.'
	);

	await page.getByLabel('Eintrag', { exact: true }).fill('Auf der Messe am Stand gesprochen');
	await page.getByRole('button', { name: 'Eintragen' }).click();
	await expect(activity).toContainText('Max Vogel hat einen Eintrag geschrieben:');
	await expect(activity).toContainText('Auf der Messe am Stand gesprochen');
	await expect(activity.getByText('Auf der Messe am Stand gesprochen')).toBeVisible();
	await expect(page.getByLabel('Eintrag', { exact: true })).toHaveValue('');
});

test('Lea deletes a lead after confirming', async ({ page }) => {
	const name = `${marker} Loeschen`;
	const id = await createLead({
		name,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	await signInAs(page, personas.lea);
	await page.goto(`/leads/${id}`);
	await page.getByRole('button', { name: 'Löschen' }).click();
	const dialog = page.getByRole('dialog', { name: 'Interessent löschen' });
	await expect(dialog).toContainText(`„${name}“ mit allen Notizen`);
	await dialog.getByRole('button', { name: 'Löschen' }).click();
	await expect(page).toHaveURL(/\/leads(\?.*)?$/);
	await expect(page.getByText(`„${name}“ wurde gelöscht.`)).toBeVisible();
	const { data } = await admin.from('leads').select('id').eq('id', id);
	expect(data).toEqual([]);
});

test('the profile tab shows every field of the lead', async ({ page }) => {
	const name = `${marker} Profil`;
	const id = await createLead({
		name,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max,
		company: 'Profil AG',
		value: 12500
	});
	await admin
		.from('leads')
		.update({ email: 'profil@profil.example', city: 'Köln', tags: ['Messe', 'VIP'] })
		.eq('id', id)
		.throwOnError();
	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}`);
	const profile = page.getByRole('region', { name: 'Profil' });
	await expect(profile).toContainText('profil@profil.example');
	await expect(profile).toContainText('Köln');
	await expect(profile).toContainText('12.500 €');
	await expect(profile).toContainText('Messe, VIP');
	await expect(page.getByRole('link', { name: 'Profil', exact: true })).toHaveAttribute(
		'aria-current',
		'page'
	);
});

test('the proposals tab lists the lead’s proposals with status and total', async ({ page }) => {
	const id = await createLead({
		name: `${marker} Vorschlag`,
		status: 'hot',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	const subject = `Wartungsvertrag ${marker}`;
	const { data: proposal } = await admin
		.from('proposals')
		.insert({
			subject,
			lead_id: id,
			created_by: personas.max.id,
			date: '2026-11-02',
			open_till: '2026-12-02'
		})
		.select('id')
		.single()
		.throwOnError();
	await admin
		.from('proposal_items')
		.insert({
			proposal_id: proposal.id,
			description: 'Wartung',
			quantity: 2,
			rate: 100,
			tax_rate: 19
		})
		.throwOnError();

	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}?tab=proposals`);
	const row = page.getByRole('row', { name: new RegExp(subject) });
	await expect(row).toContainText('Entwurf');
	await expect(row).toContainText('02.11.2026');
	await expect(row).toContainText('02.12.2026');
	await expect(row).toContainText('238,00 €');
});
