/**
 * Phoenix V2 framing as realtime-js 2.x speaks it (supabase-protocols.md §5 "Framing"): JSON
 * arrays `[join_ref, ref, topic, event, payload]`, client→server binary user broadcasts (kind 3)
 * and server→client binary user broadcasts (kind 4).
 */

export type PayloadEncoding = 'json' | 'binary';

/** A broadcast whose payload stays as the bytes the sender produced, so it passes through as is. */
export interface UserBroadcast {
	event: string;
	encoding: PayloadEncoding;
	body: Buffer;
	/** Only database broadcasts carry meta (`{id}` of the realtime.messages row). */
	meta?: Record<string, unknown>;
}

export type Inbound =
	| {
			kind: 'message';
			joinRef: string | null;
			ref: string | null;
			topic: string;
			event: string;
			payload: unknown;
	  }
	| {
			kind: 'user_broadcast';
			joinRef: string | null;
			ref: string | null;
			topic: string;
			broadcast: UserBroadcast;
	  };

export class FrameError extends Error {}

const userBroadcastPushKind = 3;
const userBroadcastKind = 4;
const binaryEncoding = 0;
const jsonEncoding = 1;
const maxFieldBytes = 255;

const refOrNull = (value: unknown): string | null =>
	value === null || value === undefined ? null : String(value);

export function decodeFrame(data: Buffer, isBinary: boolean): Inbound {
	return isBinary ? decodeBinary(data) : decodeText(data.toString('utf8'));
}

function decodeText(text: string): Inbound {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new FrameError('frame is not JSON');
	}
	if (!Array.isArray(parsed) || parsed.length !== 5) {
		throw new FrameError('frame is not a [join_ref, ref, topic, event, payload] array');
	}
	const [joinRef, ref, topic, event, payload] = parsed as unknown[];
	if (typeof topic !== 'string' || typeof event !== 'string') {
		throw new FrameError('topic and event must be strings');
	}
	return {
		kind: 'message',
		joinRef: refOrNull(joinRef),
		ref: refOrNull(ref),
		topic,
		event,
		payload
	};
}

function decodeBinary(data: Buffer): Inbound {
	const headerLength = 7;
	if (data.length < headerLength || data[0] !== userBroadcastPushKind) {
		throw new FrameError(`unsupported binary frame kind ${data[0]}`);
	}
	const sizes = [data[1], data[2], data[3], data[4], data[5]];
	const encodingByte = data[6];
	const fields: string[] = [];
	let offset = headerLength;
	for (const size of sizes) {
		if (offset + size > data.length) throw new FrameError('binary frame is truncated');
		// realtime-js writes these fields one UTF-16 unit per byte (charCodeAt), i.e. latin1.
		fields.push(data.toString('latin1', offset, offset + size));
		offset += size;
	}
	const [joinRef, ref, topic, event] = fields;
	return {
		kind: 'user_broadcast',
		joinRef: joinRef || null,
		ref: ref || null,
		topic,
		broadcast: {
			event,
			encoding: encodingByte === jsonEncoding ? 'json' : 'binary',
			body: data.subarray(offset)
		}
	};
}

export function encodeMessage(
	joinRef: string | null,
	ref: string | null,
	topic: string,
	event: string,
	payload: unknown
): string {
	return JSON.stringify([joinRef, ref, topic, event, payload]);
}

export function encodeReply(
	joinRef: string | null,
	ref: string | null,
	topic: string,
	status: 'ok' | 'error',
	response: unknown = {}
): string {
	return encodeMessage(joinRef, ref, topic, 'phx_reply', { status, response });
}

/**
 * A user broadcast for the client: binary kind 4 (`u8 4 | u8 len(topic) | u8 len(event) |
 * u8 len(meta) | u8 enc`, then topic, event, meta JSON, payload). Fields that do not fit a u8
 * length fall back to the JSON form the client decodes the same way (JSON payloads only).
 */
export function encodeUserBroadcast(topic: string, broadcast: UserBroadcast): Buffer | string {
	const topicBytes = Buffer.from(topic, 'utf8');
	const eventBytes = Buffer.from(broadcast.event, 'utf8');
	const metaBytes = Buffer.from(broadcast.meta ? JSON.stringify(broadcast.meta) : '', 'utf8');
	const fits = [topicBytes, eventBytes, metaBytes].every((bytes) => bytes.length <= maxFieldBytes);
	if (!fits) {
		if (broadcast.encoding === 'binary') {
			throw new FrameError('topic, event or meta too long for a binary broadcast');
		}
		const payload = {
			type: 'broadcast',
			event: broadcast.event,
			payload: JSON.parse(broadcast.body.toString('utf8')),
			...(broadcast.meta ? { meta: broadcast.meta } : {})
		};
		return encodeMessage(null, null, topic, 'broadcast', payload);
	}
	const header = Buffer.from([
		userBroadcastKind,
		topicBytes.length,
		eventBytes.length,
		metaBytes.length,
		broadcast.encoding === 'json' ? jsonEncoding : binaryEncoding
	]);
	return Buffer.concat([header, topicBytes, eventBytes, metaBytes, broadcast.body]);
}

/** A JSON payload as a user broadcast (REST and database broadcasts). */
export function jsonBroadcast(
	event: string,
	payload: unknown,
	meta?: Record<string, unknown>
): UserBroadcast {
	return {
		event,
		encoding: 'json',
		body: Buffer.from(JSON.stringify(payload ?? null), 'utf8'),
		...(meta ? { meta } : {})
	};
}
