import { z } from 'zod';
import type { MessageKey } from '$lib/i18n/translate';
import { leadFormSchema, type Lead } from '$lib/leads/schema';

const message = (key: MessageKey) => ({ error: key });

/** A customer as the list shows it (design.md §3). */
export const customerSummarySchema = z.object({
	id: z.guid(),
	company: z.string(),
	contact_name: z.string().nullable(),
	contact_email: z.string().nullable(),
	contact_phone: z.string().nullable(),
	created_at: z.iso.datetime({ offset: true })
});

export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const customerSummaryColumns =
	'id, company, contact_name, contact_email, contact_phone, created_at';

/** A customer with its contact, the leads converted into it and its notes. */
export const customerSchema = customerSummarySchema.extend({
	vat_number: z.string().nullable(),
	phone: z.string().nullable(),
	website: z.string().nullable(),
	address: z.string().nullable(),
	city: z.string().nullable(),
	state: z.string().nullable(),
	zip: z.string().nullable(),
	country: z.string().nullable(),
	contact_position: z.string().nullable(),
	leads: z.array(
		z.object({
			id: z.guid(),
			name: z.string(),
			company: z.string().nullable(),
			converted_at: z.iso.datetime({ offset: true }).nullable()
		})
	),
	notes: z.array(
		z.object({
			id: z.guid(),
			body: z.string(),
			created_at: z.iso.datetime({ offset: true }),
			author: z.object({ full_name: z.string() }).nullable()
		})
	)
});

export type Customer = z.infer<typeof customerSchema>;

export const customerColumns = [
	customerSummaryColumns,
	'vat_number, phone, website, address, city, state, zip, country, contact_position',
	'leads(id, name, company, converted_at)',
	'notes:customer_notes(id, body, created_at, author:staff(full_name))'
].join(', ');

/** The customer a lead was converted into, as the lead page names it. */
export const leadCustomerSchema = z.object({ id: z.guid(), company: z.string() });

export type LeadCustomer = z.infer<typeof leadCustomerSchema>;

/**
 * The conversion dialog. The contact fields follow the lead form's rules (the customer columns
 * have the lead columns' limits); the company is required, as customers_company_length demands.
 * Empty fields are left out, so the database takes the lead's value for them.
 */
// The contact fields read the same in every UI language (only the lead's value does not).
const lead = leadFormSchema('de').shape;
export const conversionFormSchema = z
	.object({
		company: z
			.string()
			.trim()
			.min(1, message('validation.conversion.companyRequired'))
			.max(200, message('validation.tooLong')),
		contact_name: z.string().trim().max(200, message('validation.tooLong')),
		contact_position: lead.position,
		contact_email: lead.email,
		contact_phone: lead.phone,
		website: lead.website,
		address: lead.address,
		city: lead.city,
		state: lead.state,
		zip: lead.zip,
		country: lead.country,
		carryNotes: z.boolean()
	})
	.transform(({ carryNotes, ...fields }) => ({
		customer: Object.fromEntries(
			Object.entries(fields).filter(([, value]) => value !== null && value !== '')
		) as Partial<Record<keyof typeof fields, string>>,
		carryNotes
	}));

export type ConversionForm = z.input<typeof conversionFormSchema>;
export type Conversion = z.output<typeof conversionFormSchema>;
export type ConversionField = Exclude<keyof ConversionForm, 'carryNotes'>;

/** The dialog's starting values: the lead's own (design: "prefilled from the lead"). */
export function conversionFormValues(source: Lead): ConversionForm {
	return {
		company: source.company ?? source.name,
		contact_name: source.name,
		contact_position: source.position ?? '',
		contact_email: source.email ?? '',
		contact_phone: source.phone ?? '',
		website: source.website ?? '',
		address: source.address ?? '',
		city: source.city ?? '',
		state: source.state ?? '',
		zip: source.zip ?? '',
		country: source.country ?? '',
		carryNotes: true
	};
}
