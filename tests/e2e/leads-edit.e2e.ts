/** Editing a lead someone else changed meanwhile shows their change instead of overwriting it. */
import { expect, test } from '@playwright/test';
import {
	admin,
	clientAs,
	createLead,
	deleteLeadsNamed,
	openPage,
	personas,
	signInAs,
	uniqueName
} from './leads-data.ts';

const marker = uniqueName('E2E-Konflikt');
test.afterAll(() => deleteLeadsNamed(marker));

test('a stale edit shows the colleague’s change and saves only when asked', async ({ page }) => {
	const name = `${marker} Lead`;
	const id = await createLead({
		name,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max,
		company: 'Alt GmbH'
	});
	await signInAs(page, personas.max);
	await openPage(page, `/leads/${id}`);
	// The header's action (the profile tab has one too).
	await page.getByRole('button', { name: 'Bearbeiten' }).first().click();
	const form = page.getByRole('dialog', { name: 'Interessent bearbeiten' });
	await form.getByLabel('Unternehmen').fill('Meine GmbH');
	await form.getByLabel('Telefon').fill('+49 30 1234');

	// Lea (who sees every lead) saves another company meanwhile.
	const lea = await clientAs(personas.lea);
	await lea.from('leads').update({ company: 'Leas GmbH' }).eq('id', id).throwOnError();

	await form.getByRole('button', { name: 'Speichern' }).click();
	const conflict = form.getByRole('alert');
	await expect(conflict).toContainText('Lea Leitner hat diesen Interessenten geändert');
	await expect(conflict).toContainText('Unternehmen');
	await expect(conflict).toContainText('Leas GmbH');
	await expect(conflict).toContainText('Meine GmbH');
	await expect(form.getByLabel('Telefon')).toHaveValue('+49 30 1234');
	const stored = async () => {
		const { data } = await admin
			.from('leads')
			.select('company, phone')
			.eq('id', id)
			.single()
			.throwOnError();
		return data;
	};
	expect(await stored()).toEqual({ company: 'Leas GmbH', phone: null });

	// Taking over Lea's company keeps the phone number typed, and saving then writes both.
	await conflict.getByRole('button', { name: 'Geänderte Werte übernehmen' }).click();
	await expect(form.getByLabel('Unternehmen')).toHaveValue('Leas GmbH');
	await expect(form.getByLabel('Telefon')).toHaveValue('+49 30 1234');
	await form.getByRole('button', { name: 'Speichern' }).click();
	await expect(form).toBeHidden();
	expect(await stored()).toEqual({ company: 'Leas GmbH', phone: '+49 30 1234' });
});
