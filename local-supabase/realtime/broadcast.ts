/**
 * Broadcasts that do not come from a socket (supabase-protocols.md §5): rows committed to
 * realtime.messages (realtime.send, realtime.broadcast_changes), announced by the platform's
 * AFTER INSERT trigger with NOTIFY local_supabase_realtime, so they arrive only after commit and
 * in commit order; and the REST endpoints under /api/broadcast.
 */
import pg from 'pg';
import type { Pool } from '../db.ts';
import { sendJson, type ServiceRequest } from '../http.ts';
import { checkToken, writeAccess } from './authorization.ts';
import { pubsubKey, type Hub } from './hub.ts';
import { jsonBroadcast, type UserBroadcast } from './protocol.ts';

const notifyChannel = 'local_supabase_realtime';
const reconnectAfterMs = 1000;

interface MessageRow {
	id: string;
	topic: string;
	event: string | null;
	payload: unknown;
	private: boolean | null;
}

export class DatabaseBroadcasts {
	private client: pg.Client | undefined;
	private closed = false;
	private pending: string[] = [];
	private draining: Promise<void> | undefined;

	constructor(
		private readonly connectionString: string,
		private readonly adminPool: Pool,
		private readonly hub: Hub,
		private readonly log: (message: string) => void
	) {}

	async start(): Promise<void> {
		const client = new pg.Client({ connectionString: this.connectionString });
		client.on('notification', (notification) => {
			if (notification.channel !== notifyChannel || !notification.payload) return;
			this.pending.push(notification.payload);
			this.draining ??= this.drain();
		});
		client.on('error', () => this.reconnect(client));
		client.on('end', () => this.reconnect(client));
		try {
			await client.connect();
			await client.query(`listen ${notifyChannel}`);
		} catch (error) {
			await client.end().catch(() => {});
			throw error;
		}
		this.client = client;
	}

	/** Messages committed while the listener is down are missed, as with a dropped socket. */
	private reconnect(client: pg.Client): void {
		if (this.closed || this.client !== client) return;
		this.client = undefined;
		client.end().catch(() => {});
		this.startLater();
	}

	private startLater(): void {
		setTimeout(() => {
			if (this.closed) return;
			this.start().catch((error: unknown) => {
				this.log(`[realtime] database broadcasts: ${String(error)}; retrying`);
				this.startLater();
			});
		}, reconnectAfterMs).unref();
	}

	/** Fetches the announced rows in batches and fans them out in notification (commit) order. */
	private async drain(): Promise<void> {
		while (this.pending.length > 0) {
			const ids = this.pending;
			this.pending = [];
			try {
				const rows = await this.adminPool.query<MessageRow>(
					`select id::text, topic, event, payload, private from realtime.messages
					 where id = any($1::uuid[]) and extension = 'broadcast'`,
					[ids]
				);
				const byId = new Map(rows.rows.map((row) => [row.id, row]));
				for (const id of ids) {
					const row = byId.get(id);
					if (!row?.event) continue;
					this.hub.broadcast(
						pubsubKey(row.topic, row.private === true),
						jsonBroadcast(row.event, row.payload, { id: row.id }),
						undefined,
						this.log
					);
				}
			} catch (error) {
				this.log(`[realtime] database broadcasts: fetching messages failed: ${String(error)}`);
			}
		}
		// Cleared in the same tick as the last check, so no notification is left waiting.
		this.draining = undefined;
	}

	async close(): Promise<void> {
		this.closed = true;
		await this.draining;
		await this.client?.end().catch(() => {});
	}
}

interface RestContext {
	apiPool: Pool;
	hub: Hub;
	log(message: string): void;
}

/** What one REST request may do: send, and check the write policy of a private topic. */
interface RestSender {
	send(topic: string, isPrivate: boolean, broadcast: UserBroadcast): void;
	mayWrite(topic: string): Promise<boolean>;
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** `POST /api/broadcast` and `POST /api/broadcast/{topic}/events/{event}`; both answer 202. */
export async function handleBroadcastRequest(
	request: ServiceRequest,
	context: RestContext
): Promise<void> {
	const single = request.path.match(/^\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/);
	if (request.method !== 'POST' || (request.path !== '/api/broadcast' && !single)) {
		return sendJson(request.res, 404, { message: 'Not found' });
	}
	const caller = request.caller;
	const token = caller.kind === 'none' ? undefined : checkToken(caller.token);
	if (!token?.ok) return sendJson(request.res, 401, { message: 'Unauthorized' });
	const sender: RestSender = {
		send: (topic, isPrivate, broadcast) =>
			context.hub.broadcast(pubsubKey(topic, isPrivate), broadcast, undefined, context.log),
		async mayWrite(topic) {
			try {
				const authorization = { topic, claims: token.claims, headers: request.headers };
				return await writeAccess(context.apiPool, authorization, 'broadcast');
			} catch (error) {
				context.log(`[realtime] REST broadcast write check on ${topic} failed: ${String(error)}`);
				return false;
			}
		}
	};
	const body = await request.body();
	if (single) {
		const [topic, event] = [decodeURIComponent(single[1]), decodeURIComponent(single[2])];
		return broadcastOne(request, sender, topic, event, body);
	}
	return broadcastBatch(request, sender, body);
}

/** The single-message API: JSON or raw bytes; a private topic the caller may not write is 403. */
async function broadcastOne(
	request: ServiceRequest,
	sender: RestSender,
	topic: string,
	event: string,
	body: Buffer
): Promise<void> {
	const isPrivate = request.query.get('private') === 'true';
	const contentType = String(request.headers['content-type'] ?? '');
	let broadcast: UserBroadcast;
	if (contentType.startsWith('application/octet-stream')) {
		broadcast = { event, encoding: 'binary', body };
	} else {
		const payload = parseJson(body);
		if (payload === undefined || payload === null) {
			return sendJson(request.res, 422, { errors: { payload: ["can't be blank"] } });
		}
		broadcast = jsonBroadcast(event, payload);
	}
	if (isPrivate && !(await sender.mayWrite(topic))) {
		return sendJson(request.res, 403, { message: 'Unauthorized' });
	}
	sender.send(topic, isPrivate, broadcast);
	sendJson(request.res, 202, undefined);
}

/** The batch API: like upstream, private messages the caller may not write are dropped silently. */
async function broadcastBatch(
	request: ServiceRequest,
	sender: RestSender,
	body: Buffer
): Promise<void> {
	const parsed = parseJson(body);
	const messages = isObject(parsed) && Array.isArray(parsed.messages) ? parsed.messages : [];
	const errors = messages.map(messageErrors);
	if (messages.length === 0 || errors.some((error) => Object.keys(error).length > 0)) {
		const problem = messages.length === 0 ? ["can't be blank"] : errors;
		return sendJson(request.res, 422, { errors: { messages: problem } });
	}
	const allowed = new Map<string, Promise<boolean>>();
	for (const message of messages as JsonObject[]) {
		const topic = message.topic as string;
		const isPrivate = message.private === true;
		if (isPrivate) {
			if (!allowed.has(topic)) allowed.set(topic, sender.mayWrite(topic));
			if (!(await allowed.get(topic))) continue;
		}
		const meta = typeof message.id === 'string' ? { id: message.id } : undefined;
		sender.send(topic, isPrivate, jsonBroadcast(message.event as string, message.payload, meta));
	}
	sendJson(request.res, 202, undefined);
}

function parseJson(raw: Buffer): unknown {
	if (raw.length === 0) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return undefined;
	}
}

function messageErrors(message: unknown): Record<string, string[]> {
	if (!isObject(message)) return { message: ['is invalid'] };
	const errors: Record<string, string[]> = {};
	for (const field of ['topic', 'event'] as const) {
		if (typeof message[field] !== 'string' || message[field] === '') {
			errors[field] = ["can't be blank"];
		}
	}
	if (!isObject(message.payload)) {
		errors.payload = message.payload === undefined ? ["can't be blank"] : ['is invalid'];
	}
	if (message.private !== undefined && typeof message.private !== 'boolean') {
		errors.private = ['is invalid'];
	}
	return errors;
}
