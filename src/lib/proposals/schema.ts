/**
 * Proposals (Vorschläge, design.md §3 and docs: the proposals contract). The database computes
 * every total and owns status, number, token and answer; these schemas read what it returns and
 * turn the editor's text into what `save_proposal` takes, with the limits of its constraints.
 */
import { z } from 'zod';
import type { Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/translate';
import { parseDecimal } from '$lib/leads/schema';

const message = (key: MessageKey) => ({ error: key });

export const proposalStatuses = [
	'draft',
	'sent',
	'open',
	'revised',
	'declined',
	'accepted'
] as const;

export type ProposalStatus = (typeof proposalStatuses)[number];

/** The status flow the database enforces (set_proposal_status). */
export const proposalTransitions: Record<ProposalStatus, readonly ProposalStatus[]> = {
	draft: ['sent', 'open'],
	sent: ['open', 'revised', 'declined', 'accepted'],
	open: ['sent', 'revised', 'declined', 'accepted'],
	revised: ['sent', 'open', 'declined', 'accepted'],
	declined: ['revised'],
	accepted: []
};

/** Statuses in which the lead can still answer through the public link. */
export const answerableStatuses: readonly ProposalStatus[] = ['sent', 'open', 'revised'];

export const proposalLanguages = ['de', 'en'] as const;
export type ProposalLanguage = (typeof proposalLanguages)[number];

/** Currencies offered in the editor; the database accepts any ISO 4217 code. */
export const proposalCurrencies = ['EUR', 'USD', 'GBP', 'CHF'] as const;

export const discountTypes = ['percent', 'amount'] as const;

/** "PRO-000042": the number as documents and lists show it. */
export function proposalNumber(number: number): string {
	return `PRO-${String(number).padStart(6, '0')}`;
}

// numeric arrives from PostgREST as a JSON number; coerce keeps a string form readable too.
const money = z.coerce.number();
const staffRefSchema = z.object({ id: z.guid(), full_name: z.string() });

export const taxGroupSchema = z.object({ rate: money, net: money, tax: money });

/** A proposal as lists show it. */
export const proposalSummarySchema = z.object({
	id: z.guid(),
	number: z.number().int(),
	subject: z.string(),
	status: z.enum(proposalStatuses),
	date: z.iso.date(),
	open_till: z.iso.date().nullable(),
	currency: z.string(),
	total: money,
	lead: z.object({ id: z.guid(), name: z.string(), company: z.string().nullable() }).nullable(),
	customer: z.object({ id: z.guid(), company: z.string() }).nullable(),
	assignee: staffRefSchema.nullable()
});

export type ProposalSummary = z.infer<typeof proposalSummarySchema>;

export const proposalSummaryColumns = [
	'id, number, subject, status, date, open_till, currency, total',
	'lead:leads(id, name, company), customer:customers(id, company)',
	'assignee:staff!proposals_assigned_to_fkey(id, full_name)'
].join(', ');

export const proposalItemSchema = z.object({
	id: z.guid(),
	position: z.number().int(),
	description: z.string(),
	long_description: z.string().nullable(),
	quantity: money,
	unit: z.string().nullable(),
	rate: money,
	tax_rate: money,
	amount: money
});

export type ProposalItem = z.infer<typeof proposalItemSchema>;

/** A proposal with everything the detail page, the editor and the staff PDF need. */
export const proposalSchema = proposalSummarySchema.extend({
	language: z.enum(proposalLanguages),
	discount_type: z.enum(discountTypes),
	discount_value: money,
	discount: money,
	subtotal: money,
	total_tax: money,
	tax_breakdown: z.array(taxGroupSchema),
	recipient_name: z.string().nullable(),
	recipient_company: z.string().nullable(),
	recipient_email: z.string().nullable(),
	recipient_address: z.string().nullable(),
	notes: z.string().nullable(),
	terms: z.string().nullable(),
	version: z.number().int(),
	public_token: z.string().nullable(),
	sent_at: z.string().nullable(),
	viewed_at: z.string().nullable(),
	accepted_at: z.string().nullable(),
	accepted_by_name: z.string().nullable(),
	signature: z.string().nullable(),
	declined_at: z.string().nullable(),
	decline_reason: z.string().nullable(),
	lead_id: z.guid().nullable(),
	customer_id: z.guid().nullable(),
	assigned_to: z.guid().nullable(),
	created_at: z.string(),
	creator: z
		.object({ id: z.guid(), full_name: z.string(), email: z.string().nullable() })
		.nullable(),
	items: z.array(proposalItemSchema)
});

export type Proposal = z.infer<typeof proposalSchema>;

export const proposalColumns = [
	proposalSummaryColumns,
	'language, discount_type, discount_value, discount, subtotal, total_tax, tax_breakdown',
	'recipient_name, recipient_company, recipient_email, recipient_address, notes, terms',
	'version, public_token, sent_at, viewed_at, accepted_at, accepted_by_name, signature',
	'declined_at, decline_reason, lead_id, customer_id, assigned_to, created_at',
	'creator:staff!proposals_created_by_fkey(id, full_name, email)',
	'items:proposal_items(id, position, description, long_description, quantity, unit, rate, tax_rate, amount)'
].join(', ');

/** What `get_public_proposal` returns: the document the lead sees, nothing internal. */
export const publicProposalSchema = z.object({
	number: z.number().int(),
	subject: z.string(),
	status: z.enum(proposalStatuses),
	date: z.iso.date(),
	open_till: z.iso.date().nullable(),
	currency: z.string(),
	language: z.enum(proposalLanguages),
	recipient_name: z.string().nullable(),
	recipient_company: z.string().nullable(),
	recipient_email: z.string().nullable(),
	recipient_address: z.string().nullable(),
	notes: z.string().nullable(),
	terms: z.string().nullable(),
	discount_type: z.enum(discountTypes),
	discount_value: money,
	discount: money,
	subtotal: money,
	total_tax: money,
	total: money,
	tax_breakdown: z.array(taxGroupSchema),
	accepted_at: z.string().nullable(),
	accepted_by_name: z.string().nullable(),
	signature: z.string().nullable(),
	declined_at: z.string().nullable(),
	decline_reason: z.string().nullable(),
	expired: z.boolean(),
	items: z.array(
		proposalItemSchema.omit({ id: true }).extend({ long_description: z.string().nullable() })
	),
	sender: z.object({
		company: z.string(),
		staff_name: z.string().nullable(),
		staff_email: z.string().nullable()
	})
});

export type PublicProposal = z.infer<typeof publicProposalSchema>;

// ---------------------------------------------------------------------------------------------
// The editor

/** numeric(12, 2) and numeric(14, 2): ten and twelve digits before the decimal point. */
const maxQuantity = 9_999_999_999.99;
const maxAmount = 999_999_999_999.99;

const hasTwoDecimalsAtMost = (value: number) =>
	Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

/** A decimal typed in the UI language's notation (or, when unambiguous, the other one). */
const decimalField = (
	locale: Locale,
	options: { required: MessageKey; min?: number; above?: number; max: number }
) =>
	z
		.string()
		.trim()
		.transform((text, context) => {
			const value = text ? parseDecimal(text, locale) : undefined;
			if (value === undefined) {
				context.addIssue({
					code: 'custom',
					message: text ? 'validation.proposal.numberInvalid' : options.required
				});
				return z.NEVER;
			}
			return value;
		})
		.pipe(
			z
				.number()
				.refine((value) => options.above === undefined || value > options.above, {
					error: 'validation.proposal.quantityPositive'
				})
				.refine((value) => value >= (options.min ?? 0), { error: 'validation.proposal.negative' })
				.refine((value) => value <= options.max, { error: 'validation.proposal.tooLarge' })
				.refine(hasTwoDecimalsAtMost, { error: 'validation.proposal.decimals' })
		);

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, message('validation.tooLong'))
		.transform((text) => text || null);

/** Same pattern as the `public.email_address` domain (see the lead schema). */
const emailPattern = /^[A-Za-z0-9_'+.-]+@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

export const proposalItemFormSchema = (locale: Locale) =>
	z.object({
		description: z
			.string()
			.trim()
			.min(1, message('validation.proposal.descriptionRequired'))
			.max(500, message('validation.tooLong')),
		long_description: optionalText(5000),
		quantity: decimalField(locale, {
			required: 'validation.proposal.quantityRequired',
			above: 0,
			max: maxQuantity
		}),
		unit: optionalText(20),
		rate: decimalField(locale, { required: 'validation.proposal.rateRequired', max: maxAmount }),
		tax_rate: decimalField(locale, { required: 'validation.proposal.taxRequired', max: 100 })
	});

export type ProposalItemFormValues = z.input<ReturnType<typeof proposalItemFormSchema>>;
export type ProposalItemInput = z.output<ReturnType<typeof proposalItemFormSchema>>;
export type ProposalItemField = keyof ProposalItemFormValues;

const isoDate = z.iso.date(message('validation.proposal.dateInvalid'));

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null;
const isText = (value: unknown): value is string => typeof value === 'string';

export const proposalFormSchema = (locale: Locale) =>
	z
		.object({
			subject: z
				.string()
				.trim()
				.min(1, message('validation.proposal.subjectRequired'))
				.max(200, message('validation.tooLong')),
			date: isoDate,
			open_till: z.union([z.literal(''), isoDate]).transform((date) => date || null),
			currency: z.string().regex(/^[A-Z]{3}$/, message('validation.invalid')),
			language: z.enum(proposalLanguages, message('validation.invalid')),
			assigned_to: z
				.union([z.literal(''), z.guid(message('validation.invalid'))])
				.transform((id) => id || null),
			discount_type: z.enum(discountTypes, message('validation.invalid')),
			discount_value: z
				.string()
				.transform((text) => text.trim() || '0')
				.pipe(
					decimalField(locale, { required: 'validation.proposal.numberInvalid', max: maxAmount })
				),
			recipient_name: optionalText(200),
			recipient_company: optionalText(200),
			recipient_email: z
				.string()
				.trim()
				.max(254, message('validation.tooLong'))
				.refine((email) => !email || emailPattern.test(email), {
					error: 'validation.emailInvalid'
				})
				.transform((email) => email || null),
			recipient_address: optionalText(1000),
			notes: optionalText(5000),
			terms: optionalText(5000)
		})
		// Cross-field rules run as soon as their own fields read, even while others are wrong.
		.refine((form) => !form.open_till || form.open_till >= form.date, {
			path: ['open_till'],
			error: 'validation.proposal.openTillBeforeDate',
			when: ({ value }) => isRecord(value) && isText(value.date) && isText(value.open_till)
		})
		.refine((form) => form.discount_type !== 'percent' || form.discount_value <= 100, {
			path: ['discount_value'],
			error: 'validation.proposal.percentTooLarge',
			when: ({ value }) => isRecord(value) && typeof value.discount_value === 'number'
		});

/** The editor's text fields of the proposal itself. */
export type ProposalFormValues = z.input<ReturnType<typeof proposalFormSchema>>;
/** The `p_proposal` keys the editor writes (lead_id / customer_id are added on create). */
export type ProposalInput = z.output<ReturnType<typeof proposalFormSchema>>;
export type ProposalField = keyof ProposalFormValues;

/** Whom a new proposal is for. */
export type ProposalParent = { lead_id: string } | { customer_id: string };

/** One `save_proposal` call: the proposal's keys and all its items in display order. */
export interface ProposalSave {
	id: string | null;
	version: number | null;
	proposal: ProposalInput & Partial<ProposalParent>;
	items: ProposalItemInput[];
}

/** A stored number as the form shows it in the UI language: no grouping, at most 2 decimals. */
export function decimalText(value: number, locale: Locale): string {
	return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 2 }).format(
		value
	);
}

/** Today as an ISO date in the browser's (or server's) zone. */
export function today(now = new Date()): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The recipient and language a new proposal starts from (its lead or customer). */
export interface ProposalPrefill {
	parent: ProposalParent;
	parentName: string;
	subject?: string;
	language: ProposalLanguage;
	assigned_to: string | null;
	recipient_name: string | null;
	recipient_company: string | null;
	recipient_email: string | null;
	recipient_address: string | null;
}
