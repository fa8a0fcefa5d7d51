import type { Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/translate';
import { errorMessageKey } from '$lib/query/request-error';
import { changedLeadFields, LeadConflictError, mergeColleagueChanges } from './conflict';
import { fieldMessages, type FieldMessage } from './field-messages';
import {
	leadFormSchema,
	leadFormValues,
	type Lead,
	type LeadField,
	type LeadInput
} from './schema';

export interface LeadConflict {
	/** The lead as a colleague saved it meanwhile. */
	current: Lead;
	/** The fields they changed. */
	fields: LeadField[];
}

/**
 * What the lead form holds between renders: the input, its messages, and for an edit the lead
 * it started from. Nothing here is cleared by a failed save, so nothing typed is lost.
 */
export class LeadFormState {
	values = $state(leadFormValues());
	errors = $state<Partial<Record<LeadField, FieldMessage>>>({});
	formError = $state<MessageKey | null>(null);
	conflict = $state<LeadConflict | null>(null);
	/** The stored lead being edited, as the form last read it; null while creating. */
	base = $state.raw<Lead | null>(null);
	#defaultsApplied = false;

	constructor(lead?: Lead) {
		this.reset(lead);
	}

	reset(lead?: Lead): void {
		this.values = leadFormValues(lead);
		this.base = lead ?? null;
		this.#defaultsApplied = false;
		this.errors = {};
		this.formError = null;
		this.conflict = null;
	}

	/**
	 * The input as it will be stored, or undefined with a message at every invalid field.
	 * Numbers are read in the notation of `locale`.
	 */
	validate(locale: Locale): LeadInput | undefined {
		this.formError = null;
		const parsed = leadFormSchema(locale).safeParse(this.values);
		this.errors = parsed.success ? {} : fieldMessages<LeadField>(parsed.error);
		return parsed.success ? parsed.data : undefined;
	}

	/**
	 * Takes in a failed save. A colleague's change to fields of this form becomes a conflict to
	 * decide; when they changed nothing the form shows, the form moves to their version and
	 * returns `retry`, as saving again then overwrites nothing of theirs.
	 */
	saveFailed(error: unknown): 'retry' | 'shown' {
		if (!(error instanceof LeadConflictError)) {
			this.formError = errorMessageKey(error);
			return 'shown';
		}
		if (!error.current || !this.base) {
			this.formError = 'lead.conflict.gone';
			return 'shown';
		}
		const fields = changedLeadFields(this.base, error.current);
		if (fields.length === 0) {
			this.base = error.current;
			return 'retry';
		}
		this.conflict = { current: error.current, fields };
		return 'shown';
	}

	/**
	 * Preselects a new lead's status and source (the settings' defaults, else the first open
	 * status), once per new form, so a choice the user made later is never undone.
	 */
	applyDefaults(defaults: { status_id: string | null; source_id: string | null }): void {
		if (this.base || this.#defaultsApplied) return;
		this.#defaultsApplied = true;
		this.values.status_id ||= defaults.status_id ?? '';
		this.values.source_id ||= defaults.source_id ?? '';
	}

	/** Takes over the colleague's values for the fields they changed and keeps the rest typed. */
	acceptTheirs(): void {
		if (!this.conflict || !this.base) return;
		this.values = mergeColleagueChanges(this.values, this.base, this.conflict.current);
		this.base = this.conflict.current;
		this.conflict = null;
	}

	/** Keeps the user's input; the next save overwrites the colleague's changes knowingly. */
	keepMine(): void {
		if (!this.conflict) return;
		this.base = this.conflict.current;
		this.conflict = null;
	}
}
