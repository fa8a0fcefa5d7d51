/**
 * Mail over SMTP for the edge functions (send-reminders, send-proposal). The settings come from
 * the function's environment (`supabase secrets set` on a hosted project; local-supabase points
 * them at its inbox): SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS, SMTP_FROM, and SMTP_SECURE=true
 * for implicit TLS (port 465); otherwise STARTTLS is used when the server offers it.
 */
import { Buffer } from 'node:buffer';
import nodemailer from 'npm:nodemailer@10.6.1';

export interface MailAttachment {
	filename: string;
	content: Uint8Array;
	contentType: string;
}

export interface Mail {
	to: string;
	subject: string;
	text: string;
	html?: string;
	attachments?: MailAttachment[];
}

export class SmtpConfigError extends Error {}

function smtpSettings() {
	const host = Deno.env.get('SMTP_HOST');
	const port = Number(Deno.env.get('SMTP_PORT') ?? '587');
	const from = Deno.env.get('SMTP_FROM') ?? 'Leadwerk <no-reply@leadwerk.test>';
	if (!host) throw new SmtpConfigError('SMTP_HOST is not set');
	if (!Number.isInteger(port) || port <= 0) throw new SmtpConfigError('SMTP_PORT is invalid');
	const user = Deno.env.get('SMTP_USER');
	return {
		from,
		transport: {
			host,
			port,
			secure: Deno.env.get('SMTP_SECURE') === 'true',
			auth: user ? { user, pass: Deno.env.get('SMTP_PASS') ?? '' } : undefined
		}
	};
}

/** Sends one mail; resolves with the server's message id, rejects with the SMTP error. */
export async function sendMail(mail: Mail): Promise<string> {
	const { from, transport } = smtpSettings();
	const transporter = nodemailer.createTransport(transport);
	try {
		// The typings merge the callback overload (void) into the promise one.
		const info = await (transporter.sendMail({
			from,
			to: mail.to,
			subject: mail.subject,
			text: mail.text,
			html: mail.html,
			attachments: mail.attachments?.map((attachment) => ({
				filename: attachment.filename,
				content: Buffer.from(attachment.content),
				contentType: attachment.contentType
			}))
		}) as Promise<{ messageId: string }>);
		return info.messageId;
	} finally {
		transporter.close();
	}
}
