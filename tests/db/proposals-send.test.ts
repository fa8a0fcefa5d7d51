/**
 * prepare_proposal_send, which the send-proposal function asks before it mails: it refuses in
 * every state mark_proposal_sent refuses (so nothing is mailed that cannot be recorded), hands
 * back the link token, the address and the document, renews a revoked link and records nothing
 * itself. Who may call it is part of the persona matrix in proposals-access.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, signedIn, type Outcome } from './as-role.ts';
import {
	createProposal,
	createProposalWorld,
	moveTo,
	proposalActivity,
	readProposal,
	statuses
} from './proposal-fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

const recipient = 'einkauf@obermaier.example';

const prepare = (id: string, email: string | null = null) => ({
	text: 'select public.prepare_proposal_send($1, $2) as prepared',
	values: [id, email]
});

const code = (outcome: Outcome) => (outcome.ok ? 'ok' : outcome.code);

describe('prepare_proposal_send', () => {
	it('returns the token, the address and the document, and changes nothing', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const proposal = await createProposal(tx, world, {
				proposal: { recipient_email: recipient, language: 'en' }
			});
			const before = await readProposal(tx, proposal);
			const caller = signedIn(world.creator);
			const [{ prepared }] = await tx.as<{ prepared: Record<string, unknown> }>(
				caller,
				prepare(proposal)
			);
			const [{ document }] = await tx.as<{ document: unknown }>(caller, {
				text: 'select public.get_proposal_document($1) as document',
				values: [proposal]
			});
			expect(prepared).toEqual({ token: before.public_token, to: recipient, document });
			expect(document).toMatchObject({ number: Number(before.number), language: 'en' });
			expect(await readProposal(tx, proposal)).toEqual(before);
			expect(await proposalActivity(tx, world.lead)).toEqual([
				expect.objectContaining({ action: 'proposal.created' })
			]);
		});
	});

	it('mails to the address given instead, trimmed', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const proposal = await createProposal(tx, world, {
				proposal: { recipient_email: recipient }
			});
			const [{ prepared }] = await tx.as<{ prepared: { to: string } }>(
				signedIn(world.creator),
				prepare(proposal, '  zentrale@obermaier.example ')
			);
			expect(prepared.to).toBe('zentrale@obermaier.example');
		});
	});

	it('renews a revoked link', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const proposal = await createProposal(tx, world, {
				proposal: { recipient_email: recipient }
			});
			const revoked = await readProposal(tx, proposal);
			await tx.as(signedIn(world.creator), {
				text: 'select public.revoke_proposal_link($1)',
				values: [proposal]
			});
			expect((await readProposal(tx, proposal)).public_token).toBeNull();
			const [{ prepared }] = await tx.as<{ prepared: { token: string } }>(
				signedIn(world.creator),
				prepare(proposal)
			);
			expect(prepared.token).toMatch(/^[0-9a-f]{64}$/);
			expect(prepared.token).not.toBe(revoked.public_token);
			expect((await readProposal(tx, proposal)).public_token).toBe(prepared.token);
		});
	});

	it('refuses a proposal without recipient e-mail (PT400), like mark_proposal_sent', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const proposal = await createProposal(tx, world, { proposal: { recipient_email: null } });
			const caller = signedIn(world.creator);
			expect(code(await tx.attempt(caller, prepare(proposal)))).toBe('PT400');
			expect(code(await tx.attempt(caller, prepare(proposal, ' ')))).toBe('PT400');
			const marked = await tx.attempt(caller, {
				text: "select public.mark_proposal_sent($1, ' ')",
				values: [proposal]
			});
			expect(code(marked)).toBe('22023');
		});
	});

	// Each status: prepare refuses exactly where recording the sending would fail.
	const expected = {
		draft: 'ok',
		sent: 'ok',
		open: 'ok',
		revised: 'ok',
		declined: 'PT409',
		accepted: 'PT423'
	} as const;
	it.each(statuses)('a %s proposal: prepare and mark_proposal_sent agree', async (status) => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const proposal = await createProposal(tx, world, {
				proposal: { recipient_email: recipient }
			});
			await moveTo(tx, proposal, status);
			const caller = signedIn(world.creator);
			const prepared = await tx.attempt(caller, prepare(proposal), { keep: false });
			const marked = await tx.attempt(
				caller,
				{ text: 'select public.mark_proposal_sent($1, $2)', values: [proposal, recipient] },
				{ keep: false }
			);
			expect(code(prepared)).toBe(expected[status]);
			expect(marked.ok).toBe(prepared.ok);
		});
	});
});
