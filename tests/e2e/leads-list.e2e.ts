/** The leads table: search and filters in the address bar, sorting, and what RLS lets each see. */
import { expect, test } from '@playwright/test';
import {
	createLead,
	deleteLeadsNamed,
	expectInteractive,
	openPage,
	personas,
	signInAs,
	statusId,
	uniqueName
} from './leads-data.ts';

const marker = uniqueName('E2E-Liste');
test.afterAll(() => deleteLeadsNamed(marker));

test('search and status filter are kept in the URL and survive a reload', async ({ page }) => {
	await createLead({ name: `${marker} Kalt`, status: 'cold', createdBy: personas.max, value: 900 });
	await createLead({ name: `${marker} Heiß`, status: 'hot', createdBy: personas.max, value: 100 });
	await signInAs(page, personas.max);
	await openPage(page, '/leads');

	await page.getByLabel('Suche').fill(marker);
	await expect(page).toHaveURL(
		new RegExp(`q=${encodeURIComponent(marker).replace(/%20/g, '\\+')}`)
	);
	const rows = page.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(3);

	await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Potenter Lead' });
	await expect(page).toHaveURL(new RegExp(`status=${await statusId('hot')}`));
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(1)).toContainText(`${marker} Heiß`);

	await page.reload();
	await expectInteractive(page);
	await expect(page.getByLabel('Suche')).toHaveValue(marker);
	await expect(page.getByLabel('Status', { exact: true }).locator('option:checked')).toHaveText(
		'Potenter Lead'
	);
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(1)).toContainText(`${marker} Heiß`);
	await expect(rows.nth(1)).toContainText('100 €');
});

test('columns sort on the server and say how they are sorted', async ({ page }) => {
	await createLead({
		name: `${marker} Sortiert A`,
		status: 'cold',
		createdBy: personas.max,
		value: 5
	});
	await createLead({
		name: `${marker} Sortiert B`,
		status: 'cold',
		createdBy: personas.max,
		value: 50
	});
	await signInAs(page, personas.max);
	await openPage(page, `/leads?q=${encodeURIComponent(`${marker} Sortiert`)}`);

	const valueHeader = page.getByRole('columnheader', { name: 'Wert' });
	await valueHeader.getByRole('link').click();
	await expect(page).toHaveURL(/sort=value/);
	await expect(valueHeader).toHaveAttribute('aria-sort', 'ascending');
	const rows = page.getByRole('table').getByRole('row');
	await expect(rows.nth(1)).toContainText('Sortiert A');

	await valueHeader.getByRole('link').click();
	await expect(valueHeader).toHaveAttribute('aria-sort', 'descending');
	await expect(rows.nth(1)).toContainText('Sortiert B');
});

test('Nina sees a public lead of Max but not his private one', async ({ page }) => {
	await createLead({
		name: `${marker} Privat`,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	await createLead({
		name: `${marker} Öffentlich`,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max,
		isPublic: true
	});
	await signInAs(page, personas.nina);
	await openPage(page, `/leads?q=${encodeURIComponent(marker)}`);

	const table = page.getByRole('table');
	await expect(table).toContainText(`${marker} Öffentlich`);
	await expect(table).not.toContainText(`${marker} Privat`);
	await expect(page.getByRole('navigation', { name: 'Seiten' })).toContainText('1–1 von 1');
});

test('a lead a colleague adds appears in the open list without reloading', async ({ page }) => {
	await signInAs(page, personas.max);
	await openPage(page, `/leads?q=${encodeURIComponent(`${marker} Live`)}`);
	await expect(page.getByText('Keine Interessenten passen zu diesen Filtern.')).toBeVisible();
	await expect(page.getByRole('status').getByText('Live', { exact: true })).toBeVisible();

	await createLead({
		name: `${marker} Live`,
		status: 'hot',
		createdBy: personas.lea,
		isPublic: true
	});
	await expect(page.getByRole('table')).toContainText(`${marker} Live`);
});
