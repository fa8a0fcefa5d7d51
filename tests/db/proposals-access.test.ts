/**
 * Who may do what with a proposal (notes/proposals-contract.md): every persona against every
 * staff RPC and the table operations, for a lead's proposal (visible with the lead) and a
 * customer's (administrators, proposals.view_global, assignee, creator). Allowed and refused
 * outcomes are both asserted; refusals carry the contract's codes (PT404 not visible, 42501 no
 * right, anon may not execute staff RPCs at all).
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
	createDatabase,
	signedIn,
	type Caller,
	type Outcome,
	type Statement,
	type Transaction
} from './as-role.ts';
import {
	callerOf,
	createRole,
	createStaff,
	personaNames,
	type PersonaName,
	type World
} from './fixtures.ts';
import {
	createProposal,
	createProposalWorld,
	readProposal,
	saveProposal
} from './proposal-fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

/** 'ok' (a row came back), 'none' (no row: filtered by row level security) or the error code. */
function verdict(outcome: Outcome): string {
	if (!outcome.ok) return outcome.code;
	return outcome.rowCount > 0 ? 'ok' : 'none';
}

type Operation = (proposal: string, world: World, version: number) => Statement;

const operations: Record<string, Operation> = {
	select: (id) => ({ text: 'select id from public.proposals where id = $1', values: [id] }),
	save: (id, _world, version) => saveProposal(id, version, { subject: 'Überarbeitet' }),
	set_status: (id) => ({ text: "select public.set_proposal_status($1, 'open')", values: [id] }),
	duplicate: (id) => ({ text: 'select public.duplicate_proposal($1)', values: [id] }),
	renew_link: (id) => ({ text: 'select public.renew_proposal_link($1)', values: [id] }),
	revoke_link: (id) => ({ text: 'select public.revoke_proposal_link($1)', values: [id] }),
	mark_sent: (id) => ({
		text: "select public.mark_proposal_sent($1, 'kunde@beispiel.example')",
		values: [id]
	}),
	prepare_send: (id) => ({
		text: "select public.prepare_proposal_send($1, 'kunde@beispiel.example')",
		values: [id]
	}),
	document: (id) => ({ text: 'select public.get_proposal_document($1)', values: [id] }),
	delete: (id) => ({
		text: 'delete from public.proposals where id = $1 returning id',
		values: [id]
	})
};

async function outcomes(
	tx: Transaction,
	caller: Caller,
	proposal: string,
	world: World,
	names: string[]
): Promise<Record<string, string>> {
	const { version } = await readProposal(tx, proposal);
	const result: Record<string, string> = {};
	for (const name of names) {
		result[name] = verdict(
			await tx.attempt(caller, operations[name](proposal, world, version), { keep: false })
		);
	}
	return result;
}

const allOperations = Object.keys(operations);
const every = (value: string, overrides: Record<string, string> = {}) => ({
	...Object.fromEntries(allOperations.map((name) => [name, value])),
	...overrides
});

describe('a proposal of the private lead', () => {
	// Seller role: proposals.create + edit; leader role (viewGlobal): all four + leads.view_global.
	const expected: Record<PersonaName, Record<string, string>> = {
		admin: every('ok'),
		viewGlobal: every('ok'),
		creator: every('ok', { delete: 'none' }),
		assignee: every('ok', { delete: 'none' }),
		unrelated: every('PT404', { select: 'none', delete: 'none' }),
		inactive: every('PT404', { select: 'none', delete: 'none' }),
		anon: every('42501', { select: 'none', delete: 'none' })
	};
	it.each(personaNames)('%s', async (persona) => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const proposal = await createProposal(tx, world);
			expect(await outcomes(tx, callerOf(world, persona), proposal, world, allOperations)).toEqual(
				expected[persona]
			);
		});
	});
});

describe('creating a proposal for the private lead', () => {
	const expected: Record<PersonaName, string> = {
		admin: 'ok',
		viewGlobal: 'ok',
		creator: 'ok',
		assignee: 'ok',
		unrelated: 'PT404',
		inactive: '42501',
		anon: '42501'
	};
	it.each(personaNames)('%s through save_proposal', async (persona) => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const outcome = await tx.attempt(
				callerOf(world, persona),
				saveProposal(null, null, { subject: 'Neu', lead_id: world.lead }, [])
			);
			expect(verdict(outcome)).toBe(expected[persona]);
		});
	});

	it('needs proposals.create even where the lead is visible', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const bare = await createStaff(tx, { roleId: await createRole(tx) });
			await tx.sql('update public.leads set is_public = true where id = $1', [world.lead]);
			const outcome = await tx.attempt(
				signedIn(bare),
				saveProposal(null, null, { subject: 'Neu', lead_id: world.lead }, [])
			);
			expect(outcome).toMatchObject({ ok: false, code: '42501' });
		});
	});
});

describe('editing without proposals.edit', () => {
	it('a member who sees the proposal may not change it, its creator may', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const role = await createRole(tx, ['proposals.create']);
			const [author, reader] = [
				await createStaff(tx, { roleId: role }),
				await createStaff(tx, { roleId: role })
			];
			await tx.sql('update public.leads set is_public = true where id = $1', [world.lead]);
			const proposal = await createProposal(tx, world, { caller: signedIn(author) });
			const names = [
				'select',
				'save',
				'set_status',
				'renew_link',
				'mark_sent',
				'prepare_send',
				'document'
			];
			expect(await outcomes(tx, signedIn(reader), proposal, world, names)).toEqual({
				select: 'ok',
				save: '42501',
				set_status: '42501',
				renew_link: '42501',
				mark_sent: '42501',
				prepare_send: '42501',
				document: 'ok'
			});
			expect(await outcomes(tx, signedIn(author), proposal, world, names)).toEqual({
				select: 'ok',
				save: 'ok',
				set_status: 'ok',
				renew_link: 'ok',
				mark_sent: 'ok',
				prepare_send: 'ok',
				document: 'ok'
			});
		});
	});
});

describe('a proposal of a customer', () => {
	const expected: Record<PersonaName, string> = {
		admin: 'ok',
		viewGlobal: 'ok',
		creator: 'ok',
		assignee: 'ok',
		unrelated: 'PT404',
		inactive: 'PT404',
		anon: '42501'
	};
	it.each(personaNames)('%s', async (persona) => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const [{ id: customer }] = await tx.sql<{ id: string }>(
				"insert into public.customers (company, created_by) values ('Kunde AG', $1) returning id",
				[world.creator]
			);
			const [{ id: proposal }] = await tx.as<{ id: string }>(
				signedIn(world.creator),
				saveProposal(
					null,
					null,
					{ subject: 'Kundenangebot', customer_id: customer, assigned_to: world.assignee },
					[{ description: 'Lizenz', rate: 99 }]
				)
			);
			const result = await outcomes(tx, callerOf(world, persona), proposal, world, [
				'select',
				'save',
				'document'
			]);
			const visible = expected[persona] === 'ok';
			expect(result).toEqual({
				select: visible ? 'ok' : 'none',
				save: expected[persona],
				document: expected[persona]
			});
		});
	});
});
