import { z } from 'zod';

export const proposalStatuses = [
	'draft',
	'sent',
	'open',
	'revised',
	'declined',
	'accepted'
] as const;

export type ProposalStatus = (typeof proposalStatuses)[number];

/** A proposal as lists show it (design.md §3); totals are computed by the database. */
export const proposalSummarySchema = z.object({
	id: z.guid(),
	subject: z.string(),
	status: z.enum(proposalStatuses),
	date: z.iso.date(),
	open_till: z.iso.date().nullable(),
	currency: z.string(),
	// numeric arrives as a JSON number from PostgREST.
	total: z.coerce.number()
});

export type ProposalSummary = z.infer<typeof proposalSummarySchema>;

export const proposalSummaryColumns = 'id, subject, status, date, open_till, currency, total';
