/**
 * Phoenix Presence as realtime-js consumes it (supabase-protocols.md §5 "Presence"): per pubsub
 * topic, each joined channel tracks at most one presence under its key. State is
 * `{key: {metas: [{phx_ref, ...payload}]}}`; changes go out as `presence_diff {joins, leaves}`.
 */

export type PresenceMeta = Record<string, unknown> & { phx_ref: string; phx_ref_prev?: string };
export type PresenceState = Record<string, { metas: PresenceMeta[] }>;
export interface PresenceDiff {
	joins: PresenceState;
	leaves: PresenceState;
}

interface Tracked {
	key: string;
	meta: PresenceMeta;
	/** The payload as tracked, to skip no-op re-tracks like upstream does. */
	payloadJson: string;
}

let refCounter = 0;
/** Unique per process, like the refs Phoenix.Tracker hands out. */
function nextRef(): string {
	refCounter += 1;
	return Buffer.from(`${Date.now().toString(36)}:${refCounter}`).toString('base64url');
}

const single = (key: string, meta: PresenceMeta): PresenceState => ({ [key]: { metas: [meta] } });

export class PresenceTracker {
	/** pubsub topic → member id → its presence. */
	private readonly topics = new Map<string, Map<number, Tracked>>();

	/** Tracks or updates a member's presence; undefined when the payload did not change. */
	track(
		topic: string,
		memberId: number,
		key: string,
		payload: Record<string, unknown>
	): PresenceDiff | undefined {
		const members = this.topics.get(topic) ?? new Map<number, Tracked>();
		this.topics.set(topic, members);
		const payloadJson = JSON.stringify(payload);
		const previous = members.get(memberId);
		if (previous && previous.payloadJson === payloadJson) return undefined;
		const meta: PresenceMeta = { ...payload, phx_ref: nextRef() };
		if (previous) meta.phx_ref_prev = previous.meta.phx_ref;
		members.set(memberId, { key, meta, payloadJson });
		return {
			joins: single(key, meta),
			leaves: previous ? single(previous.key, previous.meta) : {}
		};
	}

	/** Removes a member's presence; undefined when it had none. */
	untrack(topic: string, memberId: number): PresenceDiff | undefined {
		const members = this.topics.get(topic);
		const previous = members?.get(memberId);
		if (!members || !previous) return undefined;
		members.delete(memberId);
		if (members.size === 0) this.topics.delete(topic);
		return { joins: {}, leaves: single(previous.key, previous.meta) };
	}

	state(topic: string): PresenceState {
		const state: PresenceState = {};
		for (const { key, meta } of this.topics.get(topic)?.values() ?? []) {
			(state[key] ??= { metas: [] }).metas.push(meta);
		}
		return state;
	}
}
