/**
 * Decoder for the logical replication messages of PostgreSQL's built-in `pgoutput` plugin,
 * protocol version 1 (PostgreSQL docs, "Logical Replication Message Formats"), as
 * `pg_logical_slot_get_binary_changes` returns them: one message per row.
 */

export interface RelationColumn {
	name: string;
	typeOid: number;
	/** Part of the replica identity (the primary key unless REPLICA IDENTITY says otherwise). */
	isKey: boolean;
}

export interface Relation {
	id: number;
	schema: string;
	name: string;
	/** `d` default, `n` nothing, `f` full, `i` index. */
	replicaIdentity: string;
	columns: RelationColumn[];
}

/** Column values in text form; `null` is SQL NULL, `undefined` an unchanged TOASTed value. */
export type TupleValues = Array<string | null | undefined>;

export type PgOutputMessage =
	| { tag: 'begin'; commitLsn: bigint; commitTime: Date; xid: number }
	| { tag: 'commit' }
	| { tag: 'relation'; relation: Relation }
	| { tag: 'insert'; relationId: number; newTuple: TupleValues }
	| {
			tag: 'update';
			relationId: number;
			/** `K`: the old replica identity key; `O`: the whole old row (REPLICA IDENTITY FULL). */
			old?: { kind: 'K' | 'O'; tuple: TupleValues };
			newTuple: TupleValues;
	  }
	| { tag: 'delete'; relationId: number; old: { kind: 'K' | 'O'; tuple: TupleValues } }
	| { tag: 'ignored'; type: string };

/** Microseconds between the Unix epoch and PostgreSQL's epoch (2000-01-01). */
const postgresEpochMs = 946_684_800_000;

class Reader {
	private offset = 0;
	constructor(private readonly data: Buffer) {}

	byte(): string {
		return String.fromCharCode(this.data[this.offset++]);
	}
	int8(): number {
		return this.data.readInt8(this.offset++);
	}
	int16(): number {
		const value = this.data.readInt16BE(this.offset);
		this.offset += 2;
		return value;
	}
	int32(): number {
		const value = this.data.readInt32BE(this.offset);
		this.offset += 4;
		return value;
	}
	uint32(): number {
		const value = this.data.readUInt32BE(this.offset);
		this.offset += 4;
		return value;
	}
	int64(): bigint {
		const value = this.data.readBigInt64BE(this.offset);
		this.offset += 8;
		return value;
	}
	string(): string {
		const end = this.data.indexOf(0, this.offset);
		if (end < 0) throw new Error('pgoutput: unterminated string');
		const value = this.data.toString('utf8', this.offset, end);
		this.offset = end + 1;
		return value;
	}
	bytes(length: number): Buffer {
		const value = this.data.subarray(this.offset, this.offset + length);
		this.offset += length;
		return value;
	}
	timestamp(): Date {
		return new Date(postgresEpochMs + Number(this.int64() / 1000n));
	}
}

function tuple(reader: Reader): TupleValues {
	const count = reader.int16();
	const values: TupleValues = [];
	for (let i = 0; i < count; i++) {
		const kind = reader.byte();
		if (kind === 'n') values.push(null);
		else if (kind === 'u') values.push(undefined);
		else if (kind === 't' || kind === 'b')
			values.push(reader.bytes(reader.int32()).toString('utf8'));
		else throw new Error(`pgoutput: unknown tuple value kind ${kind}`);
	}
	return values;
}

function oldTuple(reader: Reader, kind: string): { kind: 'K' | 'O'; tuple: TupleValues } {
	if (kind !== 'K' && kind !== 'O') throw new Error(`pgoutput: expected K or O, got ${kind}`);
	return { kind, tuple: tuple(reader) };
}

export function decodePgOutput(data: Buffer): PgOutputMessage {
	const reader = new Reader(data);
	const type = reader.byte();
	switch (type) {
		case 'B': {
			const commitLsn = reader.int64();
			const commitTime = reader.timestamp();
			return { tag: 'begin', commitLsn, commitTime, xid: reader.uint32() };
		}
		case 'C':
			return { tag: 'commit' };
		case 'R': {
			const id = reader.uint32();
			const schema = reader.string() || 'pg_catalog';
			const name = reader.string();
			const replicaIdentity = String.fromCharCode(reader.int8());
			const count = reader.int16();
			const columns: RelationColumn[] = [];
			for (let i = 0; i < count; i++) {
				const flags = reader.int8();
				const columnName = reader.string();
				const typeOid = reader.uint32();
				reader.int32(); // type modifier
				columns.push({ name: columnName, typeOid, isKey: (flags & 1) === 1 });
			}
			return { tag: 'relation', relation: { id, schema, name, replicaIdentity, columns } };
		}
		case 'I': {
			const relationId = reader.uint32();
			reader.byte(); // 'N'
			return { tag: 'insert', relationId, newTuple: tuple(reader) };
		}
		case 'U': {
			const relationId = reader.uint32();
			let marker = reader.byte();
			let old: { kind: 'K' | 'O'; tuple: TupleValues } | undefined;
			if (marker === 'K' || marker === 'O') {
				old = oldTuple(reader, marker);
				marker = reader.byte();
			}
			if (marker !== 'N') throw new Error(`pgoutput: expected N, got ${marker}`);
			return { tag: 'update', relationId, ...(old ? { old } : {}), newTuple: tuple(reader) };
		}
		case 'D': {
			const relationId = reader.uint32();
			return { tag: 'delete', relationId, old: oldTuple(reader, reader.byte()) };
		}
		default:
			return { tag: 'ignored', type };
	}
}
