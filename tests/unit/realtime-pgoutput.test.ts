/**
 * The pgoutput (protocol 1) decoder on messages laid out as PostgreSQL's documentation
 * ("Logical Replication Message Formats") specifies them.
 */
import { describe, expect, it } from 'vitest';
import { decodePgOutput } from '../../local-supabase/realtime/pgoutput.ts';
import { parseLsn } from '../../local-supabase/realtime/replication.ts';

const int8 = (value: number) => Buffer.from([value]);
const int16 = (value: number) => {
	const buffer = Buffer.alloc(2);
	buffer.writeInt16BE(value);
	return buffer;
};
const int32 = (value: number) => {
	const buffer = Buffer.alloc(4);
	buffer.writeUInt32BE(value);
	return buffer;
};
const int64 = (value: bigint) => {
	const buffer = Buffer.alloc(8);
	buffer.writeBigInt64BE(value);
	return buffer;
};
const text = (value: string) => Buffer.concat([Buffer.from(value), Buffer.from([0])]);
const byte = (char: string) => Buffer.from(char, 'latin1');

/** TupleData: null → 'n', undefined → 'u' (unchanged TOAST), strings → 't'. */
function tuple(values: Array<string | null | undefined>): Buffer {
	return Buffer.concat([
		int16(values.length),
		...values.map((value) => {
			if (value === null) return byte('n');
			if (value === undefined) return byte('u');
			const bytes = Buffer.from(value);
			return Buffer.concat([byte('t'), int32(bytes.length), bytes]);
		})
	]);
}

const relationId = 3_000_000_001; // above 2^31: oids are unsigned

describe('decodePgOutput', () => {
	it('reads Begin with the commit LSN, time and xid', () => {
		const commitMicros = 789_000_000_000_000n + 123_456n; // since 2000-01-01
		const lsn = 0x16b374d848n;
		const message = Buffer.concat([
			byte('B'),
			int64(lsn),
			int64(commitMicros),
			int32(4_000_000_000)
		]);
		expect(decodePgOutput(message)).toEqual({
			tag: 'begin',
			commitLsn: lsn,
			commitTime: new Date(946_684_800_000 + 789_000_000_000 + 123),
			xid: 4_000_000_000
		});
	});

	it('reads Relation with key flags, mapping the empty namespace to pg_catalog', () => {
		const column = (flags: number, name: string, type: number) =>
			Buffer.concat([int8(flags), text(name), int32(type), int32(0xffffffff)]);
		const message = Buffer.concat([
			byte('R'),
			int32(relationId),
			text('public'),
			text('notes'),
			int8('f'.charCodeAt(0)),
			int16(2),
			column(1, 'id', 20),
			column(0, 'title', 25)
		]);
		expect(decodePgOutput(message)).toEqual({
			tag: 'relation',
			relation: {
				id: relationId,
				schema: 'public',
				name: 'notes',
				replicaIdentity: 'f',
				columns: [
					{ name: 'id', typeOid: 20, isKey: true },
					{ name: 'title', typeOid: 25, isKey: false }
				]
			}
		});
		const catalog = Buffer.concat([byte('R'), int32(1), text(''), text('t'), int8(100), int16(0)]);
		expect(decodePgOutput(catalog)).toMatchObject({ relation: { schema: 'pg_catalog' } });
	});

	it('reads Insert, including NULLs and UTF-8 text', () => {
		const message = Buffer.concat([
			byte('I'),
			int32(relationId),
			byte('N'),
			tuple(['1', null, 'hé'])
		]);
		expect(decodePgOutput(message)).toEqual({
			tag: 'insert',
			relationId,
			newTuple: ['1', null, 'hé']
		});
	});

	it('reads Update with and without the old key or row, keeping unchanged TOAST apart', () => {
		const plain = Buffer.concat([byte('U'), int32(relationId), byte('N'), tuple(['1', undefined])]);
		expect(decodePgOutput(plain)).toEqual({
			tag: 'update',
			relationId,
			newTuple: ['1', undefined]
		});
		const withKey = Buffer.concat([
			byte('U'),
			int32(relationId),
			byte('K'),
			tuple(['1', null]),
			byte('N'),
			tuple(['2', 'b'])
		]);
		expect(decodePgOutput(withKey)).toEqual({
			tag: 'update',
			relationId,
			old: { kind: 'K', tuple: ['1', null] },
			newTuple: ['2', 'b']
		});
	});

	it('reads Delete with the old row', () => {
		const message = Buffer.concat([byte('D'), int32(relationId), byte('O'), tuple(['1', 'a'])]);
		expect(decodePgOutput(message)).toEqual({
			tag: 'delete',
			relationId,
			old: { kind: 'O', tuple: ['1', 'a'] }
		});
	});

	it('passes over messages it does not use and rejects malformed ones', () => {
		expect(decodePgOutput(Buffer.concat([byte('Y'), int32(1)]))).toEqual({
			tag: 'ignored',
			type: 'Y'
		});
		expect(decodePgOutput(Buffer.concat([byte('C'), int8(0)]))).toEqual({ tag: 'commit' });
		expect(() => decodePgOutput(Buffer.concat([byte('D'), int32(1), byte('X')]))).toThrow(
			/expected K or O/
		);
		const badValue = Buffer.concat([byte('I'), int32(1), byte('N'), int16(1), byte('z')]);
		expect(() => decodePgOutput(badValue)).toThrow(/unknown tuple value kind/);
	});
});

describe('parseLsn', () => {
	it('reads the textual form PostgreSQL prints', () => {
		expect(parseLsn('16/B374D848')).toBe(0x16b374d848n);
		expect(parseLsn('0/0')).toBe(0n);
	});
});
