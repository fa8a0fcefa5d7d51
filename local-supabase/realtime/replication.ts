/**
 * Row changes of the tables in publication `supabase_realtime`, read in commit order from a
 * temporary logical replication slot with the built-in `pgoutput` plugin (through
 * `pg_logical_slot_get_binary_changes`, so no replication connection is needed).
 *
 * Why logical decoding rather than triggers: nothing is installed on the app's tables, publication
 * membership, replica identity (old records) and commit order/timestamps come from Postgres
 * itself, exactly as upstream's WAL poller sees them. The slot is temporary, so it disappears with
 * the stack and never pins WAL. Polling is fast while someone listens and slow otherwise.
 */
import pg from 'pg';
import { decodePgOutput, type Relation, type TupleValues } from './pgoutput.ts';

/** The transaction a change belongs to. */
export interface Commit {
	/** Where its commit record is in the WAL. */
	lsn: bigint;
	time: Date;
	xid: number;
}

export interface RowChange {
	relation: Relation;
	action: 'INSERT' | 'UPDATE' | 'DELETE';
	newTuple?: TupleValues;
	old?: { kind: 'K' | 'O'; tuple: TupleValues };
	commit: Commit;
}

/** `16/B374D848` → 0x16B374D848. */
export function parseLsn(lsn: string): bigint {
	const [high, low] = lsn.split('/');
	return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

export interface ChangeStreamOptions {
	connectionString: string;
	publication: string;
	log(message: string): void;
	/** Whether anyone subscribes to postgres_changes (fast polling) or not (slow polling). */
	isActive(): boolean;
	onChanges(changes: RowChange[]): Promise<void>;
}

const activeIntervalMs = 20;
const idleIntervalMs = 1000;
const retryAfterMs = 1000;
const batchSize = 1000;

export class ChangeStream {
	private client: pg.Client | undefined;
	private closed = false;
	private wake: (() => void) | undefined;
	private running: Promise<void> | undefined;
	private lastError: string | undefined;
	/** pgoutput describes each table (Relation message) before its first change in a session. */
	private readonly relations = new Map<number, Relation>();
	private readonly slot = `local_supabase_realtime_${process.pid}`;
	/** Set by the initializer of `ready` below (field order matters). */
	private markReady!: () => void;
	/** Resolves once the slot exists, so subscriptions made after it miss no change. */
	readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

	constructor(private readonly options: ChangeStreamOptions) {}

	start(): void {
		this.running ??= this.run();
	}

	/** Cuts the current pause short, e.g. when the first subscriber arrives. */
	nudge(): void {
		this.wake?.();
	}

	async close(): Promise<void> {
		this.closed = true;
		this.nudge();
		await this.running;
		await this.disconnect();
	}

	private async run(): Promise<void> {
		while (!this.closed) {
			let pauseMs = this.options.isActive() ? activeIntervalMs : idleIntervalMs;
			try {
				const client = await this.connect();
				const received = await this.poll(client);
				if (received >= batchSize) pauseMs = 0;
				this.lastError = undefined;
			} catch (error) {
				if (this.closed) break;
				// Once per distinct failure, not once per retry.
				if (String(error) !== this.lastError) {
					this.options.log(`[realtime] change stream: ${String(error)}; retrying`);
				}
				this.lastError = String(error);
				await this.disconnect();
				pauseMs = retryAfterMs;
			}
			await this.pause(pauseMs);
		}
	}

	private pause(ms: number): Promise<void> {
		if (ms === 0 || this.closed) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(done, ms);
			function done() {
				clearTimeout(timer);
				resolve();
			}
			this.wake = done;
		});
	}

	private async connect(): Promise<pg.Client> {
		if (this.client) return this.client;
		const client = new pg.Client({ connectionString: this.options.connectionString });
		client.on('error', () => {});
		await client.connect();
		try {
			// Every decoding call logs "starting logical decoding" at LOG level (ranked above ERROR in the
			// server log); keep the stack log quiet.
			await client.query(`set log_min_messages = 'fatal'`);
			await client.query(`select pg_create_logical_replication_slot($1, 'pgoutput', true)`, [
				this.slot
			]);
		} catch (error) {
			await client.end().catch(() => {});
			throw error;
		}
		this.client = client;
		this.markReady();
		return client;
	}

	private async disconnect(): Promise<void> {
		const client = this.client;
		this.client = undefined;
		await client?.end().catch(() => {});
	}

	/** Reads what committed since the last poll; returns how many messages came. */
	private async poll(client: pg.Client): Promise<number> {
		// The stack runs with synchronous_commit off, and logical decoding only reads flushed WAL:
		// flush whatever is pending so a commit is visible at once instead of after the WAL writer.
		await client.query(
			`select case when pg_current_wal_insert_lsn() > pg_current_wal_flush_lsn()
				then pg_logical_emit_message(false, 'local_supabase_realtime', '', true) end`
		);
		const result = await client.query<{ data: Buffer }>(
			`select data from pg_logical_slot_get_binary_changes($1, null, $2,
				'proto_version', '1', 'publication_names', $3)`,
			[this.slot, batchSize, this.options.publication]
		);
		const changes = this.collect(result.rows.map((row) => row.data));
		if (changes.length > 0) await this.options.onChanges(changes);
		return result.rows.length;
	}

	private collect(messages: Buffer[]): RowChange[] {
		const changes: RowChange[] = [];
		let commit: Commit = { lsn: 0n, time: new Date(), xid: 0 };
		for (const data of messages) {
			const message = decodePgOutput(data);
			if (message.tag === 'begin') {
				commit = { lsn: message.commitLsn, time: message.commitTime, xid: message.xid };
			} else if (message.tag === 'relation')
				this.relations.set(message.relation.id, message.relation);
			else if (message.tag === 'insert' || message.tag === 'update' || message.tag === 'delete') {
				const relation = this.relations.get(message.relationId);
				if (!relation) continue;
				changes.push({
					relation,
					action:
						message.tag === 'insert' ? 'INSERT' : message.tag === 'update' ? 'UPDATE' : 'DELETE',
					commit,
					...(message.tag === 'delete' ? {} : { newTuple: message.newTuple }),
					...(message.tag !== 'insert' && message.old ? { old: message.old } : {})
				});
			}
		}
		return changes;
	}
}
