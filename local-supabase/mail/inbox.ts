/**
 * The inbox HTTP API, shaped like Mailpit's `/api/v1` (what `supabase start` serves on 54324), so
 * tests and tools written against the CLI's inbox work here too; plus a tiny page for humans.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOrExplain } from './listen.ts';
import { summarize, type MailStore, type StoredMessage } from './store.ts';
import { escapeHtml } from '../html.ts';

const defaultPageSize = 50;

function send(res: ServerResponse, status: number, body: string, contentType: string): void {
	res.writeHead(status, {
		'content-type': `${contentType}; charset=utf-8`,
		'cache-control': 'no-store'
	});
	res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
	send(res, status, JSON.stringify(body), 'application/json');

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** `{IDs:[...]}` deletes those; an empty body or no IDs deletes everything, as in Mailpit. */
export function parseDeleteBody(text: string): string[] | undefined {
	if (!text.trim()) return undefined;
	const body = JSON.parse(text) as { IDs?: unknown };
	if (!Array.isArray(body.IDs) || body.IDs.length === 0) return undefined;
	return body.IDs.map(String);
}

function page(messages: StoredMessage[], query: URLSearchParams, total: number) {
	const start = Math.max(0, Number(query.get('start')) || 0);
	const limit = Math.max(1, Number(query.get('limit')) || defaultPageSize);
	const slice = messages.slice(start, start + limit);
	return {
		total,
		unread: total,
		count: slice.length,
		messages_count: messages.length,
		start,
		tags: [],
		messages: slice.map(summarize)
	};
}

function detail(message: StoredMessage) {
	return {
		ID: message.ID,
		MessageID: message.MessageID,
		From: message.From,
		To: message.To,
		Cc: message.Cc,
		Bcc: [],
		ReplyTo: [],
		Subject: message.Subject,
		Date: message.Date,
		Created: message.Created,
		Tags: [],
		Text: message.Text,
		HTML: message.HTML,
		Size: message.Size,
		Inline: [],
		Attachments: message.Attachments.map(({ content: _bytes, ...listed }) => listed)
	};
}

function listPage(messages: StoredMessage[]): string {
	const rows = messages
		.map(
			(message) =>
				`<tr><td>${escapeHtml(new Date(message.Created).toLocaleString('de-DE'))}</td>` +
				`<td>${escapeHtml(message.To.map((to) => to.Address).join(', '))}</td>` +
				`<td><a href="/view/${encodeURIComponent(message.ID)}">${escapeHtml(message.Subject || '(no subject)')}</a></td></tr>`
		)
		.join('\n');
	return `<!doctype html><html><head><meta charset="utf-8"><title>Local inbox</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}</style>
</head><body><h1>Local inbox (${messages.length})</h1>
<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>
${rows || '<tr><td colspan="3">No mail yet.</td></tr>'}
</tbody></table></body></html>`;
}

function messagePage(message: StoredMessage): string {
	const from = `${message.From.Name} <${message.From.Address}>`;
	const to = message.To.map((address) => address.Address).join(', ');
	// The mail's own HTML is shown sandboxed so its scripts and styles cannot touch this page.
	const body = message.HTML
		? `<iframe sandbox style="width:100%;height:70vh;border:1px solid #ddd" srcdoc="${escapeHtml(message.HTML)}"></iframe>`
		: `<pre style="white-space:pre-wrap">${escapeHtml(message.Text)}</pre>`;
	return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(message.Subject)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}</style></head><body>
<p><a href="/">&larr; Inbox</a></p><h1>${escapeHtml(message.Subject)}</h1>
<p>From: ${escapeHtml(from)}<br>To: ${escapeHtml(to)}<br>Date: ${escapeHtml(message.Date)}</p>
${body}</body></html>`;
}

async function route(store: MailStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://inbox');
	const method = req.method ?? 'GET';
	const messageMatch = /^\/api\/v1\/message\/([^/]+)$/.exec(url.pathname);
	const partMatch = /^\/api\/v1\/message\/([^/]+)\/part\/([^/]+)$/.exec(url.pathname);
	const viewMatch = /^\/view\/([^/]+)$/.exec(url.pathname);

	if (method === 'GET' && url.pathname === '/') {
		return send(res, 200, listPage(store.list()), 'text/html');
	}
	if (method === 'GET' && viewMatch) {
		const message = store.get(decodeURIComponent(viewMatch[1]));
		return message
			? send(res, 200, messagePage(message), 'text/html')
			: send(res, 404, 'message not found', 'text/plain');
	}
	if (url.pathname === '/api/v1/messages' && method === 'GET') {
		const all = store.list();
		return sendJson(res, 200, page(all, url.searchParams, all.length));
	}
	if (url.pathname === '/api/v1/messages' && method === 'DELETE') {
		store.delete(parseDeleteBody(await readBody(req)));
		return send(res, 200, 'ok', 'text/plain');
	}
	if (url.pathname === '/api/v1/search') {
		const found = store.list(url.searchParams.get('query') ?? '');
		if (method === 'GET')
			return sendJson(res, 200, page(found, url.searchParams, store.list().length));
		if (method === 'DELETE') {
			store.delete(found.map((message) => message.ID));
			return send(res, 200, 'ok', 'text/plain');
		}
	}
	if (method === 'GET' && messageMatch) {
		const message = store.get(decodeURIComponent(messageMatch[1]));
		return message
			? sendJson(res, 200, detail(message))
			: send(res, 404, 'message not found', 'text/plain');
	}
	if (method === 'GET' && partMatch) {
		const part = store
			.get(decodeURIComponent(partMatch[1]))
			?.Attachments.find((attachment) => attachment.PartID === decodeURIComponent(partMatch[2]));
		if (!part) return send(res, 404, 'part not found', 'text/plain');
		res.writeHead(200, { 'content-type': part.ContentType, 'cache-control': 'no-store' });
		res.end(part.content);
		return;
	}
	send(res, 404, 'not found', 'text/plain');
}

export async function startInbox(store: MailStore, host: string, port: number): Promise<Server> {
	const server = createServer((req, res) => {
		route(store, req, res).catch((error: Error) => {
			if (!res.headersSent) send(res, 400, error.message, 'text/plain');
			else res.end();
		});
	});
	await listenOrExplain('mail inbox', host, port, (onListening) =>
		server.listen(port, host, onListening)
	);
	return server;
}
