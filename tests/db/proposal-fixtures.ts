/**
 * Proposals in the persona world (fixtures.ts): the roles get the capabilities of the seeded
 * ones (the seller role proposals.create + edit like Vertrieb, the leader role all four like
 * Vertriebsleitung), proposals are written through save_proposal as the app writes them, and
 * statuses are reached along the status flow as the database owner.
 */
import type { Caller, Transaction } from './as-role.ts';
import { signedIn } from './as-role.ts';
import { createWorld, grant, type World } from './fixtures.ts';

export interface ItemInput {
	description: string;
	quantity?: number | string;
	rate: number | string;
	tax_rate?: number | string;
	unit?: string;
	long_description?: string;
}

export async function createProposalWorld(tx: Transaction): Promise<World> {
	const world = await createWorld(tx);
	await grant(tx, world.sellerRole, ['proposals.create', 'proposals.edit']);
	await grant(tx, world.leaderRole, [
		'proposals.view_global',
		'proposals.create',
		'proposals.edit',
		'proposals.delete'
	]);
	return world;
}

export const saveProposal = (
	id: string | null,
	version: number | null,
	proposal: Record<string, unknown>,
	items: ItemInput[] | unknown = []
) => ({
	text: 'select public.save_proposal($1, $2, $3, $4) as id',
	values: [id, version, JSON.stringify(proposal), JSON.stringify(items)]
});

/** Creates a proposal as `caller` (default: the lead's creator) for the world's lead. */
export async function createProposal(
	tx: Transaction,
	world: World,
	options: {
		caller?: Caller;
		proposal?: Record<string, unknown>;
		items?: ItemInput[];
	} = {}
): Promise<string> {
	const [{ id }] = await tx.as<{ id: string }>(
		options.caller ?? signedIn(world.creator),
		saveProposal(
			null,
			null,
			{ subject: 'Angebot Wartung', lead_id: world.lead, ...options.proposal },
			options.items ?? [{ description: 'Wartung', quantity: 2, rate: 100, tax_rate: 19 }]
		)
	);
	return id;
}

export const statuses = ['draft', 'sent', 'open', 'revised', 'declined', 'accepted'] as const;
export type ProposalStatus = (typeof statuses)[number];

/** A legal way from draft to each status. */
const pathTo: Record<ProposalStatus, ProposalStatus[]> = {
	draft: [],
	sent: ['sent'],
	open: ['open'],
	revised: ['sent', 'revised'],
	declined: ['sent', 'declined'],
	accepted: ['sent', 'accepted']
};

/** Moves a draft along the flow to `status`, as the database owner. */
export async function moveTo(tx: Transaction, id: string, status: ProposalStatus) {
	for (const step of pathTo[status]) {
		await tx.sql('update public.proposals set status = $2 where id = $1', [id, step]);
	}
}

export interface ProposalRow {
	id: string;
	number: string;
	status: ProposalStatus;
	version: number;
	subtotal: string;
	discount: string;
	total_tax: string;
	total: string;
	tax_breakdown: { rate: number; net: number; tax: number }[];
	public_token: string | null;
	[column: string]: unknown;
}

export async function readProposal(tx: Transaction, id: string): Promise<ProposalRow> {
	const [row] = await tx.sql<ProposalRow>('select * from public.proposals where id = $1', [id]);
	return row;
}

export async function proposalActivity(tx: Transaction, lead: string) {
	return tx.sql<{ action: string; actor_id: string | null; details: Record<string, unknown> }>(
		`select action, actor_id, details from public.lead_activity
		where lead_id = $1 and action like 'proposal.%' order by created_at`,
		[lead]
	);
}
