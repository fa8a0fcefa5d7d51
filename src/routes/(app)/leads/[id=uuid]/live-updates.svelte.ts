import type { QueryClient, QueryKey } from '@tanstack/svelte-query';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { z } from 'zod';
import { customerKeys } from '$lib/customers/queries';
import { leadActivityKeys } from '$lib/lead-activity/queries';
import { leadAttachmentKeys } from '$lib/lead-attachments/queries';
import { leadNoteKeys } from '$lib/lead-notes/queries';
import { leadKeys } from '$lib/leads/queries';
import { proposalKeys } from '$lib/proposals/queries';
import { reminderKeys } from '$lib/reminders/queries';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { taskKeys } from '$lib/tasks/queries';

/** The tables whose changes the database broadcasts on `lead:<id>` (migration …_realtime.sql). */
const broadcastTables = [
	'leads',
	'lead_notes',
	'lead_activity',
	'tasks',
	'task_assignees',
	'reminders',
	'lead_attachments',
	'proposals'
];

/** What a change to each table broadcast on `lead:<id>` makes stale on the lead page. */
function staleKeys(table: string, leadId: string): QueryKey[] {
	switch (table) {
		case 'leads':
			return [leadKeys.detail(leadId), customerKeys.ofLead(leadId)];
		case 'lead_notes':
			return [leadNoteKeys.forLead(leadId)];
		case 'lead_activity':
			return [leadActivityKeys.forLead(leadId)];
		case 'tasks':
		case 'task_assignees':
			return [taskKeys.forLead(leadId)];
		case 'reminders':
			return [reminderKeys.forLead(leadId)];
		case 'lead_attachments':
			return [leadAttachmentKeys.forLead(leadId)];
		case 'proposals':
			return [proposalKeys.forLead(leadId)];
		default:
			return [];
	}
}

const changeSchema = z.object({ table: z.string() });

export type LiveState = 'connecting' | 'live' | 'interrupted';

/**
 * Keeps the lead page current (design.md §5): the database broadcasts every change of the lead
 * and its children on the private topic `lead:<id>`, which only staff who may see the lead can
 * join; each change refreshes what it touches. After a reconnect everything shown is read
 * again, so nothing missed meanwhile stays hidden.
 */
export class LeadLiveUpdates {
	state = $state<LiveState>('connecting');
	readonly #leadId: string;
	readonly #queryClient: QueryClient;
	#channel: RealtimeChannel | undefined;
	#stopped = false;
	#wasLive = false;

	constructor(leadId: string, queryClient: QueryClient) {
		this.#leadId = leadId;
		this.#queryClient = queryClient;
	}

	async start(): Promise<void> {
		const client = createSupabaseBrowserClient();
		// A private channel is joined with the user's access token, not the publishable key.
		await client.realtime.setAuth();
		if (this.#stopped) return;
		this.#channel = client
			.channel(`lead:${this.#leadId}`, { config: { private: true } })
			.on('broadcast', { event: '*' }, ({ payload }) => {
				const change = changeSchema.safeParse(payload);
				if (change.success) this.#refresh(staleKeys(change.data.table, this.#leadId));
			})
			.subscribe((status, error) => {
				if (status === 'SUBSCRIBED') {
					if (this.#wasLive) this.#refresh(this.#allKeys());
					this.#wasLive = true;
					this.state = 'live';
				} else if (status !== 'CLOSED' || !this.#stopped) {
					if (error) console.error('Live updates of the lead interrupted:', error);
					this.state = 'interrupted';
				}
			});
	}

	stop(): void {
		this.#stopped = true;
		if (this.#channel) void this.#channel.unsubscribe();
	}

	#allKeys(): QueryKey[] {
		return broadcastTables.flatMap((table) => staleKeys(table, this.#leadId));
	}

	#refresh(keys: QueryKey[]): void {
		for (const queryKey of keys) void this.#queryClient.invalidateQueries({ queryKey });
	}
}
