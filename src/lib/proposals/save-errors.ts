import type { MessageKey } from '$lib/i18n/translate';
import { errorCode, errorMessageKey } from '$lib/query/request-error';
import type { Proposal, ProposalField, ProposalItemField } from './schema';

/**
 * A save refused because someone saved the proposal after the editor read it (stale `version`,
 * PT409). `current` is the proposal as it is now, or null when it is gone or hidden.
 */
export class ProposalConflictError extends Error {
	readonly code = 'PT409';

	constructor(readonly current: Proposal | null) {
		super('The proposal was changed by someone else.');
		this.name = 'ProposalConflictError';
	}
}

/** Where a refused save's message belongs: a field of the proposal, an item field, or the form. */
export type SaveErrorPlace =
	| { field: ProposalField; key: MessageKey }
	| { itemField: ProposalItemField; key: MessageKey }
	| { key: MessageKey };

const proposalFields: ProposalField[] = [
	'recipient_company',
	'recipient_address',
	'recipient_email',
	'recipient_name',
	'discount_value',
	'discount_type',
	'assigned_to',
	'open_till',
	'currency',
	'language',
	'subject',
	'notes',
	'terms',
	'date'
];
const itemFields: ProposalItemField[] = [
	'long_description',
	'description',
	'quantity',
	'tax_rate',
	'unit',
	'rate'
];

/** The constraint a check violation (23514) names in its message. */
function violatedConstraint(error: unknown): string | undefined {
	const text = (error as { message?: unknown }).message;
	return typeof text === 'string' ? /constraint "([^"]+)"/.exec(text)?.[1] : undefined;
}

/** The translated-later message of a failed save_proposal or status change, and its place. */
export function saveErrorPlace(error: unknown): SaveErrorPlace {
	const code = errorCode(error);
	if (code === 'PT423') return { key: 'proposals.error.accepted' };
	if (code === 'PT404') return { key: 'proposals.error.gone' };
	if (code === '23514') {
		const constraint = violatedConstraint(error) ?? '';
		// Constraint names start with the table and the column (proposals_subject_length …).
		if (constraint === 'proposals_open_till_after_date')
			return { field: 'open_till', key: 'validation.proposal.openTillBeforeDate' };
		if (constraint === 'proposals_discount_percent_at_most_100')
			return { field: 'discount_value', key: 'validation.proposal.percentTooLarge' };
		if (constraint.startsWith('proposal_items_')) {
			const rest = constraint.slice('proposal_items_'.length);
			const itemField = itemFields.find((field) => rest.startsWith(field));
			if (itemField) return { itemField, key: 'validation.invalid' };
		} else if (constraint.startsWith('proposals_')) {
			const rest = constraint.slice('proposals_'.length);
			const field = proposalFields.find((candidate) => rest.startsWith(candidate));
			if (field) return { field, key: 'validation.invalid' };
		}
	}
	return { key: errorMessageKey(error) };
}
