/**
 * The send-proposal edge function (issue 7) through unmodified supabase-js, as staff members
 * with their own JWT: the mail with the public link (and the PDF when asked) lands in the inbox,
 * the proposal is sent and the lead's activity says so; the link opens that proposal and nothing
 * else. Refusals come before anything is mailed: a proposal the caller cannot see (404), may see
 * but not edit (403), an accepted (423) or declined (409) one, one without a recipient address
 * (400), a caller without a session (401). Every test creates its own members, roles and leads
 * (conf-proposal-…@example.test) and removes them after.
 */
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from './env.ts';
import { mailsTo } from './inbox.ts';
import {
	address,
	anon,
	createProposal,
	createSeller,
	removeCreated,
	service,
	type Seller
} from './proposal-members.ts';

afterAll(removeCreated);

/** Calls the function as `seller`; returns the HTTP status and the JSON reply. */
async function send(seller: Seller, body: Record<string, unknown>) {
	const { data, error } = await seller.client.functions.invoke('send-proposal', { body });
	if (!error) return { status: 200, body: data as Record<string, unknown> };
	const response = (error as { context?: unknown }).context;
	if (!(response instanceof Response)) throw error;
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface InboxMessage {
	ID: string;
	Subject: string;
	Text: string;
	HTML: string;
	Attachments: { PartID: string; FileName: string; ContentType: string; Size: number }[];
}

async function mailTo(email: string): Promise<InboxMessage[]> {
	return Promise.all(
		(await mailsTo(email)).map(
			async (summary) =>
				(await (await fetch(`${env.inboxUrl}/api/v1/message/${summary.ID}`)).json()) as InboxMessage
		)
	);
}

async function status(seller: Seller, id: string) {
	const { data } = await seller.client
		.from('proposals')
		.select('status, sent_at, number')
		.eq('id', id)
		.single()
		.throwOnError();
	return data;
}

describe('send-proposal', () => {
	it('mails the link and the PDF, marks the proposal sent and logs it', async () => {
		const seller = await createSeller();
		const proposal = await createProposal(seller);
		const reply = await send(seller, {
			proposal_id: proposal.id,
			message: 'wie besprochen erhalten Sie unseren Vorschlag.',
			attach_pdf: true
		});
		expect(reply).toEqual({ status: 200, body: { sent: true, to: proposal.recipient } });

		const { number, status: after, sent_at: sentAt } = await status(seller, proposal.id);
		expect(after).toBe('sent');
		expect(sentAt).toEqual(expect.any(String));
		const formatted = `PRO-${String(number).padStart(6, '0')}`;

		const [mail, ...others] = await mailTo(proposal.recipient as string);
		expect(others).toEqual([]);
		expect(mail.Subject).toBe(`Vorschlag ${formatted}: ${proposal.subject}`);
		expect(mail.Text).toContain('Guten Tag Jürgen Obermaier,');
		expect(mail.Text).toContain('wie besprochen erhalten Sie unseren Vorschlag.');
		const link = /(https?:\/\/\S+)\/p\/([0-9a-f]{64})/.exec(mail.Text);
		expect(link).not.toBeNull();
		expect(mail.HTML).toContain(`href="${link?.[0]}"`);

		expect(mail.Attachments).toEqual([
			expect.objectContaining({
				FileName: `Vorschlag-${formatted}.pdf`,
				ContentType: 'application/pdf'
			})
		]);
		const pdf = await fetch(
			`${env.inboxUrl}/api/v1/message/${mail.ID}/part/${mail.Attachments[0].PartID}`
		);
		const document = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()));
		expect(document.getTitle()).toBe(`Vorschlag ${formatted}: ${proposal.subject}`);

		const { data: activity } = await seller.client
			.from('lead_activity')
			.select('action, actor_id, details')
			.eq('lead_id', proposal.lead)
			.eq('action', 'proposal.sent')
			.throwOnError();
		expect(activity).toEqual([
			{
				action: 'proposal.sent',
				actor_id: seller.id,
				details: { proposal_id: proposal.id, subject: proposal.subject, email: proposal.recipient }
			}
		]);
	});

	it('the link opens that proposal and nothing else', async () => {
		const seller = await createSeller();
		const proposal = await createProposal(seller);
		expect((await send(seller, { proposal_id: proposal.id })).status).toBe(200);
		const [mail] = await mailTo(proposal.recipient as string);
		expect(mail.Attachments).toEqual([]);
		const token = /\/p\/([0-9a-f]{64})/.exec(mail.Text)?.[1];

		const { data: document, error } = await anon.rpc('get_public_proposal', { p_token: token });
		expect(error).toBeNull();
		const { data: row } = await seller.client
			.from('proposals')
			.select('number, total')
			.eq('id', proposal.id)
			.single()
			.throwOnError();
		expect(document).toMatchObject({
			number: row.number,
			subject: proposal.subject,
			status: 'open',
			recipient_email: proposal.recipient,
			total: row.total
		});
		expect(JSON.stringify(document)).not.toContain(proposal.id);

		const { data: rows } = await anon.from('proposals').select('id');
		expect(rows).toEqual([]);
		const { error: staffOnly } = await anon.rpc('get_proposal_document', { p_id: proposal.id });
		expect(staffOnly?.code).toBe('42501');
		// Opening the link made the proposal open, and the lead's log says so.
		expect((await status(seller, proposal.id)).status).toBe('open');
	});

	it('a revoked link is renewed before sending', async () => {
		const seller = await createSeller();
		const proposal = await createProposal(seller);
		await seller.client.rpc('revoke_proposal_link', { p_id: proposal.id }).throwOnError();
		expect((await send(seller, { proposal_id: proposal.id })).status).toBe(200);
		const [mail] = await mailTo(proposal.recipient as string);
		const token = /\/p\/([0-9a-f]{64})/.exec(mail.Text)?.[1];
		const { data } = await anon.rpc('get_public_proposal', { p_token: token });
		expect(data).toMatchObject({ subject: proposal.subject });
	});

	it('sends to another address when asked, in English for an English proposal', async () => {
		const seller = await createSeller();
		const proposal = await createProposal(seller);
		const { data: row } = await seller.client
			.from('proposals')
			.select('version')
			.eq('id', proposal.id)
			.single()
			.throwOnError();
		await seller.client
			.rpc('save_proposal', {
				p_id: proposal.id,
				p_version: row.version,
				p_proposal: { language: 'en' },
				p_items: [{ description: 'Maintenance', rate: 100 }]
			})
			.throwOnError();
		const other = address('einkauf');
		expect(await send(seller, { proposal_id: proposal.id, to: other })).toEqual({
			status: 200,
			body: { sent: true, to: other }
		});
		const [mail] = await mailTo(other);
		expect(mail.Subject).toMatch(/^Proposal PRO-\d{6}: /);
		expect(await mailTo(proposal.recipient as string)).toEqual([]);
	});

	it('a member who cannot see the proposal gets 404, and nothing is mailed', async () => {
		const [owner, stranger] = [await createSeller(), await createSeller()];
		const proposal = await createProposal(owner);
		expect(await send(stranger, { proposal_id: proposal.id })).toMatchObject({
			status: 404,
			body: { error: 'not_found' }
		});
		expect(await mailTo(proposal.recipient as string)).toEqual([]);
		expect((await status(owner, proposal.id)).status).toBe('draft');
	});

	it('a member who may see the proposal but not edit it gets 403, and nothing is mailed', async () => {
		const [owner, viewer] = [await createSeller(), await createSeller(['create'])];
		const proposal = await createProposal(owner);
		await service.from('leads').update({ is_public: true }).eq('id', proposal.lead).throwOnError();
		expect((await status(viewer, proposal.id)).status).toBe('draft');
		expect(await send(viewer, { proposal_id: proposal.id, attach_pdf: true })).toMatchObject({
			status: 403,
			body: { error: 'forbidden' }
		});
		expect(await mailsTo(proposal.recipient as string)).toEqual([]);
		expect(await status(owner, proposal.id)).toMatchObject({ status: 'draft', sent_at: null });
	});

	it('refuses an accepted proposal with 423', async () => {
		const seller = await createSeller();
		const proposal = await createProposal(seller);
		for (const next of ['sent', 'accepted']) {
			await seller.client
				.rpc('set_proposal_status', { p_id: proposal.id, p_status: next })
				.throwOnError();
		}
		expect(await send(seller, { proposal_id: proposal.id })).toMatchObject({
			status: 423,
			body: { error: 'proposal_accepted' }
		});
		expect(await mailTo(proposal.recipient as string)).toEqual([]);
	});

	it('refuses a declined proposal with 409', async () => {
		const seller = await createSeller();
		const proposal = await createProposal(seller);
		for (const next of ['sent', 'declined']) {
			await seller.client
				.rpc('set_proposal_status', { p_id: proposal.id, p_status: next })
				.throwOnError();
		}
		expect(await send(seller, { proposal_id: proposal.id })).toMatchObject({
			status: 409,
			body: { error: 'proposal_declined' }
		});
		expect(await mailsTo(proposal.recipient as string)).toEqual([]);
	});

	it('refuses a proposal without recipient e-mail with 400', async () => {
		const seller = await createSeller();
		const proposal = await createProposal(seller, { email: null });
		expect(await send(seller, { proposal_id: proposal.id })).toMatchObject({
			status: 400,
			body: { error: 'recipient_email_missing' }
		});
		expect((await status(seller, proposal.id)).status).toBe('draft');
	});

	it('refuses a request without a proposal id, and a caller without a session', async () => {
		const seller = await createSeller();
		const proposal = await createProposal(seller);
		expect(await send(seller, {})).toMatchObject({
			status: 400,
			body: { error: 'invalid_request' }
		});
		const { error } = await anon.functions.invoke('send-proposal', {
			body: { proposal_id: proposal.id }
		});
		const response = (error as { context?: unknown } | null)?.context;
		expect(response instanceof Response ? response.status : undefined).toBe(401);
		expect(await mailTo(proposal.recipient as string)).toEqual([]);
	});
});
