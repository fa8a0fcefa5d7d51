import type { QueryClient } from '@tanstack/svelte-query';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { leadKeys } from './queries';

/** Changes arriving in a burst (a board renumbering, an import) refresh the lists once. */
const settleMs = 300;

/**
 * Keeps the table, board and totals current (design.md §5): `postgres_changes` on
 * `public.leads`, which Realtime delivers only for leads the subscriber may see. Any change
 * reads the lists again; after a reconnect too, so nothing missed meanwhile stays hidden.
 */
export class LeadListLiveUpdates {
	state = $state<'connecting' | 'live' | 'interrupted'>('connecting');
	readonly #queryClient: QueryClient;
	#channel: RealtimeChannel | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#stopped = false;
	#wasLive = false;

	constructor(queryClient: QueryClient) {
		this.#queryClient = queryClient;
	}

	async start(): Promise<void> {
		const client = createSupabaseBrowserClient();
		// Realtime checks the leads policies with the user's token, not the publishable key.
		await client.realtime.setAuth();
		if (this.#stopped) return;
		this.#channel = client
			.channel('leads-list')
			.on('postgres_changes', { event: '*', schema: 'public', table: 'leads' }, () =>
				this.#refreshSoon()
			)
			.subscribe((status, error) => {
				if (status === 'SUBSCRIBED') {
					if (this.#wasLive) this.#refreshSoon();
					this.#wasLive = true;
					this.state = 'live';
				} else if (!this.#stopped) {
					if (error) console.error('Live updates of the leads list interrupted:', error);
					this.state = 'interrupted';
				}
			});
	}

	stop(): void {
		this.#stopped = true;
		clearTimeout(this.#timer);
		if (this.#channel) void this.#channel.unsubscribe();
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
