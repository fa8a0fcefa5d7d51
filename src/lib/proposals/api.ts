import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import {
	proposalFilterConditions,
	proposalOrder,
	quotedPattern,
	type ProposalFilters
} from './filters';
import { ProposalConflictError } from './save-errors';
import {
	proposalColumns,
	proposalSchema,
	proposalSummaryColumns,
	proposalSummarySchema,
	publicProposalSchema,
	type Proposal,
	type ProposalSave,
	type ProposalStatus,
	type ProposalSummary,
	type PublicProposal
} from './schema';

const summaryListSchema = z.array(proposalSummarySchema);

/** The proposals for a lead, newest first. */
export async function fetchLeadProposals(
	client: LeadwerkClient,
	leadId: string
): Promise<ProposalSummary[]> {
	const { data } = await client
		.from('proposals')
		.select(proposalSummaryColumns)
		.eq('lead_id', leadId)
		.order('date', { ascending: false })
		.order('created_at', { ascending: false })
		.throwOnError();
	return summaryListSchema.parse(data);
}

/** The proposals for a customer, newest first. */
export async function fetchCustomerProposals(
	client: LeadwerkClient,
	customerId: string
): Promise<ProposalSummary[]> {
	const { data } = await client
		.from('proposals')
		.select(proposalSummaryColumns)
		.eq('customer_id', customerId)
		.order('date', { ascending: false })
		.order('created_at', { ascending: false })
		.throwOnError();
	return summaryListSchema.parse(data);
}

export interface ProposalPage {
	proposals: ProposalSummary[];
	/** All proposals matching the filters, over every page. */
	total: number;
}

/**
 * One page of the proposals list. The search matches the lead's name or company or the
 * customer's company: it reads the matching leads and customers first, then their proposals.
 */
export async function fetchProposalPage(
	client: LeadwerkClient,
	filters: ProposalFilters
): Promise<ProposalPage> {
	let query = client.from('proposals').select(proposalSummaryColumns, { count: 'exact' });
	for (const condition of proposalFilterConditions(filters)) {
		query = query.filter(condition.column, condition.operator, condition.value);
	}
	if (filters.q) query = query.or(await parentSearchFilter(client, filters.q));
	for (const term of proposalOrder(filters)) {
		query = query.order(term.column, { ascending: term.ascending, nullsFirst: false });
	}
	const from = (filters.page - 1) * filters.size;
	const { data, count, error } = await query.range(from, from + filters.size - 1);
	// PGRST103: the range starts after the last row.
	if (error?.code === 'PGRST103') return { proposals: [], total: count ?? 0 };
	if (error) throw error;
	return { proposals: summaryListSchema.parse(data), total: count ?? 0 };
}

/** The most leads and customers a search narrows to (their ids travel in the address). */
const searchLimit = 200;

/** `lead_id.in.(…),customer_id.in.(…)` for the leads and customers whose names match. */
async function parentSearchFilter(client: LeadwerkClient, term: string): Promise<string> {
	const pattern = quotedPattern(term);
	const idRows = z.array(z.object({ id: z.guid() }));
	const [leads, customers] = await Promise.all([
		client
			.from('leads')
			.select('id')
			.or(`name.ilike.${pattern},company.ilike.${pattern}`)
			.limit(searchLimit)
			.throwOnError(),
		client
			.from('customers')
			.select('id')
			.or(`company.ilike.${pattern}`)
			.limit(searchLimit)
			.throwOnError()
	]);
	const ids = (rows: unknown) =>
		idRows
			.parse(rows)
			.map((row) => row.id)
			.join(',');
	// An empty list matches nothing; the nil uuid keeps the filter well-formed.
	const none = '00000000-0000-0000-0000-000000000000';
	return `lead_id.in.(${ids(leads.data) || none}),customer_id.in.(${ids(customers.data) || none})`;
}

/** One proposal with its items in order, or null when it does not exist or is hidden. */
export async function fetchProposal(client: LeadwerkClient, id: string): Promise<Proposal | null> {
	const { data } = await client
		.from('proposals')
		.select(proposalColumns)
		.eq('id', id)
		.order('position', { referencedTable: 'items' })
		.maybeSingle()
		.throwOnError();
	return data === null ? null : proposalSchema.parse(data);
}

/**
 * Creates or saves a proposal with all its items in one transaction (save_proposal). A stale
 * version (someone saved meanwhile, PT409) throws a ProposalConflictError with the current one.
 */
export async function saveProposal(client: LeadwerkClient, save: ProposalSave): Promise<string> {
	const { data, error } = await client.rpc('save_proposal', {
		p_id: save.id,
		p_version: save.version,
		p_proposal: save.proposal,
		p_items: save.items
	});
	if (error?.code === 'PT409' && save.id) {
		throw new ProposalConflictError(await fetchProposal(client, save.id));
	}
	if (error) throw error;
	return z.guid().parse(data);
}

export async function setProposalStatus(
	client: LeadwerkClient,
	id: string,
	status: ProposalStatus
): Promise<void> {
	await client.rpc('set_proposal_status', { p_id: id, p_status: status }).throwOnError();
}

/** A new draft copy; returns its id. */
export async function duplicateProposal(client: LeadwerkClient, id: string): Promise<string> {
	const { data } = await client.rpc('duplicate_proposal', { p_id: id }).throwOnError();
	return z.guid().parse(data);
}

export async function deleteProposal(client: LeadwerkClient, id: string): Promise<void> {
	const { count } = await client
		.from('proposals')
		.delete({ count: 'exact' })
		.eq('id', id)
		.throwOnError();
	// Row level security hides what may not be deleted: nothing deleted is a refusal.
	if (!count) throw { code: '42501', message: 'proposal not deleted' };
}

/** A new public link (the old one stops working); returns the token. */
export async function renewProposalLink(client: LeadwerkClient, id: string): Promise<string> {
	const { data } = await client.rpc('renew_proposal_link', { p_id: id }).throwOnError();
	return z.string().parse(data);
}

export async function revokeProposalLink(client: LeadwerkClient, id: string): Promise<void> {
	await client.rpc('revoke_proposal_link', { p_id: id }).throwOnError();
}

export interface ProposalMail {
	proposal_id: string;
	to: string;
	message: string;
	attach_pdf: boolean;
}

/** A refusal of the send-proposal function, with its HTTP status and `error` code. */
export class ProposalMailError extends Error {
	constructor(
		readonly status: number,
		readonly reason: string
	) {
		super(`send-proposal refused (${status}): ${reason}`);
		this.name = 'ProposalMailError';
	}
}

/** Sends the proposal by e-mail through the send-proposal edge function (the caller's JWT). */
export async function sendProposal(client: LeadwerkClient, mail: ProposalMail): Promise<void> {
	const { error } = await client.functions.invoke('send-proposal', { body: mail });
	if (!error) return;
	const context: unknown = 'context' in error ? error.context : undefined;
	if (!(context instanceof Response)) throw error;
	const reply: unknown = await context.json().catch(() => null);
	const reason = z.object({ error: z.string() }).safeParse(reply);
	throw new ProposalMailError(context.status, reason.success ? reason.data.error : '');
}

/** The document of a proposal the caller may view (get_proposal_document), for the staff PDF. */
export async function fetchProposalDocument(
	client: LeadwerkClient,
	id: string
): Promise<PublicProposal | null> {
	const { data, error } = await client.rpc('get_proposal_document', { p_id: id });
	if (error?.code === 'PT404') return null;
	if (error) throw error;
	return publicProposalSchema.parse(data);
}

// --- Public (anon) --------------------------------------------------------------------------

/** The proposal behind a public token, or null (unknown, revoked or a draft). */
export async function fetchPublicProposal(
	client: LeadwerkClient,
	token: string
): Promise<PublicProposal | null> {
	const { data } = await client.rpc('get_public_proposal', { p_token: token }).throwOnError();
	return data === null ? null : publicProposalSchema.parse(data);
}

export async function acceptPublicProposal(
	client: LeadwerkClient,
	token: string,
	name: string,
	signature: string | null
): Promise<PublicProposal> {
	const { data } = await client
		.rpc('accept_proposal', { p_token: token, p_name: name, p_signature: signature })
		.throwOnError();
	return publicProposalSchema.parse(data);
}

export async function declinePublicProposal(
	client: LeadwerkClient,
	token: string,
	reason: string
): Promise<PublicProposal> {
	const { data } = await client
		.rpc('decline_proposal', { p_token: token, p_reason: reason })
		.throwOnError();
	return publicProposalSchema.parse(data);
}
