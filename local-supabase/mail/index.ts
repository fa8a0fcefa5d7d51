/**
 * Local mail, like the CLI's Mailpit: a catch-all SMTP server on ports.smtp, a Mailpit-compatible
 * inbox API (and a small page) on ports.inbox, and the Mailer services send through.
 */
import { host, ports } from '../config.ts';
import type { Mailer } from '../deps.ts';
import { startInbox } from './inbox.ts';
import { createSmtpMailer, senderFromEnv } from './mailer.ts';
import { startSmtp } from './smtp.ts';
import { MailStore } from './store.ts';

export interface MailServer {
	/** Sends over SMTP to the local server, like GoTrue does to Mailpit. */
	mailer: Mailer;
	close(): Promise<void>;
}

export async function startMail(log: (message: string) => void): Promise<MailServer> {
	const store = new MailStore(500);
	const smtp = await startSmtp(store, host, ports.smtp, log);
	const inbox = await startInbox(store, host, ports.inbox).catch(async (error: Error) => {
		await new Promise<void>((resolve) => smtp.close(() => resolve()));
		throw error;
	});
	log(`mail: smtp on ${host}:${ports.smtp}, inbox on http://${host}:${ports.inbox}`);
	return {
		mailer: createSmtpMailer(host, ports.smtp, senderFromEnv()),
		async close() {
			inbox.closeAllConnections();
			await Promise.all([
				new Promise<void>((resolve) => inbox.close(() => resolve())),
				new Promise<void>((resolve) => smtp.close(() => resolve()))
			]);
		}
	};
}
