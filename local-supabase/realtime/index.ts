/**
 * Supabase Realtime for realtime-js 2.x (supabase-protocols.md §5): the WebSocket at
 * `/realtime/v1/websocket` (Phoenix protocol, vsn 2.0.0) with broadcast, presence and
 * postgres_changes, database broadcasts from realtime.messages, and the REST broadcast API.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { jwtForApiKey } from '../caller.ts';
import type { ServiceDeps } from '../deps.ts';
import type { Service } from '../http.ts';
import { checkToken } from './authorization.ts';
import { DatabaseBroadcasts, handleBroadcastRequest } from './broadcast.ts';
import { ChangeFeed } from './change-feed.ts';
import type { RealtimeContext } from './channel.ts';
import { Connection } from './connection.ts';
import { Hub } from './hub.ts';
import { PresenceTracker } from './presence.ts';

export interface RealtimeService extends Service {
	/** Takes over a WebSocket upgrade of `/realtime/v1/websocket` (path already checked). */
	upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/** A socket that sent nothing (not even a heartbeat, every 25 s) for this long is dropped. */
const idleTimeoutMs = 120_000;

/** Rejects an upgrade with an HTTP error, as Kong (missing or unknown key) or Realtime would. */
function refuse(socket: Duplex, status: number, body: Record<string, string>): void {
	const text = JSON.stringify(body);
	socket.end(
		`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Error'}\r\n` +
			'content-type: application/json\r\n' +
			`content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`
	);
}

/** The `x-…` headers of the upgrade request, which upstream exposes to policies. */
function extraHeaders(req: IncomingMessage): Record<string, unknown> {
	return Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.startsWith('x-')));
}

export async function createRealtimeService(deps: ServiceDeps): Promise<RealtimeService> {
	const connectionString = deps.adminPool.options.connectionString;
	if (!connectionString) throw new Error('realtime: the admin pool has no connection string');
	const hub = new Hub();
	const context: RealtimeContext = {
		deps,
		hub,
		presence: new PresenceTracker(),
		changes: new ChangeFeed(deps)
	};
	const databaseBroadcasts = new DatabaseBroadcasts(
		connectionString,
		deps.adminPool,
		hub,
		deps.log
	);
	await databaseBroadcasts.start();

	const server = new WebSocketServer({ noServer: true });
	const connections = new Set<Connection>();
	const idleCheck = setInterval(() => {
		for (const connection of connections) {
			if (Date.now() - connection.lastSeen > idleTimeoutMs) connection.terminate();
		}
	}, idleTimeoutMs / 4);
	idleCheck.unref();

	return {
		handle: (request) =>
			handleBroadcastRequest(request, { apiPool: deps.apiPool, hub, log: deps.log }),

		upgrade(req, socket, head) {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const header = req.headers['x-api-key'];
			const apiKey = url.searchParams.get('apikey') ?? (typeof header === 'string' ? header : null);
			if (!apiKey) return refuse(socket, 401, { message: 'No API key found in request' });
			const token = jwtForApiKey(apiKey);
			if (!token) return refuse(socket, 401, { message: 'Invalid authentication credentials' });
			const checked = checkToken(token);
			if (!checked.ok) return refuse(socket, 401, { error: checked.message });
			server.handleUpgrade(req, socket, head, (ws) => {
				const connection = new Connection(ws, context, token, extraHeaders(req));
				connections.add(connection);
				ws.on('close', () => connections.delete(connection));
			});
		},

		async close() {
			clearInterval(idleCheck);
			for (const connection of connections) connection.terminate();
			server.close();
			await Promise.all([databaseBroadcasts.close(), context.changes.close()]);
		}
	};
}
