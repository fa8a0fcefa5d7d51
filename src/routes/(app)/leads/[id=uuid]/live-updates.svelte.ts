import type { QueryClient, QueryKey } from '@tanstack/svelte-query';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { z } from 'zod';
import { customerKeys } from '$lib/customers/queries';
import { leadActivityKeys } from '$lib/lead-activity/queries';
import { leadAttachmentKeys } from '$lib/lead-attachments/queries';
import { leadNoteKeys } from '$lib/lead-notes/queries';
import { leadKeys } from '$lib/leads/queries';
import { proposalKeys } from '$lib/proposals/queries';
import { realtimeConnectionOf } from '$lib/realtime/connection.svelte';
import { LiveChannel } from '$lib/realtime/live-channel.svelte';
import { reminderKeys } from '$lib/reminders/queries';
import { taskKeys } from '$lib/tasks/queries';
import type { ColleagueChanges } from './colleague-changes.svelte';
import type { LeadPresence } from './lead-presence.svelte';

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
 * reconnect LiveChannel has everything shown read again, so nothing missed stays hidden.
 */
export class LeadLiveUpdates extends LiveChannel {
	readonly #leadId: string;
	readonly #queryClient: QueryClient;
	readonly #options: LeadLiveOptions;
	#lastOwnWriteAt = 0;
	#unwatchWrites: (() => void) | undefined;

	constructor(leadId: string, queryClient: QueryClient, options: LeadLiveOptions) {
		super(realtimeConnectionOf(queryClient), `lead:${leadId}`, {
			config: { private: true, ...options.presence.channelConfig }
		});
		this.#leadId = leadId;
		this.#queryClient = queryClient;
		this.#options = options;
	}

	override async start(): Promise<void> {
		this.#unwatchWrites = this.#queryClient.getMutationCache().subscribe((event) => {
			if (event.type === 'updated') this.#lastOwnWriteAt = Date.now();
		});
		await super.start();
	}

	override stop(): void {
		this.#unwatchWrites?.();
		this.#options.presence.left();
		super.stop();
	}

	protected override listen(channel: RealtimeChannel): RealtimeChannel {
		this.#options.presence.listen(channel);
		return channel.on('broadcast', { event: '*' }, ({ payload }) => {
			const change = changeSchema.safeParse(payload);
			if (change.success) this.#apply(change.data);
		});
	}

	/** The page has just read what it shows (server load or query); nothing to read again. */
	protected override caughtUp(): void {}

	protected override stateChanged(): void {
		if (this.state === 'live') this.#options.presence.joined();
		else this.#options.presence.left();
	}

	#apply(change: Change): void {
		if (!this.#isOwn(change)) this.#options.colleagueChanges.record(change.table);
		for (const queryKey of staleKeys(change.table, this.#leadId)) {
			void this.#queryClient.invalidateQueries({ queryKey });
		}
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
}
