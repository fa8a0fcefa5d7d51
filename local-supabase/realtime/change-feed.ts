/**
 * The postgres_changes side of the service: who listens to what, the change stream, and
 * delivery of each change in commit order.
 */
import type { ServiceDeps } from '../deps.ts';
import { ChangeDelivery } from './change-delivery.ts';
import {
	publication,
	validateBindings,
	type ChangeBinding,
	type ChangeSubscriber
} from './postgres-changes.ts';
import { ChangeStream } from './replication.ts';

/** How long a subscription waits for the replication slot when the service has just started. */
const slotWaitMs = 10_000;

export class ChangeFeed {
	private readonly subscriptions = new Map<ChangeSubscriber, ChangeBinding[]>();
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
			onChanges: async (changes) => {
				for (const change of changes) {
					try {
						await this.delivery.deliver(change, this.current());
					} catch (error) {
						deps.log(`[realtime] postgres_changes delivery failed: ${String(error)}`);
					}
				}
			}
		});
		this.stream.start();
	}

	private *current() {
		for (const [subscriber, bindings] of this.subscriptions) yield { subscriber, bindings };
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
		this.subscriptions.set(subscriber, bindings);
		this.stream.nudge();
		return undefined;
	}

	unsubscribe(subscriber: ChangeSubscriber): void {
		this.subscriptions.delete(subscriber);
	}

	close(): Promise<void> {
		return this.stream.close();
	}
}
