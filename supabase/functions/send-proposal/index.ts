/**
 * Mails a proposal to its recipient (issue 7, notes/proposals-contract.md). POST JSON
 * `{ proposal_id, to?, message?, attach_pdf? }` with the staff member's JWT.
 *
 * Everything is done as the caller. Before any mail, `prepare_proposal_send` checks what
 * recording the sending will check (404 not visible, 403 no edit right, 423 accepted, 409
 * declined, 400 no recipient e-mail), renews a revoked link and returns the token, the address
 * and the document; so nobody mails a proposal they may not send. The mail goes out over SMTP
 * (`_shared/smtp.ts`, SMTP_* secrets) with the public link `${APP_URL}/p/<token>` and, when
 * asked, the PDF; only after SMTP accepted it is the proposal marked sent (`mark_proposal_sent`:
 * status sent, sent_at, activity proposal.sent).
 */
import { createClient } from 'npm:@supabase/supabase-js@2.109.0';
import { z } from 'npm:zod@4.6.7';
import {
	formatProposalNumber,
	renderProposalPdf,
	type PublicProposal
} from '../_shared/proposal-pdf.ts';
import { sendMail, SmtpConfigError } from '../_shared/smtp.ts';

const corsHeaders = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type',
	'Access-Control-Allow-Methods': 'POST, OPTIONS'
};

const requestSchema = z.object({
	proposal_id: z.guid(),
	to: z.email().max(254).optional(),
	message: z.string().trim().max(5000).optional(),
	attach_pdf: z.boolean().optional()
});

const reply = (status: number, body: unknown) =>
	Response.json(body, { status, headers: corsHeaders });
const fail = (status: number, error: string, message?: string) =>
	reply(status, { error, message: message ?? error });

/** The error names of prepare_proposal_send's refusals (PostgREST gives the HTTP status). */
const refusals: Record<string, string> = {
	PT404: 'not_found',
	'42501': 'forbidden',
	PT423: 'proposal_accepted',
	PT409: 'proposal_declined',
	PT400: 'recipient_email_missing'
};

interface PreparedSend {
	token: string;
	to: string;
	document: PublicProposal;
}

function env(name: string): string {
	const value = Deno.env.get(name);
	if (!value) throw new Error(`${name} is not set`);
	return value;
}

const mailText = {
	de: {
		subject: (number: string, subject: string) => `Vorschlag ${number}: ${subject}`,
		greeting: (name: string | null) => (name ? `Guten Tag ${name},` : 'Guten Tag,'),
		intro: (number: string) => `anbei erhalten Sie unseren Vorschlag ${number}.`,
		link: 'Sie können ihn hier ansehen, annehmen oder ablehnen:',
		attached: 'Der Vorschlag liegt dieser Nachricht außerdem als PDF bei.',
		closing: 'Mit freundlichen Grüßen',
		file: 'Vorschlag'
	},
	en: {
		subject: (number: string, subject: string) => `Proposal ${number}: ${subject}`,
		greeting: (name: string | null) => (name ? `Dear ${name},` : 'Hello,'),
		intro: (number: string) => `please find our proposal ${number} below.`,
		link: 'You can view, accept or decline it here:',
		attached: 'The proposal is also attached to this message as a PDF.',
		closing: 'Kind regards',
		file: 'Proposal'
	}
};

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

Deno.serve(async (request) => {
	if (request.method === 'OPTIONS') return new Response(null, { headers: corsHeaders });
	if (request.method !== 'POST') return fail(405, 'method_not_allowed', 'POST only');
	const authorization = request.headers.get('Authorization');
	if (!authorization?.startsWith('Bearer ')) return fail(401, 'unauthorized', 'Sign in first');

	const parsed = requestSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return fail(400, 'invalid_request', z.prettifyError(parsed.error));
	const body = parsed.data;

	// Acts as the caller: row level security and the RPCs decide.
	const asCaller = createClient(env('SUPABASE_URL'), env('SUPABASE_ANON_KEY'), {
		auth: { persistSession: false, autoRefreshToken: false },
		global: { headers: { Authorization: authorization } }
	});
	const prepared = await asCaller.rpc('prepare_proposal_send', {
		p_id: body.proposal_id,
		p_email: body.to ?? null
	});
	if (prepared.error) {
		// Without a session PostgREST answers 401: the function is not for anonymous callers.
		const refusal = prepared.status === 401 ? 'unauthorized' : refusals[prepared.error.code];
		return fail(prepared.status || 500, refusal ?? 'prepare_failed', prepared.error.message);
	}
	const { token, to, document } = prepared.data as PreparedSend;

	try {
		await sendMail(await composeMail(document, token, to, body.message, body.attach_pdf));
	} catch (mailError) {
		const configuration = mailError instanceof SmtpConfigError;
		return fail(
			configuration ? 500 : 502,
			configuration ? 'smtp_not_configured' : 'smtp_failed',
			mailError instanceof Error ? mailError.message : String(mailError)
		);
	}

	const marked = await asCaller.rpc('mark_proposal_sent', { p_id: body.proposal_id, p_email: to });
	if (marked.error) return fail(marked.status || 500, 'mark_failed', marked.error.message);
	return reply(200, { sent: true, to });
});

async function composeMail(
	proposal: PublicProposal,
	token: string,
	to: string,
	message: string | undefined,
	attachPdf: boolean | undefined
) {
	const text = mailText[proposal.language] ?? mailText.de;
	const number = formatProposalNumber(proposal.number);
	const link = `${env('APP_URL').replace(/\/+$/, '')}/p/${token}`;
	const signer = [proposal.sender.staff_name, proposal.sender.company].filter(Boolean).join('\n');
	const paragraphs = [
		text.greeting(proposal.recipient_name),
		message || text.intro(number),
		`${text.link}\n${link}`,
		...(attachPdf ? [text.attached] : []),
		`${text.closing}\n${signer}`
	];
	const html = paragraphs
		.map((paragraph) =>
			paragraph === `${text.link}\n${link}`
				? `<p>${escapeHtml(text.link)}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`
				: `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`
		)
		.join('\n');
	return {
		to,
		subject: text.subject(number, proposal.subject),
		text: paragraphs.join('\n\n'),
		html,
		attachments: attachPdf
			? [
					{
						filename: `${text.file}-${number}.pdf`,
						content: await renderProposalPdf(proposal),
						contentType: 'application/pdf'
					}
				]
			: undefined
	};
}
