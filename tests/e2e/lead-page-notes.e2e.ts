/** The notes tab: the contact log, its effect on the header and the activity log, and live updates. */
import { expect, test } from '@playwright/test';
import {
	clientAs,
	createLead,
	deleteLeadsNamed,
	personas,
	signInAs,
	uniqueName
} from './leads-data.ts';

const marker = uniqueName('E2E-Notizen');
test.afterAll(() => deleteLeadsNamed(marker));

test('a note with contact shows in the notes, the header and the activity log', async ({
	page
}) => {
	const id = await createLead({
		name: `${marker} Kontakt`,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}?tab=notes`);
	await expect(page.getByText('Letzter Kontakt: noch keiner')).toBeVisible();

	const body = page.getByLabel('Notiz', { exact: true });
	// An empty note gets a message at the field; the contact time typed stays.
	await page.getByLabel('Ich habe den Interessenten kontaktiert').check();
	const contactedAt = page.getByLabel('Kontaktiert am');
	await expect(contactedAt).not.toHaveValue('');
	await page.getByRole('button', { name: 'Notiz hinzufügen' }).click();
	await expect(body).toHaveAccessibleDescription('Bitte gib eine Notiz ein.');
	await expect(page.getByLabel('Ich habe den Interessenten kontaktiert')).toBeChecked();

	await body.fill('Telefonat: Interesse an Wartungsvertrag');
	await page.getByRole('button', { name: 'Notiz hinzufügen' }).click();

	const notes = page.getByRole('list', { name: 'Notizen' });
	await expect(notes).toContainText('Telefonat: Interesse an Wartungsvertrag');
	await expect(notes).toContainText('Kontakt am');
	await expect(body).toHaveValue('');
	await expect(page.getByText(/^Letzter Kontakt: .+ durch Max Vogel$/)).toBeVisible();

	await page.getByRole('link', { name: 'Aktivitätslog' }).click();
	const activity = page.getByRole('list', { name: 'Aktivitätslog' });
	await expect(activity).toContainText(/Max Vogel hat den Interessenten am .+ kontaktiert\./);
	await expect(activity).toContainText('Telefonat: Interesse an Wartungsvertrag');
});

test('a note without contact leaves the last contact alone', async ({ page }) => {
	const id = await createLead({
		name: `${marker} Ohne`,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}?tab=notes`);
	await page.getByLabel('Notiz', { exact: true }).fill('Nur eine Randnotiz');
	await page.getByRole('button', { name: 'Notiz hinzufügen' }).click();
	await expect(page.getByRole('list', { name: 'Notizen' })).toContainText('Nur eine Randnotiz');
	await expect(page.getByText('Letzter Kontakt: noch keiner')).toBeVisible();
});

test('a colleague’s contact appears live, without reloading', async ({ page }) => {
	const id = await createLead({
		name: `${marker} Live`,
		status: 'hot',
		createdBy: personas.max,
		assignedTo: personas.max,
		isPublic: true
	});
	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}?tab=notes`);
	await expect(page.getByText('Noch keine Notizen')).toBeVisible();
	// Joining the lead's channel takes a moment after the page shows.
	await page.waitForTimeout(1_000);

	const lea = await clientAs(personas.lea);
	await lea
		.from('lead_notes')
		.insert({ lead_id: id, body: 'Lea hat angerufen', contacted: true })
		.throwOnError();

	await expect(page.getByRole('list', { name: 'Notizen' })).toContainText('Lea hat angerufen');
	await expect(page.getByText(/^Letzter Kontakt: .+ durch Lea Leitner$/)).toBeVisible();
});
