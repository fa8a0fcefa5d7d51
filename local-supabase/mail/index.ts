import type { Mailer } from '../deps.ts';

export interface MailServer {
	/** Sends over SMTP to the local server, like GoTrue does to Mailpit. */
	mailer: Mailer;
	close(): Promise<void>;
}

/** Placeholder until the mail service lands: SMTP on ports.smtp, inbox API on ports.inbox. */
export async function startMail(log: (message: string) => void): Promise<MailServer> {
	return {
		mailer: {
			async send(message) {
				log(`mail (not delivered yet) to ${message.to}: ${message.subject}`);
			}
		},
		async close() {}
	};
}
