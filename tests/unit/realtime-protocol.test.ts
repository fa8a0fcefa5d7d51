/**
 * The realtime framing against realtime-js's own serializer (the one supabase-js 2.109 ships):
 * what the client encodes we decode, and what we encode the client decodes.
 */
import Serializer from '@supabase/realtime-js/dist/module/lib/serializer.js';
import { describe, expect, it } from 'vitest';
import {
	decodeFrame,
	encodeMessage,
	encodeReply,
	encodeUserBroadcast,
	FrameError,
	jsonBroadcast
} from '../../local-supabase/realtime/protocol.ts';

const serializer = new Serializer();

/** What the client puts on the wire for a message (a string or an ArrayBuffer). */
function clientEncode(message: {
	join_ref: string | null;
	ref: string | null;
	topic: string;
	event: string;
	payload: Record<string, unknown>;
}): { data: Buffer; isBinary: boolean } {
	const encoded = serializer.encode(message, (result: unknown) => result) as unknown;
	return typeof encoded === 'string'
		? { data: Buffer.from(encoded), isBinary: false }
		: { data: Buffer.from(encoded as ArrayBuffer), isBinary: true };
}

/** What the client makes of a frame we send. */
function clientDecode(frame: string | Buffer): unknown {
	const raw =
		typeof frame === 'string'
			? frame
			: frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength);
	return serializer.decode(raw as ArrayBuffer, (result: unknown) => result);
}

describe('client → server', () => {
	it('decodes text frames', () => {
		const { data, isBinary } = clientEncode({
			join_ref: '1',
			ref: '2',
			topic: 'realtime:room',
			event: 'phx_join',
			payload: { config: { private: true } }
		});
		expect(isBinary).toBe(false);
		expect(decodeFrame(data, isBinary)).toEqual({
			kind: 'message',
			joinRef: '1',
			ref: '2',
			topic: 'realtime:room',
			event: 'phx_join',
			payload: { config: { private: true } }
		});
	});

	it('decodes broadcasts, which the client always sends as binary kind 3', () => {
		const { data, isBinary } = clientEncode({
			join_ref: '4',
			ref: '17',
			topic: 'realtime:room',
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'cursör', payload: { x: 1 } }
		});
		expect(isBinary).toBe(true);
		const decoded = decodeFrame(data, isBinary);
		expect(decoded).toMatchObject({
			kind: 'user_broadcast',
			joinRef: '4',
			ref: '17',
			topic: 'realtime:room',
			broadcast: { event: 'cursör', encoding: 'json' }
		});
		expect(decoded.kind === 'user_broadcast' && JSON.parse(String(decoded.broadcast.body))).toEqual(
			{
				x: 1
			}
		);
	});

	it('keeps binary broadcast payloads as bytes', () => {
		const bytes = new Uint8Array([0, 1, 254, 255]);
		const { data, isBinary } = clientEncode({
			join_ref: '4',
			ref: '18',
			topic: 'realtime:room',
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'blob', payload: bytes.buffer }
		});
		const decoded = decodeFrame(data, isBinary);
		expect(decoded.kind === 'user_broadcast' && decoded.broadcast).toMatchObject({
			encoding: 'binary',
			body: Buffer.from(bytes)
		});
	});

	it('rejects frames that are not Phoenix messages', () => {
		expect(() => decodeFrame(Buffer.from('{"not":"an array"}'), false)).toThrow(FrameError);
		expect(() => decodeFrame(Buffer.from('nonsense'), false)).toThrow(FrameError);
		expect(() => decodeFrame(Buffer.from([4, 1, 1, 0, 1]), true)).toThrow(FrameError);
		expect(() => decodeFrame(Buffer.from([3, 9, 9, 9, 9, 0, 1]), true)).toThrow(FrameError);
	});
});

describe('server → client', () => {
	it('encodes replies and pushes as JSON arrays', () => {
		expect(
			clientDecode(encodeReply('1', '2', 'realtime:room', 'ok', { postgres_changes: [] }))
		).toEqual({
			join_ref: '1',
			ref: '2',
			topic: 'realtime:room',
			event: 'phx_reply',
			payload: { status: 'ok', response: { postgres_changes: [] } }
		});
		expect(clientDecode(encodeMessage('1', null, 'realtime:room', 'presence_state', {}))).toEqual({
			join_ref: '1',
			ref: null,
			topic: 'realtime:room',
			event: 'presence_state',
			payload: {}
		});
	});

	it('encodes database broadcasts as kind 4 with meta, decoded like upstream frames', () => {
		const frame = encodeUserBroadcast(
			'realtime:lead:1',
			jsonBroadcast('note', { text: 'hé' }, { id: 'abc' })
		);
		expect(Buffer.isBuffer(frame) && frame[0]).toBe(4);
		expect(clientDecode(frame)).toEqual({
			join_ref: null,
			ref: null,
			topic: 'realtime:lead:1',
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'note', payload: { text: 'hé' }, meta: { id: 'abc' } }
		});
	});

	it('passes binary payloads through untouched', () => {
		const body = Buffer.from([9, 8, 7]);
		const decoded = clientDecode(
			encodeUserBroadcast('realtime:room', { event: 'blob', encoding: 'binary', body })
		) as { payload: { payload: ArrayBuffer } };
		expect(Buffer.from(decoded.payload.payload)).toEqual(body);
	});

	it('falls back to a JSON broadcast when a field is too long for a u8 length', () => {
		const topic = `realtime:${'x'.repeat(300)}`;
		const frame = encodeUserBroadcast(topic, jsonBroadcast('long', { ok: true }));
		expect(typeof frame).toBe('string');
		expect(clientDecode(frame)).toMatchObject({
			topic,
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'long', payload: { ok: true } }
		});
		expect(() =>
			encodeUserBroadcast(topic, { event: 'blob', encoding: 'binary', body: Buffer.alloc(1) })
		).toThrow(FrameError);
	});
});
