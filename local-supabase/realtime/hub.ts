/**
 * The pubsub of joined channels. Public and private channels of the same name are separate
 * topics (supabase-protocols.md §5), and each delivery honours the member's read permission.
 */
import type { PresenceDiff } from './presence.ts';
import { encodeUserBroadcast, type UserBroadcast } from './protocol.ts';

export interface Member {
	readonly id: number;
	/** The topic the client joined, `realtime:<name>`. */
	readonly topic: string;
	readonly pubsubKey: string;
	canReadBroadcast(): boolean;
	canReadPresence(): boolean;
	send(frame: string | Buffer): void;
	pushPresenceDiff(diff: PresenceDiff): void;
}

export const pubsubKey = (name: string, isPrivate: boolean) =>
	`${isPrivate ? 'private' : 'public'}:${name}`;

export class Hub {
	private readonly topics = new Map<string, Set<Member>>();

	add(member: Member): void {
		const members = this.topics.get(member.pubsubKey) ?? new Set<Member>();
		members.add(member);
		this.topics.set(member.pubsubKey, members);
	}

	remove(member: Member): void {
		const members = this.topics.get(member.pubsubKey);
		members?.delete(member);
		if (members?.size === 0) this.topics.delete(member.pubsubKey);
	}

	/** Fans a broadcast out to readers of the topic, encoded once (all share one join topic). */
	broadcast(
		key: string,
		broadcast: UserBroadcast,
		except?: Member,
		log?: (message: string) => void
	): void {
		let frame: string | Buffer | undefined;
		for (const member of this.topics.get(key) ?? []) {
			if (member === except || !member.canReadBroadcast()) continue;
			try {
				frame ??= encodeUserBroadcast(member.topic, broadcast);
			} catch (error) {
				log?.(`[realtime] broadcast to ${member.topic} dropped: ${String(error)}`);
				return;
			}
			member.send(frame);
		}
	}

	presenceDiff(key: string, diff: PresenceDiff): void {
		for (const member of this.topics.get(key) ?? []) {
			if (member.canReadPresence()) member.pushPresenceDiff(diff);
		}
	}
}
