import type { RealtimeChannel } from '@supabase/supabase-js';
import type { QueryClient } from '@tanstack/svelte-query';
import { realtimeConnectionOf } from '$lib/realtime/connection.svelte';
import { LiveChannel } from '$lib/realtime/live-channel.svelte';
import { notificationKeys } from './queries';
import { notificationSchema, type Notification } from './schema';

/**
 * The member's notifications as they arrive (design.md §5): the database sends each new row to
 * the private topic `staff:<uid>`, which only that member may join. The bell's count and list
 * read again; `onArrival` lets the bell announce it.
 */
export class NotificationLiveUpdates extends LiveChannel {
	readonly #queryClient: QueryClient;
	readonly #onArrival: (notification: Notification) => void;

	constructor(
		queryClient: QueryClient,
		staffId: string,
		onArrival: (notification: Notification) => void
	) {
		super(realtimeConnectionOf(queryClient), `staff:${staffId}`, { config: { private: true } });
		this.#queryClient = queryClient;
		this.#onArrival = onArrival;
	}

	protected override caughtUp(): void {
		this.#refresh();
	}

	protected override listen(channel: RealtimeChannel): RealtimeChannel {
		return channel.on('broadcast', { event: 'notification' }, ({ payload }) => {
			this.#refresh();
			const notification = notificationSchema.safeParse(payload);
			if (notification.success) this.#onArrival(notification.data);
		});
	}

	#refresh(): void {
		void this.#queryClient.invalidateQueries({ queryKey: notificationKeys.all });
	}
}
