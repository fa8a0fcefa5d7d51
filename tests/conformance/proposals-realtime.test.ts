/**
 * The proposal list and page update live (issue 7): postgres_changes on public.proposals reach a
 * staff member who may see the proposal and never one who may not (Realtime applies the
 * proposals policies per subscriber), through unmodified supabase-js.
 */
import type { RealtimeChannel } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import { createProposal, createSeller, removeCreated, type Seller } from './proposal-members.ts';

afterAll(removeCreated);

interface Change {
	eventType: string;
	new: Record<string, unknown>;
}

/** Subscribes `seller` to every change of public.proposals; resolves once the binding is up. */
async function watch(seller: Seller) {
	const received: Change[] = [];
	const system: Record<string, unknown>[] = [];
	const channel: RealtimeChannel = seller.client
		.channel(`proposals-${seller.id}`)
		.on('postgres_changes', { event: '*', schema: 'public', table: 'proposals' }, (change) =>
			received.push(change as unknown as Change)
		)
		.on('system', {}, (message) => system.push(message));
	await new Promise<void>((resolve, reject) =>
		channel.subscribe((status, error) => {
			if (status === 'SUBSCRIBED') resolve();
			else if (status !== 'CLOSED') reject(error ?? new Error(status));
		})
	);
	await eventually('the postgres_changes binding', () => (system.length > 0 ? true : undefined));
	expect(system[0]).toMatchObject({ extension: 'postgres_changes', status: 'ok' });
	return { received, stop: () => seller.client.removeChannel(channel) };
}

async function eventually<T>(what: string, read: () => T | undefined, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

describe('postgres_changes on proposals', () => {
	it('the owner sees the insert and the status change; a colleague who may not see it nothing', async () => {
		const [owner, stranger] = [await createSeller(), await createSeller()];
		const [ownerFeed, strangerFeed] = [await watch(owner), await watch(stranger)];
		try {
			const proposal = await createProposal(owner);
			await eventually('the INSERT', () =>
				ownerFeed.received.find((change) => change.new.id === proposal.id)
			);
			await owner.client
				.rpc('set_proposal_status', { p_id: proposal.id, p_status: 'open' })
				.throwOnError();
			const update = await eventually('the status change', () =>
				ownerFeed.received.find(
					(change) => change.eventType === 'UPDATE' && change.new.status === 'open'
				)
			);
			expect(update.new).toMatchObject({ id: proposal.id, subject: proposal.subject });
			// The colleague's own later proposal reaches them; what came before it for them is final.
			const own = await createProposal(stranger);
			await eventually("the colleague's own INSERT", () =>
				strangerFeed.received.find((change) => change.new.id === own.id)
			);
			expect(new Set(strangerFeed.received.map((change) => change.new.id))).toEqual(
				new Set([own.id])
			);
		} finally {
			await Promise.all([ownerFeed.stop(), strangerFeed.stop()]);
		}
	});
});
