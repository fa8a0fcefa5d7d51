/**
 * Proposals end to end: Max writes a proposal with items on a lead (the totals shown are the
 * database's), sends it by e-mail, and the lead answers on the public link in a browser without
 * any session; Max's open page shows the answer live. Each test creates its own lead (with a
 * unique name) and removes it, and with it its proposals.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { env } from '../conformance/env.ts';
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

const marker = uniqueName('E2E-Vorschlag');
test.afterAll(() => deleteLeadsNamed(marker));
// Long journeys through two browsers, an edge function and the mail inbox on a shared machine.
test.describe.configure({ timeout: 180_000 });

/** The public link's path in the newest mail to `address` (Mailpit-style inbox API). */
async function publicPathFromMail(address: string): Promise<string> {
	const { messages } = (await (await fetch(`${env.inboxUrl}/api/v1/messages`)).json()) as {
		messages: { ID: string; To: { Address: string }[] }[];
	};
	const message = messages.find((entry) =>
		entry.To.some((to) => to.Address.toLowerCase() === address.toLowerCase())
	);
	if (!message) throw new Error(`no mail to ${address} yet`);
	const full = (await (await fetch(`${env.inboxUrl}/api/v1/message/${message.ID}`)).json()) as {
		Text?: string;
		HTML?: string;
	};
	const path = `${full.Text ?? ''} ${full.HTML ?? ''}`.match(/\/p\/[0-9a-f]{64}/);
	if (!path) throw new Error('the mail has no proposal link');
	return path[0];
}

/** A page in a fresh browser context: no cookies, no session, like the lead's own browser. */
async function leadsBrowser(browser: Browser, baseURL: string | undefined): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'de-DE' });
	return context.newPage();
}

async function draw(page: Page) {
	const pad = page.getByTestId('signature-pad');
	const box = await pad.boundingBox();
	if (!box) throw new Error('no signature pad');
	await page.mouse.move(box.x + 20, box.y + box.height / 2);
	await page.mouse.down();
	for (const [x, y] of [
		[60, 20],
		[100, 70],
		[140, 30],
		[200, 80]
	]) {
		await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
	}
	await page.mouse.up();
}

function item(page: Page, index: number) {
	return page.getByRole('group', { name: `Position ${index}` });
}

test('a proposal is written, sent, accepted on the public link and shown live', async ({
	page,
	browser,
	baseURL
}) => {
	const email = `${marker.replaceAll(/\s/g, '-').toLowerCase()}@kunde.example`;
	const leadId = await createLead({
		name: `${marker} Annahme`,
		company: 'Ruf Maschinenbau GmbH',
		email,
		status: 'hot',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	await signInAs(page, personas.max);
	await openPage(page, `/leads/${leadId}?tab=proposals`);
	await page.getByRole('link', { name: 'Neuer Vorschlag' }).click();
	await expect(
		page.getByRole('heading', { name: `Neuer Vorschlag für ${marker} Annahme` })
	).toBeVisible();
	// Prefilled from the lead.
	await expect(page.getByLabel('E-Mail')).toHaveValue(email);
	await expect(page.getByLabel('Unternehmen')).toHaveValue('Ruf Maschinenbau GmbH');

	// Nothing typed is lost when the form is refused.
	await item(page, 1).getByLabel('Beschreibung', { exact: true }).fill('Wartung');
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByLabel('Betreff')).toHaveAccessibleDescription(
		'Bitte gib einen Betreff ein.'
	);
	await expect(item(page, 1).getByLabel('Beschreibung', { exact: true })).toHaveValue('Wartung');

	const subject = `Wartungsvertrag ${marker}`;
	await page.getByLabel('Betreff').fill(subject);
	await item(page, 1).getByLabel('Menge').fill('3');
	await item(page, 1).getByLabel('Preis').fill('99,99');
	await page.getByRole('button', { name: 'Position hinzufügen' }).click();
	await item(page, 2).getByLabel('Beschreibung', { exact: true }).fill('Schulung');
	await item(page, 2).getByLabel('Menge').fill('2,5');
	await item(page, 2).getByLabel('Preis').fill('10,01');
	await page.getByRole('button', { name: 'Position hinzufügen' }).click();
	await item(page, 3).getByLabel('Beschreibung', { exact: true }).fill('Anfahrt');
	await item(page, 3).getByLabel('Preis').fill('49,90');
	await item(page, 3).getByLabel('Steuer %').fill('7');
	// Keyboard reorder: Anfahrt moves up to second place.
	await page.getByRole('button', { name: 'Position 3 nach oben' }).click();
	await expect(item(page, 2).getByLabel('Beschreibung', { exact: true })).toHaveValue('Anfahrt');
	// The focus moves with the row, so the arrows can be pressed again.
	await expect(page.getByRole('button', { name: 'Position 2 nach oben' })).toBeFocused();
	// Drag and drop: Schulung (now third) goes to the top.
	await page
		.getByTestId('item-drag-handle')
		.nth(2)
		.dragTo(item(page, 1).getByLabel('Beschreibung', { exact: true }));
	await expect(item(page, 1).getByLabel('Beschreibung', { exact: true })).toHaveValue('Schulung');
	await expect(item(page, 3).getByLabel('Beschreibung', { exact: true })).toHaveValue('Anfahrt');
	await page.getByLabel('Rabatt', { exact: true }).fill('10');
	// The preview, computed in the browser with the database's rules.
	await expect(page.getByTestId('proposal-total')).toHaveText('396,13 €');
	await page.getByRole('button', { name: 'Speichern' }).click();

	await expect(page).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
	const proposalId = page.url().split('/').at(-1)!;
	const { data: stored } = await admin
		.from('proposals')
		.select('total, total_tax, discount, status, public_token')
		.eq('id', proposalId)
		.single()
		.throwOnError();
	expect(stored).toMatchObject({
		total: 396.13,
		total_tax: 58.72,
		discount: 37.49,
		status: 'draft'
	});
	await expect(page.getByTestId('proposal-total')).toHaveText('396,13 €');
	await expect(page.getByText('Steuer 7 % auf 44,91 €')).toBeVisible();
	await expect(page.getByText('Steuer 19 % auf 292,50 €')).toBeVisible();
	const lines = page.getByRole('table', { name: 'Positionen' }).getByRole('row');
	await expect(lines.nth(1)).toContainText('Schulung');
	await expect(lines.nth(3)).toContainText('Anfahrt');

	// Send by e-mail: the recipient comes from the proposal.
	await page.getByRole('button', { name: 'Per E-Mail senden' }).click();
	const dialog = page.getByRole('dialog', { name: 'Vorschlag per E-Mail senden' });
	await expect(dialog.getByLabel('An', { exact: true })).toHaveValue(email);
	await dialog.getByLabel('Nachricht').fill('Guten Tag, anbei unser Vorschlag.');
	await expect(dialog.getByLabel('PDF anhängen')).toBeChecked();
	await dialog.getByRole('button', { name: 'Senden' }).click();
	// The function's first call may start its runtime (and fetch its modules): be patient.
	await expect(page.getByText(`Vorschlag an ${email} gesendet.`)).toBeVisible({
		timeout: 60_000
	});
	await expect(page.getByTestId('proposal-status')).toHaveText('Gesendet');

	let path = '';
	await expect(async () => {
		path = await publicPathFromMail(email);
	}).toPass();

	// The lead, in a browser of their own, without any sign-in.
	const lead = await leadsBrowser(browser, baseURL);
	await lead.goto(path);
	await expect(lead.getByRole('heading', { name: subject })).toBeVisible();
	await expect(lead.getByTestId('proposal-total')).toHaveText('396,13 €');
	// The first view opens it; Max sees that without reloading.
	await expect(page.getByTestId('proposal-status')).toHaveText('Offen');

	await lead.getByRole('button', { name: 'Verbindlich annehmen' }).click();
	await expect(lead.getByLabel('Ihr Name')).toHaveAccessibleDescription(
		'Bitte geben Sie Ihren Namen ein.'
	);
	await lead.getByLabel('Ihr Name').fill('Eva Ruf');
	await draw(lead);
	await lead.getByRole('button', { name: 'Verbindlich annehmen' }).click();
	await expect(lead.getByTestId('proposal-answer')).toContainText('Angenommen von Eva Ruf');
	await expect(lead.getByRole('button', { name: 'Verbindlich annehmen' })).toHaveCount(0);

	// Live on Max's open page: status, name and the drawn signature.
	await expect(page.getByTestId('proposal-status')).toHaveText('Angenommen');
	const answer = page.getByTestId('proposal-answer');
	await expect(answer).toContainText('Angenommen von Eva Ruf');
	await expect(answer.getByRole('img', { name: 'Unterschrift von Eva Ruf' })).toHaveAttribute(
		'src',
		/^data:image\/png;base64,/
	);

	// An accepted proposal cannot be edited.
	await expect(page.getByRole('link', { name: 'Bearbeiten' })).toHaveCount(0);
	await page.goto(`/proposals/${proposalId}/edit`);
	await expect(page.getByRole('alert')).toHaveText(
		'Dieser Vorschlag wurde angenommen und kann nicht mehr geändert werden.'
	);
	await expect(page.getByLabel('Betreff')).toHaveCount(0);

	// The PDF, for Max and on the public link.
	for (const response of [
		await page.request.get(`/proposals/${proposalId}/pdf`),
		await lead.request.get(`${path}/pdf`)
	]) {
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('application/pdf');
		expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
	}
	await lead.context().close();
});

test('a declined proposal shows the reason; unknown links are not found', async ({
	page,
	browser,
	baseURL
}) => {
	const leadId = await createLead({
		name: `${marker} Ablehnung`,
		status: 'cold',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	const subject = `Schulungspaket ${marker}`;
	const max = await clientAs(personas.max);
	const { data: proposalId } = await max
		.rpc('save_proposal', {
			p_id: null,
			p_version: null,
			p_proposal: { subject, lead_id: leadId },
			p_items: [{ description: 'Schulung', quantity: 1, rate: 800, tax_rate: 19 }]
		})
		.throwOnError();
	await max.rpc('set_proposal_status', { p_id: proposalId, p_status: 'sent' }).throwOnError();
	const { data: row } = await admin
		.from('proposals')
		.select('public_token')
		.eq('id', proposalId)
		.single()
		.throwOnError();

	await signInAs(page, personas.max);
	await openPage(page, `/proposals/${proposalId}`);
	await expect(page.getByTestId('proposal-status')).toHaveText('Gesendet');

	const lead = await leadsBrowser(browser, baseURL);
	await lead.goto(`/p/${row.public_token}`);
	await expect(lead.getByRole('heading', { name: subject })).toBeVisible();
	await lead.getByLabel('Begründung').fill('Das Budget ist für dieses Jahr ausgeschöpft.');
	await lead.getByRole('button', { name: 'Ablehnen' }).click();
	await expect(lead.getByTestId('proposal-answer')).toContainText('Abgelehnt');
	await expect(lead.getByTestId('proposal-answer')).toContainText(
		'Das Budget ist für dieses Jahr ausgeschöpft.'
	);

	await expect(page.getByTestId('proposal-status')).toHaveText('Abgelehnt');
	await expect(page.getByTestId('proposal-answer')).toContainText(
		'Das Budget ist für dieses Jahr ausgeschöpft.'
	);

	const unknown = await lead.goto(`/p/${'0'.repeat(64)}`);
	expect(unknown?.status()).toBe(404);
	await expect(lead.getByRole('heading')).toHaveText(
		'Diesen Vorschlag gibt es nicht, oder der Link gilt nicht mehr.'
	);
	await lead.context().close();
});

test('the proposals list filters by status and lead, sorts, and keeps it all in the address', async ({
	page
}) => {
	const leadName = `${marker} Liste`;
	const leadId = await createLead({
		name: leadName,
		status: 'hot',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	const max = await clientAs(personas.max);
	const save = (subject: string, rate: number) =>
		max
			.rpc('save_proposal', {
				p_id: null,
				p_version: null,
				p_proposal: { subject, lead_id: leadId },
				p_items: [{ description: 'Leistung', quantity: 1, rate, tax_rate: 19 }]
			})
			.throwOnError();
	const { data: sentId } = await save(`Gesendet ${marker}`, 100);
	await save(`Entwurf ${marker}`, 200);
	await max.rpc('set_proposal_status', { p_id: sentId, p_status: 'sent' }).throwOnError();

	await signInAs(page, personas.max);
	await openPage(page, `/proposals?q=${encodeURIComponent(leadName)}`);
	const rows = page.getByRole('table', { name: 'Vorschläge' }).getByRole('row');
	// Header plus both proposals of this lead, newest number first.
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(1)).toContainText(`Entwurf ${marker}`);

	await page.getByLabel('Status').selectOption({ label: 'Gesendet' });
	await expect(page).toHaveURL(/status=sent/);
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(1)).toContainText(`Gesendet ${marker}`);
	await expect(rows.nth(1)).toContainText('119,00 €');

	await page.getByRole('link', { name: 'Filter zurücksetzen' }).click();
	await expect(page).toHaveURL(/\/proposals$/);
	await page.getByLabel('Suche nach Interessent oder Kunde').fill(leadName);
	await page.getByRole('button', { name: 'Suchen' }).click();
	await expect(page).toHaveURL(/q=/);
	// Largest first on the first click.
	await page.getByRole('link', { name: 'Gesamt' }).click();
	await expect(page).toHaveURL(/sort=total/);
	await expect(rows.nth(1)).toContainText('238,00 €');
	await expect(rows.nth(2)).toContainText('119,00 €');

	// Editing the draft: the saved total is the database's.
	await rows
		.nth(1)
		.getByRole('link', { name: `Entwurf ${marker}` })
		.click();
	await page.getByRole('link', { name: 'Bearbeiten' }).click();
	await expect(item(page, 1).getByLabel('Preis')).toHaveValue('200');
	await item(page, 1).getByLabel('Preis').fill('300');
	await expect(page.getByTestId('proposal-total')).toHaveText('357,00 €');
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
	await expect(page.getByTestId('proposal-total')).toHaveText('357,00 €');
	await expect(page.getByTestId('proposal-status')).toHaveText('Entwurf');
});
