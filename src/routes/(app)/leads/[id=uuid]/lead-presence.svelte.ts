import type { RealtimeChannel } from '@supabase/supabase-js';
import { z } from 'zod';

/** Someone with the lead open, as presence on `lead:<id>` reports them. */
export interface LeadViewer {
	id: string;
	name: string;
	/** Typing in the note box (in any of their tabs). */
	typing: boolean;
	self: boolean;
}

const presenceSchema = z.object({
	presence_ref: z.string(),
	name: z.string(),
	typing: z.boolean()
});
type PresenceEntry = z.infer<typeof presenceSchema> & { id: string };

/** A note box untouched this long no longer counts as being written in. */
const typingIdleMs = 4_000;

/**
 * Who is looking at the lead and who is writing a note (design.md §5): presence on the lead's
 * private channel, keyed by staff id, so several tabs of one person count once. The typing flag
 * is sent only when it flips (starting to type, then submit, blur or a few idle seconds), which
 * keeps presence traffic to two messages per burst of typing.
 */
export class LeadPresence {
	viewers = $state<LeadViewer[]>([]);
	readonly #staffId: string;
	readonly #name: string;
	#channel: RealtimeChannel | undefined;
	#joined = false;
	#typing = false;
	#idleTimer: ReturnType<typeof setTimeout> | undefined;
	// By presence_ref. Kept here from join and leave events rather than read from
	// channel.presenceState(): supabase-js 2.109 strips the refs of a key's earlier entries when
	// the key joins again (every typing flip re-tracks), so that state never lets them go.
	#entries: Record<string, PresenceEntry> = {};

	constructor(staffId: string, name: string) {
		this.#staffId = staffId;
		this.#name = name;
	}

	/** The channel options presence needs (its key); pass to `client.channel`. */
	get channelConfig() {
		return { presence: { key: this.#staffId } };
	}

	/** Listens on the channel; call before it subscribes. */
	listen(channel: RealtimeChannel): void {
		this.#channel = channel;
		channel
			.on('presence', { event: 'join' }, ({ key, newPresences }) => {
				for (const presence of newPresences) {
					const entry = presenceSchema.safeParse(presence);
					if (entry.success) this.#entries[entry.data.presence_ref] = { ...entry.data, id: key };
				}
				this.#publish();
			})
			.on('presence', { event: 'leave' }, ({ leftPresences }) => {
				for (const presence of leftPresences) delete this.#entries[presence.presence_ref];
				this.#publish();
			});
	}

	/** Announces this viewer; call on every (re)subscription, since a new socket starts empty. */
	joined(): void {
		this.#joined = true;
		this.#send();
	}

	left(): void {
		this.#joined = false;
		clearTimeout(this.#idleTimer);
	}

	/** The note box changed: typing now, and until it rests for a few seconds. */
	typed(): void {
		clearTimeout(this.#idleTimer);
		this.#idleTimer = setTimeout(() => this.stoppedTyping(), typingIdleMs);
		this.#setTyping(true);
	}

	/** The note was submitted, the box left, or the page closed. */
	stoppedTyping(): void {
		clearTimeout(this.#idleTimer);
		this.#setTyping(false);
	}

	#setTyping(typing: boolean): void {
		if (this.#typing === typing) return;
		this.#typing = typing;
		this.#send();
	}

	#send(): void {
		if (!this.#channel || !this.#joined) return;
		this.#channel.track({ name: this.#name, typing: this.#typing }).catch((error: unknown) => {
			console.error('Presence on the lead could not be sent:', error);
		});
	}

	#publish(): void {
		const viewers: Record<string, LeadViewer> = {};
		for (const entry of Object.values(this.#entries)) {
			const known = viewers[entry.id];
			viewers[entry.id] = {
				id: entry.id,
				name: entry.name,
				typing: entry.typing || (known?.typing ?? false),
				self: entry.id === this.#staffId
			};
		}
		// Oneself first, then colleagues by name: a stable order that does not jump on each change.
		this.viewers = Object.values(viewers).sort(
			(a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name)
		);
	}
}
