/** The tasks and reminders tabs: create, assign, complete; remind a colleague. */
import { expect, test } from '@playwright/test';
import { createLead, deleteLeadsNamed, personas, signInAs, uniqueName } from './leads-data.ts';

const marker = uniqueName('E2E-Aufgaben');
test.afterAll(() => deleteLeadsNamed(marker));

test('a task is created for two colleagues and completed', async ({ page }) => {
	const id = await createLead({
		name: `${marker} Aufgabe`,
		status: 'hot',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	const title = `Angebot nachfassen ${marker}`;
	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}?tab=tasks`);
	await expect(page.getByText('Noch keine Aufgaben')).toBeVisible();

	await page.getByRole('button', { name: 'Aufgabe erstellen' }).click();
	await expect(page.getByLabel('Titel')).toHaveAccessibleDescription('Bitte gib einen Titel ein.');

	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Beschreibung').fill('Preis für 3 Jahre nennen');
	await page.getByLabel('Priorität').selectOption({ label: 'Hoch' });
	await page.getByLabel('Fällig am').fill('2031-03-14T10:30');
	// Max is preselected; Lea joins.
	await expect(page.getByRole('checkbox', { name: 'Max Vogel' })).toBeChecked();
	await page.getByRole('checkbox', { name: 'Lea Leitner' }).check();
	await page.getByRole('button', { name: 'Aufgabe erstellen' }).click();

	const tasks = page.getByRole('list', { name: 'Aufgaben' });
	await expect(tasks).toContainText(title);
	await expect(tasks).toContainText('Hoch');
	await expect(tasks).toContainText('Lea Leitner, Max Vogel');
	await expect(tasks).toContainText('14.03.2031');
	await expect(page.getByLabel('Titel')).toHaveValue('');

	const done = page.getByRole('checkbox', { name: `„${title}“ erledigt` });
	await done.check();
	await expect(done).toBeChecked();
	await expect(tasks).toContainText('Erledigt');

	await page.getByRole('link', { name: 'Aktivitätslog' }).click();
	const activity = page.getByRole('list', { name: 'Aktivitätslog' });
	await expect(activity).toContainText(`Max Vogel hat die Aufgabe „${title}“ erstellt.`);
	await expect(activity).toContainText(`Max Vogel hat die Aufgabe „${title}“ erledigt.`);
});

test('a reminder is set for a colleague, by e-mail too', async ({ page }) => {
	const id = await createLead({
		name: `${marker} Erinnerung`,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}?tab=reminders`);
	await expect(page.getByLabel('Erinnerung an')).toHaveValue(personas.max.id);

	await page.getByLabel('Erinnerung an').selectOption({ label: 'Lea Leitner' });
	await page.getByLabel('Beschreibung').fill('Nach der Messe nachfassen');
	await page.getByLabel('Datum und Uhrzeit').fill('2020-01-01T09:00');
	await page.getByRole('button', { name: 'Erinnerung setzen' }).click();
	// A time in the past is refused at the field; the rest stays as typed.
	await expect(page.getByLabel('Datum und Uhrzeit')).toHaveAccessibleDescription(
		'Die Erinnerung muss in der Zukunft liegen.'
	);
	await expect(page.getByLabel('Beschreibung')).toHaveValue('Nach der Messe nachfassen');

	await page.getByLabel('Datum und Uhrzeit').fill('2031-05-04T08:15');
	await page.getByLabel('Zusätzlich per E-Mail benachrichtigen').check();
	await page.getByRole('button', { name: 'Erinnerung setzen' }).click();

	const reminders = page.getByRole('list', { name: 'Erinnerungen' });
	await expect(reminders).toContainText('Nach der Messe nachfassen');
	await expect(reminders).toContainText('Für Lea Leitner am');
	await expect(reminders).toContainText('04.05.2031');
	await expect(reminders).toContainText('auch per E-Mail');
	await expect(reminders).toContainText('Ausstehend');
});
