import type { QueryClient } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';

/** What the header tells the user about the live connection. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Channels rejoining together after an outage refresh the caches once. */
const settleMs = 300;

const socketEvents = ['open', 'close', 'error'] as const;

/** The connection of each query cache (one per signed-in page load). */
const connections = new WeakMap<QueryClient, RealtimeConnection>();

/**
 * The connection that keeps this cache current. Found through the query client because live
 * views are created in effects, where no component context can be read.
 */
export function realtimeConnectionOf(queryClient: QueryClient): RealtimeConnection {
	const connection = connections.get(queryClient);
	if (!connection) throw new Error('No RealtimeConnection was created for this query client.');
	return connection;
}

/**
 * The app's one Realtime connection, as the user should know it (design.md §5): whether the
 * browser is online and the shared supabase-js socket is open. After an outage every active
 * query reads again once the channels have rejoined (see LiveChannel), so nothing that changed
 * meanwhile stays missing — also in views without a channel of their own.
 */
export class RealtimeConnection {
	#socketOpen = $state(false);
	/** A connection attempt failed or an open socket closed: the user should know. */
	#troubled = $state(false);
	#browserOnline = $state(true);
	readonly #queryClient: QueryClient;
	#refreshTimer: ReturnType<typeof setTimeout> | undefined;

	readonly state: ConnectionState = $derived(
		!this.#browserOnline
			? 'offline'
			: this.#socketOpen
				? 'live'
				: this.#troubled
					? 'reconnecting'
					: 'connecting'
	);

	constructor(queryClient: QueryClient) {
		this.#queryClient = queryClient;
		connections.set(queryClient, this);
	}

	/** Starts observing the socket and the browser; returns the function that stops it. */
	start(): () => void {
		const realtime = createSupabaseBrowserClient().realtime;
		// supabase-js offers no event API of its own; these are the socket's listener lists.
		const ref = `leadwerk-connection-${Math.random().toString(36).slice(2)}`;
		const update = () => {
			this.#socketOpen = realtime.isConnected();
			if (!this.#socketOpen) this.#troubled = true;
		};
		for (const event of socketEvents) realtime.stateChangeCallbacks[event].push([ref, update]);
		const updateBrowser = () => {
			// Whatever failed to load while offline is read again (the socket may not have noticed).
			if (navigator.onLine && !this.#browserOnline) this.refreshAfterOutage();
			this.#browserOnline = navigator.onLine;
		};
		window.addEventListener('online', updateBrowser);
		window.addEventListener('offline', updateBrowser);
		this.#socketOpen = realtime.isConnected();
		updateBrowser();
		return () => {
			clearTimeout(this.#refreshTimer);
			window.removeEventListener('online', updateBrowser);
			window.removeEventListener('offline', updateBrowser);
			for (const event of socketEvents) {
				const listeners = realtime.stateChangeCallbacks[event];
				const index = listeners.findIndex(([listener]) => listener === ref);
				if (index >= 0) listeners.splice(index, 1);
			}
		};
	}

	/** A channel joined again after an interruption: read everything shown again, once. */
	refreshAfterOutage(): void {
		clearTimeout(this.#refreshTimer);
		this.#refreshTimer = setTimeout(() => void this.#queryClient.invalidateQueries(), settleMs);
	}
}
