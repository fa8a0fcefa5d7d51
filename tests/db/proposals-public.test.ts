/**
 * The public link of a proposal (notes/proposals-contract.md "Public"): get_public_proposal,
 * accept_proposal and decline_proposal by token, as anon and as a signed-in member. Unknown,
 * revoked and draft tokens give nothing; the document holds no ids or tokens; the first view of
 * a sent proposal opens it; accepting and declining need an open, unexpired proposal; the
 * activity entries of the link have no actor; nothing else is reachable with a token.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { anon, createDatabase, signedIn, type Caller, type Transaction } from './as-role.ts';
import type { World } from './fixtures.ts';
import {
	createProposal,
	createProposalWorld,
	moveTo,
	proposalActivity,
	readProposal,
	type ProposalStatus
} from './proposal-fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

const signature = `data:image/png;base64,${Buffer.from('PNG-Testbild').toString('base64')}`;

async function view(tx: Transaction, caller: Caller, token: string | null) {
	const [{ proposal }] = await tx.as<{ proposal: Record<string, unknown> | null }>(caller, {
		text: 'select public.get_public_proposal($1) as proposal',
		values: [token]
	});
	return proposal;
}

const accept = (token: string, name: string | null, picture: string | null = null) => ({
	text: 'select public.accept_proposal($1, $2, $3) as proposal',
	values: [token, name, picture]
});
const decline = (token: string, reason: string | null) => ({
	text: 'select public.decline_proposal($1, $2) as proposal',
	values: [token, reason]
});

/** A proposal of the world's lead in `status`, and its token. */
async function linked(tx: Transaction, world: World, status: ProposalStatus) {
	const id = await createProposal(tx, world, {
		proposal: { notes: 'Gültig für Neukunden', terms: 'Zahlbar in 14 Tagen', open_till: null },
		items: [
			{ description: 'Wartung', quantity: 2, rate: 100, tax_rate: 19, unit: 'h' },
			{ description: 'Anfahrt', rate: '35.50', tax_rate: 7 }
		]
	});
	await moveTo(tx, id, status);
	const { public_token: token } = await readProposal(tx, id);
	if (!token) throw new Error('a new proposal has a token');
	return { id, token };
}

describe('get_public_proposal', () => {
	it('gives nothing for an unknown, empty, revoked or draft token', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const draft = await linked(tx, world, 'draft');
			const revoked = await linked(tx, world, 'sent');
			await tx.as(signedIn(world.creator), {
				text: 'select public.revoke_proposal_link($1)',
				values: [revoked.id]
			});
			for (const token of ['0'.repeat(64), '', null, draft.token, revoked.token]) {
				expect(await view(tx, anon, token), String(token)).toBeNull();
			}
		});
	});

	it('shows the proposal as the recipient sees it, without ids, tokens or lead data', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const { id, token } = await linked(tx, world, 'sent');
			await tx.sql('update public.leads set phone = $2, description = $3 where id = $1', [
				world.lead,
				'+49 30 999',
				'Interne Einschätzung: zahlt spät'
			]);
			const document = await view(tx, anon, token);
			const row = await readProposal(tx, id);
			expect(Object.keys(document ?? {}).sort()).toEqual(
				[
					'number',
					'subject',
					'status',
					'date',
					'open_till',
					'currency',
					'language',
					'recipient_name',
					'recipient_company',
					'recipient_email',
					'recipient_address',
					'notes',
					'terms',
					'discount_type',
					'discount_value',
					'discount',
					'subtotal',
					'total_tax',
					'total',
					'tax_breakdown',
					'accepted_at',
					'accepted_by_name',
					'signature',
					'declined_at',
					'decline_reason',
					'expired',
					'items',
					'sender'
				].sort()
			);
			const [creator] = await tx.sql<{ full_name: string; email: string }>(
				'select full_name, email from public.staff where id = $1',
				[world.creator]
			);
			expect(document).toMatchObject({
				number: Number(row.number),
				status: 'open',
				expired: false,
				notes: 'Gültig für Neukunden',
				total: Number(row.total),
				sender: { company: 'Leadwerk', staff_name: creator.full_name, staff_email: creator.email },
				items: [
					{ position: 1, description: 'Wartung', quantity: 2, unit: 'h', rate: 100, amount: 200 },
					{ position: 2, description: 'Anfahrt', quantity: 1, rate: 35.5, tax_rate: 7 }
				]
			});
			// The test staff's e-mail addresses contain their ids; the sender is checked above.
			const text = JSON.stringify({ ...document, sender: null });
			for (const secret of [id, token, world.lead, world.creator, '+49 30 999', 'zahlt spät']) {
				expect(text).not.toContain(secret);
			}
		});
	});

	it('the first view of a sent proposal opens it, logged without an actor, once', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const { id, token } = await linked(tx, world, 'sent');
			// A signed-in member opening the link counts as the recipient, not as themselves.
			await view(tx, signedIn(world.assignee), token);
			await view(tx, anon, token);
			const row = await readProposal(tx, id);
			expect(row.status).toBe('open');
			expect(row.viewed_at).toBeInstanceOf(Date);
			const viewed = (await proposalActivity(tx, world.lead)).filter(
				(entry) => entry.action === 'proposal.viewed'
			);
			expect(viewed).toEqual([
				{
					action: 'proposal.viewed',
					actor_id: null,
					details: { proposal_id: id, subject: row.subject }
				}
			]);
		});
	});

	it('a renewed link works and the old one stops working', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const { id, token } = await linked(tx, world, 'open');
			const [{ renewed }] = await tx.as<{ renewed: string }>(signedIn(world.creator), {
				text: 'select public.renew_proposal_link($1) as renewed',
				values: [id]
			});
			expect(renewed).toMatch(/^[0-9a-f]{64}$/);
			expect(await view(tx, anon, token)).toBeNull();
			expect(await view(tx, anon, renewed)).toMatchObject({ status: 'open' });
		});
	});
});

describe('with a token, nothing else is reachable', () => {
	it('anon reads no table row and may run no staff RPC', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const { id } = await linked(tx, world, 'sent');
			for (const text of [
				'select id from public.proposals',
				'select id from public.proposal_items',
				'select id from public.leads',
				'select id from public.lead_activity'
			]) {
				const outcome = await tx.attempt(anon, text);
				expect(outcome.ok ? outcome.rowCount : outcome.code, text).toSatisfy(
					(result: unknown) => result === 0 || result === '42501'
				);
			}
			for (const text of [
				'select public.get_proposal_document($1)',
				'select public.renew_proposal_link($1)',
				'select public.duplicate_proposal($1)',
				"select public.set_proposal_status($1, 'accepted')"
			]) {
				expect(await tx.attempt(anon, { text, values: [id] }), text).toMatchObject({
					ok: false,
					code: '42501'
				});
			}
		});
	});
});

describe('accept_proposal', () => {
	it('accepts an open proposal with name and signature, logged without an actor', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const { id, token } = await linked(tx, world, 'sent');
			const [{ proposal }] = await tx.as<{ proposal: Record<string, unknown> }>(
				anon,
				accept(token, '  Thomas Berger ', signature)
			);
			expect(proposal).toMatchObject({
				status: 'accepted',
				accepted_by_name: 'Thomas Berger',
				signature
			});
			expect(proposal.accepted_at).toEqual(expect.any(String));
			const entries = await proposalActivity(tx, world.lead);
			expect(entries.at(-1)).toEqual({
				action: 'proposal.accepted',
				actor_id: null,
				details: { proposal_id: id, subject: 'Angebot Wartung', name: 'Thomas Berger' }
			});
			// Accepted is final for the link too.
			for (const statement of [accept(token, 'Nochmal'), decline(token, 'Doch nicht')]) {
				expect(await tx.attempt(anon, statement)).toMatchObject({
					ok: false,
					code: 'PT409',
					message: 'proposal not open'
				});
			}
		});
	});

	it.each(['sent', 'open', 'revised'] as const)('accepts from %s', async (status) => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const { token } = await linked(tx, world, status);
			expect(await tx.attempt(anon, accept(token, 'Kunde'))).toMatchObject({ ok: true });
		});
	});

	it('refuses a draft (unknown), a declined and an expired proposal', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const draft = await linked(tx, world, 'draft');
			expect(await tx.attempt(anon, accept(draft.token, 'Kunde'))).toMatchObject({
				ok: false,
				code: 'PT404'
			});
			const declined = await linked(tx, world, 'declined');
			expect(await tx.attempt(anon, accept(declined.token, 'Kunde'))).toMatchObject({
				ok: false,
				code: 'PT409',
				message: 'proposal not open'
			});
			const expired = await linked(tx, world, 'sent');
			await tx.sql(
				'update public.proposals set date = current_date - 10, open_till = current_date - 1 where id = $1',
				[expired.id]
			);
			expect(await view(tx, anon, expired.token)).toMatchObject({ expired: true });
			const outcome = await tx.attempt(anon, accept(expired.token, 'Kunde'));
			expect(outcome).toMatchObject({ ok: false, code: 'PT409', message: 'proposal not open' });
			expect(await tx.attempt(anon, decline(expired.token, 'Zu spät'))).toMatchObject({
				ok: false,
				code: 'PT409'
			});
		});
	});

	it('needs a name of 1–200 characters and a PNG data URL as signature', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const { token } = await linked(tx, world, 'open');
			for (const name of [null, '', '   ', 'x'.repeat(201)]) {
				expect(await tx.attempt(anon, accept(token, name)), String(name)).toMatchObject({
					ok: false,
					code: '22023',
					message: 'name required'
				});
			}
			for (const picture of [
				'data:image/jpeg;base64,AAAA',
				`data:image/png;base64,${'A'.repeat(300_000)}`
			]) {
				const outcome = await tx.attempt(anon, accept(token, 'Kunde', picture));
				expect(outcome).toMatchObject({ ok: false, code: '23514' });
				if (!outcome.ok) expect(outcome.message).toContain('proposals_signature_png');
			}
		});
	});
});

describe('decline_proposal', () => {
	it('declines with a reason, logged without an actor; staff may revise it again', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const { id, token } = await linked(tx, world, 'open');
			for (const reason of [null, ' ', 'x'.repeat(2001)]) {
				expect(await tx.attempt(anon, decline(token, reason))).toMatchObject({
					ok: false,
					code: '22023',
					message: 'reason required'
				});
			}
			const [{ proposal }] = await tx.as<{ proposal: Record<string, unknown> }>(
				anon,
				decline(token, 'Zu teuer')
			);
			expect(proposal).toMatchObject({ status: 'declined', decline_reason: 'Zu teuer' });
			expect((await proposalActivity(tx, world.lead)).at(-1)).toEqual({
				action: 'proposal.declined',
				actor_id: null,
				details: { proposal_id: id, subject: 'Angebot Wartung', reason: 'Zu teuer' }
			});
			expect(await tx.attempt(anon, accept(token, 'Kunde'))).toMatchObject({
				ok: false,
				code: 'PT409'
			});
			await tx.as(signedIn(world.creator), {
				text: "select public.set_proposal_status($1, 'revised')",
				values: [id]
			});
			expect(await tx.attempt(anon, accept(token, 'Kunde'))).toMatchObject({ ok: true });
		});
	});
});
