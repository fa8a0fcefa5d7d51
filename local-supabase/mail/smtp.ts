/** The catch-all SMTP server: accepts every message without authentication and keeps it. */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { MailAddress, MailStore, NewMessage } from './store.ts';
import { listenOrExplain } from './listen.ts';

const maxMessageBytes = 10 * 1024 * 1024;

function toAddresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
	const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
	return objects.flatMap((object) =>
		object.value
			.flatMap((entry) => [entry, ...(entry.group ?? [])])
			.filter((entry) => entry.address)
			.map((entry) => ({ Address: entry.address ?? '', Name: entry.name }))
	);
}

export function toNewMessage(
	parsed: ParsedMail,
	envelope: { from: string; to: string[] },
	size: number
): NewMessage {
	const headerTo = toAddresses(parsed.to);
	return {
		MessageID: parsed.messageId ?? '',
		From: toAddresses(parsed.from)[0] ?? { Address: envelope.from, Name: '' },
		// Without a To header (e.g. only Bcc), the envelope says who it was for.
		To:
			headerTo.length > 0
				? headerTo
				: envelope.to.map((address) => ({ Address: address, Name: '' })),
		Cc: toAddresses(parsed.cc),
		Subject: parsed.subject ?? '',
		Date: (parsed.date ?? new Date()).toISOString(),
		Text: parsed.text ?? '',
		HTML: parsed.html || '',
		Size: size,
		Attachments: parsed.attachments.map((attachment, index) => ({
			PartID: String(index + 2),
			FileName: attachment.filename ?? '',
			ContentType: attachment.contentType,
			ContentID: attachment.contentId ?? '',
			Size: attachment.size,
			content: attachment.content
		}))
	};
}

const envelopeAddress = (address: SMTPServerAddress | false) => (address ? address.address : '');

export async function startSmtp(
	store: MailStore,
	host: string,
	port: number,
	log: (message: string) => void
): Promise<SMTPServer> {
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		size: maxMessageBytes,
		onData(stream, session, callback) {
			let size = 0;
			stream.on('data', (chunk: Buffer) => (size += chunk.length));
			simpleParser(stream)
				.then((parsed) => {
					const envelope = {
						from: envelopeAddress(session.envelope.mailFrom),
						to: session.envelope.rcptTo.map((recipient) => recipient.address)
					};
					const stored = store.add(toNewMessage(parsed, envelope, size));
					log(
						`mail: received "${stored.Subject}" for ${stored.To.map((to) => to.Address).join(', ')}`
					);
					callback();
				})
				.catch((error: Error) => callback(error));
		}
	});
	server.on('error', (error) => log(`mail: smtp error: ${error.message}`));
	await listenOrExplain('SMTP server', host, port, (onListening) =>
		server.listen(port, host, onListening)
	);
	return server;
}
