/** The in-memory mailbox behind the Mailpit-compatible inbox: newest first, bounded. */
import { randomBytes } from 'node:crypto';

export interface MailAddress {
	Address: string;
	Name: string;
}

/** An attachment as Mailpit lists it, with its bytes for `GET /api/v1/message/{ID}/part/{PartID}`. */
export interface StoredAttachment {
	PartID: string;
	FileName: string;
	ContentType: string;
	ContentID: string;
	Size: number;
	content: Buffer;
}

export interface StoredMessage {
	ID: string;
	MessageID: string;
	From: MailAddress;
	To: MailAddress[];
	Cc: MailAddress[];
	Subject: string;
	/** When the SMTP server received it. */
	Created: string;
	/** The Date header (or Created when absent). */
	Date: string;
	Text: string;
	HTML: string;
	Size: number;
	Attachments: StoredAttachment[];
}

export type NewMessage = Omit<StoredMessage, 'ID' | 'Created'>;

/** The list entry of Mailpit's `GET /api/v1/messages`. */
export interface MessageSummary {
	ID: string;
	MessageID: string;
	Read: boolean;
	From: MailAddress;
	To: MailAddress[];
	Cc: MailAddress[];
	Subject: string;
	Created: string;
	Size: number;
	Snippet: string;
}

const snippetLength = 250;

export function summarize(message: StoredMessage): MessageSummary {
	const plain = message.Text || message.HTML.replace(/<[^>]*>/g, ' ');
	return {
		ID: message.ID,
		MessageID: message.MessageID,
		Read: false,
		From: message.From,
		To: message.To,
		Cc: message.Cc,
		Subject: message.Subject,
		Created: message.Created,
		Size: message.Size,
		Snippet: plain.replace(/\s+/g, ' ').trim().slice(0, snippetLength)
	};
}

/**
 * Mailpit-style search: whitespace-separated terms (double quotes group words), all of which must
 * match. `to:`, `from:`, `subject:` restrict a term to that field; other terms match anywhere.
 */
export function parseSearch(
	query: string
): Array<{ field: 'to' | 'from' | 'subject' | 'any'; value: string }> {
	const terms = query.match(/(?:[a-z]+:)?(?:"[^"]*"|\S+)/gi) ?? [];
	return terms.map((term) => {
		const prefix = /^(to|from|subject):/i.exec(term);
		const field = prefix ? (prefix[1].toLowerCase() as 'to' | 'from' | 'subject') : 'any';
		const raw = prefix ? term.slice(prefix[0].length) : term;
		return { field, value: raw.replace(/^"(.*)"$/, '$1').toLowerCase() };
	});
}

const formatAddress = (address: MailAddress) =>
	`${address.Name} <${address.Address}>`.toLowerCase();

function matches(message: StoredMessage, terms: ReturnType<typeof parseSearch>): boolean {
	const to = [...message.To, ...message.Cc].map(formatAddress).join(' ');
	const from = formatAddress(message.From);
	const subject = message.Subject.toLowerCase();
	return terms.every(({ field, value }) => {
		if (field === 'to') return to.includes(value);
		if (field === 'from') return from.includes(value);
		if (field === 'subject') return subject.includes(value);
		return [to, from, subject, message.Text.toLowerCase()].some((text) => text.includes(value));
	});
}

export class MailStore {
	/** Newest first. */
	private messages: StoredMessage[] = [];

	constructor(private readonly capacity = 500) {}

	add(message: NewMessage, received = new Date()): StoredMessage {
		const stored: StoredMessage = {
			...message,
			ID: randomBytes(16).toString('base64url'),
			Created: received.toISOString()
		};
		this.messages.unshift(stored);
		this.messages.length = Math.min(this.messages.length, this.capacity);
		return stored;
	}

	/** `latest` is accepted like in Mailpit. */
	get(id: string): StoredMessage | undefined {
		return id === 'latest' ? this.messages[0] : this.messages.find((message) => message.ID === id);
	}

	list(query?: string): StoredMessage[] {
		if (!query?.trim()) return [...this.messages];
		const terms = parseSearch(query);
		return this.messages.filter((message) => matches(message, terms));
	}

	/** Deletes the given messages, or all when `ids` is undefined. Returns how many went. */
	delete(ids?: string[]): number {
		const before = this.messages.length;
		if (ids === undefined) this.messages = [];
		else {
			const doomed = new Set(ids);
			this.messages = this.messages.filter((message) => !doomed.has(message.ID));
		}
		return before - this.messages.length;
	}
}
