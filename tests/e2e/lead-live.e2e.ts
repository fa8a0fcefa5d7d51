/**
 * The live lead page (issue 6): two colleagues on one lead see each other (presence, "… schreibt
 * eine Notiz"), each other's notes and contacts without reloading (marked as new), a colleague
 * who may not see the lead gets nothing on the socket, and a second contact soon after a
 * colleague's asks first. Max's private lead; Lea sees it through leads.view_global.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	admin,
	clientAs,
	createLead,
	createStaffMember,
	deleteLeadsNamed,
	deleteStaffMember,
	openPage,
	personas,
	signInAs,
	uniqueName,
	type Persona
} from './leads-data.ts';
import { submitSignIn } from './sign-in.ts';

const marker = uniqueName('E2E-Live');
test.afterAll(() => deleteLeadsNamed(marker));
// Two or three signed-in browsers per test on a shared, busy machine.
test.describe.configure({ timeout: 120_000 });

async function pageOf(browser: Browser, persona: Persona): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signInAs(page, persona);
	return page;
}

const viewersOf = (page: Page) =>
	page.getByRole('list', { name: 'Sehen sich diesen Interessenten gerade an' });

async function writeNote(page: Page, body: string, contacted: boolean) {
	await page.getByLabel('Notiz', { exact: true }).fill(body);
	if (contacted) await page.getByLabel('Ich habe den Interessenten kontaktiert').check();
	await page.getByRole('button', { name: 'Notiz hinzufügen' }).click();
}

async function maxsLead(label: string): Promise<string> {
	return createLead({
		name: `${marker} ${label}`,
		status: 'hot',
		company: 'Live GmbH',
		createdBy: personas.max,
		assignedTo: personas.max
	});
}

test('notes, contacts, presence and typing reach Lea live; Nina receives nothing', async ({
	browser
}) => {
	const id = await maxsLead('Notizen');
	const [max, lea, nina] = await Promise.all([
		pageOf(browser, personas.max),
		pageOf(browser, personas.lea),
		pageOf(browser, personas.nina)
	]);

	// Everything Nina's browser receives over websockets, from the moment she opens the lead.
	const ninaFrames: string[] = [];
	nina.on('websocket', (socket) =>
		socket.on('framereceived', ({ payload }) => ninaFrames.push(String(payload)))
	);
	await nina.goto(`/leads/${id}?tab=notes`);
	await expect(nina.getByRole('heading', { name: 'Diese Seite gibt es nicht.' })).toBeVisible();

	await openPage(max, `/leads/${id}?tab=notes`);
	await openPage(lea, `/leads/${id}?tab=notes`);

	// Presence: both pages show both, oneself marked.
	await expect(viewersOf(max)).toContainText('Max Vogel (du)');
	await expect(viewersOf(max)).toContainText('Lea Leitner');
	await expect(viewersOf(lea)).toContainText('Lea Leitner (du)');
	await expect(viewersOf(lea)).toContainText('Max Vogel');

	// Max types: Lea sees it; he does not see himself typing.
	const body = `Telefonat mit Einkauf ${marker}`;
	await max.getByLabel('Notiz', { exact: true }).pressSequentially('Telefonat', { delay: 20 });
	await expect(lea.getByText('Max Vogel schreibt eine Notiz …')).toBeVisible();
	await expect(max.getByText(/schreibt eine Notiz/)).toHaveCount(0);

	// His contact appears for Lea without reloading, marked as new, and moves her header.
	await writeNote(max, body, true);
	const leaNote = lea.getByRole('list', { name: 'Notizen' }).getByRole('listitem').filter({
		hasText: body
	});
	await expect(leaNote).toBeVisible();
	await expect(leaNote).toHaveClass(/live-new/);
	const leaContact = lea.getByText(/^Letzter Kontakt: .+ durch Max Vogel$/);
	await expect(leaContact).toBeVisible();
	await expect(lea.getByText('Max Vogel schreibt eine Notiz …')).toHaveCount(0);
	// His own page shows the note, but not as news.
	const maxNote = max.getByRole('listitem').filter({ hasText: body });
	await expect(maxNote).toBeVisible();
	await expect(maxNote).not.toHaveClass(/live-new/);

	// The activity entry comes live too (Lea switches tabs; the cache was refreshed meanwhile).
	await lea.getByRole('link', { name: 'Aktivitätslog' }).click();
	await expect(lea.getByRole('list', { name: 'Aktivitätslog' })).toContainText(body);

	// Lea received the note over her socket, so it has been sent; Nina got none of it.
	const secret = [body, id, `${marker} Notizen`];
	expect(ninaFrames.filter((frame) => secret.some((text) => frame.includes(text)))).toEqual([]);

	for (const page of [max, lea, nina]) await page.context().close();
});

test('a contact soon after a colleague’s asks first, naming them; cancel keeps the text', async ({
	browser
}) => {
	const id = await maxsLead('Doppelkontakt');
	const [max, lea] = await Promise.all([
		pageOf(browser, personas.max),
		pageOf(browser, personas.lea)
	]);
	await openPage(max, `/leads/${id}?tab=notes`);
	await openPage(lea, `/leads/${id}?tab=notes`);

	await writeNote(lea, 'Lea: Rückruf vereinbart', true);
	await expect(lea.getByRole('list', { name: 'Notizen' })).toContainText('Lea: Rückruf vereinbart');
	// Max's header shows Lea's contact live.
	await expect(max.getByText(/^Letzter Kontakt: .+ durch Lea Leitner$/)).toBeVisible();

	await writeNote(max, 'Max: Angebot besprochen', true);
	const question = max.getByRole('alertdialog');
	await expect(question).toContainText(/Lea Leitner hat diesen Interessenten .+ kontaktiert/);
	await expect(question).toBeFocused();

	await question.getByRole('button', { name: 'Abbrechen' }).click();
	await expect(question).toBeHidden();
	await expect(max.getByLabel('Notiz', { exact: true })).toHaveValue('Max: Angebot besprochen');
	await expect(max.getByLabel('Ich habe den Interessenten kontaktiert')).toBeChecked();

	await max.getByRole('button', { name: 'Notiz hinzufügen' }).click();
	await max.getByRole('alertdialog').getByRole('button', { name: 'Trotzdem eintragen' }).click();
	await expect(max.getByRole('list', { name: 'Notizen' })).toContainText('Max: Angebot besprochen');
	await expect(max.getByLabel('Notiz', { exact: true })).toHaveValue('');

	const { data } = await admin
		.from('lead_notes')
		.select('body, created_by')
		.eq('lead_id', id)
		.eq('contacted', true)
		.order('created_at')
		.throwOnError();
	expect(data).toEqual([
		{ body: 'Lea: Rückruf vereinbart', created_by: personas.lea.id },
		{ body: 'Max: Angebot besprochen', created_by: personas.max.id }
	]);

	for (const page of [max, lea]) await page.context().close();
});

test('a field a colleague just changed shows live, and editing it over theirs asks', async ({
	browser
}) => {
	const id = await maxsLead('Konflikt');
	const [max, lea] = await Promise.all([
		pageOf(browser, personas.max),
		pageOf(browser, personas.lea)
	]);
	await openPage(max, `/leads/${id}`);
	await openPage(lea, `/leads/${id}`);

	// Lea starts editing; meanwhile Max saves another company.
	await lea.getByRole('button', { name: 'Bearbeiten' }).first().click();
	const leaForm = lea.getByRole('dialog', { name: 'Interessent bearbeiten' });
	await leaForm.getByLabel('Unternehmen').fill('Leas GmbH');

	await max.getByRole('button', { name: 'Bearbeiten' }).first().click();
	const maxForm = max.getByRole('dialog', { name: 'Interessent bearbeiten' });
	await maxForm.getByLabel('Unternehmen').fill('Max GmbH');
	await maxForm.getByRole('button', { name: 'Speichern' }).click();
	await expect(maxForm).toBeHidden();

	// Behind Lea's dialog the profile already shows Max's company, marked as new.
	const leaProfileCompany = lea
		.getByRole('region', { name: 'Profil' })
		.locator('[data-live-item]')
		.filter({ hasText: 'Max GmbH' });
	await expect(leaProfileCompany).toHaveClass(/live-new/);

	// Her save does not overwrite it: the conflict names Max and keeps her input.
	await leaForm.getByRole('button', { name: 'Speichern' }).click();
	const conflict = leaForm.getByRole('alert');
	await expect(conflict).toContainText('Max Vogel hat diesen Interessenten geändert');
	await expect(conflict).toContainText('Max GmbH');
	await expect(leaForm.getByLabel('Unternehmen')).toHaveValue('Leas GmbH');
	const { data } = await admin.from('leads').select('company').eq('id', id).single().throwOnError();
	expect(data.company).toBe('Max GmbH');

	for (const page of [max, lea]) await page.context().close();
});

test('settings managers set the double-contact window; a bad number stays for correcting', async ({
	page
}) => {
	const { data: before } = await admin
		.from('lead_defaults')
		.select('recent_contact_hours')
		.single()
		.throwOnError();
	try {
		await page.goto('/login');
		await submitSignIn(page, 'admin@leadwerk.test', 'leadwerk-demo');
		await expect(page.getByRole('banner')).toContainText('Alex Admin');
		await page.goto('/settings');
		const hours = page.getByLabel('Rückfrage bei erneutem Kontakt innerhalb von (Stunden)');
		await expect(hours).toHaveValue(String(before.recent_contact_hours));

		await hours.fill('1000');
		const defaults = page.getByRole('region', { name: 'Vorgaben für neue Interessenten' });
		await defaults.getByRole('button', { name: 'Speichern' }).click();
		await expect(hours).toHaveAccessibleDescription('Bitte gib eine ganze Zahl von 0 bis 720 ein.');
		await expect(hours).toHaveValue('1000');

		await hours.fill('12');
		await defaults.getByRole('button', { name: 'Speichern' }).click();
		await expect(defaults.getByRole('status')).toHaveText('Gespeichert.');
		const { data: after } = await admin
			.from('lead_defaults')
			.select('recent_contact_hours')
			.single()
			.throwOnError();
		expect(after.recent_contact_hours).toBe(12);
	} finally {
		await admin
			.from('lead_defaults')
			.update({ recent_contact_hours: before.recent_contact_hours })
			.eq('singleton', true)
			.throwOnError();
	}
});

// A 1×1 PNG: enough for the browser to decode a real image from the signed link.
const onePixelPng = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

test('a colleague with a photo shows it among the viewers', async ({ browser }) => {
	const id = await maxsLead('Foto');
	const colleague = await createStaffMember({ label: 'Foto', roleName: 'Vertriebsleitung' });
	const avatarPath = `${colleague.id}/avatar-e2e.png`;
	try {
		const asColleague = await clientAs(colleague);
		await asColleague.storage
			.from('avatars')
			.upload(avatarPath, onePixelPng, { contentType: 'image/png' })
			.then(({ error }) => {
				if (error) throw error;
			});
		await asColleague
			.from('staff')
			.update({ avatar_path: avatarPath })
			.eq('id', colleague.id)
			.throwOnError();

		const [lea, other] = await Promise.all([
			pageOf(browser, personas.lea),
			pageOf(browser, colleague)
		]);
		await openPage(other, `/leads/${id}`);
		await openPage(lea, `/leads/${id}`);

		const photo = viewersOf(lea)
			.getByRole('listitem')
			.filter({ hasText: colleague.name })
			.locator('img');
		await expect(photo).toHaveAttribute('src', /\/storage\/v1\/object\/sign\/avatars\//);
		// The signed link really serves the picture.
		await expect
			.poll(() => photo.evaluate((image: HTMLImageElement) => image.naturalWidth))
			.toBe(1);
		// Lea has no photo: her initials stand in.
		await expect(
			viewersOf(lea).getByRole('listitem').filter({ hasText: 'Lea Leitner' }).locator('img')
		).toHaveCount(0);
		await Promise.all([lea.context().close(), other.context().close()]);
	} finally {
		await admin.storage.from('avatars').remove([avatarPath]);
		await deleteStaffMember(colleague);
	}
});
