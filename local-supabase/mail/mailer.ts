/** Sends mail over SMTP, as GoTrue and the edge functions do to the CLI's Mailpit. */
import nodemailer from 'nodemailer';
import type { Mailer } from '../deps.ts';

export interface Sender {
	address: string;
	name: string;
}

/** `SMTP_ADMIN_EMAIL` / `SMTP_SENDER_NAME`, the variables GoTrue reads for its sender. */
export function senderFromEnv(env: NodeJS.ProcessEnv = process.env): Sender {
	return {
		address: env.SMTP_ADMIN_EMAIL || 'admin@leadwerk.test',
		name: env.SMTP_SENDER_NAME || 'Leadwerk'
	};
}

export function createSmtpMailer(host: string, port: number, sender: Sender): Mailer {
	const transport = nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true });
	return {
		async send(message) {
			await transport.sendMail({
				from: message.from ?? { name: sender.name, address: sender.address },
				to: message.to,
				subject: message.subject,
				html: message.html,
				text: message.text
			});
		}
	};
}
