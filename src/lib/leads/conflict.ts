import { leadFormValues, type Lead, type LeadField, type LeadFormValues } from './schema';

/**
 * A save refused because a colleague changed the lead after the form was opened (the database
 * answers a stale `version` with SQLSTATE PT409). `current` is the lead as it is now, or null
 * when it was deleted or the user may no longer see it.
 */
export class LeadConflictError extends Error {
	readonly code = 'PT409';

	constructor(readonly current: Lead | null) {
		super('The lead was changed by someone else.');
		this.name = 'LeadConflictError';
	}
}

/** The form fields whose stored value differs between two versions of a lead. */
export function changedLeadFields(before: Lead, after: Lead): LeadField[] {
	const old = leadFormValues(before);
	const now = leadFormValues(after);
	return (Object.keys(now) as LeadField[]).filter((field) => old[field] !== now[field]);
}

/**
 * The form after taking over a colleague's changes: their value for every field they changed,
 * the user's input everywhere else.
 */
export function mergeColleagueChanges(
	input: LeadFormValues,
	base: Lead,
	current: Lead
): LeadFormValues {
	const theirs = leadFormValues(current);
	const merged: LeadFormValues = { ...input };
	for (const field of changedLeadFields(base, current)) {
		(merged as Record<LeadField, unknown>)[field] = theirs[field];
	}
	return merged;
}
