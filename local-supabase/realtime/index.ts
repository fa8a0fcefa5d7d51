import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServiceDeps } from '../deps.ts';
import { sendJson, type Service } from '../http.ts';

export interface RealtimeService extends Service {
	/** Takes over a WebSocket upgrade of `/realtime/v1/websocket` (path already checked). */
	upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/** Placeholder until the realtime service lands. */
export async function createRealtimeService(deps: ServiceDeps): Promise<RealtimeService> {
	void deps;
	return {
		async handle({ res }) {
			sendJson(res, 501, { message: 'realtime not implemented yet' });
		},
		upgrade(_req, socket) {
			socket.end('HTTP/1.1 501 Not Implemented\r\n\r\n');
		}
	};
}
