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
import type { ColleagueChanges } from './colleague-changes.svelte';
import type { LeadPresence } from './lead-presence.svelte';

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

/** Who created a row of each child table: an insert by oneself is no colleague's news. */
const creatorColumns: Record<string, string> = {
	lead_notes: 'created_by',
	lead_activity: 'actor_id',
	tasks: 'created_by',
	reminders: 'created_by',
	lead_attachments: 'uploaded_by',
	proposals: 'created_by'
};

/** What realtime.broadcast_changes sends: the table, the operation and the new row. */
const changeSchema = z.object({
	table: z.string(),
	operation: z.string().optional(),
	record: z.record(z.string(), z.unknown()).nullish()
});
type Change = z.infer<typeof changeSchema>;

/** Changes arriving this soon after one's own write are taken as its echo. */
const ownEchoMs = 2_000;

export type LiveState = 'connecting' | 'live' | 'interrupted';

export interface LeadLiveOptions {
	/** The signed-in staff member, whose own changes are not marked as news. */
	staffId: string;
	presence: LeadPresence;
	colleagueChanges: ColleagueChanges;
}

/**
 * Keeps the lead page current (design.md §5): the database broadcasts every change of the lead
 * and its children on the private topic `lead:<id>`, which only staff who may see the lead can
 * join; each change refreshes what it touches, and colleagues' changes are recorded for the
 * page to mark. The same channel carries presence (who views, who writes a note). After a
 * reconnect everything shown is read again, so nothing missed meanwhile stays hidden.
 */
export class LeadLiveUpdates {
	state = $state<LiveState>('connecting');
	readonly #leadId: string;
	readonly #queryClient: QueryClient;
	readonly #options: LeadLiveOptions;
	#channel: RealtimeChannel | undefined;
	#stopped = false;
	#wasLive = false;
	#lastOwnWriteAt = 0;
	#unwatchWrites: (() => void) | undefined;

	constructor(leadId: string, queryClient: QueryClient, options: LeadLiveOptions) {
		this.#leadId = leadId;
		this.#queryClient = queryClient;
		this.#options = options;
	}

	async start(): Promise<void> {
		const { presence } = this.#options;
		this.#unwatchWrites = this.#queryClient.getMutationCache().subscribe((event) => {
			if (event.type === 'updated') this.#lastOwnWriteAt = Date.now();
		});
		const client = createSupabaseBrowserClient();
		// A private channel is joined with the user's access token, not the publishable key.
		await client.realtime.setAuth();
		if (this.#stopped) return;
		const channel = client
			.channel(`lead:${this.#leadId}`, { config: { private: true, ...presence.channelConfig } })
			.on('broadcast', { event: '*' }, ({ payload }) => {
				const change = changeSchema.safeParse(payload);
				if (change.success) this.#apply(change.data);
			});
		presence.listen(channel);
		this.#channel = channel.subscribe((status, error) => {
			if (status === 'SUBSCRIBED') {
				if (this.#wasLive) this.#refresh(this.#allKeys());
				this.#wasLive = true;
				this.state = 'live';
				presence.joined();
			} else if (status !== 'CLOSED' || !this.#stopped) {
				if (error) console.error('Live updates of the lead interrupted:', error);
				this.state = 'interrupted';
				presence.left();
			}
		});
	}

	stop(): void {
		this.#stopped = true;
		this.#unwatchWrites?.();
		this.#options.presence.left();
		if (this.#channel) void this.#channel.unsubscribe();
	}

	#apply(change: Change): void {
		if (!this.#isOwn(change)) this.#options.colleagueChanges.record(change.table);
		this.#refresh(staleKeys(change.table, this.#leadId));
	}

	/**
	 * Whether the change is the echo of one's own write: the lead names its last editor and new
	 * rows their author; other updates and deletes count as one's own while one's writes are
	 * settling.
	 */
	#isOwn({ table, operation, record }: Change): boolean {
		const { staffId } = this.#options;
		if (table === 'leads' && operation === 'UPDATE') return record?.updated_by === staffId;
		const creator = creatorColumns[table];
		if (operation === 'INSERT' && creator) return record?.[creator] === staffId;
		return this.#queryClient.isMutating() > 0 || Date.now() - this.#lastOwnWriteAt < ownEchoMs;
	}

	#allKeys(): QueryKey[] {
		return broadcastTables.flatMap((table) => staleKeys(table, this.#leadId));
	}

	#refresh(keys: QueryKey[]): void {
		for (const queryKey of keys) void this.#queryClient.invalidateQueries({ queryKey });
	}
}
