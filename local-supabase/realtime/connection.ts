/**
 * One WebSocket of realtime-js: Phoenix heartbeats, routing of messages to the channels joined
 * on it, and per-topic ordering (a topic's messages are handled one after another, so a
 * broadcast never overtakes the join or token refresh before it).
 */
import type { RawData, WebSocket } from 'ws';
import { Channel, type ChannelSocket, type RealtimeContext } from './channel.ts';
import { decodeFrame, encodeMessage, encodeReply, FrameError, type Inbound } from './protocol.ts';

const toBuffer = (data: RawData): Buffer =>
	Buffer.isBuffer(data)
		? data
		: Array.isArray(data)
			? Buffer.concat(data)
			: Buffer.from(data as ArrayBuffer);

export class Connection implements ChannelSocket {
	closed = false;
	/** When the client last sent anything; realtime-js heartbeats every 25 s. */
	lastSeen = Date.now();
	private readonly channels = new Map<string, Channel>();
	private readonly queues = new Map<string, Promise<void>>();

	constructor(
		private readonly ws: WebSocket,
		private readonly context: RealtimeContext,
		readonly token: string,
		readonly headers: Record<string, unknown>
	) {
		ws.on('message', (data, isBinary) => this.receive(toBuffer(data), isBinary));
		ws.on('close', () => this.dispose());
		ws.on('error', () => ws.terminate());
	}

	send(frame: string | Buffer): void {
		if (!this.closed) this.ws.send(frame);
	}

	forget(channel: Channel): void {
		if (this.channels.get(channel.topic) === channel) this.channels.delete(channel.topic);
	}

	terminate(): void {
		this.ws.terminate();
		this.dispose();
	}

	private receive(data: Buffer, isBinary: boolean): void {
		this.lastSeen = Date.now();
		let inbound: Inbound;
		try {
			inbound = decodeFrame(data, isBinary);
		} catch (error) {
			if (!(error instanceof FrameError)) throw error;
			this.context.deps.log(`[realtime] dropped a frame: ${error.message}`);
			return;
		}
		if (inbound.kind === 'message' && inbound.topic === 'phoenix') {
			if (inbound.event === 'heartbeat') this.send(encodeReply(null, inbound.ref, 'phoenix', 'ok'));
			return;
		}
		const previous = this.queues.get(inbound.topic) ?? Promise.resolve();
		const next = previous
			.then(() => this.dispatch(inbound))
			.catch((error: unknown) =>
				this.context.deps.log(
					`[realtime] ${inbound.topic}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
				)
			);
		this.queues.set(inbound.topic, next);
		void next.then(() => {
			if (this.queues.get(inbound.topic) === next) this.queues.delete(inbound.topic);
		});
	}

	private async dispatch(inbound: Inbound): Promise<void> {
		if (this.closed) return;
		const { topic, joinRef, ref } = inbound;
		const channel = this.channels.get(topic);
		if (inbound.kind === 'user_broadcast') {
			if (channel) await channel.broadcast(ref, inbound.broadcast);
			else this.send(encodeReply(joinRef, ref, topic, 'error', { reason: 'unmatched topic' }));
			return;
		}
		switch (inbound.event) {
			case 'phx_join': {
				if (channel) {
					// A second join of a topic replaces the first, as in Phoenix.
					channel.leave();
					this.channels.delete(topic);
					this.send(encodeMessage(channel.joinRef, channel.joinRef, topic, 'phx_close', {}));
				}
				const joined = await Channel.join(this.context, this, inbound);
				if (joined) this.channels.set(topic, joined);
				return;
			}
			case 'phx_leave':
				channel?.leave();
				this.channels.delete(topic);
				this.send(encodeReply(joinRef, ref, topic, 'ok'));
				return;
			default:
				if (channel) await channel.handle(inbound.event, ref, inbound.payload);
				else this.send(encodeReply(joinRef, ref, topic, 'error', { reason: 'unmatched topic' }));
		}
	}

	private dispose(): void {
		if (this.closed) return;
		this.closed = true;
		for (const channel of this.channels.values()) channel.leave();
		this.channels.clear();
	}
}
