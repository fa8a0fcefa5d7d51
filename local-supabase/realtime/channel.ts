/**
 * One joined channel (`realtime:<name>`) on one socket, as upstream's RealtimeChannel behaves
 * (supabase-protocols.md §5 "Join"): the join with its token and read checks, broadcast with
 * `self` and `ack`, presence, postgres_changes bindings, `access_token` refresh and shutdown.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceDeps } from '../deps.ts';
import type { Claims } from '../jwt.ts';
import {
	checkToken,
	readAccess,
	writeAccess,
	type Extension,
	type ReadAccess
} from './authorization.ts';
import type { ChangeFeed } from './change-feed.ts';
import { pubsubKey, type Hub, type Member } from './hub.ts';
import { bindingId, parseBinding, type ChangeSubscriber } from './postgres-changes.ts';
import type { PresenceDiff, PresenceTracker } from './presence.ts';
import { encodeMessage, encodeReply, type UserBroadcast } from './protocol.ts';

export interface RealtimeContext {
	deps: ServiceDeps;
	hub: Hub;
	presence: PresenceTracker;
	changes: ChangeFeed;
}

/** What a channel needs from the socket it lives on. */
export interface ChannelSocket {
	readonly closed: boolean;
	/** The socket's own token: the JWT the apikey maps to. */
	readonly token: string;
	/** The upgrade request's `x-…` headers, which policies see as `request.headers`. */
	readonly headers: Record<string, unknown>;
	send(frame: string | Buffer): void;
	forget(channel: Channel): void;
}

export interface JoinRequest {
	joinRef: string | null;
	ref: string | null;
	topic: string;
	payload: unknown;
}

type JsonObject = Record<string, unknown>;
const objectOr = (value: unknown): JsonObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
/** Upstream's FlexibleBoolean: `true` or `"true"`. */
const flag = (value: unknown) => value === true || value === 'true';
/** Re-confirming a token this far ahead at most, like upstream caps its timer. */
const maxConfirmIntervalMs = 3_600_000;
const topicPrefix = 'realtime:';

interface ChannelOptions {
	name: string;
	isPrivate: boolean;
	/** broadcast.self: the sender hears its own broadcasts. */
	self: boolean;
	/** broadcast.ack: each broadcast is acknowledged with a reply. */
	ack: boolean;
	presenceKey: string;
}

/** Reads the `phx_join` payload (upstream's Join schema; booleans may be strings). */
function joinConfig(name: string, payload: unknown, socketToken: string) {
	const params = objectOr(payload);
	const config = objectOr(params.config);
	const broadcast = objectOr(config.broadcast);
	const presence = objectOr(config.presence);
	const given = params.access_token ?? params.user_token;
	const options: ChannelOptions = {
		name,
		isPrivate: flag(config.private),
		self: flag(broadcast.self),
		ack: flag(broadcast.ack),
		presenceKey:
			typeof presence.key === 'string' && presence.key !== '' ? presence.key : randomUUID()
	};
	return {
		options,
		presenceEnabled: flag(presence.enabled),
		// An `sb_…` access token means "the socket's token" (upstream's assign_access_token).
		token: typeof given === 'string' && !given.startsWith('sb_') ? given : socketToken,
		/** The postgres_changes bindings as the client sent them (the reply echoes them). */
		requested: (Array.isArray(config.postgres_changes) ? config.postgres_changes : [])
			.filter((entry) => entry !== null)
			.map(objectOr)
	};
}

let memberCount = 0;

export class Channel implements Member, ChangeSubscriber {
	readonly id = ++memberCount;
	readonly pubsubKey: string;
	private disposed = false;
	private read: ReadAccess;
	private write: Partial<Record<Extension, boolean>> = {};
	private confirmTimer: NodeJS.Timeout | undefined;

	private constructor(
		private readonly context: RealtimeContext,
		private readonly socket: ChannelSocket,
		readonly topic: string,
		readonly joinRef: string | null,
		private readonly options: ChannelOptions,
		private presenceEnabled: boolean,
		private token: string,
		private currentClaims: Claims & { exp: number },
		read: ReadAccess
	) {
		this.pubsubKey = pubsubKey(options.name, options.isPrivate);
		this.read = read;
	}

	/** Handles `phx_join`: replies, and returns the channel when the join succeeded. */
	static async join(
		context: RealtimeContext,
		socket: ChannelSocket,
		request: JoinRequest
	): Promise<Channel | undefined> {
		const reply = (status: 'ok' | 'error', response: unknown) =>
			socket.send(encodeReply(request.joinRef, request.ref, request.topic, status, response));
		const fail = (reason: string) => {
			reply('error', { reason });
			return undefined;
		};
		const name = request.topic.slice(topicPrefix.length);
		if (!request.topic.startsWith(topicPrefix) || name === '') {
			return fail('TopicNameRequired: You must provide a topic name');
		}
		const { options, presenceEnabled, token, requested } = joinConfig(
			name,
			request.payload,
			socket.token
		);
		const checked = checkToken(token);
		if (!checked.ok) return fail(`${checked.code}: ${checked.message}`);

		let read: ReadAccess = {};
		if (options.isPrivate) {
			read = await channelRead(context, name, checked.claims, socket.headers, presenceEnabled);
			if (!read.broadcast && !read.presence) {
				return fail(`Unauthorized: ${noPermission(name)}`);
			}
		}
		const channel = new Channel(
			context,
			socket,
			request.topic,
			request.joinRef,
			options,
			presenceEnabled,
			token,
			checked.claims,
			read
		);

		let changesProblem: string | undefined;
		if (requested.length > 0) {
			try {
				changesProblem = await context.changes.subscribe(channel, requested.map(parseBinding));
			} catch (error) {
				changesProblem = error instanceof Error ? error.message : String(error);
			}
		}
		if (socket.closed) {
			channel.dispose();
			return undefined;
		}

		context.hub.add(channel);
		channel.scheduleConfirm();
		reply('ok', {
			postgres_changes: requested.map((params) => ({ ...params, id: bindingId(params) }))
		});
		if (requested.length > 0) {
			channel.push('system', {
				extension: 'postgres_changes',
				status: changesProblem ? 'error' : 'ok',
				message: changesProblem ?? 'Subscribed to PostgreSQL',
				channel: name
			});
		}
		if (presenceEnabled) channel.pushPresenceState();
		return channel;
	}

	claims(): Claims {
		return this.currentClaims;
	}

	canReadBroadcast(): boolean {
		return !this.options.isPrivate || this.read.broadcast === true;
	}

	canReadPresence(): boolean {
		return !this.options.isPrivate || this.read.presence === true;
	}

	send(frame: string | Buffer): void {
		this.socket.send(frame);
	}

	pushPresenceDiff(diff: PresenceDiff): void {
		this.push('presence_diff', diff);
	}

	/** A message from the client on this topic other than join and leave. */
	async handle(event: string, ref: string | null, payload: unknown): Promise<void> {
		if (event === 'presence') await this.presence(ref, objectOr(payload));
		else if (event === 'access_token') await this.refreshToken(objectOr(payload).access_token);
		else if (event === 'broadcast') {
			// A JSON broadcast (vsn 1.0.0 clients); realtime-js 2.x sends these as binary frames.
			const message = objectOr(payload);
			if (typeof message.event !== 'string') return;
			const body = Buffer.from(JSON.stringify(message.payload ?? {}), 'utf8');
			await this.broadcast(ref, { event: message.event, encoding: 'json', body });
		}
	}

	async broadcast(ref: string | null, broadcast: UserBroadcast): Promise<void> {
		if (this.options.isPrivate && !(await this.mayWrite('broadcast'))) return;
		if (this.disposed) return;
		this.context.hub.broadcast(
			this.pubsubKey,
			broadcast,
			this.options.self ? undefined : this,
			this.context.deps.log
		);
		if (this.options.ack) this.reply(ref, 'ok', {});
	}

	/** Handles `phx_leave` and socket close: the channel is gone for everyone else too. */
	leave(): void {
		this.dispose();
	}

	private async presence(ref: string | null, message: JsonObject): Promise<void> {
		const event = typeof message.event === 'string' ? message.event.toLowerCase() : '';
		const { presence, hub } = this.context;
		if (event === 'untrack') {
			this.reply(ref, 'ok', {});
			const diff = presence.untrack(this.pubsubKey, this.id);
			if (diff) hub.presenceDiff(this.pubsubKey, diff);
			return;
		}
		if (event !== 'track') return this.reply(ref, 'error', {});
		const payload = message.payload ?? {};
		if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
			return this.reply(ref, 'error', { reason: 'Presence track payload must be a map' });
		}
		if (this.options.isPrivate) {
			if (this.read.presence === undefined) {
				const { presence: canRead } = await channelRead(
					this.context,
					this.options.name,
					this.currentClaims,
					this.socket.headers,
					true
				);
				this.read = { ...this.read, presence: canRead === true };
			}
			if (!(await this.mayWrite('presence'))) return this.reply(ref, 'error', {});
		}
		if (this.disposed) return;
		if (!this.presenceEnabled) {
			this.presenceEnabled = true;
			this.pushPresenceState();
		}
		this.reply(ref, 'ok', {});
		const diff = presence.track(
			this.pubsubKey,
			this.id,
			this.options.presenceKey,
			payload as JsonObject
		);
		if (diff) hub.presenceDiff(this.pubsubKey, diff);
	}

	/** `access_token`: re-verifies and, for private channels, re-checks read access. */
	private async refreshToken(token: unknown): Promise<void> {
		if (typeof token !== 'string' || token.startsWith('sb_') || token === this.token) return;
		const checked = checkToken(token);
		if (!checked.ok) return this.shutdown(checked.message);
		if (this.options.isPrivate) {
			const read = await channelRead(
				this.context,
				this.options.name,
				checked.claims,
				this.socket.headers,
				this.presenceEnabled
			);
			if (this.disposed) return;
			if (!read.broadcast && !read.presence) return this.shutdown(noPermission(this.options.name));
			const revoked =
				(this.read.broadcast && !read.broadcast) || (this.read.presence && !read.presence);
			if (revoked) {
				return this.shutdown(
					`You no longer have permission to read from this Channel topic: ${this.options.name}`
				);
			}
			this.read = read;
			this.write = {};
		}
		this.token = token;
		this.currentClaims = checked.claims;
		this.scheduleConfirm();
	}

	/** The lazy write check, cached until the token changes. */
	private async mayWrite(extension: Extension): Promise<boolean> {
		if (this.write[extension] === undefined) {
			const context = {
				topic: this.options.name,
				claims: this.currentClaims,
				headers: this.socket.headers
			};
			let allowed = false;
			try {
				allowed = await writeAccess(this.context.deps.apiPool, context, extension);
			} catch (error) {
				this.context.deps.log(`[realtime] write check on ${this.topic} failed: ${String(error)}`);
			}
			this.write = { ...this.write, [extension]: allowed };
		}
		return this.write[extension] === true;
	}

	/** Re-confirms the token when it expires; an expired token ends the channel like upstream. */
	private scheduleConfirm(): void {
		clearTimeout(this.confirmTimer);
		const remainingMs = this.currentClaims.exp * 1000 - Date.now();
		this.confirmTimer = setTimeout(
			() => {
				const checked = checkToken(this.token);
				if (checked.ok) this.scheduleConfirm();
				else this.shutdown(checked.message);
			},
			Math.max(0, Math.min(remainingMs, maxConfirmIntervalMs))
		);
		this.confirmTimer.unref();
	}

	/** Upstream's shutdown: a system error message, then `phx_close` for this join. */
	private shutdown(message: string): void {
		if (this.disposed) return;
		this.push('system', {
			extension: 'system',
			status: 'error',
			message,
			channel: this.options.name
		});
		this.socket.send(encodeMessage(this.joinRef, this.joinRef, this.topic, 'phx_close', {}));
		this.dispose();
		this.socket.forget(this);
	}

	private dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		clearTimeout(this.confirmTimer);
		const { hub, presence, changes } = this.context;
		hub.remove(this);
		changes.unsubscribe(this);
		const diff = presence.untrack(this.pubsubKey, this.id);
		if (diff) hub.presenceDiff(this.pubsubKey, diff);
	}

	private pushPresenceState(): void {
		if (this.canReadPresence()) {
			this.push('presence_state', this.context.presence.state(this.pubsubKey));
		}
	}

	private push(event: string, payload: unknown): void {
		this.socket.send(encodeMessage(this.joinRef, null, this.topic, event, payload));
	}

	private reply(ref: string | null, status: 'ok' | 'error', response: unknown): void {
		this.socket.send(encodeReply(this.joinRef, ref, this.topic, status, response));
	}
}

/** The read check; a failing policy counts as no permission, as upstream's RlsPolicyError does. */
async function channelRead(
	context: RealtimeContext,
	name: string,
	claims: Claims,
	headers: Record<string, unknown>,
	withPresence: boolean
): Promise<ReadAccess> {
	try {
		return await readAccess(
			context.deps.adminPool,
			{ topic: name, claims, headers },
			withPresence ? ['broadcast', 'presence'] : ['broadcast']
		);
	} catch (error) {
		context.deps.log(`[realtime] read check on ${name} failed: ${String(error)}`);
		return {};
	}
}

const noPermission = (name: string) =>
	`You do not have permissions to read from this Channel topic: ${name}`;
