/**
 * The local mail catcher as the CLI's Mailpit offers it: SMTP in (54325), the `/api/v1` inbox API
 * out (54324). Messages are sent with nodemailer and read back, searched and deleted.
 */
import nodemailer from 'nodemailer';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ports } from '../../local-supabase/config.ts';
import { env } from './env.ts';

const smtp = nodemailer.createTransport({
	host: new URL(env.inboxUrl).hostname,
	port: Number(process.env.SUPABASE_SMTP_PORT ?? ports.smtp),
	secure: false,
	ignoreTLS: true
});

interface Summary {
	ID: string;
	From: { Address: string; Name: string };
	To: Array<{ Address: string; Name: string }>;
	Subject: string;
	Created: string;
	Snippet: string;
}

const inbox = (path: string, init?: RequestInit) => fetch(`${env.inboxUrl}/api/v1${path}`, init);

async function listed(): Promise<{ total: number; messages: Summary[] }> {
	const response = await inbox('/messages?limit=200');
	expect(response.status).toBe(200);
	return response.json();
}

/** Sends one message to a fresh address and returns its inbox summary. */
async function sendOne(label: string) {
	const to = `conf-mail-${label}-${randomUUID().slice(0, 8)}@example.test`;
	const subject = `Conformance ${label} ${randomUUID().slice(0, 8)} – Grüße`;
	await smtp.sendMail({
		from: { name: 'Conformance Sender', address: 'sender@example.test' },
		to: { name: 'Conf Recipient', address: to },
		subject,
		text: `Hallo ${label}, this is the text part.`,
		html: `<p>Hallo <b>${label}</b>, this is the HTML part.</p>`
	});
	const summary = (await listed()).messages.find((message) => message.Subject === subject);
	expect(summary).toBeDefined();
	return { to, subject, summary: summary! };
}

describe('local mail', () => {
	it('keeps a message sent over SMTP and lists it newest first', async () => {
		const { to, subject, summary } = await sendOne('list');
		expect(summary).toMatchObject({
			From: { Address: 'sender@example.test', Name: 'Conformance Sender' },
			To: [{ Address: to, Name: 'Conf Recipient' }],
			Subject: subject
		});
		expect(summary.Snippet).toContain('this is the text part');
		expect(Number.isNaN(Date.parse(summary.Created))).toBe(false);
	});

	it('returns a message in full by id', async () => {
		const { to, subject, summary } = await sendOne('detail');
		const response = await inbox(`/message/${summary.ID}`);
		expect(response.status).toBe(200);
		const message = await response.json();
		expect(message).toMatchObject({
			ID: summary.ID,
			From: { Address: 'sender@example.test' },
			To: [{ Address: to }],
			Subject: subject,
			Text: expect.stringContaining('this is the text part')
		});
		expect(message.HTML).toContain('<b>detail</b>');
		expect(Number.isNaN(Date.parse(message.Date))).toBe(false);
	});

	it('finds messages by recipient', async () => {
		const { to, summary } = await sendOne('search');
		await sendOne('other');
		const response = await inbox(`/search?query=${encodeURIComponent(`to:${to}`)}`);
		expect(response.status).toBe(200);
		const found = await response.json();
		expect(found.messages.map((message: Summary) => message.ID)).toEqual([summary.ID]);
	});

	it('deletes selected messages', async () => {
		const doomed = await sendOne('delete');
		const kept = await sendOne('keep');
		const response = await inbox('/messages', {
			method: 'DELETE',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ IDs: [doomed.summary.ID] })
		});
		expect(response.status).toBe(200);
		expect((await inbox(`/message/${doomed.summary.ID}`)).status).toBe(404);
		expect((await inbox(`/message/${kept.summary.ID}`)).status).toBe(200);
	});

	it('lists attachments and serves their bytes by part id', async () => {
		const to = `conf-mail-attachment-${randomUUID().slice(0, 8)}@example.test`;
		const content = Buffer.from(`%PDF-1.7 Anlage ${randomUUID()}`);
		await smtp.sendMail({
			from: 'sender@example.test',
			to,
			subject: 'Mit Anlage',
			text: 'Siehe Anlage.',
			attachments: [{ filename: 'Angebot.pdf', content, contentType: 'application/pdf' }]
		});
		const summary = (await listed()).messages.find((message) => message.To[0]?.Address === to);
		const message = await (await inbox(`/message/${summary?.ID}`)).json();
		expect(message.Attachments).toEqual([
			expect.objectContaining({
				FileName: 'Angebot.pdf',
				ContentType: 'application/pdf',
				Size: content.length
			})
		]);
		const part = await inbox(`/message/${summary?.ID}/part/${message.Attachments[0].PartID}`);
		expect(part.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await part.arrayBuffer())).toEqual(content);
		expect((await inbox(`/message/${summary?.ID}/part/99`)).status).toBe(404);
	});

	it('serves a page for people at /', async () => {
		const response = await fetch(`${env.inboxUrl}/`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/html');
	});
});
