/**
 * A lead (design.md §3). The form schema turns what the lead form holds (text) into what the
 * database stores, with the same limits as the constraints in
 * supabase/migrations/20261127140200_leads.sql; issue messages are message keys.
 */
import { z } from 'zod';
import type { Locale } from '$lib/i18n/locales';
import type { MessageKey } from '$lib/i18n/translate';

const message = (key: MessageKey) => ({ error: key });

/** Same pattern as the `public.email_address` domain. */
const emailPattern = /^[A-Za-z0-9_'+.-]+@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;
const emailDotMistake = /(^\.|\.\.|\.@)/;
/** Same pattern as the `public.http_url` domain. */
const webAddressPattern = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$/i;

/** numeric(14, 2): twelve digits before the decimal point. */
export const maxLeadValue = 999_999_999_999.99;
export const maxTags = 20;
export const maxTagLength = 40;

/** Optional text: surrounding blanks dropped, empty becomes null. */
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, message('validation.tooLong'))
		.transform((text) => text || null);

const optionalId = z
	.union([z.literal(''), z.guid(message('validation.invalid'))])
	.transform((id) => id || null);

/** The decimal separator of each UI language; the other separator groups thousands. */
const decimalSeparators: Record<Locale, ',' | '.'> = { de: ',', en: '.' };

function readNumber(text: string, decimal: ',' | '.'): number | undefined {
	const group = decimal === ',' ? '.' : ',';
	const [d, g] = [decimal, group].map((separator) => `\\${separator}`);
	const grouped = new RegExp(`^\\d{1,3}(${g}\\d{3})+(${d}\\d+)?$`);
	const plain = new RegExp(`^\\d+(${d}\\d+)?$`);
	if (!grouped.test(text) && !plain.test(text)) return undefined;
	return Number(text.replaceAll(group, '').replace(decimal, '.'));
}

/**
 * What the user typed for the value: "12.500,50" in German, "12,500.50" in English, without
 * grouping or, when unambiguous, in the other language's notation ("12.5" in German).
 */
export function parseDecimal(text: string, locale: Locale): number | undefined {
	const compact = text.replace(/[\s\u00a0\u202f']/g, '');
	const own = decimalSeparators[locale];
	return readNumber(compact, own) ?? readNumber(compact, own === ',' ? '.' : ',');
}

const valueField = (locale: Locale) =>
	z
		.string()
		.trim()
		.transform((text, context) => {
			if (!text) return null;
			const value = parseDecimal(text, locale);
			if (value === undefined) {
				context.addIssue({ code: 'custom', message: 'validation.lead.valueInvalid' });
				return z.NEVER;
			}
			return value;
		})
		.pipe(
			z
				.number()
				.max(maxLeadValue, message('validation.lead.valueTooLarge'))
				.refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, {
					error: 'validation.lead.valueDecimals'
				})
				.nullable()
		);

/** Tags typed as a comma-separated list; duplicates dropped. */
export function splitTags(text: string): string[] {
	const tags = text
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
	return [...new Set(tags)];
}

const tagsField = z
	.string()
	.transform(splitTags)
	.pipe(
		z
			.array(z.string().max(maxTagLength, message('validation.lead.tagTooLong')))
			.max(maxTags, message('validation.lead.tooManyTags'))
	);

const emailField = z
	.string()
	.trim()
	.max(254, message('validation.tooLong'))
	.refine((email) => !email || (emailPattern.test(email) && !emailDotMistake.test(email)), {
		error: 'validation.emailInvalid'
	})
	.transform((email) => email || null);

const websiteField = z
	.string()
	.trim()
	// Most people type "example.com"; the database keeps whole addresses.
	.transform((address) =>
		address && !/^[a-z][a-z0-9+.-]*:/i.test(address) ? `https://${address}` : address
	)
	.pipe(
		z
			.string()
			.max(2048, message('validation.tooLong'))
			.refine((address) => !address || webAddressPattern.test(address), {
				error: 'validation.lead.websiteInvalid'
			})
			.transform((address) => address || null)
	);

export const leadLanguages = ['de', 'en'] as const;

/** The form's schema; the value is read in the notation of the UI language. */
export const leadFormSchema = (locale: Locale) =>
	z.object({
		name: z
			.string()
			.trim()
			.min(1, message('validation.lead.nameRequired'))
			.max(200, message('validation.tooLong')),
		position: optionalText(100),
		company: optionalText(200),
		email: emailField,
		phone: optionalText(50),
		website: websiteField,
		address: optionalText(500),
		city: optionalText(100),
		state: optionalText(100),
		zip: optionalText(20),
		country: optionalText(100),
		default_language: z
			.enum(['', ...leadLanguages], message('validation.invalid'))
			.transform((language) => language || null),
		description: optionalText(10_000),
		value: valueField(locale),
		tags: tagsField,
		status_id: z.guid(message('validation.lead.statusRequired')),
		source_id: optionalId,
		assigned_to: optionalId,
		is_public: z.boolean()
	});

/** What the form holds: text for every field but the public flag. */
export type LeadFormValues = z.input<ReturnType<typeof leadFormSchema>>;
/** What is written to `leads`. */
export type LeadInput = z.output<ReturnType<typeof leadFormSchema>>;
export type LeadField = keyof LeadFormValues;

const staffRefSchema = z.object({ id: z.guid(), full_name: z.string() });

/** A lead as the list, the board and the lead page read it. */
export const leadSchema = z.object({
	id: z.guid(),
	name: z.string(),
	position: z.string().nullable(),
	company: z.string().nullable(),
	email: z.string().nullable(),
	phone: z.string().nullable(),
	website: z.string().nullable(),
	address: z.string().nullable(),
	city: z.string().nullable(),
	state: z.string().nullable(),
	zip: z.string().nullable(),
	country: z.string().nullable(),
	default_language: z.enum(leadLanguages).nullable(),
	description: z.string().nullable(),
	value: z.number().nullable(),
	tags: z.array(z.string()),
	status_id: z.guid(),
	source_id: z.guid().nullable(),
	assigned_to: z.guid().nullable(),
	created_by: z.guid().nullable(),
	is_public: z.boolean(),
	last_contact_at: z.string().nullable(),
	lost: z.boolean(),
	junk: z.boolean(),
	board_position: z.number(),
	version: z.number().int(),
	created_at: z.string(),
	updated_at: z.string(),
	updated_by: z.guid().nullable(),
	assignee: staffRefSchema.nullable(),
	updater: staffRefSchema.nullable()
});

export type Lead = z.infer<typeof leadSchema>;

/** The select that fills `leadSchema`. */
export const leadColumns = [
	'id, name, position, company, email, phone, website, address, city, state, zip, country',
	'default_language, description, value, tags, status_id, source_id, assigned_to, created_by',
	'is_public, last_contact_at, lost, junk, board_position, version, created_at, updated_at',
	'updated_by, assignee:staff!leads_assigned_to_fkey(id, full_name)',
	'updater:staff!leads_updated_by_fkey(id, full_name)'
].join(', ');

/** The form's text for a stored lead (edit), or the empty form (create). */
export function leadFormValues(
	lead?: Lead,
	defaults: Partial<LeadFormValues> = {}
): LeadFormValues {
	return {
		name: lead?.name ?? '',
		position: lead?.position ?? '',
		company: lead?.company ?? '',
		email: lead?.email ?? '',
		phone: lead?.phone ?? '',
		website: lead?.website ?? '',
		address: lead?.address ?? '',
		city: lead?.city ?? '',
		state: lead?.state ?? '',
		zip: lead?.zip ?? '',
		country: lead?.country ?? '',
		default_language: lead?.default_language ?? '',
		description: lead?.description ?? '',
		value: lead?.value == null ? '' : String(lead.value),
		tags: lead?.tags.join(', ') ?? '',
		status_id: lead?.status_id ?? '',
		source_id: lead?.source_id ?? '',
		assigned_to: lead?.assigned_to ?? '',
		is_public: lead?.is_public ?? false,
		...defaults
	};
}
