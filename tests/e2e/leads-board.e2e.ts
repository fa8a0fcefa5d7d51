/** The board: dragging a card, or moving it with the keyboard, changes its status for good. */
import { expect, test, type Page } from '@playwright/test';
import {
	admin,
	createLead,
	deleteLeadsNamed,
	expectInteractive,
	openPage,
	personas,
	signInAs,
	statusId,
	uniqueName
} from './leads-data.ts';

const marker = uniqueName('E2E-Board');
test.afterAll(() => deleteLeadsNamed(marker));

const column = (page: Page, status: string) =>
	page
		.getByRole('region', { name: 'Kanban-Board' })
		.locator('section')
		.filter({
			has: page.getByRole('heading', { name: status })
		});

async function storedStatus(name: string) {
	const { data } = await admin
		.from('leads')
		.select('status_id')
		.eq('name', name)
		.single()
		.throwOnError();
	return data.status_id;
}

test('dragging a card to another column changes its status, also after a reload', async ({
	page
}) => {
	const name = `${marker} Ziehen`;
	await createLead({ name, status: 'cold', createdBy: personas.max, value: 4200 });
	await signInAs(page, personas.max);
	await openPage(page, `/leads?view=board&q=${encodeURIComponent(marker)}`);

	const card = page.getByRole('article', { name });
	await expect(column(page, 'Kalter Lead').getByRole('article', { name })).toBeVisible();
	await expect(column(page, 'Potenter Lead')).toContainText('0 Interessenten ·');

	await card.dragTo(column(page, 'Potenter Lead'));
	await expect(column(page, 'Potenter Lead').getByRole('article', { name })).toBeVisible();
	await expect.poll(() => storedStatus(name)).toBe(await statusId('hot'));
	await expect(column(page, 'Potenter Lead')).toContainText('1 Interessent · 4.200 €');

	await page.reload();
	await expectInteractive(page);
	await expect(column(page, 'Potenter Lead').getByRole('article', { name })).toBeVisible();
	await expect(column(page, 'Kalter Lead').getByRole('article', { name })).toHaveCount(0);
});

test('"Move to" moves a card without a mouse', async ({ page }) => {
	const name = `${marker} Tastatur`;
	await createLead({ name, status: 'cold', createdBy: personas.max });
	await signInAs(page, personas.max);
	await openPage(page, `/leads?view=board&q=${encodeURIComponent(name)}`);

	await page
		.getByRole('article', { name })
		.getByLabel('Verschieben nach')
		.selectOption({ label: 'Potenter Lead' });
	await expect(column(page, 'Potenter Lead').getByRole('article', { name })).toBeVisible();
	await expect.poll(() => storedStatus(name)).toBe(await statusId('hot'));
});
