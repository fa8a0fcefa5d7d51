/** Converting a lead: the prefilled dialog, the customer it makes or links, and no second time. */
import { expect, test } from '@playwright/test';
import {
	admin,
	clientAs,
	createLead,
	deleteLeadsNamed,
	personas,
	signInAs,
	uniqueName
} from './leads-data.ts';

const marker = uniqueName('E2E-Umwandlung');
/** Unique per run, and a valid address for the database's e-mail domain. */
const emailOf = (label: string) =>
	`${label}-${marker.split(' ').at(-1)}@kunde.example`.toLowerCase();

test.afterAll(async () => {
	await deleteLeadsNamed(marker);
	await admin.from('customers').delete().ilike('company', `%${marker}%`).throwOnError();
});

test('converting creates the customer, carries the notes over and cannot happen twice', async ({
	page
}) => {
	const name = `${marker} Julia`;
	const id = await createLead({
		name,
		status: 'hot',
		createdBy: personas.max,
		assignedTo: personas.max,
		company: `${marker} Modehaus`
	});
	const email = emailOf('julia');
	await admin.from('leads').update({ email, city: 'München' }).eq('id', id).throwOnError();
	await admin
		.from('lead_notes')
		.insert({ lead_id: id, body: 'Will 20 Filialen ausstatten', created_by: personas.max.id })
		.throwOnError();

	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}`);
	await page.getByRole('button', { name: 'Zum Kunden umwandeln' }).click();
	const dialog = page.getByRole('dialog', { name: 'Zum Kunden umwandeln' });
	await expect(dialog.getByLabel('Unternehmen')).toHaveValue(`${marker} Modehaus`);
	await expect(dialog.getByLabel('Ansprechpartner')).toHaveValue(name);
	await expect(dialog.getByLabel('E-Mail')).toHaveValue(email);
	await expect(dialog.getByLabel('Stadt')).toHaveValue('München');
	await expect(dialog.getByLabel('Notizen übernehmen')).toBeChecked();

	// A missing company is a message at the field; nothing else is lost.
	await dialog.getByLabel('Unternehmen').fill('');
	await dialog.getByRole('button', { name: 'Umwandeln' }).click();
	await expect(dialog.getByLabel('Unternehmen')).toHaveAccessibleDescription(
		'Bitte gib ein Unternehmen an.'
	);
	await expect(dialog.getByLabel('Stadt')).toHaveValue('München');

	const company = `${marker} Modehaus GmbH`;
	await dialog.getByLabel('Unternehmen').fill(company);
	await dialog.getByRole('button', { name: 'Umwandeln' }).click();

	await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
	await expect(page.getByRole('link', { name })).toBeVisible();
	await expect(page.getByText('Will 20 Filialen ausstatten')).toBeVisible();
	await expect(page.getByText(email)).toBeVisible();
	const customerUrl = page.url();

	// The customer list (newest first) leads to it.
	await page.goto('/customers');
	await page.getByRole('link', { name: company }).click();
	await expect(page).toHaveURL(customerUrl);

	// The lead now names its customer and offers no second conversion.
	await page.getByRole('link', { name }).click();
	await expect(page.getByRole('link', { name: `Kunde: ${company}` })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Zum Kunden umwandeln' })).toHaveCount(0);
	await page.getByRole('link', { name: 'Aktivitätslog' }).click();
	await expect(page.getByRole('list', { name: 'Aktivitätslog' })).toContainText(
		'Max Vogel hat den Interessenten zum Kunden umgewandelt.'
	);
});

test('a conversion someone else finished first is refused with a clear message', async ({
	page
}) => {
	const id = await createLead({
		name: `${marker} Doppelt`,
		status: 'hot',
		createdBy: personas.max,
		assignedTo: personas.max,
		company: `${marker} Doppelt AG`
	});
	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}`);
	await page.getByRole('button', { name: 'Zum Kunden umwandeln' }).click();
	const dialog = page.getByRole('dialog', { name: 'Zum Kunden umwandeln' });
	await expect(dialog.getByLabel('Unternehmen')).toHaveValue(`${marker} Doppelt AG`);

	const max = await clientAs(personas.max);
	await max.rpc('convert_lead_to_customer', { p_lead_id: id }).throwOnError();

	await dialog.getByRole('button', { name: 'Umwandeln' }).click();
	await expect(dialog.getByRole('alert')).toHaveText(
		'Dieser Interessent wurde bereits zum Kunden umgewandelt.'
	);
	await expect(page).toHaveURL(`/leads/${id}`);
});

test('a customer with the same e-mail is offered for linking', async ({ page }) => {
	const email = emailOf('bestand');
	const company = `${marker} Bestandskunde KG`;
	const { data: existing } = await admin
		.from('customers')
		.insert({ company, contact_email: email, created_by: personas.max.id })
		.select('id')
		.single()
		.throwOnError();
	const id = await createLead({
		name: `${marker} Zweitkontakt`,
		status: 'hot',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	await admin.from('leads').update({ email }).eq('id', id).throwOnError();

	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}`);
	await page.getByRole('button', { name: 'Zum Kunden umwandeln' }).click();
	const dialog = page.getByRole('dialog', { name: 'Zum Kunden umwandeln' });
	await expect(dialog.getByRole('status')).toHaveText(
		`Es gibt bereits den Kunden „${company}“ mit dieser E-Mail-Adresse. Der Interessent wird mit ihm verknüpft, statt einen neuen Kunden anzulegen.`
	);
	await dialog.getByRole('button', { name: `Umwandeln und mit „${company}“ verknüpfen` }).click();
	await expect(page).toHaveURL(`/customers/${existing.id}`);
	await expect(page.getByRole('link', { name: `${marker} Zweitkontakt` })).toBeVisible();
});
