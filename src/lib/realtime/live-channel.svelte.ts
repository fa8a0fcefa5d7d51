import type { RealtimeChannel, RealtimeChannelOptions } from '@supabase/supabase-js';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import type { RealtimeConnection } from './connection.svelte';

export type LiveState = 'connecting' | 'live' | 'interrupted';

/**
 * One Realtime channel of a view: joined with the user's token (private channels and
 * postgres_changes check it), its state for the view, and, when it joins again after an
 * interruption, a refresh of everything shown (RealtimeConnection.refreshAfterOutage).
 */
export abstract class LiveChannel {
	state = $state<LiveState>('connecting');
	readonly #connection: RealtimeConnection;
	readonly #topic: string;
	readonly #options: RealtimeChannelOptions | undefined;
	#channel: RealtimeChannel | undefined;
	#stopped = false;
	#wasLive = false;

	constructor(connection: RealtimeConnection, topic: string, options?: RealtimeChannelOptions) {
		this.#connection = connection;
		this.#topic = topic;
		this.#options = options;
	}

	/** Adds the view's handlers (`channel.on(…)`) before the channel is subscribed. */
	protected abstract listen(channel: RealtimeChannel): RealtimeChannel;

	/**
	 * The channel has joined for the first time. What the view read before that moment may
	 * already be outdated by a change nobody was listening for yet, so views read it again here.
	 */
	protected abstract caughtUp(): void;

	/** The state has changed; a view with presence, for one, is present only while live. */
	protected stateChanged(): void {}

	async start(): Promise<void> {
		const client = createSupabaseBrowserClient();
		// Realtime authorises with the user's access token, not the publishable key.
		await client.realtime.setAuth();
		if (this.#stopped) return;
		this.#channel = this.listen(client.channel(this.#topic, this.#options)).subscribe(
			(status, error) => {
				if (status === 'SUBSCRIBED') {
					if (this.#wasLive) this.#connection.refreshAfterOutage();
					else this.caughtUp();
					this.#wasLive = true;
					this.state = 'live';
					this.stateChanged();
				} else if (status !== 'CLOSED' || !this.#stopped) {
					if (error) console.error(`Live updates (${this.#topic}) interrupted:`, error);
					this.state = 'interrupted';
					this.stateChanged();
				}
			}
		);
	}

	stop(): void {
		this.#stopped = true;
		if (this.#channel) void createSupabaseBrowserClient().removeChannel(this.#channel);
	}
}
