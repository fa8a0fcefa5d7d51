/** Creating a lead: the "add lead" button, the hammer menu, the shortcut, the form's messages. */
import { expect, test, type Page } from '@playwright/test';
import { admin, deleteLeadsNamed, openPage, personas, signInAs, uniqueName } from './leads-data.ts';

const marker = uniqueName('E2E-Anlage');
test.afterAll(async () => {
	await deleteLeadsNamed(marker);
	await admin.from('lead_sources').delete().ilike('name', `%${marker}%`).throwOnError();
});

test.beforeEach(async ({ page }) => {
	await signInAs(page, personas.max);
});

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Interessent hinzufügen' });

test('a lead added from the leads page shows messages at the fields, keeps the input, then saves', async ({
	page
}) => {
	await openPage(page, '/leads');
	await page.getByRole('button', { name: 'Interessent hinzufügen' }).click();
	const form = dialog(page);
	await expect(form).toBeVisible();

	await form.getByLabel('Unternehmen').fill('Vogt Anlagenbau GmbH');
	await form.getByLabel('E-Mail').fill('einkauf@vogt');
	await form.getByLabel('Wert').fill('12.500,50');
	await form.getByRole('button', { name: 'Speichern' }).click();

	const name = form.getByLabel('Name');
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(name).toHaveAccessibleDescription('Bitte gib einen Namen ein.');
	await expect(form.getByLabel('E-Mail')).toHaveAccessibleDescription(
		'Bitte gib eine gültige E-Mail-Adresse ein.'
	);
	await expect(form.getByLabel('Unternehmen')).toHaveValue('Vogt Anlagenbau GmbH');
	await expect(form.getByLabel('E-Mail')).toHaveValue('einkauf@vogt');
	await expect(form.getByLabel('Wert')).toHaveValue('12.500,50');

	const leadName = `${marker} Vogt`;
	await name.fill(leadName);
	await form.getByLabel('E-Mail').fill('einkauf@vogt-anlagenbau.example');
	await form.getByLabel('Status').selectOption({ label: 'Potenter Lead' });
	await form.getByLabel('Zugewiesen').selectOption({ label: 'Nina Brandt' });
	await form.getByLabel('Öffentlich').check();
	await expect(form.getByLabel('Öffentlich')).toHaveAccessibleDescription(
		/Alle Mitarbeiter sehen diesen Interessenten/
	);
	await form.getByRole('button', { name: 'Speichern' }).click();

	await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name: leadName })).toBeVisible();
	const { data } = await admin
		.from('leads')
		.select('company, email, value, is_public, assigned_to, created_by')
		.eq('name', leadName)
		.single()
		.throwOnError();
	expect(data).toEqual({
		company: 'Vogt Anlagenbau GmbH',
		email: 'einkauf@vogt-anlagenbau.example',
		value: 12500.5,
		is_public: true,
		assigned_to: personas.nina.id,
		created_by: personas.max.id
	});
});

test('quick create from the hammer menu works on any page', async ({ page }) => {
	await openPage(page, '/');
	await page.getByRole('button', { name: 'Schnellerstellung' }).click();
	const item = page.getByRole('menuitem', { name: 'Interessent hinzufügen' });
	await expect(item).toHaveAttribute('aria-keyshortcuts', 'N');
	await item.click();

	const leadName = `${marker} Hammer`;
	await dialog(page).getByLabel('Name').fill(leadName);
	await dialog(page).getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('heading', { level: 1, name: leadName })).toBeVisible();
});

test('the keyboard shortcut opens quick create, but not while typing', async ({ page }) => {
	await openPage(page, '/leads');
	await page.getByLabel('Suche').fill('n');
	await expect(dialog(page)).toBeHidden();

	await page.getByRole('heading', { name: 'Leads' }).click();
	await page.keyboard.press('n');
	await expect(dialog(page)).toBeVisible();
	await expect(dialog(page).getByLabel('Name')).toBeVisible();

	// Closing keeps the draft; cancelling discards it.
	await dialog(page).getByLabel('Name').fill('Entwurf');
	await page.keyboard.press('Escape');
	await expect(dialog(page)).toBeHidden();
	await page.keyboard.press('n');
	await expect(dialog(page).getByLabel('Name')).toHaveValue('Entwurf');
	await dialog(page).getByRole('button', { name: 'Abbrechen' }).click();
	await page.keyboard.press('n');
	await expect(dialog(page).getByLabel('Name')).toHaveValue('');
});

test('a new source is added inline with "+" and chosen', async ({ page }) => {
	await openPage(page, '/leads');
	await page.getByRole('button', { name: 'Interessent hinzufügen' }).click();
	const form = dialog(page);
	await form.getByRole('button', { name: 'Quelle hinzufügen' }).click();
	const sourceName = `${marker} Kaltakquise`;
	await form.getByLabel('Neue Quelle').fill(sourceName);
	await form.getByRole('button', { name: 'Hinzufügen', exact: true }).click();

	const source = form.getByLabel('Quelle', { exact: true });
	await expect(source.locator('option:checked')).toHaveText(sourceName);
	await expect(form.getByLabel('Neue Quelle')).toBeHidden();

	const leadName = `${marker} Quelle`;
	await form.getByLabel('Name').fill(leadName);
	await form.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('heading', { level: 1, name: leadName })).toBeVisible();
	const { data } = await admin
		.from('leads')
		.select('source:lead_sources(name)')
		.eq('name', leadName)
		.single()
		.throwOnError();
	expect(data.source).toEqual({ name: sourceName });
});
