import type { Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/translate';
import { fieldMessages, type FieldMessage } from '$lib/leads/field-messages';
import { ProposalConflictError, saveErrorPlace } from './save-errors';
import {
	decimalText,
	proposalFormSchema,
	proposalItemFormSchema,
	today,
	type Proposal,
	type ProposalField,
	type ProposalFormValues,
	type ProposalItemField,
	type ProposalItemFormValues,
	type ProposalItemInput,
	type ProposalPrefill,
	type ProposalSave
} from './schema';
import { computeProposalTotals, type ProposalTotals } from './totals';

/** An item row of the editor; `key` keeps its inputs (and focus) when rows move. */
export type ItemRow = ProposalItemFormValues & { key: string };

/** The tax rate new items start with (German standard VAT). */
export const defaultTaxRate = 19;

let nextKey = 1;
const rowKey = () => `item-${nextKey++}`;

export function emptyItem(locale: Locale): ItemRow {
	return {
		key: rowKey(),
		description: '',
		long_description: '',
		quantity: '1',
		unit: '',
		rate: '',
		tax_rate: decimalText(defaultTaxRate, locale)
	};
}

/** The editor's text for a stored proposal, or a new one prefilled from its lead or customer. */
export function proposalFormValues(
	source: Proposal | ProposalPrefill,
	locale: Locale
): ProposalFormValues {
	const stored = 'id' in source ? source : undefined;
	return {
		subject: stored?.subject ?? ('subject' in source ? (source.subject ?? '') : ''),
		date: stored?.date ?? today(),
		open_till: stored?.open_till ?? '',
		currency: stored?.currency ?? 'EUR',
		language: source.language,
		assigned_to: source.assigned_to ?? '',
		discount_type: stored?.discount_type ?? 'percent',
		discount_value: stored ? decimalText(stored.discount_value, locale) : '',
		recipient_name: source.recipient_name ?? '',
		recipient_company: source.recipient_company ?? '',
		recipient_email: source.recipient_email ?? '',
		recipient_address: source.recipient_address ?? '',
		notes: stored?.notes ?? '',
		terms: stored?.terms ?? ''
	};
}

function itemRows(proposal: Proposal | undefined, locale: Locale): ItemRow[] {
	if (!proposal) return [emptyItem(locale)];
	return [...proposal.items]
		.sort((a, b) => a.position - b.position)
		.map((item) => ({
			key: rowKey(),
			description: item.description,
			long_description: item.long_description ?? '',
			quantity: decimalText(item.quantity, locale),
			unit: item.unit ?? '',
			rate: decimalText(item.rate, locale),
			tax_rate: decimalText(item.tax_rate, locale)
		}));
}

type ItemErrors = Partial<Record<ProposalItemField, FieldMessage>>;

/**
 * What the proposal editor holds between renders: the proposal's fields, its item rows, their
 * messages and, when editing, the stored proposal it started from. A failed save clears nothing,
 * so nothing typed is lost.
 */
export class ProposalFormState {
	values: ProposalFormValues;
	items = $state<ItemRow[]>([]);
	errors = $state<Partial<Record<ProposalField, FieldMessage>>>({});
	itemErrors = $state<Record<string, ItemErrors>>({});
	formError = $state<MessageKey | null>(null);
	/** Someone saved meanwhile: the proposal as it is now (null: gone). */
	conflict = $state<{ current: Proposal | null } | null>(null);
	/** The stored proposal being edited; null while creating. */
	base = $state.raw<Proposal | null>(null);
	readonly #prefill: ProposalPrefill | null;

	constructor(source: Proposal | ProposalPrefill, locale: Locale) {
		this.#prefill = 'id' in source ? null : source;
		this.values = $state(proposalFormValues(source, locale));
		this.reset(source, locale);
	}

	reset(source: Proposal | ProposalPrefill, locale: Locale): void {
		const stored = 'id' in source ? source : undefined;
		this.values = proposalFormValues(source, locale);
		this.items = itemRows(stored, locale);
		this.base = stored ?? null;
		this.errors = {};
		this.itemErrors = {};
		this.formError = null;
		this.conflict = null;
	}

	addItem(locale: Locale): ItemRow {
		const row = emptyItem(locale);
		this.items.push(row);
		return row;
	}

	removeItem(key: string): void {
		this.items = this.items.filter((row) => row.key !== key);
		delete this.itemErrors[key];
	}

	/** Moves the row at `from` to `to` (drag and drop, or the up and down buttons). */
	moveItem(from: number, to: number): void {
		if (from === to || to < 0 || to >= this.items.length) return;
		const rows = [...this.items];
		const [row] = rows.splice(from, 1);
		rows.splice(to, 0, row);
		this.items = rows;
	}

	/**
	 * The totals as the database will compute them, from the rows that read as numbers (a row
	 * still being typed counts as nothing).
	 */
	preview(locale: Locale): ProposalTotals & { discount_value: number } {
		const itemSchema = proposalItemFormSchema(locale);
		const readable = this.items.flatMap((row) => {
			const parsed = itemSchema.shape.quantity.safeParse(row.quantity);
			const rate = itemSchema.shape.rate.safeParse(row.rate);
			const tax = itemSchema.shape.tax_rate.safeParse(row.tax_rate);
			return parsed.success && rate.success && tax.success
				? [{ quantity: parsed.data, rate: rate.data, tax_rate: tax.data }]
				: [];
		});
		const discount = proposalFormSchema(locale).shape.discount_value.safeParse(
			this.values.discount_value
		);
		const discountValue = discount.success ? discount.data : 0;
		return {
			...computeProposalTotals(
				readable,
				this.values.discount_type === 'amount' ? 'amount' : 'percent',
				discountValue
			),
			discount_value: discountValue
		};
	}

	/** The save as `save_proposal` takes it, or undefined with a message at every bad input. */
	validate(locale: Locale): ProposalSave | undefined {
		this.formError = null;
		const parsed = proposalFormSchema(locale).safeParse(this.values);
		this.errors = parsed.success ? {} : fieldMessages<ProposalField>(parsed.error);
		const itemSchema = proposalItemFormSchema(locale);
		const itemErrors: Record<string, ItemErrors> = {};
		const items: ProposalItemInput[] = [];
		for (const row of this.items) {
			const item = itemSchema.safeParse(row);
			if (item.success) items.push(item.data);
			else itemErrors[row.key] = fieldMessages<ProposalItemField>(item.error);
		}
		this.itemErrors = itemErrors;
		if (!parsed.success || Object.keys(itemErrors).length > 0) {
			this.formError = 'proposals.editor.fixErrors';
			return undefined;
		}
		return {
			id: this.base?.id ?? null,
			version: this.base?.version ?? null,
			proposal: this.#prefill ? { ...parsed.data, ...this.#prefill.parent } : parsed.data,
			items
		};
	}

	/** Takes in a refused save: a conflict to decide, or a message at its field or the form. */
	saveFailed(error: unknown): void {
		if (error instanceof ProposalConflictError) {
			this.conflict = { current: error.current };
			return;
		}
		const place = saveErrorPlace(error);
		if ('field' in place) this.errors = { ...this.errors, [place.field]: { key: place.key } };
		else if ('itemField' in place) this.formError = 'proposals.editor.itemRefused';
		else this.formError = place.key;
	}

	/** Keeps the input; the next save overwrites the colleague's version knowingly. */
	keepMine(): void {
		if (!this.conflict?.current) return;
		this.base = this.conflict.current;
		this.conflict = null;
	}

	/** Drops the input for the proposal as it is now. */
	takeTheirs(locale: Locale): void {
		if (this.conflict?.current) this.reset(this.conflict.current, locale);
	}
}
