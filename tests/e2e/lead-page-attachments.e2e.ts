/** The attachments tab: several files at once with progress, per-file refusals, download, delete. */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
	admin,
	createLead,
	deleteLeadsNamed,
	personas,
	signInAs,
	uniqueName
} from './leads-data.ts';

const marker = uniqueName('E2E-Anhaenge');
test.afterAll(async () => {
	// Files are not removed with their lead (storage has no cascade): remove this run's first.
	const { data: leads } = await admin.from('leads').select('id').ilike('name', `%${marker}%`);
	for (const { id } of leads ?? []) {
		const { data: files } = await admin.storage.from('lead-attachments').list(id);
		const paths = (files ?? []).map((file) => `${id}/${file.name}`);
		if (paths.length) await admin.storage.from('lead-attachments').remove(paths);
	}
	await deleteLeadsNamed(marker);
});

test('files are uploaded with progress, refused per file, downloaded and deleted', async ({
	page
}) => {
	const id = await createLead({
		name: `${marker} Upload`,
		status: 'hot',
		createdBy: personas.max,
		assignedTo: personas.max
	});
	const pdf = Buffer.from(`%PDF-1.4\n% ${marker}\n`.repeat(200));
	await signInAs(page, personas.max);
	await page.goto(`/leads/${id}?tab=attachments`);
	await expect(page.getByText('Noch keine Anhänge')).toBeVisible();

	await page.getByLabel('Dateien auswählen', { exact: true }).setInputFiles([
		{ name: 'Angebot März.pdf', mimeType: 'application/pdf', buffer: pdf },
		{ name: 'notizen.txt', mimeType: 'text/plain', buffer: Buffer.from('Hallo') },
		{ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
		{ name: 'leer.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) }
	]);

	const uploads = page.getByRole('list', { name: 'Hochladen' });
	await expect(uploads.getByRole('alert')).toHaveText([
		'„setup.exe“ hat einen Dateityp, der nicht erlaubt ist.',
		'„leer.csv“ ist leer.'
	]);
	const progress = page.getByRole('progressbar', { name: '„Angebot März.pdf“ wird hochgeladen' });
	await expect(progress).toBeVisible();
	await expect(progress).toHaveAttribute('value', String(pdf.length));
	await expect(uploads).toContainText('„Angebot März.pdf“ hochgeladen');
	await expect(uploads).toContainText('100 %');

	const attachments = page.getByRole('list', { name: 'Anhänge' });
	await expect(attachments).toContainText('Angebot März.pdf');
	await expect(attachments).toContainText('notizen.txt');
	await expect(attachments).toContainText('Max Vogel');

	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: '„Angebot März.pdf“ herunterladen' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('Angebot März.pdf');
	expect((await readFile(await download.path())).equals(pdf)).toBe(true);

	await page.getByRole('button', { name: '„Angebot März.pdf“ löschen' }).click();
	await expect(attachments).toContainText('Anhang „Angebot März.pdf“ löschen?');
	await attachments.getByRole('button', { name: 'Löschen', exact: true }).click();
	await expect(attachments).not.toContainText('Angebot März.pdf');
	await expect(attachments).toContainText('notizen.txt');

	// The file is gone from storage too, not only from the list.
	const { data: stored } = await admin.storage.from('lead-attachments').list(id);
	expect((stored ?? []).map((file) => file.name)).toEqual([
		expect.stringMatching(/-notizen\.txt$/)
	]);

	await page.getByRole('link', { name: 'Aktivitätslog' }).click();
	const activity = page.getByRole('list', { name: 'Aktivitätslog' });
	await expect(activity).toContainText('Max Vogel hat den Anhang „Angebot März.pdf“ hochgeladen.');
	await expect(activity).toContainText('Max Vogel hat den Anhang „Angebot März.pdf“ gelöscht.');
});
