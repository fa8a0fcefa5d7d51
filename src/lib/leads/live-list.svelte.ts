import type { RealtimeChannel } from '@supabase/supabase-js';
import type { QueryClient } from '@tanstack/svelte-query';
import { realtimeConnectionOf } from '$lib/realtime/connection.svelte';
import { LiveChannel } from '$lib/realtime/live-channel.svelte';
import { leadKeys } from './queries';

/** Changes arriving in a burst (a board renumbering, an import) refresh the lists once. */
const settleMs = 300;

/**
 * Keeps the table, board and totals current (design.md §5): `postgres_changes` on
 * `public.leads`, which Realtime delivers only for leads the subscriber may see. Any change
 * reads the lists again; after a reconnect the shared connection reads everything again.
 */
export class LeadListLiveUpdates extends LiveChannel {
	readonly #queryClient: QueryClient;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(queryClient: QueryClient) {
		super(realtimeConnectionOf(queryClient), 'leads-list');
		this.#queryClient = queryClient;
	}

	protected override listen(channel: RealtimeChannel): RealtimeChannel {
		return channel.on('postgres_changes', { event: '*', schema: 'public', table: 'leads' }, () =>
			this.#refreshSoon()
		);
	}

	protected override caughtUp(): void {
		this.#refreshSoon();
	}

	override stop(): void {
		clearTimeout(this.#timer);
		super.stop();
	}

	#refreshSoon(): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			for (const part of ['page', 'board', 'totals']) {
				void this.#queryClient.invalidateQueries({ queryKey: [...leadKeys.all, part] });
			}
		}, settleMs);
	}
}
