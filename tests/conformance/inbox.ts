/**
 * The stack's mail catcher through its Mailpit-style `/api/v1` API (local-supabase/mail): what a
 * test mailed to its own addresses, and removing it again. Shared by conformance and e2e tests.
 */
import { env } from './env.ts';

export interface InboxMessage {
	ID: string;
	Subject: string;
	To: Array<{ Address: string }>;
}

async function inbox(path: string, init?: RequestInit): Promise<Response> {
	const response = await fetch(`${env.inboxUrl}/api/v1${path}`, init);
	if (!response.ok) throw new Error(`inbox ${path}: HTTP ${response.status}`);
	return response;
}

/** The mails to `address`, newest first. */
export async function mailsTo(address: string): Promise<InboxMessage[]> {
	const response = await inbox(`/search?query=${encodeURIComponent(`to:${address}`)}`);
	return ((await response.json()) as { messages: InboxMessage[] }).messages;
}

/** A mail's plain-text body. */
export async function mailText(id: string): Promise<string> {
	return ((await (await inbox(`/message/${id}`)).json()) as { Text: string }).Text;
}

export async function deleteMails(messages: InboxMessage[]): Promise<void> {
	if (!messages.length) return;
	await inbox('/messages', {
		method: 'DELETE',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ IDs: messages.map((message) => message.ID) })
	});
}
