import type { QueryClient } from '@tanstack/svelte-query';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { proposalKeys } from './queries';

/** Changes arriving in a burst (a save rewrites the row more than once) refresh once. */
const settleMs = 300;

/**
 * Keeps proposal pages current: `postgres_changes` on `public.proposals`, which Realtime
 * delivers only for proposals the subscriber may see. With an id it watches that proposal (an
 * answer on the public link shows at once); without, every proposal (the list). After a
 * reconnect everything is read again, so nothing missed meanwhile stays hidden.
 */
export class ProposalLiveUpdates {
	state = $state<'connecting' | 'live' | 'interrupted'>('connecting');
	readonly #queryClient: QueryClient;
	readonly #proposalId: string | undefined;
	#channel: RealtimeChannel | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#stopped = false;
	#wasLive = false;

	constructor(queryClient: QueryClient, proposalId?: string) {
		this.#queryClient = queryClient;
		this.#proposalId = proposalId;
	}

	async start(): Promise<void> {
		const client = createSupabaseBrowserClient();
		// Realtime checks the proposals policies with the user's token, not the publishable key.
		await client.realtime.setAuth();
		if (this.#stopped) return;
		const id = this.#proposalId;
		this.#channel = client
			.channel(id ? `proposal-${id}` : 'proposals-list')
			.on(
				'postgres_changes',
				{
					event: '*',
					schema: 'public',
					table: 'proposals',
					filter: id ? `id=eq.${id}` : undefined
				},
				() => this.#refreshSoon()
			)
			.subscribe((status, error) => {
				if (status === 'SUBSCRIBED') {
					if (this.#wasLive) this.#refreshSoon();
					this.#wasLive = true;
					this.state = 'live';
				} else if (!this.#stopped) {
					if (error) console.error('Live updates of proposals interrupted:', error);
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
			const queryKey = this.#proposalId
				? proposalKeys.detail(this.#proposalId)
				: [...proposalKeys.all, 'page'];
			void this.#queryClient.invalidateQueries({ queryKey });
		}, settleMs);
	}
}
