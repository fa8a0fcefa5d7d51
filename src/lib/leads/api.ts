import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import type { LeadStatus } from '$lib/lead-statuses/schema';
import { boardOrder, type BoardPlacement } from './board';
import { LeadConflictError } from './conflict';
import type { LeadFilters } from './filters';
import {
	leadFilterConditions,
	leadOrder,
	leadSearchFilter,
	pageRange,
	sortEmbeds,
	type LeadOrder
} from './list-query';
import { leadColumns, leadSchema, type Lead, type LeadInput } from './schema';

const leadListSchema = z.array(leadSchema);

/** Leads matching the filters (search and conditions), selecting `columns`. */
function matchingLeads(
	client: LeadwerkClient,
	columns: string,
	filters: LeadFilters,
	options: { count?: 'exact' } = {}
) {
	let query = client.from('leads').select(columns, options);
	for (const condition of leadFilterConditions(filters, new Date())) {
		query = query.filter(condition.column, condition.operator, condition.value);
	}
	const search = leadSearchFilter(filters.q);
	return search ? query.or(search) : query;
}

function ordered<Query extends { order: (column: string, options: object) => Query }>(
	query: Query,
	order: LeadOrder[]
): Query {
	return order.reduce(
		(sorted, term) =>
			sorted.order(term.column, { ascending: term.ascending, nullsFirst: term.nullsFirst }),
		query
	);
}

export interface LeadPage {
	leads: Lead[];
	/** All leads matching the filters, over every page. */
	total: number;
}

/** One page of the table. A page past the end is empty rather than an error. */
export async function fetchLeadPage(
	client: LeadwerkClient,
	filters: LeadFilters
): Promise<LeadPage> {
	const embed = filters.sort ? sortEmbeds[filters.sort] : undefined;
	const columns = embed ? `${leadColumns}, ${embed}` : leadColumns;
	const { from, to } = pageRange(filters);
	const { data, count, error } = await ordered(
		matchingLeads(client, columns, filters, { count: 'exact' }),
		leadOrder(filters)
	).range(from, to);
	// PGRST103: the range starts after the last row.
	if (error?.code === 'PGRST103') return { leads: [], total: count ?? 0 };
	if (error) throw error;
	return { leads: leadListSchema.parse(data), total: count ?? 0 };
}

/** How many cards a board column shows; the table lists the rest. */
export const boardColumnLimit = 100;

export interface BoardColumn {
	status: LeadStatus;
	leads: Lead[];
	total: number;
}

/** The board: per status (those the filters allow) its first cards in board order. */
export async function fetchLeadBoard(
	client: LeadwerkClient,
	filters: LeadFilters,
	statuses: LeadStatus[]
): Promise<BoardColumn[]> {
	const shown = filters.status
		? statuses.filter((status) => status.id === filters.status)
		: statuses;
	return Promise.all(
		shown.map(async (status) => {
			const { data, count } = await ordered(
				matchingLeads(client, leadColumns, filters, { count: 'exact' }).eq('status_id', status.id),
				boardOrder
			)
				.limit(boardColumnLimit)
				.throwOnError();
			return { status, leads: leadListSchema.parse(data), total: count ?? 0 };
		})
	);
}

export interface StatusTotal {
	count: number;
	value: number;
}

const statusValueSchema = z.array(z.object({ status_id: z.guid(), value: z.number().nullable() }));
/** The most rows PostgREST returns per request (config.toml `max_rows`). */
const readBatch = 1000;

/**
 * Count and summed value per status of the leads matching the filters. PostgREST offers no
 * sums, so this reads the two columns of every matching lead in batches; a database function
 * returning the totals would spare that for large lists.
 */
export async function fetchLeadStatusTotals(
	client: LeadwerkClient,
	filters: LeadFilters
): Promise<Record<string, StatusTotal>> {
	const totals: Record<string, StatusTotal> = {};
	for (let from = 0; ; from += readBatch) {
		const { data } = await matchingLeads(client, 'status_id, value', filters)
			.order('id')
			.range(from, from + readBatch - 1)
			.throwOnError();
		const rows = statusValueSchema.parse(data);
		for (const row of rows) {
			const total = (totals[row.status_id] ??= { count: 0, value: 0 });
			total.count += 1;
			total.value += row.value ?? 0;
		}
		if (rows.length < readBatch) return totals;
	}
}

/** One lead, or null when it does not exist or the user may not see it (the same to RLS). */
export async function fetchLead(client: LeadwerkClient, id: string): Promise<Lead | null> {
	const { data } = await client
		.from('leads')
		.select(leadColumns)
		.eq('id', id)
		.maybeSingle()
		.throwOnError();
	return data === null ? null : leadSchema.parse(data);
}

export async function insertLead(client: LeadwerkClient, input: LeadInput): Promise<Lead> {
	const { data } = await client
		.from('leads')
		.insert(input)
		.select(leadColumns)
		.single()
		.throwOnError();
	return leadSchema.parse(data);
}

/**
 * Saves the form over the lead as it was read (`version`). When a colleague saved in between,
 * the database refuses (PT409) and this throws a LeadConflictError holding the lead as it is now.
 */
export async function updateLead(
	client: LeadwerkClient,
	id: string,
	input: LeadInput,
	version: number
): Promise<Lead> {
	const { data, error } = await client
		.from('leads')
		.update({ ...input, version })
		.eq('id', id)
		.select(leadColumns)
		.single();
	if (error?.code === 'PT409') throw new LeadConflictError(await fetchLead(client, id));
	if (error) throw error;
	return leadSchema.parse(data);
}

/** A card moved on the board: its status and the positions the move needs. */
export interface LeadMove {
	id: string;
	statusId: string;
	placements: BoardPlacement[];
}

/**
 * Writes a board move. Moving is not checked against `version`: a move changes nothing anyone
 * typed, and the last move wins as it would on a whiteboard.
 */
export async function moveLead(client: LeadwerkClient, move: LeadMove): Promise<void> {
	for (const placement of move.placements) {
		const changes =
			placement.id === move.id
				? { status_id: move.statusId, board_position: placement.board_position }
				: { board_position: placement.board_position };
		await client.from('leads').update(changes).eq('id', placement.id).throwOnError();
	}
}
