/**
 * The postgres_changes side of the service: who listens to what since when, the change stream,
 * and delivery of each change in commit order.
 */
import type { ServiceDeps } from '../deps.ts';
import { ChangeDelivery, type Subscription } from './change-delivery.ts';
import {
	publication,
	validateBindings,
	type ChangeBinding,
	type ChangeSubscriber
} from './postgres-changes.ts';
import { ChangeStream, parseLsn, type RowChange } from './replication.ts';

/** How long a subscription waits for the replication slot when the service has just started. */
const slotWaitMs = 10_000;
/** How long to wait for decoded transactions to become visible before checking RLS anyway. */
const visibilityWaitMs = 1000;

interface Listening {
	bindings: ChangeBinding[];
	/** Only transactions committed after subscribing reach the subscriber, as upstream. */
	fromLsn: bigint;
}

export class ChangeFeed {
	private readonly subscriptions = new Map<ChangeSubscriber, Listening>();
	private readonly stream: ChangeStream;
	private readonly delivery: ChangeDelivery;

	constructor(private readonly deps: ServiceDeps) {
		this.delivery = new ChangeDelivery(deps.adminPool, deps.apiPool, deps.log);
		const connectionString = deps.adminPool.options.connectionString;
		if (!connectionString) throw new Error('realtime: the admin pool has no connection string');
		this.stream = new ChangeStream({
			connectionString,
			publication,
			log: deps.log,
			isActive: () => this.subscriptions.size > 0,
			onChanges: (changes) => this.deliver(changes)
		});
		this.stream.start();
	}

	/** Validates and registers the bindings; returns upstream's error message if they are unusable. */
	async subscribe(
		subscriber: ChangeSubscriber,
		bindings: ChangeBinding[]
	): Promise<string | undefined> {
		const problem = await validateBindings(
			this.deps.adminPool,
			bindings,
			String(subscriber.claims().role)
		);
		if (problem) return problem;
		const ready = await Promise.race([
			this.stream.ready.then(() => true),
			new Promise<boolean>((resolve) => setTimeout(() => resolve(false), slotWaitMs).unref())
		]);
		if (!ready) return 'Realtime was unable to connect to the project database';
		const position = await this.deps.adminPool.query<{ lsn: string }>(
			'select pg_current_wal_insert_lsn()::text as lsn'
		);
		this.subscriptions.set(subscriber, { bindings, fromLsn: parseLsn(position.rows[0].lsn) });
		this.stream.nudge();
		return undefined;
	}

	unsubscribe(subscriber: ChangeSubscriber): void {
		this.subscriptions.delete(subscriber);
	}

	close(): Promise<void> {
		return this.stream.close();
	}

	private async deliver(changes: RowChange[]): Promise<void> {
		if (this.subscriptions.size === 0) return;
		await this.untilVisible([...new Set(changes.map((change) => change.commit.xid))]);
		for (const change of changes) {
			const subscriptions: Subscription[] = [];
			for (const [subscriber, { bindings, fromLsn }] of this.subscriptions) {
				if (change.commit.lsn >= fromLsn) subscriptions.push({ subscriber, bindings });
			}
			try {
				await this.delivery.deliver(change, subscriptions);
			} catch (error) {
				this.deps.log(`[realtime] postgres_changes delivery failed: ${String(error)}`);
			}
		}
	}

	/**
	 * A commit reaches the WAL (and so the decoder) a moment before other sessions' snapshots see
	 * it; RLS checks in that moment would miss the row. Waits until every transaction is visible.
	 */
	private async untilVisible(xids: number[]): Promise<void> {
		const deadline = Date.now() + visibilityWaitMs;
		while (Date.now() < deadline) {
			// The WAL carries 32-bit xids: widen each to an xid8 in the epoch of the snapshot's xmax
			// (or the one before or after, whichever is within 2^31 of it).
			const result = await this.deps.adminPool.query<{ visible: boolean }>(
				`select bool_and(pg_visible_in_snapshot(((epoch
						+ case when x - low > 2147483648 then -1 when low - x > 2147483648 then 1 else 0 end)
						* 4294967296 + x)::text::xid8, snapshot)) as visible
				 from (select snapshot, floor(xmax / 4294967296) as epoch, xmax % 4294967296 as low
					from (select snapshot, pg_snapshot_xmax(snapshot)::text::numeric as xmax
						from pg_current_snapshot() snapshot) current) s,
					unnest($1::bigint[]) x`,
				[xids]
			);
			if (result.rows[0].visible !== false) return;
			await new Promise((resolve) => setTimeout(resolve, 2));
		}
	}
}
